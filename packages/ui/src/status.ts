/** How each booking status reads and which status colour it wears. */
export type StatusTone =
  | 'requested'
  | 'accepted'
  | 'confirmed'
  | 'in_progress'
  | 'completed'
  | 'cancelled'
  | 'declined'
  | 'expired'
  | 'disputed';

export interface StatusMeta {
  label: string;
  tone: StatusTone;
}

const meta: Record<string, StatusMeta> = {
  requested: { label: 'Requested', tone: 'requested' },
  accepted: { label: 'Accepted', tone: 'accepted' },
  confirmed: { label: 'Confirmed', tone: 'confirmed' },
  in_progress: { label: 'In progress', tone: 'in_progress' },
  completed: { label: 'Completed', tone: 'completed' },
  cancelled: { label: 'Cancelled', tone: 'cancelled' },
  declined: { label: 'Declined', tone: 'declined' },
  expired: { label: 'Expired', tone: 'expired' },
  no_show: { label: 'No-show', tone: 'declined' },
  disputed: { label: 'Problem reported', tone: 'disputed' },
};

export function statusMeta(status: string): StatusMeta {
  return meta[status] ?? { label: status.replace(/_/g, ' '), tone: 'cancelled' };
}
