import { eq } from 'drizzle-orm';
import { formatMoney } from '@handled/core/money';
import { paymentDueAt } from '@handled/core/payment-deadline';
import { createBookingInvoice } from '@handled/integrations/stripe/invoices';
import { billingCustomers, bookings, invoices } from '@handled/db/schema';
import { findBooking } from '../../repositories/bookings.ts';
import { findCategory, findProvider, userById } from '../../repositories/providers.ts';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';

const taxNames: Record<string, string> = { US: 'Sales tax', GB: 'VAT', AU: 'GST', CA: 'GST/HST', IE: 'VAT' };

function localWhen(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(d);
}

/**
 * Job `invoice.create`: the invoice for an accepted booking, with one line per item, due before the
 * service date. The amounts come from the booking's price snapshot, so the invoice total equals it.
 */
export async function createInvoiceForBooking(deps: ServiceDeps, bookingId: string): Promise<void> {
  const { db } = deps;
  const booking = await findBooking(db, bookingId);
  if (!booking) throw new Error(`Booking ${bookingId} not found`);
  const existing = await db.select().from(invoices).where(eq(invoices.bookingId, bookingId));
  if (existing.some((i) => i.status !== 'void')) return;
  const [client, provider, category] = await Promise.all([
    userById(db, booking.clientId),
    findProvider(db, booking.providerId),
    findCategory(db, booking.categoryId),
  ]);
  if (!client || !provider || !category) throw new Error(`Booking ${bookingId} refers to missing rows`);
  const [customer] = await db.select().from(billingCustomers).where(eq(billingCustomers.userId, client.id));

  const p = booking.price;
  const hours = p.quarterHours / 4;
  const when = localWhen(booking.startsAt, booking.timeZone);
  const a = booking.address;
  const state = await createBookingInvoice(deps.stripe, {
    bookingId: booking.id,
    bookingReference: booking.reference,
    version: 1,
    customer: { userId: client.id, email: client.email, name: client.name, stripeCustomerId: customer?.stripeCustomerId ?? null },
    currency: p.currency,
    lines: [
      {
        description: `${category.name} by ${provider.displayName}: ${hours} h at ${formatMoney({ amount: p.hourlyRate, currency: p.currency })}/h, ${when}, ${a.line1}, ${a.city}`,
        amount: p.service,
        taxable: true,
      },
      { description: 'Handled booking fee', amount: p.platformFee, taxable: true },
    ],
    tax: p.taxBps > 0 ? { rateBps: p.taxBps, displayName: taxNames[provider.country] ?? 'Tax', country: provider.country } : null,
    description: `Booking ${booking.reference}: ${category.name} with ${provider.displayName} on ${when}. ${booking.details}`.slice(0, 500),
    dueAt: paymentDueAt(deps.now(), booking.startsAt, { maxDays: deps.config.invoiceDaysUntilDue }),
    metadata: { provider_id: provider.userId, client_id: client.id },
  });
  const now = deps.now();
  await db.transaction(async (tx) => {
    if (!customer)
      await tx.insert(billingCustomers).values({ userId: client.id, stripeCustomerId: state.stripeCustomerId }).onConflictDoNothing();
    await tx
      .insert(invoices)
      .values({
        bookingId: booking.id,
        stripeInvoiceId: state.stripeInvoiceId,
        number: state.number,
        status: state.status,
        paymentStatus: 'open',
        currency: p.currency,
        total: state.total,
        amountPaid: state.amountPaid,
        amountRemaining: state.amountRemaining,
        hostedUrl: state.hostedUrl,
        pdfUrl: state.pdfUrl,
        dueAt: state.dueAt,
      })
      .onConflictDoNothing({ target: invoices.stripeInvoiceId });
    await tx.update(bookings).set({ paymentStatus: 'open' }).where(eq(bookings.id, booking.id));
    if (state.total !== p.total)
      deps.log.error({ bookingId, invoiceTotal: state.total, snapshotTotal: p.total }, 'invoice total differs from the price snapshot');
    await enqueue(
      tx,
      { type: 'notify', payload: { bookingId, to: 'client', template: 'invoice.sent' }, key: `notify:invoice.sent:${state.stripeInvoiceId}` },
      now,
    );
  });
}
