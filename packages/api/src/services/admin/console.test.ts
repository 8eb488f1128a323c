import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, bookingEvents, emergencyAlerts, jobs, ledgerEntries, refunds, sessions, users } from '@handled/db/schema';
import { demoEmails } from '@handled/db/seed';
import { isoSlotsOf } from '@handled/core/availability';
import { startTestStack, type TestStack } from '@handled/testing';
import {
  acceptAndInvoice,
  bookingStatus,
  codeOf,
  createBookingFor,
  payOnHostedPage,
  resetClock,
  setClock,
  signUp,
  userId,
  waitFor,
} from '@handled/testing/fixtures';

/** The operator console's procedures over a real stack: search, a partial refund, suspension, support's limits, the audit log. */
let stack: TestStack;
type Client = Awaited<ReturnType<TestStack['clientAs']>>;
let ana: Client;
let support: Client;
let paidId: string;

beforeAll(async () => {
  stack = await startTestStack({ providers: 4 });
  ana = await stack.clientAs(demoEmails.ana);
  await signUp(stack, { name: 'Sol Support', email: 'sol@support.handled.test' });
  await stack.deps.db.update(users).set({ role: 'support' }).where(eq(users.email, 'sol@support.handled.test'));
  support = await stack.clientAs('sol@support.handled.test');
  const { b, invoice } = await acceptAndInvoice(stack, demoEmails.maya, demoEmails.sam);
  expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
  await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
  paidId = b.id;
}, 120_000);
afterAll(() => stack?.close());

describe('operator console', () => {
  it("finds a booking by the client's email and by its code", async () => {
    const byEmail = await ana.operator.search.query({ q: demoEmails.maya });
    expect(byEmail.bookings.map((b) => b.id)).toContain(paidId);
    expect(byEmail.people.map((p) => p.email)).toContain(demoEmails.maya);
    const ref = (await bookingStatus(stack, paidId))!.reference;
    const byCode = await ana.operator.search.query({ q: ref });
    expect(byCode.bookings.map((b) => b.id)).toEqual([paidId]);
  });

  it('refunds part with a reason: Stripe refund, ledger rows and the audit entry agree', async () => {
    const before = await ana.operator.booking.query({ bookingId: paidId });
    expect(before.amountPaid).toBeGreaterThan(2000);
    expect(await codeOf(ana.operator.refund.mutate({ bookingId: paidId, amount: 1500, reason: 'ok' }))).toBe('BAD_REQUEST');
    expect(
      await codeOf(ana.operator.refund.mutate({ bookingId: paidId, amount: before.amountPaid + 1, reason: 'Too much, on purpose' })),
    ).toBe('BAD_REQUEST');
    const { intentKey } = await ana.operator.refund.mutate({ bookingId: paidId, amount: 1500, reason: 'Arrived 40 minutes late' });
    const refund = await waitFor('refund', async () => {
      const [r] = await stack.deps.db.select().from(refunds).where(eq(refunds.intentKey, intentKey));
      return r?.status === 'succeeded' ? r : null;
    });
    expect(refund.amount).toBe(1500);
    const stripeRefund = await stack.deps.stripe.refunds.retrieve(refund.stripeRefundId!);
    expect(stripeRefund.amount).toBe(1500);
    const rows = await stack.deps.db
      .select()
      .from(ledgerEntries)
      .where(eq(ledgerEntries.txId, `refund:${intentKey}`));
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBe(0);
    expect(rows.length).toBeGreaterThan(0);
    const after = await ana.operator.booking.query({ bookingId: paidId });
    expect(after.amountPaid).toBe(before.amountPaid - 1500);
    expect(after.audit[0]).toMatchObject({ action: 'booking.refund', reason: 'Arrived 40 minutes late', actorName: 'Ana Ribeiro' });
    const rec = await ana.adminPayments.reconcile.mutate();
    expect(rec.differences).toEqual([]);
  }, 60_000);

  it('support is refused a refund above its limit and the settings; a client and a provider are refused the console', async () => {
    expect(await codeOf(support.operator.refund.mutate({ bookingId: paidId, amount: 20_000, reason: 'A big goodwill refund' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      await codeOf(support.reputation.updateSetting.mutate({ key: 'fees', value: { byCategory: {} }, reason: 'try', expectedVersion: 0 })),
    ).toBe('FORBIDDEN');
    expect((await support.operator.search.query({ q: 'maya' })).people.length).toBeGreaterThan(0);
    for (const who of [demoEmails.maya, demoEmails.sam]) {
      const c = await stack.clientAs(who);
      expect(await codeOf(c.operator.search.query({ q: 'x' }))).toBe('FORBIDDEN');
      expect(await codeOf(c.operator.refund.mutate({ bookingId: paidId, amount: 100, reason: 'Not mine to give' }))).toBe('FORBIDDEN');
    }
  });

  it('support sees, acknowledges and resolves emergency alerts and reads message reports; a client and a provider may not', async () => {
    // The alert as the Emergency button would leave it (raising one needs a job under way).
    const [alert] = await stack.deps.db
      .insert(emergencyAlerts)
      .values({ bookingId: paidId, raisedBy: await userId(stack, demoEmails.maya), side: 'client', reason: 'Water everywhere, he left' })
      .returning();
    const listed = await support.emergency.alerts.query({ status: 'active' });
    expect(listed.alerts.map((a) => a.id)).toContain(alert!.id);
    expect((await support.emergency.acknowledge.mutate({ alertId: alert!.id })).alert.status).toBe('acknowledged');
    expect(
      (await support.emergency.resolve.mutate({ alertId: alert!.id, notes: 'Called Maya; a plumber is on the way' })).alert.status,
    ).toBe('resolved');
    const audit = await stack.deps.db.select().from(auditLog).where(eq(auditLog.subjectId, alert!.id));
    expect(audit.map((a) => a.action).sort()).toEqual(['emergency.acknowledge', 'emergency.resolve']);
    expect(Array.isArray((await support.messages.reports.query({ status: 'open' })).reports)).toBe(true);
    for (const who of [demoEmails.maya, demoEmails.sam]) {
      const c = await stack.clientAs(who);
      expect(await codeOf(c.emergency.alerts.query({ status: 'active' }))).toBe('FORBIDDEN');
      expect(await codeOf(c.messages.reports.query({ status: 'open' }))).toBe('FORBIDDEN');
    }
  });

  it('reading the messages is logged with the reason', async () => {
    await ana.operator.messages.mutate({ bookingId: paidId, reason: 'Client says the provider was rude' });
    const log = await ana.operator.audit.query({ subjectId: paidId, action: 'booking.messages' });
    expect(log.entries[0]).toMatchObject({ action: 'booking.messages_read', reason: 'Client says the provider was rude' });
  });

  it('suspends a provider: gone from search, sessions revoked, the open request cancelled; then reactivated', async () => {
    const open = await createBookingFor(stack, demoEmails.leo, demoEmails.priya);
    const priyaId = await userId(stack, demoEmails.priya);
    await stack.signIn(demoEmails.priya);
    const person = await ana.operator.suspend.mutate({ userId: priyaId, reason: 'Repeated no-shows reported', openBookings: 'cancel' });
    expect(person.suspendedAt).not.toBeNull();
    expect(person.listing?.status).toBe('suspended');
    expect(await stack.deps.db.select().from(sessions).where(eq(sessions.userId, priyaId))).toEqual([]);
    expect((await bookingStatus(stack, open.id))?.status).toBe('cancelled');
    const found = await stack.anonymous.discovery.search.query({});
    expect(JSON.stringify(found)).not.toContain(priyaId);
    await expect(stack.signIn(demoEmails.priya)).rejects.toThrow(/suspended/i);
    expect(person.audit[0]).toMatchObject({ action: 'user.suspend', reason: 'Repeated no-shows reported' });
    const back = await ana.operator.reactivate.mutate({ userId: priyaId, reason: 'Talked it through' });
    expect(back.suspendedAt).toBeNull();
    await stack.signIn(demoEmails.priya);
  }, 60_000);

  it('cancels through the machine with a custom refund, the rest kept as a fee; support may not cancel with a large refund', async () => {
    const { b, invoice } = await acceptAndInvoice(stack, demoEmails.leo, demoEmails.sam);
    expect((await payOnHostedPage(stack, invoice.stripeInvoiceId!)).status).toBe(303);
    await waitFor('confirmed', async () => (await bookingStatus(stack, b.id))?.status === 'confirmed');
    const paid = (await ana.operator.booking.query({ bookingId: b.id })).amountPaid;
    const cancel = (refund: { kind: 'full' } | { kind: 'custom'; amount: number }, who = ana) =>
      who.operator.cancel.mutate({ bookingId: b.id, reason: 'The provider cannot come; agreed with the client', refund });
    expect(await codeOf(cancel({ kind: 'custom', amount: paid + 1 }))).toBe('BAD_REQUEST');
    expect(await codeOf(cancel({ kind: 'full' }, support))).toBe('FORBIDDEN');
    expect((await bookingStatus(stack, b.id))?.status).toBe('confirmed');
    const view = await cancel({ kind: 'custom', amount: 5000 });
    expect(view.status).toBe('cancelled');
    expect(view.audit[0]).toMatchObject({ action: 'booking.cancel', after: expect.objectContaining({ refund: 5000, fee: paid - 5000 }) });
    const refund = await waitFor('refund', async () => {
      const [r] = await stack.deps.db.select().from(refunds).where(eq(refunds.bookingId, b.id));
      return r?.status === 'succeeded' ? r : null;
    });
    expect(refund.amount).toBe(5000);
  }, 60_000);

  it("a category's fee applies to new bookings only", async () => {
    const old = await createBookingFor(stack, demoEmails.maya, demoEmails.sam);
    const oldRow = (await bookingStatus(stack, old.id))!;
    const view = await ana.reputation.settings.query();
    await ana.reputation.updateSetting.mutate({
      key: 'fees',
      value: { byCategory: { plumbing: { clientFeeBps: 1200 } } },
      reason: 'Plumbing fee up for the winter',
      expectedVersion: view.fees.version,
    });
    const fresh = await createBookingFor(stack, demoEmails.maya, demoEmails.sam);
    const freshRow = (await bookingStatus(stack, fresh.id))!;
    expect(freshRow.price.fees.clientFeeBps).toBe(1200);
    expect((await bookingStatus(stack, old.id))!.price.fees.clientFeeBps).toBe(oldRow.price.fees.clientFeeBps);
    const log = await ana.operator.audit.query({ subjectType: 'setting' });
    expect(log.entries[0]).toMatchObject({ action: 'setting.update', subjectId: 'fees' });
  }, 60_000);

  it("the plan threshold and support's refund limit are settings: a lower threshold offers instalments on a new booking", async () => {
    const maya = await stack.clientAs(demoEmails.maya);
    const startAfter = new Date(stack.deps.now().getTime() + 12 * 86_400_000);
    const before = await createBookingFor(stack, demoEmails.maya, demoEmails.sam, 2, 2, { startAfter });
    const was = await maya.payments.planOptions.query({ id: before.id });
    expect(was.options.map((o) => o.key)).toEqual(['full']);
    expect(was.instalmentsRefused).toBeTruthy();
    const view = await ana.reputation.settings.query();
    expect(view.limits.value).toEqual({ supportRefundLimit: 10_000, planMinTotal: 30_000, planMinLeadDays: 14 });
    const limits = { supportRefundLimit: 5_000, planMinTotal: 5_000, planMinLeadDays: 7 };
    expect(await codeOf(support.reputation.updateSetting.mutate({ key: 'limits', value: limits, reason: 'try', expectedVersion: 0 }))).toBe(
      'FORBIDDEN',
    );
    await ana.reputation.updateSetting.mutate({
      key: 'limits',
      value: limits,
      reason: 'Plans for smaller jobs; support refunds smaller',
      expectedVersion: view.limits.version,
    });
    const fresh = await createBookingFor(stack, demoEmails.maya, demoEmails.sam, 2, 2, { startAfter });
    const now = await maya.payments.planOptions.query({ id: fresh.id });
    expect(now.instalmentsRefused).toBeNull();
    expect(now.options.map((o) => o.key)).toContain('instalments-2');
    const refused = support.operator.refund.mutate({ bookingId: paidId, amount: 6_000, reason: 'Goodwill for the wait' });
    await expect(refused).rejects.toThrow(/Support can refund up to \$50\.00/);
    const log = await ana.operator.audit.query({ subjectType: 'setting' });
    expect(log.entries[0]).toMatchObject({
      action: 'setting.update',
      subjectId: 'limits',
      reason: 'Plans for smaller jobs; support refunds smaller',
    });
  }, 60_000);

  it("support sends a booking's last confirmation again with a reason: a second email, under a new key, audited", async () => {
    const confirmed = /^Confirmed: /;
    const mailbox = async () => {
      const res = await fetch(`${stack.emulatorsUrl}/_/mailbox/messages?to=${encodeURIComponent(demoEmails.maya)}`);
      const { emails } = (await res.json()) as { emails: { subject: string }[] };
      return emails.filter((e) => confirmed.test(e.subject)).length;
    };
    const kinds = await support.operator.notifications.query({ bookingId: paidId });
    expect(kinds.map((k) => k.template)).toContain('booking.confirmed');
    const before = await waitFor('the first confirmation', async () => ((await mailbox()) >= 1 ? await mailbox() : null));
    expect(
      await codeOf(
        support.operator.resendNotification.mutate({ bookingId: paidId, template: 'booking.expired', reason: 'She lost the email' }),
      ),
    ).toBe('BAD_REQUEST');
    const sent = await support.operator.resendNotification.mutate({
      bookingId: paidId,
      template: 'booking.confirmed',
      reason: 'She lost the email',
    });
    expect(sent).toMatchObject({ template: 'booking.confirmed', to: 'both' });
    await waitFor('a second confirmation', async () => ((await mailbox()) === before + 1 ? true : null));
    const view = await ana.operator.booking.query({ bookingId: paidId });
    expect(view.audit.find((a) => a.action === 'booking.notification_resend')).toMatchObject({ reason: 'She lost the email' });
    // The resend is not itself offered as the last of its kind, and a client may not ask for one.
    expect(
      (await support.operator.notifications.query({ bookingId: paidId })).filter((k) => k.template === 'booking.confirmed'),
    ).toHaveLength(1);
    const maya = await stack.clientAs(demoEmails.maya);
    expect(
      await codeOf(maya.operator.resendNotification.mutate({ bookingId: paidId, template: 'booking.confirmed', reason: 'Again please' })),
    ).toBe('FORBIDDEN');
  }, 60_000);

  it("sends an open invoice again with a reason: Stripe's sendInvoice and a second pay-link email", async () => {
    const { b, invoice } = await acceptAndInvoice(stack, demoEmails.leo, demoEmails.sam);
    const payMail = /^Pay .* to confirm /;
    const mailbox = async () => {
      const res = await fetch(`${stack.emulatorsUrl}/_/mailbox/messages?to=${encodeURIComponent(demoEmails.leo)}`);
      const { emails } = (await res.json()) as { emails: { subject: string }[] };
      return emails.filter((e) => payMail.test(e.subject)).length;
    };
    const before = await waitFor('the first invoice email', async () => ((await mailbox()) >= 1 ? await mailbox() : null));
    expect(await codeOf(support.operator.resendInvoice.mutate({ bookingId: paidId, reason: 'Paid already, on purpose' }))).toBe(
      'BAD_REQUEST',
    );
    const sent = await support.operator.resendInvoice.mutate({ bookingId: b.id, reason: 'Leo cannot find the invoice' });
    expect(sent.stripeInvoiceId).toBe(invoice.stripeInvoiceId);
    await waitFor('a second invoice email', async () => ((await mailbox()) === before + 1 ? true : null));
    const job = await waitFor('the sendInvoice job', async () => {
      const [j] = await stack.deps.db
        .select()
        .from(jobs)
        .where(eq(jobs.idempotencyKey, `invoice.resend:${sent.auditId}`));
      return j?.status === 'done' ? j : null;
    });
    expect(job.type).toBe('invoice.resend');
    expect((await stack.deps.stripe.invoices.retrieve(invoice.stripeInvoiceId!)).status).toBe('open');
    const view = await ana.operator.booking.query({ bookingId: b.id });
    expect(view.audit.find((a) => a.action === 'booking.invoice_resend')).toMatchObject({ reason: 'Leo cannot find the invoice' });
  }, 60_000);

  it('an admin gives and takes the support role with a reason (audited); support may not', async () => {
    await signUp(stack, { name: 'Tess Temp', email: 'tess@support.handled.test' });
    const tess = await userId(stack, 'tess@support.handled.test');
    expect(await codeOf(support.operator.setSupportRole.mutate({ userId: tess, support: true, reason: 'Helping out for the week' }))).toBe(
      'FORBIDDEN',
    );
    expect(await ana.operator.setSupportRole.mutate({ userId: tess, support: true, reason: 'Joins support this week' })).toMatchObject({
      role: 'support',
    });
    const asTess = await stack.clientAs('tess@support.handled.test');
    expect((await asTess.operator.search.query({ q: 'maya' })).people.length).toBeGreaterThan(0);
    expect(
      await codeOf(
        ana.operator.setSupportRole.mutate({
          userId: await userId(stack, demoEmails.sam),
          support: true,
          reason: 'A provider, on purpose',
        }),
      ),
    ).toBe('CONFLICT');
    await ana.operator.setSupportRole.mutate({ userId: tess, support: false, reason: 'Back to her own account' });
    expect(await codeOf(asTess.operator.search.query({ q: 'maya' }))).toBe('FORBIDDEN');
    const log = await ana.operator.audit.query({ subjectType: 'user', subjectId: tess });
    expect(log.entries.map((e) => [e.action, e.reason])).toEqual([
      ['user.role', 'Back to her own account'],
      ['user.role', 'Joins support this week'],
    ]);
  });

  it("moves a booking as the parties' reschedule would: checked, the event and jobs written, audited before and after", async () => {
    const b = await createBookingFor(stack, demoEmails.maya, demoEmails.sam);
    const other = await createBookingFor(stack, demoEmails.leo, demoEmails.sam);
    const before = await ana.operator.booking.query({ bookingId: b.id });
    const otherView = await ana.operator.booking.query({ bookingId: other.id });
    expect(before.moveBlocked).toBeNull();
    expect(before.startsAtLocal).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    const sam = await stack.anonymous.catalog.provider.query({ id: 'sam-okafor' });
    const now = stack.deps.now();
    const free = isoSlotsOf(
      await stack.anonymous.catalog.slots.query({
        providerId: sam.id,
        from: now.toISOString(),
        to: new Date(now.getTime() + 14 * 86_400_000).toISOString(),
        hours: 2,
        viewerTimeZone: 'UTC',
      }),
    ).find((x) => x.start !== before.startsAt.at);
    if (!free) throw new Error('Sam has no other free slot in two weeks');
    const wall = (iso: string) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: before.jobZone, dateStyle: 'short', timeStyle: 'short' })
        .format(new Date(iso))
        .replace(' ', 'T');
    const move = (startsAtLocal: string, reason = 'Client asked us by phone', who = ana) =>
      who.operator.move.mutate({ bookingId: b.id, startsAtLocal, reason });
    expect(await codeOf(move(wall(free.start), 'ok'))).toBe('BAD_REQUEST');
    expect(await codeOf(move('next tuesday'))).toBe('BAD_REQUEST');
    expect(await codeOf(move(before.startsAtLocal))).toBe('BAD_REQUEST');
    // Onto Leo's booking with Sam: refused as a reschedule would be.
    expect(await codeOf(move(otherView.startsAtLocal))).toBe('CONFLICT');
    const maya = await stack.clientAs(demoEmails.maya);
    expect(await codeOf(maya.operator.move.mutate({ bookingId: b.id, startsAtLocal: wall(free.start), reason: 'Not mine to move' }))).toBe(
      'FORBIDDEN',
    );

    const after = await move(wall(free.start), 'Client asked us by phone', support);
    expect(after.startsAt.at).toBe(new Date(free.start).toISOString());
    expect(after.version).toBe(before.version + 1);
    expect(after.audit[0]).toMatchObject({
      action: 'booking.move',
      reason: 'Client asked us by phone',
      before: expect.objectContaining({ startsAt: before.startsAt.at }),
      after: expect.objectContaining({ startsAt: new Date(free.start).toISOString() }),
    });
    const events = await stack.deps.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, b.id));
    expect(events.at(-1)).toMatchObject({ type: 'booking.changed', actorKind: 'admin', reason: 'Client asked us by phone' });
    // Both sides told, in the same transaction (a requested booking has no calendar event yet).
    const told = await stack.deps.db
      .select()
      .from(jobs)
      .where(eq(jobs.idempotencyKey, `notify:${events.at(-1)!.id}:both:booking.changed`));
    expect(told).toHaveLength(1);
    // The old time is free again: Leo's booking may now move there.
    const back = await ana.operator.move.mutate({
      bookingId: other.id,
      startsAtLocal: before.startsAtLocal,
      reason: 'Swap with the earlier job',
    });
    expect(back.startsAt.at).toBe(before.startsAt.at);
  }, 60_000);

  it('credits a client with a reason: Stripe customer balance, ledger rows summing to zero, reconciled; support held to the limit', async () => {
    expect(await codeOf(ana.operator.credit.mutate({ bookingId: paidId, amount: 2500, reason: 'ok' }))).toBe('BAD_REQUEST');
    expect(await codeOf(ana.operator.credit.mutate({ bookingId: paidId, amount: -5, reason: 'Negative on purpose' }))).toBe('BAD_REQUEST');
    const big = support.operator.credit.mutate({ bookingId: paidId, amount: 20_000, reason: 'A big goodwill credit' });
    await expect(big).rejects.toThrow(/Support can credit up to \$50\.00/);
    const { txId } = await support.operator.credit.mutate({ bookingId: paidId, amount: 2500, reason: 'Sorry for the late arrival' });
    const rows = await waitFor('the credit in the ledger', async () => {
      const r = await stack.deps.db.select().from(ledgerEntries).where(eq(ledgerEntries.txId, txId));
      return r.length > 0 ? r : null;
    });
    expect(rows.reduce((sum, r) => sum + r.amount, 0)).toBe(0);
    const mayaId = await userId(stack, demoEmails.maya);
    expect(rows.find((r) => r.account === `client_credit:${mayaId}`)?.amount).toBe(-2500);
    const txn = await stack.deps.stripe.customers.retrieveBalanceTransaction(
      (await stack.deps.stripe.customers.list({ email: demoEmails.maya })).data[0]!.id,
      rows[0]!.externalRef!,
    );
    expect(txn).toMatchObject({ amount: -2500, type: 'adjustment' });
    const view = await ana.operator.booking.query({ bookingId: paidId });
    expect(view.credits[0]).toMatchObject({ amount: 2500, status: 'posted', reason: 'Sorry for the late arrival' });
    expect(view.audit.find((a) => a.action === 'booking.credit')).toMatchObject({ reason: 'Sorry for the late arrival' });
    const person = await ana.operator.person.query({ userId: mayaId });
    expect(person.credits.map((c) => c.amount)).toContain(2500);
    const rec = await ana.adminPayments.reconcile.mutate();
    expect(rec.differences.filter((d) => d.what.startsWith('credits'))).toEqual([]);
    // A credit the ledger has and Stripe does not shows as a difference.
    await stack.deps.db.insert(ledgerEntries).values([
      {
        txId: 'credit:op:forged',
        bookingId: paidId,
        account: 'goodwill',
        amount: 100,
        currency: view.currency,
        kind: 'adjustment',
        at: new Date(),
      },
      {
        txId: 'credit:op:forged',
        bookingId: paidId,
        account: `client_credit:${mayaId}`,
        amount: -100,
        currency: view.currency,
        kind: 'adjustment',
        at: new Date(),
      },
    ]);
    const off = await ana.adminPayments.reconcile.mutate();
    expect(off.differences.filter((d) => d.what.startsWith('credits'))).toEqual([expect.objectContaining({ ledger: 2600, stripe: 2500 })]);
    await stack.deps.db.delete(ledgerEntries).where(eq(ledgerEntries.txId, 'credit:op:forged'));
  }, 60_000);

  it('marks a no-show through the machine after the grace period: support refused a refund above its limit, audited', async () => {
    const before = await ana.operator.booking.query({ bookingId: paidId });
    expect(before.commands).not.toContain('mark_no_show');
    expect(await codeOf(ana.operator.noShow.mutate({ bookingId: paidId, absent: 'client', reason: 'Provider called from the door' }))).toBe(
      'CONFLICT',
    );
    setClock(stack, new Date(new Date(before.startsAt.at).getTime() + 20 * 60_000), { running: true });
    try {
      expect((await ana.operator.booking.query({ bookingId: paidId })).commands).toContain('mark_no_show');
      expect(
        await codeOf(ana.operator.noShow.mutate({ bookingId: paidId, absent: 'nobody' as 'client', reason: 'Nobody came at all' })),
      ).toBe('BAD_REQUEST');
      // The provider absent refunds everything paid: more than support's limit.
      expect(await codeOf(support.operator.noShow.mutate({ bookingId: paidId, absent: 'provider', reason: 'Client waited an hour' }))).toBe(
        'FORBIDDEN',
      );
      const after = await ana.operator.noShow.mutate({ bookingId: paidId, absent: 'client', reason: 'Provider called from the door' });
      expect(after.status).toBe('no_show');
      expect(after.audit[0]).toMatchObject({
        action: 'booking.no_show',
        reason: 'Provider called from the door',
        after: expect.objectContaining({ status: 'no_show', absent: 'client' }),
      });
      const events = await stack.deps.db.select().from(bookingEvents).where(eq(bookingEvents.bookingId, paidId));
      expect(events.at(-1)).toMatchObject({ type: 'booking.client_no_show', actorKind: 'admin', reason: 'Provider called from the door' });
    } finally {
      resetClock(stack);
    }
  }, 60_000);
});
