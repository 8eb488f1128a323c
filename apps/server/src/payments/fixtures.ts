import { and, eq, isNotNull } from 'drizzle-orm';
import { bookings, invoices, ledgerEntries, payouts, providerProfiles, users } from '@handled/db/schema';
import { expect } from 'vitest';
import { createBookingFor } from '../harness/fixtures.ts';
import { setClock } from '../lifecycle/fixtures.ts';
import { eventually } from '../testing/eventually.ts';
import type { TestStack } from '../testing/stack.ts';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
export const maya = 'maya@demo.handled.test';
export const leo = 'leo@demo.handled.test';
export const sam = 'sam@demo.handled.test';
export const priya = 'priya@demo.handled.test';
export const ana = 'ana@demo.handled.test';

export async function userId(stack: TestStack, email: string): Promise<string> {
  const [u] = await stack.deps.db.select().from(users).where(eq(users.email, email));
  if (!u) throw new Error(`no user ${email}`);
  return u.id;
}

export async function setProvider(stack: TestStack, email: string, patch: Partial<typeof providerProfiles.$inferInsert>) {
  await stack.deps.db.update(providerProfiles).set(patch).where(eq(providerProfiles.userId, await userId(stack, email)));
}

export async function invoiceOf(stack: TestStack, bookingId: string) {
  return eventually(async () => {
    const [row] = await stack.deps.db.select().from(invoices).where(and(eq(invoices.bookingId, bookingId), isNotNull(invoices.stripeInvoiceId)));
    if (!row?.hostedUrl) throw new Error('no invoice yet');
    return row;
  }, 30_000);
}

/** A person pays on the emulator's hosted invoice page with a test card. */
export async function payOnHostedPage(stack: TestStack, stripeInvoiceId: string, card = '4242424242424242') {
  return fetch(`${stack.emulatorsUrl}/_/stripe/invoices/${stripeInvoiceId}/pay`, {
    method: 'POST',
    body: new URLSearchParams({ number: card, exp: '12/40', cvc: '123', postal_code: '10036' }),
    redirect: 'manual',
  });
}

export async function bookingStatus(stack: TestStack, id: string) {
  const [row] = await stack.deps.db.select().from(bookings).where(eq(bookings.id, id));
  return row;
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  return eventually(async () => {
    const v = await fn();
    if (!v) throw new Error(`waiting for ${what}`);
    return v;
  }, timeoutMs);
}

export async function ledgerSum(stack: TestStack, bookingId?: string) {
  const rows = bookingId ? await stack.deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.bookingId, bookingId)) : await stack.deps.db.select().from(ledgerEntries);
  return { sum: rows.reduce((s, r) => s + r.amount, 0), rows };
}

/** Express onboarding through the emulator's page (what the provider does in the browser). */
export async function completeOnboarding(url: string, accountNumber = '000123456789') {
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ name: 'Sam Plumbing', first_name: 'Sam', last_name: 'Ortiz', routing: '110000000', account_number: accountNumber }),
    redirect: 'manual',
  });
  if (res.status >= 400) throw new Error(`onboarding failed: ${res.status} ${await res.text()}`);
  return res.headers.get('location');
}

const startOf = (b: { startsAt: string }) => new Date(b.startsAt).getTime();

/** A requested booking the provider accepts, and its invoice. */
export async function acceptAndInvoice(stack: TestStack, clientEmail: string, providerEmail: string, hours = 2, beforeAccept?: (id: string) => Promise<void>) {
  const b = await createBookingFor(stack, clientEmail, providerEmail, hours);
  if (beforeAccept) await beforeAccept(b.id);
  await (await stack.clientAs(providerEmail)).bookings.accept.mutate({ id: b.id });
  return { b, invoice: await invoiceOf(stack, b.id) };
}

/** Paid, started, completed and confirmed by the client: the machine's `schedule_payout`. */
export async function paidAndConfirmed(stack: TestStack, clientEmail: string, providerEmail: string) {
  const { b, invoice } = await acceptAndInvoice(stack, clientEmail, providerEmail);
  expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
  const provider = await stack.clientAs(providerEmail);
  setClock(stack, startOf(b) - 20 * MIN);
  await provider.lifecycle.start.mutate({ id: b.id });
  setClock(stack, startOf(b) + 150 * MIN);
  const items = (await provider.lifecycle.job.query({ id: b.id })).checklist.map((c) => c.item);
  await provider.lifecycle.complete.mutate({ id: b.id, checklist: items, notes: 'Done' });
  setClock(stack, startOf(b) + 4 * HOUR);
  await (await stack.clientAs(clientEmail)).lifecycle.confirmCompletion.mutate({ id: b.id });
  return { b, invoice };
}

/** The provider onboards (with a Stripe test bank account number) and waits until the platform sees them ready. */
export async function onboardProvider(stack: TestStack, providerEmail: string, accountNumber = '000123456789') {
  const provider = await stack.clientAs(providerEmail);
  const link = await provider.payouts.onboardingLink.mutate();
  await completeOnboarding(link.url, accountNumber);
  await waitFor('ready', async () => (await provider.payouts.status.query()).state === 'ready');
  return link.accountId;
}

/** The booking's payout row once it is paid (transferred). */
export async function paidPayout(stack: TestStack, bookingId: string) {
  return waitFor('payout paid', async () => {
    const [p] = await stack.deps.db.select().from(payouts).where(eq(payouts.bookingId, bookingId));
    return p?.status === 'paid' ? p : null;
  });
}

/** POSTs JSON to an emulator control endpoint. */
export async function emulatorControl<T = unknown>(stack: TestStack, path: string, body: unknown = {}): Promise<T> {
  const res = await fetch(`${stack.emulatorsUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
