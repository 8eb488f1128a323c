import { z } from 'zod';
import { missing } from './errors.ts';
import { listOf, type StripeRouter } from './http.ts';
import { listParams, validate } from './params.ts';

const listSchema = z.strictObject({
  ...listParams,
  type: z.string().optional(),
  types: z.array(z.string()).optional(),
  created: z.unknown().optional(),
  delivery_success: z.unknown().optional(),
});

/** `type` may end in `*` (`invoice.*`), as Stripe allows. */
const matches = (pattern: string, type: string) => (pattern.endsWith('*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type);

export function eventRoutes(r: StripeRouter): void {
  r.get('/v1/events/:id', ({ path, store }) => {
    const event = store.data.events.find((e) => e.id === path.id);
    if (!event) throw missing('event', path.id!);
    return event;
  });

  r.get('/v1/events', ({ params, req, store }) => {
    const p = validate(listSchema, params);
    const patterns = p.types ?? (p.type ? [p.type] : undefined);
    const events = store.data.events
      .filter((e) => (e.account ?? null) === req.account)
      .filter((e) => !patterns || patterns.some((pat) => matches(pat, e.type)))
      .slice()
      .reverse();
    return listOf(events, params, '/v1/events');
  });
}

export function paymentRoutes(r: StripeRouter): void {
  r.get('/v1/payment_intents/:id', ({ path, store }) => store.get('payment_intents', path.id!, 'payment_intent'));
  r.get('/v1/charges/:id', ({ path, store }) => store.get('charges', path.id!, 'charge'));
  r.get('/v1/invoice_payments/:id', ({ path, store }) => store.get('invoice_payments', path.id!, 'invoice_payment'));
  r.get('/v1/invoice_payments', ({ params, store }) => {
    const p = validate(
      z.strictObject({ ...listParams, invoice: z.string().optional(), status: z.string().optional(), payment: z.unknown().optional() }),
      params,
    );
    const all = Object.values(store.data.invoice_payments)
      .filter((ip) => (!p.invoice || ip.invoice === p.invoice) && (!p.status || ip.status === p.status))
      .reverse();
    return listOf(all, params, '/v1/invoice_payments');
  });
  r.get('/v1/payment_intents', ({ params, store }) => {
    const p = validate(z.strictObject({ ...listParams, customer: z.string().optional(), created: z.unknown().optional() }), params);
    const all = Object.values(store.data.payment_intents)
      .filter((pi) => !p.customer || pi.customer === p.customer)
      .reverse();
    return listOf(all, params, '/v1/payment_intents');
  });
  r.get('/v1/charges', ({ params, store }) => {
    const p = validate(
      z.strictObject({
        ...listParams,
        customer: z.string().optional(),
        payment_intent: z.string().optional(),
        transfer_group: z.string().optional(),
        created: z.unknown().optional(),
      }),
      params,
    );
    const all = Object.values(store.data.charges)
      .filter((ch) => (!p.customer || ch.customer === p.customer) && (!p.payment_intent || ch.payment_intent === p.payment_intent))
      .filter((ch) => !p.transfer_group || ch.transfer_group === p.transfer_group)
      .reverse();
    return listOf(all, params, '/v1/charges');
  });
}
