import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import { DomainError } from '@handled/core/errors';
import { bookingEvents, payments, receipts } from '@handled/db/schema';
import { escapeHtml } from '@handled/core/html';
import type { SessionUser } from '../../context.ts';
import { findBooking, latestInvoiceOf } from '../../repositories/bookings.ts';
import { findCategory, findProvider, userById } from '../../repositories/providers.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { buildReceipt } from './receipt-model.ts';
import { renderReceiptPdf } from './render-pdf.ts';

type ReceiptRow = typeof receipts.$inferSelect;

/** Events after which the booking is settled, so their receipt is the final one. */
const finalEvents = new Set(['booking.completion_confirmed', 'booking.auto_confirmed', 'booking.dispute_resolved']);

async function buildAndStore(deps: ServiceDeps, bookingId: string, eventId: string): Promise<ReceiptRow | null> {
  const { db } = deps;
  const booking = await findBooking(db, bookingId);
  if (!booking) return null;
  const [event] = await db.select().from(bookingEvents).where(eq(bookingEvents.id, eventId)).limit(1);
  const [provider, providerUser, client, category, invoice, paid, [countRow]] = await Promise.all([
    findProvider(db, booking.providerId),
    userById(db, booking.providerId),
    userById(db, booking.clientId),
    findCategory(db, booking.categoryId),
    latestInvoiceOf(db, booking.id),
    db
      .select()
      .from(payments)
      .where(and(eq(payments.bookingId, booking.id), inArray(payments.status, ['succeeded', 'partially_refunded', 'refunded'])))
      .orderBy(asc(payments.paidAt)),
    db.select({ n: count() }).from(receipts).where(eq(receipts.bookingId, booking.id)),
  ]);
  if (!provider || !providerUser || !client || !category) throw new Error(`Receipt for ${bookingId}: booking parties are missing`);
  const kind = event && finalEvents.has(event.type) ? 'final' : 'payment';
  const number = `${booking.reference}-R${(countRow?.n ?? 0) + 1}`;
  const issuedAt = deps.now();
  const model = buildReceipt({
    number,
    kind,
    issuedAt,
    booking,
    provider: { name: provider.displayName, email: providerUser.email, city: provider.city, region: provider.region, country: provider.country },
    client: { name: client.name, email: client.email },
    serviceName: category.name,
    invoiceNumber: invoice?.number ?? null,
    payments: paid.map((p) => ({ paidAt: p.paidAt, amount: p.amount, refunded: p.refunded })),
  });
  const pdf = await renderReceiptPdf(model, { creationDate: issuedAt });
  const storageKey = `receipts/${booking.id}/${number}.pdf`;
  await deps.storage.put(storageKey, pdf, 'application/pdf');
  const total = model.charges.at(-1)?.value ?? 0;
  await db
    .insert(receipts)
    .values({ bookingId: booking.id, eventId, number, kind, storageKey, total, currency: booking.currency, createdAt: issuedAt })
    .onConflictDoNothing({ target: receipts.eventId });
  const [row] = await db.select().from(receipts).where(eq(receipts.eventId, eventId));
  return row ?? null;
}

/**
 * Job `generate.receipt`: one PDF per receipt-worthy event (full payment, confirmed completion),
 * stored privately and emailed to the client with the PDF attached. Re-running it after a crash
 * reuses what was already stored and sends the email at most once (keyed by the event).
 */
export async function generateReceipt(deps: ServiceDeps, input: { bookingId: string; eventId: string }) {
  const [existing] = await deps.db.select().from(receipts).where(eq(receipts.eventId, input.eventId));
  const receipt = existing ?? (await buildAndStore(deps, input.bookingId, input.eventId));
  if (!receipt || receipt.emailedAt) return;
  const [booking, file] = await Promise.all([findBooking(deps.db, receipt.bookingId), deps.storage.get(receipt.storageKey)]);
  if (!booking || !file) throw new Error(`Receipt ${receipt.number} is missing its booking or file`);
  const client = await userById(deps.db, booking.clientId);
  if (!client) return;
  const link = `${deps.config.webUrl}/bookings/${booking.id}`;
  const title = receipt.kind === 'final' ? `Your receipt for booking ${booking.reference}` : `Payment receipt for booking ${booking.reference}`;
  await deps.email.send({
    to: client.email,
    subject: title,
    text: `Hi ${client.name.split(' ')[0]},\n\nYour receipt ${receipt.number} is attached as a PDF. You can also download it from your booking: ${link}\n\nThank you for using Handled.`,
    html: `<p>Hi ${escapeHtml(client.name.split(' ')[0] ?? '')},</p><p>Your receipt <b>${escapeHtml(receipt.number)}</b> is attached as a PDF. You can also download it from <a href="${escapeHtml(link)}">your booking</a>.</p><p>Thank you for using Handled.</p>`,
    idempotencyKey: `receipt:${receipt.eventId}`,
    attachments: [{ filename: `${receipt.number}.pdf`, content: Buffer.from(file.body), contentType: 'application/pdf' }],
  });
  await deps.db.update(receipts).set({ emailedAt: deps.now() }).where(eq(receipts.id, receipt.id));
}

/** Receipts of a booking for its client, provider or an admin, newest first, with download paths. */
export async function receiptsOf(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const rows = await deps.db.select().from(receipts).where(eq(receipts.bookingId, booking.id)).orderBy(desc(receipts.createdAt));
  return rows.map((r) => ({
    number: r.number,
    kind: r.kind,
    total: r.total,
    currency: r.currency,
    createdAt: r.createdAt.toISOString(),
    emailedAt: r.emailedAt?.toISOString() ?? null,
    /** Always the newest receipt of the booking. */
    url: `/receipts/${booking.id}.pdf`,
  }));
}

/** The newest receipt's PDF for `GET /receipts/:bookingId.pdf`; NOT_FOUND for anyone else. */
export async function readLatestReceipt(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const [latest] = await deps.db.select().from(receipts).where(eq(receipts.bookingId, booking.id)).orderBy(desc(receipts.createdAt)).limit(1);
  if (!latest) throw new DomainError('NOT_FOUND', 'There is no receipt for this booking yet.');
  const file = await deps.storage.get(latest.storageKey);
  if (!file) throw new DomainError('NOT_FOUND', 'That receipt is missing from storage.');
  return { body: file.body, filename: `${latest.number}.pdf` };
}
