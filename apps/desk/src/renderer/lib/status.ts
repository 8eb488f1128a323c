const eventLabels: Record<string, string> = {
  'booking.requested': 'Requested',
  'booking.accepted': 'Accepted — invoice sent',
  'booking.declined': 'Declined',
  'booking.expired': 'Expired',
  'booking.confirmed': 'Client paid — confirmed',
  'booking.payment_recorded': 'Payment received',
  'booking.payment_after_close': 'Late payment refunded',
  'booking.cancelled': 'Cancelled',
  'booking.on_my_way': 'On the way',
  'booking.started': 'Job started',
  'booking.completed': 'Job completed',
  'booking.completion_confirmed': 'Client confirmed completion',
  'booking.auto_confirmed': 'Completion confirmed automatically',
  'booking.disputed': 'Client raised a problem',
  'booking.dispute_resolved': 'Problem resolved',
  'booking.client_no_show': 'Client did not show',
  'booking.provider_no_show': 'Provider did not show',
};

// System events (a payment, an expiry) speak for themselves: no actor shown.
const actorLabels: Record<string, string> = { client: 'by the client', provider: 'by you', admin: 'by Handled support' };

export function eventLabel(type: string): string {
  return (
    eventLabels[type] ??
    type
      .replace(/^booking\./, '')
      .replace(/_/g, ' ')
      .replace(/^./, (c) => c.toUpperCase())
  );
}

export function actorLabel(actor: string | null): string {
  return actor ? (actorLabels[actor] ?? '') : '';
}
