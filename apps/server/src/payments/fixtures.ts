import { and, eq, isNotNull } from 'drizzle-orm';
import { bookings, invoices, ledgerEntries, providerProfiles, users } from '@handled/db/schema';
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
export async function completeOnboarding(url: string) {
  const res = await fetch(url, {
    method: 'POST',
    body: new URLSearchParams({ name: 'Sam Plumbing', first_name: 'Sam', last_name: 'Ortiz', routing: '110000000', account_number: '000123456789' }),
    redirect: 'manual',
  });
  if (res.status >= 400) throw new Error(`onboarding failed: ${res.status} ${await res.text()}`);
  return res.headers.get('location');
}
