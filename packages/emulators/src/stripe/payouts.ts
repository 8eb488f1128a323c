import { Hono } from 'hono';
import { z } from 'zod';
import { newId } from '../shared/ids.ts';
import { invalid, missing } from './errors.ts';
import { balanceOf } from './balance.ts';
import { listOf, type StripeRouter } from './http.ts';
import { currency, expand, int, listParams, metadata, validate } from './params.ts';
import { noRequest, type RequestInfo, type StripeStore } from './store.ts';
import type { Account, Payout, StripeObject } from './types.ts';

const DAY = 86_400;
/** A standard payout lands in the bank two days after it is created. */
const ARRIVAL_DAYS = 2;

/** Stripe's payout failure codes and messages. */
export const payoutFailures: Record<string, string> = {
  no_account: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
  account_closed: 'The bank account has been closed.',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  debit_not_authorized:
    'Debit transactions are not approved on the bank account. (Stripe requires bank accounts to be set up for both credit and debit payouts.)',
  invalid_currency:
    'The bank was unable to process this payout because of its currency. This is probably because the bank account cannot accept payments in that currency.',
  could_not_process: 'The bank could not process this payout.',
};

/** Stripe's test bank account numbers whose payouts fail, by their last four digits. */
const failingAccounts: Record<string, string> = {
  '1116': 'no_account', // 000111111116
  '1113': 'account_closed', // 000111111113
  '2227': 'insufficient_funds', // 000222222227
  '3335': 'debit_not_authorized', // 000333333335
  '4440': 'invalid_currency', // 000444444440
};

/** The payout as Stripe sends it (the emulator's own notes removed). */
export function payoutWire(p: Payout): StripeObject {
  const { account: _a, fail_with: _f, ...wire } = p;
  return wire as StripeObject;
}

const owner = (account: string | null) => account ?? 'platform';
const connect = (req: RequestInfo, p: Payout): RequestInfo => ({ ...req, account: p.account === 'platform' ? null : p.account });

function bankAccount(store: StripeStore, account: string | null): { id: string; last4: string } | null {
  if (!account) return null;
  const list = (store.data.accounts[account]?.external_accounts as { data?: { id: string; last4: string }[] } | undefined)?.data ?? [];
  return list[0] ?? null;
}

/** Moves `amount` of an account's available balance to its bank: the payout is in transit until its arrival date. */
export function createPayout(
  store: StripeStore,
  account: string | null,
  p: {
    amount: number;
    currency: string;
    automatic: boolean;
    description?: string | null;
    metadata?: Record<string, string>;
    method?: string;
    failWith?: string;
  },
  req: RequestInfo,
  at = store.now(),
): Payout {
  if ((balanceOf(store, account)[p.currency] ?? 0) < p.amount) {
    throw invalid('You have insufficient funds in your Stripe account for this transfer.', 'amount', 'balance_insufficient');
  }
  const bank = bankAccount(store, account);
  if (account && !bank) throw invalid('This account has no external account to pay out to.', 'destination', 'no_external_account');
  const payout: Payout = {
    id: newId('po'),
    object: 'payout',
    account: owner(account),
    amount: p.amount,
    arrival_date: at + ARRIVAL_DAYS * DAY,
    automatic: p.automatic,
    balance_transaction: newId('txn'),
    created: at,
    currency: p.currency,
    description: p.description ?? (p.automatic ? 'STRIPE PAYOUT' : null),
    destination: bank?.id ?? newId('ba'),
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: p.metadata ?? {},
    method: p.method ?? 'standard',
    reconciliation_status: 'not_applicable',
    source_type: 'card',
    statement_descriptor: null,
    status: 'in_transit',
    type: 'bank_account',
    ...(p.failWith ? { fail_with: p.failWith } : {}),
  };
  store.data.payouts[payout.id] = payout;
  store.emit('payout.created', payoutWire(payout), connect(req, payout));
  return payout;
}

/** Payouts whose arrival date has come are paid, or fail (a failing test bank account, or a forced failure); failed funds return to the balance. */
export function settlePayouts(store: StripeStore, at = store.now()): Payout[] {
  const settled: Payout[] = [];
  for (const payout of Object.values(store.data.payouts)) {
    if (payout.status !== 'in_transit' || payout.arrival_date > at) continue;
    const bank = payout.account === 'platform' ? null : bankAccount(store, payout.account);
    const failure = payout.fail_with ?? (bank ? failingAccounts[bank.last4] : undefined);
    if (failure) {
      Object.assign(payout, {
        status: 'failed',
        failure_code: failure,
        failure_message: payoutFailures[failure] ?? payoutFailures.could_not_process,
        failure_balance_transaction: newId('txn'),
      });
      store.emit('payout.failed', payoutWire(payout), connect(noRequest, payout), { status: 'in_transit' });
    } else {
      payout.status = 'paid';
      store.emit('payout.paid', payoutWire(payout), connect(noRequest, payout), { status: 'in_transit' });
    }
    settled.push(payout);
  }
  return settled;
}

type Schedule = { interval?: string; delay_days?: number | string; weekly_anchor?: string; monthly_anchor?: number };
const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

function isPayoutDay(s: Schedule, at: number): boolean {
  const d = new Date(at * 1000);
  if (s.interval === 'daily') return true;
  if (s.interval === 'weekly') return weekdays[d.getUTCDay()] === (s.weekly_anchor ?? 'monday');
  if (s.interval === 'monthly') return d.getUTCDate() === (s.monthly_anchor ?? 1);
  return false;
}

/** Available funds old enough for the account's `delay_days` (a transfer waits that long before it can be paid out). */
function payable(store: StripeStore, account: Account, cur: string, delayDays: number, at: number): number {
  const available = balanceOf(store, account.id)[cur] ?? 0;
  const young = Object.values(store.data.transfers)
    .filter((t) => t.destination === account.id && t.currency === cur && Number(t.created) > at - delayDays * DAY)
    .reduce((s, t) => s + t.amount - t.amount_reversed, 0);
  return Math.max(0, available - Math.max(0, young));
}

/**
 * Automatic payouts, as Stripe runs them: on each payout day of a connected account's schedule
 * (daily, weekly on the anchor day, monthly on the anchor date), one payout per currency of the
 * funds older than `delay_days`; then payouts that have arrived are settled.
 */
export function runPayoutSchedules(store: StripeStore, at = store.now()): { created: Payout[]; settled: Payout[] } {
  const created: Payout[] = [];
  const day = Math.floor(at / DAY);
  for (const account of Object.values(store.data.accounts)) {
    const schedule = ((account.settings as { payouts?: { schedule?: Schedule } } | undefined)?.payouts?.schedule ?? {}) as Schedule;
    if (!account.payouts_enabled || !schedule.interval || schedule.interval === 'manual' || !isPayoutDay(schedule, at)) continue;
    const already = Object.values(store.data.payouts).some(
      (p) => p.account === account.id && p.automatic && Math.floor(p.created / DAY) === day,
    );
    if (already) continue;
    const delay = typeof schedule.delay_days === 'number' ? schedule.delay_days : 2;
    for (const cur of Object.keys(balanceOf(store, account.id))) {
      const amount = payable(store, account, cur, delay, at);
      if (amount > 0) created.push(createPayout(store, account.id, { amount, currency: cur, automatic: true }, noRequest, at));
    }
  }
  return { created, settled: settlePayouts(store, at) };
}

/** Pays out an account's whole available balance now (Stripe's "Pay out now"), one payout per currency. */
export function payOutNow(store: StripeStore, accountId: string, opts: { failWith?: string } = {}, at = store.now()): Payout[] {
  store.get('accounts', accountId, 'account');
  return Object.entries(balanceOf(store, accountId))
    .filter(([, amount]) => amount > 0)
    .map(([cur, amount]) =>
      createPayout(
        store,
        accountId,
        { amount, currency: cur, automatic: false, ...(opts.failWith ? { failWith: opts.failWith } : {}) },
        noRequest,
        at,
      ),
    );
}

export function payoutRoutes(r: StripeRouter): void {
  r.post('/v1/payouts', ({ params, req, store }) => {
    const p = validate(
      z.strictObject({
        amount: int().refine((n) => n > 0, 'must be positive'),
        currency: currency(),
        description: z.string().optional(),
        metadata: metadata().optional(),
        method: z.enum(['standard', 'instant']).optional(),
        statement_descriptor: z.string().optional(),
        expand: expand(),
      }),
      params,
    );
    if (req.account) store.get('accounts', req.account, 'account', 'Stripe-Account');
    const payout = createPayout(
      store,
      req.account,
      {
        amount: p.amount,
        currency: p.currency,
        automatic: false,
        description: p.description ?? null,
        ...(p.metadata ? { metadata: p.metadata } : {}),
        ...(p.method ? { method: p.method } : {}),
      },
      req,
    );
    return payoutWire(payout);
  });

  r.get('/v1/payouts/:id', ({ path, req, store }) => {
    const payout = store.data.payouts[path.id!];
    // A payout is only visible to the account whose balance it moved (the Stripe-Account header).
    if (!payout || payout.account !== owner(req.account)) throw missing('payout', path.id!);
    return payoutWire(payout);
  });

  r.get('/v1/payouts', ({ params, req, store }) => {
    const p = validate(
      z.strictObject({
        ...listParams,
        status: z.string().optional(),
        arrival_date: z.unknown().optional(),
        created: z.unknown().optional(),
        destination: z.string().optional(),
      }),
      params,
    );
    const all = Object.values(store.data.payouts)
      .filter((x) => x.account === owner(req.account) && (!p.status || x.status === p.status))
      .reverse()
      .map(payoutWire);
    return listOf(all, params, '/v1/payouts');
  });
}

const payNowBody = z.object({ fail: z.enum(Object.keys(payoutFailures) as [string, ...string[]]).optional() });
const runBody = z.object({ at: z.number().int().positive().optional() });

/**
 * Control endpoints (JSON) for tests and the dashboard: `POST /_/stripe/accounts/:id/payouts` pays
 * out a connected account's balance now (optionally failing with a code); `POST /_/stripe/payouts/run`
 * runs the payout schedules and settles what has arrived, at `at` (unix seconds) or now.
 */
export function payoutControlRoutes(store: StripeStore): Hono {
  const app = new Hono();
  app.post('/_/stripe/accounts/:id/payouts', async (c) => {
    const body = payNowBody.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success) return c.json({ error: body.error.message }, 400);
    try {
      return c.json(payOutNow(store, c.req.param('id'), body.data.fail ? { failWith: body.data.fail } : {}).map(payoutWire));
    } catch (e) {
      return c.json({ error: (e as Error).message }, 400);
    }
  });
  app.post('/_/stripe/payouts/run', async (c) => {
    const body = runBody.safeParse(await c.req.json().catch(() => ({})));
    if (!body.success) return c.json({ error: body.error.message }, 400);
    const { created, settled } = runPayoutSchedules(store, body.data.at ?? store.now());
    return c.json({ created: created.map(payoutWire), settled: settled.map(payoutWire) });
  });
  return app;
}
