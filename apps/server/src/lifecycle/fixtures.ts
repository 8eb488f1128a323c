import { and, eq, isNotNull } from 'drizzle-orm';
import { systemNow } from '@handled/db';
import { bookings, invoices, jobs } from '@handled/db/schema';
import { createBookingFor } from '../harness/fixtures.ts';
import { eventually } from '../testing/eventually.ts';
import type { TestStack } from '../testing/stack.ts';

const realNow = systemNow;

/** Moves the server's clock (every service and the worker read `deps.now`). */
export function setClock(stack: TestStack, at: Date | number) {
  const t = new Date(at).getTime();
  stack.deps.now = () => new Date(t);
}

export function resetClock(stack: TestStack) {
  stack.deps.now = realNow;
}

/** A booking the provider accepted and the client paid through the Stripe emulator: `confirmed`. */
export async function confirmedBookingFor(stack: TestStack, clientEmail: string, providerEmail: string, hours = 2, roomFor = hours) {
  const requested = await createBookingFor(stack, clientEmail, providerEmail, hours, roomFor);
  const provider = await stack.clientAs(providerEmail);
  await provider.bookings.accept.mutate({ id: requested.id });
  const invoice = await eventually(async () => {
    const [row] = await stack.deps.db
      .select()
      .from(invoices)
      .where(and(eq(invoices.bookingId, requested.id), isNotNull(invoices.stripeInvoiceId)));
    if (!row?.stripeInvoiceId) throw new Error('no invoice yet');
    return row;
  });
  await stack.deps.stripe.invoices.pay(invoice.stripeInvoiceId!, { paid_out_of_band: true });
  await eventually(async () => {
    const [row] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, requested.id));
    if (row?.status !== 'confirmed') throw new Error(`still ${row?.status}`);
  });
  return requested;
}

/**
 * A booking the provider did and the client confirmed: `completed`, through the real commands
 * (accept, pay, on my way, start, complete with the whole checklist, confirm). Moves the server's
 * clock through the job and puts it back to the real time afterwards.
 */
export async function completedBookingFor(stack: TestStack, clientEmail: string, providerEmail: string, hours = 2) {
  const booking = await confirmedBookingFor(stack, clientEmail, providerEmail, hours);
  const provider = await stack.clientAs(providerEmail);
  const client = await stack.clientAs(clientEmail);
  const start = new Date(booking.startsAt).getTime();
  try {
    setClock(stack, start - 30 * 60_000);
    await provider.lifecycle.onMyWay.mutate({ id: booking.id });
    setClock(stack, start);
    await provider.lifecycle.start.mutate({ id: booking.id });
    const { checklist } = await provider.lifecycle.job.query({ id: booking.id });
    setClock(stack, start + hours * 3_600_000);
    await provider.lifecycle.complete.mutate({ id: booking.id, checklist: checklist.map((c) => c.item) });
    setClock(stack, start + hours * 3_600_000 + 60 * 60_000);
    await client.lifecycle.confirmCompletion.mutate({ id: booking.id });
  } finally {
    resetClock(stack);
  }
  return booking;
}

export async function bookingRow(stack: TestStack, id: string) {
  const [row] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, id));
  if (!row) throw new Error(`no booking ${id}`);
  return row;
}

export async function jobsOf(stack: TestStack, bookingId: string, type?: string) {
  const rows = await stack.deps.db.select().from(jobs);
  return rows.filter((j) => j.payload['bookingId'] === bookingId && (!type || j.type === type));
}

/** The tRPC error code of a rejected call, for `expect(await codeOf(...)).toBe('CONFLICT')`. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    const data = (e as { data?: { code?: string } }).data;
    return data?.code ?? `THROWN: ${(e as Error).message}`;
  }
}
