/** The parts of `payments.forBooking` the schedule shows. */
export interface PaymentsForSchedule {
  currency: string;
  total: number;
  status: string;
  invoices: {
    id: string;
    number: string | null;
    status: string;
    total: number;
    amountPaid: number;
    amountRemaining: number;
    hostedUrl: string | null;
    pdfUrl: string | null;
  }[];
  instalments: {
    seq: number;
    kind: string;
    amount: number;
    dueAt: string | null;
    status: string;
    paidAt: string | null;
    invoiceId: string | null;
    cancelsAt: string | null;
  }[];
  refunds: { amount: number; status: string }[];
}

export type RowState = 'planned' | 'due' | 'partially_paid' | 'paid' | 'overdue' | 'failed' | 'refunded' | 'void';

export interface ScheduleRow {
  seq: number;
  label: string;
  amount: number;
  /** Paid so far on this payment (all of it once paid). */
  amountPaid: number;
  dueAt: string | null;
  paidAt: string | null;
  state: RowState;
  /** The hosted invoice page, on the one payment that can be paid next. */
  payUrl: string | null;
  /** When an overdue payment still unpaid cancels the booking. */
  cancelsAt: string | null;
}

const stored: Record<string, RowState> = {
  scheduled: 'planned',
  open: 'due',
  paid: 'paid',
  failed: 'failed',
  overdue: 'overdue',
  void: 'void',
  refunded: 'refunded',
};

/** Words for each state, for the badge and for screen readers. */
export const rowStateLabel: Record<RowState, string> = {
  planned: 'Planned',
  due: 'Due',
  partially_paid: 'Partly paid',
  paid: 'Paid',
  overdue: 'Overdue',
  failed: 'Payment failed',
  refunded: 'Refunded',
  void: 'Cancelled',
};

/** The booking's payment status in words. */
export const paymentStatusLabel: Record<string, string> = {
  open: 'Due',
  partially_paid: 'Partly paid',
  paid: 'Paid',
  overdue: 'Overdue',
  failed: 'Payment failed',
  void: 'Cancelled',
  refunded: 'Refunded',
  partly_refunded: 'Partly refunded',
};

function labelOf(kind: string, index: number, count: number): string {
  if (kind === 'deposit') return 'Deposit';
  if (kind === 'balance') return 'Balance after the job';
  if (kind === 'instalment') return `Instalment ${index} of ${count}`;
  return 'Full payment';
}

const unpaid = (s: RowState) => s === 'due' || s === 'partially_paid' || s === 'overdue' || s === 'failed';

/**
 * One row per payment of the schedule. Money already on an invoice beyond its paid payments is
 * shown on the first unpaid one (a partial payment); only that one links to the hosted page, as
 * the hosted page always takes the next payment due.
 */
export function scheduleRows(view: PaymentsForSchedule, opts: { closed?: boolean } = {}): ScheduleRow[] {
  const rows = openRows(view);
  // A closed booking (cancelled, declined, expired, no-show) asks for nothing more, whatever the
  // invoice's void job has done yet: what was not paid is cancelled, and nothing links to a payment.
  return opts.closed
    ? rows.map((r) => (unpaid(r.state) || r.state === 'planned' ? { ...r, state: 'void', payUrl: null, cancelsAt: null } : r))
    : rows;
}

function openRows(view: PaymentsForSchedule): ScheduleRow[] {
  const instalmentCount = view.instalments.filter((i) => i.kind === 'instalment').length;
  let instalmentIndex = 0;
  const credit = new Map<string, number>();
  const payable = new Set<string>();
  for (const inv of view.invoices) {
    const paidRows = view.instalments.filter((i) => i.invoiceId === inv.id && i.status === 'paid').reduce((s, i) => s + i.amount, 0);
    credit.set(inv.id, Math.max(0, inv.amountPaid - paidRows));
    if (inv.status === 'open' && inv.amountRemaining > 0 && inv.hostedUrl) payable.add(inv.id);
  }
  const firstInvoice = view.invoices.find((inv) => inv.status !== 'void')?.id;
  return view.instalments.map((i) => {
    if (i.kind === 'instalment') instalmentIndex += 1;
    // A later invoice of the booking (materials, extra hours, a change) is an additional payment.
    const additional = i.kind === 'full' && i.invoiceId !== null && firstInvoice !== undefined && i.invoiceId !== firstInvoice;
    const invoice = view.invoices.find((inv) => inv.id === i.invoiceId);
    let state = stored[i.status] ?? 'due';
    let amountPaid = state === 'paid' || state === 'refunded' ? i.amount : 0;
    const extra = i.invoiceId ? (credit.get(i.invoiceId) ?? 0) : 0;
    if (unpaid(state) && extra > 0 && i.invoiceId) {
      amountPaid = Math.min(extra, i.amount);
      credit.set(i.invoiceId, extra - amountPaid);
      if (state === 'due') state = amountPaid >= i.amount ? 'paid' : 'partially_paid';
    }
    let payUrl: string | null = null;
    if (unpaid(state) && invoice && i.invoiceId && payable.has(i.invoiceId)) {
      payUrl = invoice.hostedUrl;
      payable.delete(i.invoiceId);
    }
    return {
      seq: i.seq,
      label: additional ? 'Additional payment' : labelOf(i.kind, instalmentIndex, instalmentCount),
      amount: i.amount,
      amountPaid,
      dueAt: i.dueAt,
      paidAt: i.paidAt,
      state,
      payUrl,
      cancelsAt: state === 'overdue' ? i.cancelsAt : null,
    };
  });
}

/** Paid, still to pay and refunded, over the invoices that count (not voided ones); nothing is still to pay on a closed booking. */
export function paymentTotals(view: PaymentsForSchedule, opts: { closed?: boolean } = {}) {
  const live = view.invoices.filter((i) => i.status !== 'void');
  return {
    paid: live.reduce((s, i) => s + i.amountPaid, 0),
    remaining: opts.closed ? 0 : live.filter((i) => i.status === 'open').reduce((s, i) => s + i.amountRemaining, 0),
    refunded: view.refunds.filter((r) => r.status === 'succeeded').reduce((s, r) => s + r.amount, 0),
  };
}

/** The payment to make now, if any. */
export function nextPayment(rows: ScheduleRow[]): ScheduleRow | null {
  return rows.find((r) => r.payUrl !== null) ?? null;
}
