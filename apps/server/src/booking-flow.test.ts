import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRPCClientError } from '@trpc/client';
import { invoices, payments, webhookEvents } from '@handled/db/schema';
import { createBookingFor } from '@handled/testing/fixtures';
import { eventually, startTestStack, type TestStack } from '@handled/testing';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.close());

describe('one booking end to end through the API, Stripe emulator and webhooks', () => {
  it('request → accept → invoice (total = price snapshot) → paid → confirmed', async () => {
    const requested = await createBookingFor(stack, 'maya@demo.handled.test', 'sam@demo.handled.test', 2.5);
    expect(requested.status).toBe('requested');
    expect(requested.price.total).toBe(requested.price.service + requested.price.platformFee + requested.price.tax);
    expect(requested.timeline.map((e) => e.type)).toEqual(['booking.requested']);

    const sam = await stack.clientAs('sam@demo.handled.test');
    const incoming = await sam.bookings.forProvider.query({ scope: 'upcoming', statuses: ['requested'] });
    expect(incoming.map((b) => b.id)).toContain(requested.id);

    const accepted = await sam.bookings.accept.mutate({ id: requested.id });
    expect(accepted.status).toBe('accepted');

    const maya = await stack.clientAs('maya@demo.handled.test');
    const withInvoice = await eventually(async () => {
      const b = await maya.bookings.get.query({ id: requested.id });
      if (!b.invoice?.hostedUrl) throw new Error('no invoice yet');
      return b;
    });
    expect(withInvoice.invoice?.total).toBe(requested.price.total);
    expect(withInvoice.invoice?.status).toBe('open');
    expect(withInvoice.paymentStatus).toBe('open');

    const [local] = await stack.deps.db.select().from(invoices).where(eq(invoices.bookingId, requested.id));
    const remote = await stack.deps.stripe.invoices.retrieve(local!.stripeInvoiceId!);
    expect(remote.total).toBe(requested.price.total);
    expect(remote.metadata?.['booking_id']).toBe(requested.id);

    await stack.deps.stripe.invoices.pay(local!.stripeInvoiceId!, { paid_out_of_band: true });
    const confirmed = await eventually(async () => {
      const b = await maya.bookings.get.query({ id: requested.id });
      if (b.status !== 'confirmed') throw new Error(`still ${b.status}`);
      return b;
    });
    expect(confirmed.paymentStatus).toBe('paid');
    expect(confirmed.timeline.map((e) => e.to)).toEqual(['requested', 'accepted', 'confirmed']);
    const paid = await stack.deps.db.select().from(payments).where(eq(payments.bookingId, requested.id));
    expect(paid.reduce((s, p) => s + p.amount, 0)).toBe(requested.price.total);
  });

  it('a provider cannot accept twice, and a declined request frees the slot', async () => {
    const b = await createBookingFor(stack, 'leo@demo.handled.test', 'sam@demo.handled.test', 1);
    const sam = await stack.clientAs('sam@demo.handled.test');
    const declined = await sam.bookings.decline.mutate({ id: b.id, reason: 'Fully booked that day' });
    expect(declined.status).toBe('declined');
    await expect(sam.bookings.accept.mutate({ id: b.id })).rejects.toSatisfy(
      (e: unknown) => e instanceof TRPCClientError && e.data?.code === 'CONFLICT',
    );
    // The same slot can be requested again.
    const again = await createBookingFor(stack, 'leo@demo.handled.test', 'sam@demo.handled.test', 1);
    expect(again.startsAt).toBe(b.startsAt);
  });

  it('concurrent requests for one slot: exactly one wins, the others hear it is taken', async () => {
    const first = await createBookingFor(stack, 'maya@demo.handled.test', 'priya@demo.handled.test', 2);
    const sam = await stack.clientAs('priya@demo.handled.test');
    await sam.bookings.decline.mutate({ id: first.id, reason: 'Testing the race' });
    const maya = await stack.clientAs('maya@demo.handled.test');
    const leo = await stack.clientAs('leo@demo.handled.test');
    const input = {
      providerId: first.provider!.id,
      categoryId: first.category!.id,
      startsAt: first.startsAt,
      hours: 2,
      details: 'Deep clean of a two-bedroom flat',
      specialRequirements: '',
      address: { line1: '10 Downing St', city: 'London', postalCode: 'SW1A 2AA', country: 'GB' },
      contactPhone: '+44 20 7946 0000',
    };
    const results = await Promise.allSettled([maya, leo, maya, leo, maya].map((c) => c.bookings.request.mutate(input)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    for (const r of lost) {
      expect(r.reason).toBeInstanceOf(TRPCClientError);
      expect((r.reason as TRPCClientError<never>).message).toMatch(/no longer available/);
    }
  });

  it('webhooks: a bad signature is refused; the same event delivered again is stored once', async () => {
    const bad = await fetch(`${stack.apiUrl}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=deadbeef' },
      body: JSON.stringify({ id: 'evt_forged', type: 'invoice.paid', data: { object: { object: 'invoice', id: 'in_x' } } }),
    });
    expect(bad.status).toBe(400);
    const [stored] = await stack.deps.db.select().from(webhookEvents).limit(1);
    expect(stored).toBeDefined();
    const payload = JSON.stringify(stored!.payload);
    const header = stack.deps.stripe.webhooks.generateTestHeaderString({ payload, secret: stack.env.STRIPE_WEBHOOK_SECRET });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${stack.apiUrl}/webhooks/stripe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': header },
        body: payload,
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { duplicate: boolean }).duplicate).toBe(true);
    }
    const rows = await stack.deps.db.select().from(webhookEvents).where(eq(webhookEvents.eventId, stored!.eventId));
    expect(rows).toHaveLength(1);
  });
});
