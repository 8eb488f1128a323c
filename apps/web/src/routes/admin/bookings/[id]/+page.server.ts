import { z } from 'zod';
import { formatMinor } from '@handled/core/money';
import { formatInZone } from '@handled/core/time-in-zone';
import { api } from '$lib/server/api';
import { rethrowForPage } from '$lib/server/errors';
import { parseForm, refuse, refuseFromApi, siteForm } from '$lib/server/form';
import { requireOperator } from '../../admin.server';
import type { Actions, PageServerLoad } from './$types';

const reason = z.string().trim().min(5, 'Say why, in a few words: the reason is kept in the audit log').max(500);
/** "12.50" → 1250 (minor units); the currencies here all have cents. */
const amount = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/, 'An amount like 25 or 25.50')
  .transform((s) => Math.round(Number(s) * 100));

const refundForm = siteForm(z.object({ amount, reason }));
const cancelForm = siteForm(
  z
    .object({ refund: z.enum(['full', 'policy', 'custom'], 'Choose what to refund'), amount: z.string().trim(), reason })
    .superRefine((v, ctx) => {
      if (v.refund === 'custom' && !/^\d{1,7}(\.\d{1,2})?$/.test(v.amount))
        ctx.addIssue({ code: 'custom', path: ['amount'], message: 'The refund, like 25 or 25.50' });
    }),
);
const resolveForm = siteForm(z.object({ outcome: z.enum(['completed', 'cancelled'], 'Choose an outcome'), reason }));
const messagesForm = siteForm(z.object({ reason }));
const invoiceForm = siteForm(z.object({ reason }));
const resendForm = siteForm(z.object({ template: z.string().trim().min(1, 'Choose a notification').max(100), reason }));
const moveForm = siteForm(
  z.object({
    startsAt: z
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "Pick the new start's date and time"),
    reason,
  }),
);
const noShowForm = siteForm(z.object({ absent: z.enum(['client', 'provider'], 'Choose who did not come'), reason }));
const creditForm = siteForm(z.object({ amount, reason }));

export const load: PageServerLoad = async (event) => {
  const { zone, user } = requireOperator(event);
  try {
    const [b, resendable] = await Promise.all([
      api(event).operator.booking.query({ bookingId: event.params.id }),
      api(event).operator.notifications.query({ bookingId: event.params.id }),
    ]);
    const money = (n: number) => formatMinor(n, b.currency);
    return {
      /** What support may refund or credit at most (the `limits` setting), in the booking's currency. */
      supportLimit: money(b.supportRefundLimit),
      b,
      zone,
      role: user.role,
      money: {
        total: money(b.price.total),
        paid: money(b.amountPaid),
        rows: b.ledger.map((l) => ({ ...l, money: money(l.amount), when: formatInZone(l.at, zone, 'stamp') })),
        payments: b.payments.map((p) => ({ ...p, money: money(p.amount), refundedMoney: money(p.refunded) })),
        refunds: b.refunds.map((r) => ({ ...r, money: money(r.amount), when: formatInZone(r.createdAt, zone, 'stamp') })),
        invoices: b.invoices.map((i) => ({ ...i, money: money(i.total), paidMoney: money(i.amountPaid) })),
        payouts: b.payouts.map((p) => ({ ...p, money: money(p.amount) })),
        credits: b.credits.map((c) => ({ ...c, money: money(c.amount), when: formatInZone(c.at, zone, 'stamp') })),
      },
      timeline: b.timeline.map((t) => ({ ...t, when: formatInZone(t.at, zone, 'stamp') })),
      notifications: b.notifications.map((n) => ({ ...n, when: formatInZone(n.createdAt, zone, 'stamp') })),
      audit: b.audit.map((a) => ({ ...a, when: formatInZone(a.at, zone, 'stamp') })),
      resendable: resendable.map((r) => ({ ...r, when: formatInZone(r.at, zone, 'stamp') })),
    };
  } catch (e) {
    rethrowForPage(e, event);
  }
};

type Event = Parameters<Actions[string]>[0];
const id = (event: Event) => event.params.id ?? '';

export const actions: Actions = {
  invoice: async (event) => {
    const form = await parseForm(invoiceForm, event.request);
    if (!form.ok) return refuse(invoiceForm, { ...form, action: 'invoice' });
    try {
      await api(event).operator.resendInvoice.mutate({ bookingId: id(event), reason: form.data.reason });
    } catch (e) {
      return refuseFromApi(invoiceForm, e, { values: form.values, action: 'invoice' }, { at: 'reason' });
    }
    return { action: 'invoice', done: 'Invoice sent again: Stripe emails it and the client gets the pay link.' };
  },
  resend: async (event) => {
    const form = await parseForm(resendForm, event.request);
    if (!form.ok) return refuse(resendForm, { ...form, action: 'resend' });
    try {
      await api(event).operator.resendNotification.mutate({ bookingId: id(event), ...form.data });
    } catch (e) {
      return refuseFromApi(resendForm, e, { values: form.values, action: 'resend' }, { at: 'reason' });
    }
    return { action: 'resend', done: 'Sent again on the channels it went on before.' };
  },
  refund: async (event) => {
    const form = await parseForm(refundForm, event.request);
    if (!form.ok) return refuse(refundForm, { ...form, action: 'refund' });
    try {
      await api(event).operator.refund.mutate({ bookingId: id(event), amount: form.data.amount, reason: form.data.reason });
    } catch (e) {
      return refuseFromApi(refundForm, e, { values: form.values, action: 'refund' }, { at: 'amount' });
    }
    return { action: 'refund', done: 'Refund sent to Stripe: it shows under Money once Stripe answers (reload in a moment).' };
  },
  cancel: async (event) => {
    const form = await parseForm(cancelForm, event.request);
    if (!form.ok) return refuse(cancelForm, { ...form, action: 'cancel' });
    const d = form.data;
    const refund = d.refund === 'custom' ? { kind: 'custom' as const, amount: Math.round(Number(d.amount) * 100) } : { kind: d.refund };
    try {
      await api(event).operator.cancel.mutate({ bookingId: id(event), reason: d.reason, refund });
    } catch (e) {
      return refuseFromApi(cancelForm, e, { values: form.values, action: 'cancel' }, { at: 'reason' });
    }
    return { action: 'cancel', done: 'Cancelled: both sides are told, with the refund.' };
  },
  resolve: async (event) => {
    const form = await parseForm(resolveForm, event.request);
    if (!form.ok) return refuse(resolveForm, { ...form, action: 'resolve' });
    try {
      await api(event).operator.resolveDispute.mutate({ bookingId: id(event), ...form.data });
    } catch (e) {
      return refuseFromApi(resolveForm, e, { values: form.values, action: 'resolve' }, { at: 'reason' });
    }
    return { action: 'resolve', done: 'Dispute resolved.' };
  },
  move: async (event) => {
    const form = await parseForm(moveForm, event.request);
    if (!form.ok) return refuse(moveForm, { ...form, action: 'move' });
    try {
      const b = await api(event).operator.move.mutate({
        bookingId: id(event),
        startsAtLocal: form.data.startsAt,
        reason: form.data.reason,
      });
      return {
        action: 'move',
        done: `Moved to ${b.startsAt.client} for the client, ${b.startsAt.provider} for the provider; both are told.`,
      };
    } catch (e) {
      return refuseFromApi(moveForm, e, { values: form.values, action: 'move' }, { at: 'startsAt' });
    }
  },
  noShow: async (event) => {
    const form = await parseForm(noShowForm, event.request);
    if (!form.ok) return refuse(noShowForm, { ...form, action: 'noShow' });
    try {
      await api(event).operator.noShow.mutate({ bookingId: id(event), ...form.data });
    } catch (e) {
      return refuseFromApi(noShowForm, e, { values: form.values, action: 'noShow' }, { at: 'reason' });
    }
    return { action: 'noShow', done: 'Marked as a no-show: both sides are told, with what is refunded or kept.' };
  },
  credit: async (event) => {
    const form = await parseForm(creditForm, event.request);
    if (!form.ok) return refuse(creditForm, { ...form, action: 'credit' });
    try {
      await api(event).operator.credit.mutate({ bookingId: id(event), amount: form.data.amount, reason: form.data.reason });
    } catch (e) {
      return refuseFromApi(creditForm, e, { values: form.values, action: 'credit' }, { at: 'amount' });
    }
    return {
      action: 'credit',
      done: "Credit sent to Stripe: it comes off the client's next invoice and shows under Money once Stripe answers.",
    };
  },
  messages: async (event) => {
    const form = await parseForm(messagesForm, event.request);
    if (!form.ok) return refuse(messagesForm, { ...form, action: 'messages' });
    try {
      const messages = await api(event).operator.messages.mutate({ bookingId: id(event), reason: form.data.reason });
      const { zone } = requireOperator(event);
      return { action: 'messages', messages: messages.map((m) => ({ ...m, when: formatInZone(m.at, zone, 'stamp') })) };
    } catch (e) {
      return refuseFromApi(messagesForm, e, { values: form.values, action: 'messages' }, { at: 'reason' });
    }
  },
};
