import { describe, expect, it } from 'vitest';
import { IntlMessageFormat } from 'intl-messageformat';
import { priceBooking } from '@handled/core';
import { cancellationPolicies, describePolicy } from '@handled/core/booking';
import { formatMoney } from '@handled/core/money';
import { formatSpan, formatWhen, zoneLabel } from '@handled/core/time-in-zone';
import { notificationButtonLabels, notificationButtons } from '@handled/core/telegram-buttons';
import type { MessageRow } from '../../repositories/messages.ts';
import { emergencyNumber, emergencyTexts } from '../emergency/emergency.ts';
import { renderDigest } from '../messages/digest.ts';
import { resetPasswordEmail, verificationEmail } from '../accounts/emails.ts';
import type { BookingRow } from '../../repositories/bookings.ts';
import { bookingEmailContent, policyWords } from './booking-email.ts';
import { createTranslator, tHtml, translator } from './i18n/index.ts';
import { en } from './i18n/en.ts';
import { es } from './i18n/es.ts';
import { renderEmail } from './layout.ts';
import { render, type MessageContext, type Recipient } from './templates.ts';

const startsAt = new Date('2027-06-11T14:00:00Z');
const client: Recipient = { userId: 'c1', name: 'Maya Chen', email: 'maya@example.test', timeZone: 'America/New_York', role: 'client' };
const provider: Recipient = { userId: 'p1', name: 'Sam Fixer', email: 'sam@example.test', timeZone: 'America/New_York', role: 'provider' };

function ctx(): MessageContext {
  const booking = {
    id: 'b1',
    reference: 'HD-TEST01',
    version: 1,
    status: 'confirmed',
    startsAt,
    endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
    estimatedQuarterHours: 8,
    currency: 'USD',
    address: { line1: '14 Elm St', city: 'Brooklyn', postalCode: '11201', country: 'US' },
    cancellationPolicy: { name: 'moderate' },
    details: 'Leaking tap',
    contactPhone: null,
    actualQuarterHours: null,
    cancelledBy: 'client',
    price: priceBooking({ hourlyRate: 9000, hours: 2, currency: 'USD', taxBps: 0 }),
  } as unknown as BookingRow;
  booking.total = booking.price.total;
  return { booking, client, provider, categoryName: 'Plumbing', invoice: null, webUrl: 'http://web.test', deskUrl: 'http://desk.test' };
}

describe('notifications in the reader language', () => {
  it('an English reader reads what they always read', () => {
    const c = ctx();
    const msg = render('booking.confirmed', client, c);
    const at = formatWhen(startsAt, 'America/New_York');
    const total = formatMoney({ amount: c.booking.total, currency: 'USD' });
    expect(msg?.title).toBe('Confirmed: Plumbing with Sam');
    expect(msg?.body).toBe(`Paid ${total}. Sam will see you on ${at}.`);
    expect(render('booking.reminder', provider, c)?.body).toBe('Plumbing, 2 h, at 14 Elm St, Brooklyn. Phone .');
    const content = bookingEmailContent(c, client, msg!, 'booking.confirmed');
    expect(content.greeting).toBe('Hi Maya,');
    expect(content.footer).toBe(`Booking HD-TEST01. Times are shown in ${zoneLabel('America/New_York', startsAt)}.`);
    expect(content.footer).toContain('New York time (EDT, UTC-04:00)');
    expect(content.price?.total).toEqual({ label: 'Total', amount: total });
    expect(content.sections).toContainEqual({ heading: 'Cancellation terms', lines: [`Moderate policy: ${describePolicy('moderate')}`] });
    const email = renderEmail({ ...content, unsubscribeUrl: 'http://api.test/u?x=1&y=2' });
    expect(email.html).toContain('<html lang="en">');
    expect(email.html).toContain('href="http://api.test/u?x=1&amp;y=2"');
    expect(email.text.split('\n').at(-1)).toBe('Unsubscribe: http://api.test/u?x=1&y=2');
  });

  it('a Spanish reader in Madrid gets Spanish words, the time in Madrid (the zone named) and money written for es', () => {
    const c = ctx();
    const maya: Recipient = { ...client, timeZone: 'Europe/Madrid', language: 'es' };
    const msg = render('booking.confirmed', maya, c);
    const total = new Intl.NumberFormat('es', { style: 'currency', currency: 'USD' }).format(c.booking.total / 100);
    expect(total).toMatch(/US\$/);
    // 14:00 UTC is 16:00 in Madrid (summer time), written the Spanish way.
    const at = new Intl.DateTimeFormat('es', {
      timeZone: 'Europe/Madrid',
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    })
      .format(startsAt)
      .replace(/[\u202f\u00a0]/g, ' ');
    expect(at).toContain('16:00');
    expect(msg?.title).toBe('Confirmada: Plumbing con Sam');
    expect(msg?.body).toBe(`Pagado: ${total}. Sam te verá el ${at}.`);
    const content = bookingEmailContent(c, maya, msg!, 'booking.confirmed');
    expect(content.greeting).toBe('Hola, Maya:');
    expect(content.footer).toBe('Reserva HD-TEST01. Las horas se muestran en hora de Madrid (CEST, UTC+02:00).');
    expect(content.details?.[0]?.label).toBe('Cuándo');
    expect(content.details?.[0]?.value).toContain('16:00 – 18:00');
    expect(content.price?.total).toEqual({ label: 'Total', amount: total });
    expect(content.sections?.[0]?.heading).toBe('Condiciones de cancelación');
    const email = renderEmail({ ...content, unsubscribeUrl: 'http://api.test/u' }, 'es');
    expect(email.html).toContain('<html lang="es">');
    expect(email.text).toContain('Hola, Maya:');
    expect(email.text).toContain('Darte de baja: http://api.test/u');
    expect(email.html).toContain('Darte de baja de estos correos');
  });

  it('a key missing from a catalogue reads in English', () => {
    const bare = createTranslator('es', {});
    expect(bare.t('booking.when')).toBe('When');
    // …while dates and money stay in the reader's locale.
    expect(bare.money(123450, 'EUR')).toBe(new Intl.NumberFormat('es', { style: 'currency', currency: 'EUR' }).format(1234.5));
    expect(translator('es').t('booking.when')).toBe('Cuándo');
    expect(translator('fr').language).toBe('en');
  });

  it('every message of every catalogue parses, and the Spanish one has every key', () => {
    for (const text of Object.values(en)) expect(() => new IntlMessageFormat(text, 'en-US')).not.toThrow();
    for (const text of Object.values(es)) expect(() => new IntlMessageFormat(text ?? '', 'es')).not.toThrow();
    expect(Object.keys(en).filter((k) => !(k in es))).toEqual([]);
  });

  it("the policies in English words are core's", () => {
    for (const name of [...Object.keys(cancellationPolicies), 'unknown'])
      expect(policyWords(name, translator('en'))).toBe(describePolicy(name));
  });

  it('every booking template renders in both languages for both sides', () => {
    const templates = [
      'booking.requested',
      'booking.accepted',
      'invoice.sent',
      'booking.confirmed',
      'booking.reminder',
      'booking.declined',
      'booking.expired',
      'booking.cancelled',
      'booking.client_no_show',
      'booking.provider_no_show',
      'booking.tipped',
      'booking.on_my_way',
      'booking.started',
      'booking.completed',
      'booking.completion_confirmed',
      'booking.disputed',
      'booking.changed',
      'booking.calendar_move_declined',
      'booking.change_proposed',
      'review.requested',
      'review.reminder',
      'booking.in_progress',
    ];
    const c: MessageContext = {
      ...ctx(),
      settlement: { fee: 4500, refund: 13500, providerShare: 3825, commissionBps: 1500 },
      tip: { amount: 1000 },
      requestPhotos: 2,
      work: { checklist: [{ item: 'Fix', done: true }], notes: 'Done', photos: { before: 1, after: 2 } },
    };
    for (const language of ['en', 'es'] as const)
      for (const to of [client, provider])
        for (const template of templates) {
          const msg = render(template, { ...to, language }, c);
          if (!msg) continue;
          expect(msg.title).not.toMatch(/[{}]/);
          expect(msg.body).not.toMatch(/[{}]/);
          bookingEmailContent(c, { ...to, language }, msg, template);
        }
    expect(render('booking.cancelled', { ...client, language: 'es' }, c)?.body.replace(/\u00a0/g, ' ')).toContain(
      'el cargo por cancelación tardía es de 45,00 US$; 135,00 US$ vuelven a tu tarjeta.',
    );
    expect(render('booking.cancelled', client, c)?.body).toContain(
      'the late-cancellation fee is $45.00; $135.00 goes back to your card. Sam receives $38.25 of it.',
    );
  });

  it('every key has a Spanish text (and every Telegram button a Spanish label)', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(es[key], key).toBeTypeOf('string');
      expect(es[key]?.trim(), key).not.toBe('');
    }
    for (const label of Object.keys(notificationButtonLabels.en))
      expect(notificationButtonLabels.es[label as keyof typeof notificationButtonLabels.es], label).toMatch(/\S/);
    expect(Object.keys(notificationButtonLabels.es).sort()).toEqual(Object.keys(notificationButtonLabels.en).sort());
  });

  const digestMessages = [
    { id: 'm1', body: 'Is 10 ok?', attachmentId: null },
    { id: 'm2', body: '', attachmentId: 'a1' },
  ] as unknown as MessageRow[];
  const digestFacts = {
    senderName: 'Sam Fixer',
    categoryName: 'Plumbing',
    startsAt,
    reference: 'HD-TEST01',
    link: 'http://web.test/messages/b1',
  };

  it('a message notification: English as it always read, Spanish for a Spanish reader', () => {
    const english = renderDigest(digestMessages, { role: 'client', timeZone: 'America/New_York' }, digestFacts);
    expect(english).toEqual({
      title: 'Sam sent you 2 messages',
      body: `About Plumbing, ${formatWhen(startsAt, 'America/New_York')}:\n“Is 10 ok?”\n(a photo)`,
      link: digestFacts.link,
      linkLabel: 'Read and reply',
    });
    expect(renderDigest(digestMessages.slice(0, 1), { role: 'client', timeZone: 'America/New_York' }, digestFacts).title).toBe(
      'Sam sent you a message',
    );
    const spanish = renderDigest(digestMessages, { role: 'client', timeZone: 'Europe/Madrid', language: 'es' }, digestFacts);
    expect(spanish.title).toBe('Sam te envió 2 mensajes');
    expect(spanish.body).toBe(`Sobre Plumbing, ${translator('es').when(startsAt, 'Europe/Madrid')}:\n“Is 10 ok?”\n(una foto)`);
    expect(spanish.body).toContain('16:00');
    expect(spanish.linkLabel).toBe('Leer y responder');
    expect(translator('es').t('enquiry.asked', { name: 'Maya' })).toBe('Maya te hizo una pregunta');
    expect(translator('en').t('enquiry.sms', { title: 'Maya answered', text: 'Yes', link: 'http://x' })).toBe(
      'Handled: Maya answered: “Yes” http://x',
    );
  });

  it('an emergency alert: English as it always read, Spanish for a Spanish reader', () => {
    const facts = {
      raiser: 'Maya Chen',
      reference: 'HD-TEST01',
      category: 'Plumbing',
      where: '14 Elm St, London',
      startsAt,
      endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
      country: 'GB',
      reason: 'Gas smell',
    };
    const when = formatSpan(facts.startsAt, facts.endsAt, 'America/New_York');
    const english = emergencyTexts(facts, 'en', 'America/New_York');
    expect(english.title).toBe('EMERGENCY: Maya Chen raised an alert on HD-TEST01');
    expect(english.body).toBe(
      'Maya Chen pressed Emergency during the plumbing job HD-TEST01.\n' +
        'Reason: Gas smell\n' +
        'Where: 14 Elm St, London\n' +
        `When: ${when}\n` +
        "If anyone is in danger, call 999 or 112 now. Handled's team has been told.",
    );
    expect(english.sms).toBe(
      `Handled EMERGENCY: Maya Chen raised an alert (HD-TEST01): Gas smell. At 14 Elm St, London, ${when}. If anyone is in danger call 999 or 112.`,
    );
    expect(english.t('emergency.operatorBody', { body: 'B', side: 'client' })).toBe(
      'B\nRaised by the client. Acknowledge it in the operator console.',
    );
    expect(emergencyNumber('GB')).toBe('999 or 112');
    expect(emergencyNumber('US')).toBe('911');

    const spanish = emergencyTexts(facts, 'es', 'Europe/Madrid');
    expect(spanish.title).toBe('EMERGENCIA: Maya Chen dio una alerta en HD-TEST01');
    expect(spanish.body).toContain('Maya Chen pulsó Emergencia durante el trabajo de plumbing HD-TEST01.');
    expect(spanish.body).toContain(`Cuándo: ${translator('es').span(facts.startsAt, facts.endsAt, 'Europe/Madrid')}`);
    expect(spanish.body).toContain('16:00');
    expect(spanish.body).toContain('Si alguien está en peligro, llama ya al 999 o 112.');
    expect(spanish.sms).toContain('Si alguien está en peligro, llama al 999 o 112.');
    expect(spanish.t('emergency.operatorBody', { body: 'B', side: 'provider' })).toBe(
      'B\nLa dio el profesional. Confírmala en la consola de operaciones.',
    );
  });

  it('a review request: Spanish words and Telegram buttons for a Spanish reader, English unchanged', () => {
    const c = ctx();
    const maya: Recipient = { ...client, language: 'es' };
    const msg = render('review.requested', maya, c);
    expect(msg?.title).toBe(translator('es').t('review.client.title', { first: 'Sam' }));
    expect(msg?.title).not.toBe(render('review.requested', client, c)?.title);
    expect(render('review.requested', client, c)?.title).toBe('How did Sam do?');
    expect(notificationButtons('review.requested', 'client', 'b1', 'es')).toEqual([[{ text: '⭐ Valorar', data: 'bk:rate:b1' }]]);
    expect(notificationButtons('review.requested', 'client', 'b1')).toEqual([[{ text: '⭐ Rate', data: 'bk:rate:b1' }]]);
    expect(notificationButtons('booking.requested', 'provider', 'b1', 'fr')[0]?.map((b) => b.text)).toEqual(['✅ Accept', '✖️ Decline']);
    expect(notificationButtons('booking.on_my_way', 'client', 'b1', 'es')[0]?.map((b) => b.text)).toEqual(['💬 Mensaje', '🆘 Emergencia']);
  });

  it('an email outside the layout: words escaped, markup kept (the receipt)', () => {
    const tr = translator('en');
    expect(tHtml(tr, 'receipt.attachedHtml', {}, { number: '<b>R-1</b>', booking: '<a href="http://x">your booking</a>' })).toBe(
      'Your receipt <b>R-1</b> is attached as a PDF. You can also download it from <a href="http://x">your booking</a>.',
    );
    expect(tHtml(translator('es'), 'receipt.tipHtml', {}, { tipLink: '<a>L</a>' })).toBe(
      '¿Te ha gustado el trabajo? <a>L</a>; se la lleva entera y Handled no cobra comisión.',
    );
    expect(translator('es').t('email.footerContact')).toMatch(/contacto de emergencia/);
  });

  it('account emails: English as they always read, Spanish for a Spanish reader', () => {
    const en1 = verificationEmail({ name: 'Maya Chen', email: 'maya@example.test' }, 'http://x/v', false);
    expect(en1.subject).toBe('Confirm your email for Handled');
    expect(en1.text).toBe(
      'Hi Maya,\n\nWelcome to Handled. Confirm your email so booking updates, invoices and receipts reach you.\n\nConfirm my email: http://x/v\n\nThe link works for one hour. If you did not ask for this, ignore this email: nothing changes.',
    );
    expect(en1.html).toContain('Or open this link: <a href="http://x/v">');
    expect(resetPasswordEmail({ name: ' ', email: 'a@example.test' }, 'http://x/r').text.startsWith('Hi there,\n\n')).toBe(true);
    const es1 = resetPasswordEmail({ name: 'Maya Chen', email: 'maya@example.test', language: 'es' }, 'http://x/r');
    expect(es1.subject).toBe('Restablece tu contraseña de Handled');
    expect(es1.text.startsWith('Hola, Maya:\n\n')).toBe(true);
    expect(es1.html).toContain('O abre este enlace:');
  });

  it('the payments texts waiting in the catalogue read as services/payments writes them today', () => {
    const { t } = translator('en');
    const values = { amount: '$45.00', ref: 'HD-1', due: 'Thu, Jun 11, 10:00 AM EDT', until: 'Sat, Jun 13, 10:00 AM EDT' };
    expect(t('payment.overdue.body', { ...values, hasLink: 'yes', link: 'http://pay' })).toBe(
      'Your payment of $45.00 for booking HD-1 was due Thu, Jun 11, 10:00 AM EDT. Please pay by Sat, Jun 13, 10:00 AM EDT to keep the booking: http://pay',
    );
    expect(t('payment.overdue.body', { ...values, hasLink: 'no', link: '' }).endsWith('to keep the booking.')).toBe(true);
    expect(t('payout.failed.body', { amount: '$10.00', hasReason: 'yes', reason: 'closed' })).toBe(
      'Stripe could not pay $10.00 into your bank account: closed The money is back in your Stripe balance. Check your bank details with Stripe; it is sent again with your next payout.',
    );
  });
});
