import sharp from 'sharp';
import { DomainError } from '@handled/core/errors';
import { escapeHtml } from '@handled/core/html';
import type { SessionUser } from '../../context.ts';
import { bookingEventById, bookingWithParties } from '../../repositories/bookings.ts';
import { photosOf } from '../../repositories/attachments.ts';
import { paymentsOfBooking } from '../../repositories/payments.ts';
import { findCategory } from '../../repositories/providers.ts';
import {
  countReceiptsOf,
  insertReceipt,
  markReceiptEmailed,
  receiptForEvent,
  receiptsOfBooking,
  type ReceiptRow,
} from '../../repositories/receipts.ts';
import { tipOfBooking } from '../../repositories/tips.ts';
import { loadOwnedBooking } from '../bookings/queries.ts';
import type { ServiceDeps } from '../deps.ts';
import { buildReceipt, type ReceiptWorkInput } from './receipt-model.ts';
import { languageOf, tHtml, translator } from '../notifications/i18n/index.ts';
import { languagesOf } from '../../repositories/notification-delivery.ts';
import { renderReceiptPdf } from './render-pdf.ts';

/**
 * What the provider recorded for a done job: the category's checklist with what was ticked, the
 * notes, and the before/after thumbnails as JPEG (PDFKit reads JPEG and PNG, the thumbnails are WebP).
 */
async function workOf(
  deps: ServiceDeps,
  booking: { id: string; categoryId: string; checklist: { item: string; done: boolean }[] | null; completionNotes: string | null },
): Promise<ReceiptWorkInput> {
  const [category, photos] = await Promise.all([
    findCategory(deps.db, booking.categoryId),
    photosOf(deps.db, booking.id, ['before', 'after']),
  ]);
  const ticks = new Map((booking.checklist ?? []).map((c) => [c.item, c.done]));
  const template = category?.checklist ?? [];
  const thumbs = await Promise.all(
    photos.map(async (p) => {
      const file = p.thumbKey ? await deps.storage.get(p.thumbKey) : null;
      if (!file) return null;
      const { data, info } = await sharp(file.body)
        .flatten({ background: '#ffffff' })
        .jpeg({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      return { kind: p.kind === 'before' ? ('before' as const) : ('after' as const), jpeg: data, width: info.width, height: info.height };
    }),
  );
  return {
    checklist: template.map((item) => ({ item, done: ticks.get(item) ?? false })),
    notes: booking.completionNotes ?? '',
    photos: [...thumbs.filter((t) => t !== null)].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'before' ? -1 : 1)),
  };
}

/** Events after which the booking is settled, so their receipt is the final one. */
const finalEvents = new Set(['booking.completion_confirmed', 'booking.auto_confirmed', 'booking.dispute_resolved']);

async function buildAndStore(deps: ServiceDeps, bookingId: string, eventId: string): Promise<ReceiptRow | null> {
  const { db } = deps;
  const [found, event, paid, earlier] = await Promise.all([
    bookingWithParties(db, bookingId),
    bookingEventById(db, eventId),
    paymentsOfBooking(db, bookingId, ['succeeded', 'partially_refunded', 'refunded']),
    countReceiptsOf(db, bookingId),
  ]);
  if (!found) return null;
  const { booking, provider, client, category, latestInvoice: invoice } = found;
  const kind = event && finalEvents.has(event.type) ? 'final' : 'payment';
  const number = `${booking.reference}-R${earlier + 1}`;
  const issuedAt = deps.now();
  const model = buildReceipt({
    number,
    kind,
    issuedAt,
    booking,
    provider: {
      name: provider.displayName,
      email: provider.email,
      city: provider.city,
      region: provider.region,
      country: provider.country,
    },
    client: { name: client.name, email: client.email },
    serviceName: category.name,
    invoiceNumber: invoice?.number ?? null,
    payments: paid.map((p) => ({ paidAt: p.paidAt, amount: p.amount, refunded: p.refunded })),
    work: kind === 'final' && booking.completedAt ? await workOf(deps, booking) : undefined,
  });
  const pdf = await renderReceiptPdf(model, { creationDate: issuedAt });
  const storageKey = `receipts/${booking.id}/${number}.pdf`;
  await deps.storage.put(storageKey, pdf, 'application/pdf');
  const total = model.charges.at(-1)?.value ?? 0;
  await insertReceipt(db, {
    bookingId: booking.id,
    eventId,
    number,
    kind,
    storageKey,
    total,
    currency: booking.currency,
    createdAt: issuedAt,
  });
  return (await receiptForEvent(db, eventId)) ?? null;
}

/**
 * Job `generate.receipt`: one PDF per receipt-worthy event (full payment, confirmed completion),
 * stored privately and emailed to the client with the PDF attached. Re-running it after a crash
 * reuses what was already stored and sends the email at most once (keyed by the event).
 */
export async function generateReceipt(deps: ServiceDeps, input: { bookingId: string; eventId: string }) {
  const receipt = (await receiptForEvent(deps.db, input.eventId)) ?? (await buildAndStore(deps, input.bookingId, input.eventId));
  if (!receipt || receipt.emailedAt) return;
  const [found, file] = await Promise.all([bookingWithParties(deps.db, receipt.bookingId), deps.storage.get(receipt.storageKey)]);
  if (!found || !file) throw new Error(`Receipt ${receipt.number} is missing its booking or file`);
  const { booking, client, provider } = found;
  const link = `${deps.config.webUrl}/bookings/${booking.id}`;
  // In the client's language.
  const tr = translator(languageOf((await languagesOf(deps.db, [client.id])).get(client.id)));
  const { t } = tr;
  const title = t(receipt.kind === 'final' ? 'receipt.finalTitle' : 'receipt.paymentTitle', { ref: booking.reference });
  // The final receipt offers a tip (all of it to the provider) unless one was given already.
  const providerFirst = provider.displayName.split(' ')[0] ?? provider.displayName;
  const tipped = (await tipOfBooking(deps.db, booking.id))?.status === 'paid';
  const tipLink = receipt.kind === 'final' && !tipped ? `${link}#tip` : null;
  const tipText = tipLink ? `\n\n${t('receipt.tipText', { name: providerFirst, link: tipLink })}` : '';
  const tipHtml = tipLink
    ? `<p>${tHtml(tr, 'receipt.tipHtml', {}, { tipLink: `<a href="${escapeHtml(tipLink)}">${escapeHtml(t('receipt.tipLink', { name: providerFirst }))}</a>` })}</p>`
    : '';
  const greeting = t('email.greeting', { name: client.name.split(' ')[0] ?? '' });
  const attachedHtml = tHtml(
    tr,
    'receipt.attachedHtml',
    {},
    {
      number: `<b>${escapeHtml(receipt.number)}</b>`,
      booking: `<a href="${escapeHtml(link)}">${escapeHtml(t('receipt.yourBooking'))}</a>`,
    },
  );
  await deps.email.send({
    to: client.email,
    subject: title,
    text: `${greeting}\n\n${t('receipt.attachedText', { number: receipt.number, link })}${tipText}\n\n${t('receipt.thanks')}`,
    html: `<p>${escapeHtml(greeting)}</p><p>${attachedHtml}</p>${tipHtml}<p>${escapeHtml(t('receipt.thanks'))}</p>`,
    idempotencyKey: `receipt:${receipt.eventId}`,
    attachments: [{ filename: `${receipt.number}.pdf`, content: Buffer.from(file.body), contentType: 'application/pdf' }],
  });
  await markReceiptEmailed(deps.db, receipt.id, deps.now());
}

/** Receipts of a booking for its client, provider or an admin, newest first, with download paths. */
export async function receiptsOf(deps: ServiceDeps, user: SessionUser, bookingId: string) {
  const booking = await loadOwnedBooking(deps.db, user, bookingId);
  const rows = await receiptsOfBooking(deps.db, booking.id);
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
  const [latest] = await receiptsOfBooking(deps.db, booking.id, 1);
  if (!latest) throw new DomainError('NOT_FOUND', 'There is no receipt for this booking yet.');
  const file = await deps.storage.get(latest.storageKey);
  if (!file) throw new DomainError('NOT_FOUND', 'That receipt is missing from storage.');
  return { body: file.body, filename: `${latest.number}.pdf` };
}
