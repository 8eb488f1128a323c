import { describeZone, formatInZone, formatTimeSpan } from '@handled/core/time-in-zone';
import { formatMoney, type Currency } from '@handled/core/money';
import { repriceBooking, type PriceSnapshot } from '@handled/core';

export interface ReceiptInput {
  number: string;
  kind: 'payment' | 'final';
  issuedAt: Date;
  booking: {
    reference: string;
    status: string;
    startsAt: Date;
    endsAt: Date;
    timeZone: string;
    estimatedQuarterHours: number;
    actualQuarterHours: number | null;
    price: PriceSnapshot;
    details: string;
    address: { line1: string; line2?: string; city: string; region?: string; postalCode: string; country: string };
    cancellationFee: number | null;
  };
  provider: { name: string; email: string; city: string; region: string; country: string };
  client: { name: string; email: string };
  serviceName: string;
  invoiceNumber: string | null;
  payments: { paidAt: Date; amount: number; refunded: number }[];
  /** What the provider recorded when finishing the job (final receipts). */
  work?: ReceiptWorkInput | undefined;
}

export interface ReceiptWorkInput {
  checklist: { item: string; done: boolean }[];
  notes: string;
  /** Thumbnails as JPEG (the PDF's image formats), before photos first. */
  photos: { kind: 'before' | 'after'; jpeg: Buffer; width: number; height: number }[];
}

export interface ReceiptWork {
  hours: string;
  checklist: { item: string; done: boolean }[];
  notes: string | null;
  photos: ReceiptWorkInput['photos'];
}

export interface ReceiptLine {
  label: string;
  amount: string;
  /** Minor units, for tests and totals. */
  value: number;
  strong?: boolean;
}

export interface ReceiptModel {
  title: string;
  number: string;
  issued: string;
  reference: string;
  invoiceNumber: string | null;
  provider: { name: string; lines: string[] };
  client: { name: string; lines: string[] };
  service: { name: string; details: string; date: string; time: string; zone: string; address: string; hours: string; rate: string };
  charges: ReceiptLine[];
  payments: ReceiptLine[];
  summary: ReceiptLine[];
  note: string;
  currency: Currency;
  /** The job as the provider documented it; on final receipts of completed jobs. */
  work: ReceiptWork | null;
}

const hoursLabel = (q: number) => `${q / 4} h`;

/**
 * Everything a receipt says, as text, in the provider's time zone with the zone named. The
 * charges follow the hours actually worked once the job is done (the payments side settles any
 * difference); the payments and refunds are what was really collected and returned.
 */
export function buildReceipt(input: ReceiptInput): ReceiptModel {
  const b = input.booking;
  const currency = b.price.currency;
  const fmt = (amount: number) => formatMoney({ amount, currency });
  const line = (label: string, value: number, strong = false): ReceiptLine => ({
    label,
    amount: fmt(value),
    value,
    ...(strong ? { strong } : {}),
  });
  const zone = b.timeZone;
  const date = formatInZone(b.startsAt, zone, 'long-date');
  const zoneLabel = `${describeZone(zone, b.startsAt).label} — ${zone}`;
  const issued = formatInZone(input.issuedAt, zone, 'issued');

  const worked = input.kind === 'final' && b.actualQuarterHours !== null ? b.actualQuarterHours : null;
  const price = worked !== null && worked !== b.price.quarterHours ? repriceBooking(b.price, worked / 4) : b.price;
  const cancelled = b.status === 'cancelled' || b.status === 'no_show';
  const charges: ReceiptLine[] = cancelled
    ? [line(`Cancellation fee (${input.serviceName})`, b.cancellationFee ?? 0), line('Total', b.cancellationFee ?? 0, true)]
    : [
        line(`${input.serviceName} — ${hoursLabel(price.quarterHours)} × ${fmt(price.hourlyRate)}/h`, price.service),
        line('Booking fee', price.platformFee),
        line(`Tax (${(price.taxBps / 100).toFixed(price.taxBps % 100 === 0 ? 0 : 2)}%)`, price.tax),
        // Materials the provider bought for the job, at cost (receipts on the booking page).
        ...(price.expenses ? [line('Materials (receipts)', price.expenses)] : []),
        line('Total', price.total, true),
      ];
  const total = charges.at(-1)?.value ?? 0;

  const payments: ReceiptLine[] = [];
  for (const p of input.payments) {
    payments.push(line(`Payment received ${formatInZone(p.paidAt, zone, 'date')}`, p.amount));
    if (p.refunded > 0) payments.push(line('Refunded to your card', -p.refunded));
  }
  const paid = input.payments.reduce((s, p) => s + p.amount, 0);
  const refunded = input.payments.reduce((s, p) => s + p.refunded, 0);
  const net = paid - refunded;
  const balance = total - net;
  const summary: ReceiptLine[] = [line('Paid', paid), ...(refunded > 0 ? [line('Refunded', -refunded)] : []), line('Net paid', net, true)];
  if (balance > 0) summary.push(line('Balance due', balance, true));
  if (balance < 0) summary.push(line('Credit due to you', -balance, true));

  const bookedHours = hoursLabel(b.estimatedQuarterHours);
  return {
    title: input.kind === 'final' ? 'Receipt' : 'Payment receipt',
    number: input.number,
    issued,
    reference: b.reference,
    invoiceNumber: input.invoiceNumber,
    provider: {
      name: input.provider.name,
      lines: [[input.provider.city, input.provider.region].filter(Boolean).join(', '), input.provider.country, input.provider.email],
    },
    client: { name: input.client.name, lines: [input.client.email] },
    service: {
      name: input.serviceName,
      details: b.details,
      date,
      time: formatTimeSpan(b.startsAt, b.endsAt, zone, false),
      zone: zoneLabel,
      address: [b.address.line1, b.address.line2, b.address.city, b.address.region, b.address.postalCode, b.address.country]
        .filter(Boolean)
        .join(', '),
      hours: worked !== null ? `${bookedHours} booked, ${hoursLabel(worked)} worked` : `${bookedHours} booked`,
      rate: `${fmt(b.price.hourlyRate)} per hour`,
    },
    charges,
    payments: payments.length > 0 ? payments : [line('No payments yet', 0)],
    summary,
    work:
      input.kind === 'final' && input.work && !cancelled
        ? {
            hours: worked !== null ? `${hoursLabel(worked)} worked (${bookedHours} estimated)` : `${bookedHours} estimated`,
            checklist: input.work.checklist,
            notes: input.work.notes.trim() || null,
            photos: input.work.photos,
          }
        : null,
    note:
      input.kind === 'final'
        ? 'The job is complete and confirmed. Thank you for booking with Handled.'
        : 'Payment received. This receipt is updated when the job is complete.',
    currency,
  };
}
