import { z } from 'zod';
import { newId, randomToken } from '../shared/ids.ts';
import { invalid } from './errors.ts';
import { listOf, type StripeRouter } from './http.ts';
import { bool, expand, int, listParams, mergeMetadata, metadata, validate } from './params.ts';
import type { RequestInfo, StripeStore } from './store.ts';
import type { Account, AccountLink } from './types.ts';

const DUE = [
  'business_profile.url',
  'business_type',
  'external_account',
  'individual.dob.day',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
];
const LINK_TTL_SECONDS = 300;

const capabilities = z.record(z.string(), z.strictObject({ requested: bool() }));
const controller = z.strictObject({
  fees: z.strictObject({ payer: z.enum(['account', 'application']) }).optional(),
  losses: z.strictObject({ payments: z.enum(['application', 'stripe']) }).optional(),
  requirement_collection: z.enum(['application', 'stripe']).optional(),
  stripe_dashboard: z.strictObject({ type: z.enum(['express', 'full', 'none']) }).optional(),
});
const settings = z
  .strictObject({
    payouts: z
      .strictObject({
        schedule: z
          .strictObject({
            interval: z.enum(['daily', 'weekly', 'monthly', 'manual']).optional(),
            delay_days: z.union([int(), z.literal('minimum')]).optional(),
            weekly_anchor: z.string().optional(),
            monthly_anchor: int().optional(),
          })
          .optional(),
        statement_descriptor: z.string().optional(),
      })
      .optional(),
  })
  .loose();
const fields = {
  email: z.string().optional(),
  business_type: z.enum(['individual', 'company', 'non_profit', 'government_entity']).optional(),
  business_profile: z.record(z.string(), z.unknown()).optional(),
  capabilities: capabilities.optional(),
  metadata: metadata().optional(),
  settings: settings.optional(),
  expand: expand(),
};
const createSchema = z.strictObject({
  ...fields,
  type: z.enum(['express', 'standard', 'custom']).optional(),
  controller: controller.optional(),
  country: z.string().length(2).optional(),
  default_currency: z.string().optional(),
});
const updateSchema = z.strictObject(fields);

/** Marks onboarding done: details submitted, capabilities active, requirements cleared. */
export function completeOnboarding(
  store: StripeStore,
  account: Account,
  details: { name?: string; accountNumber?: string },
  req: RequestInfo,
): void {
  const previous = {
    charges_enabled: account.charges_enabled,
    payouts_enabled: account.payouts_enabled,
    details_submitted: account.details_submitted,
    requirements: structuredClone(account.requirements),
  };
  account.details_submitted = true;
  account.charges_enabled = true;
  account.payouts_enabled = true;
  account.requirements = {
    ...account.requirements,
    currently_due: [],
    eventually_due: [],
    past_due: [],
    pending_verification: [],
    disabled_reason: null,
    current_deadline: null,
  };
  account.future_requirements = { ...(account.future_requirements as object), currently_due: [], eventually_due: [], past_due: [] };
  account.tos_acceptance = { date: store.now(), ip: '127.0.0.1', user_agent: 'emulator' };
  if (details.name) account.business_profile = { ...(account.business_profile as object), name: details.name };
  account.external_accounts = {
    object: 'list',
    data: [
      {
        id: newId('ba'),
        object: 'bank_account',
        account: account.id,
        bank_name: 'STRIPE TEST BANK',
        country: 'US',
        currency: 'usd',
        last4: (details.accountNumber ?? '000123456789').slice(-4),
        routing_number: '110000000',
        status: 'new',
        default_for_currency: true,
      },
    ],
    has_more: false,
    url: `/v1/accounts/${account.id}/external_accounts`,
  };
  const connect = { ...req, account: account.id };
  for (const name of Object.keys(account.capabilities)) {
    account.capabilities[name] = 'active';
    store.emit('capability.updated', { id: name, object: 'capability', account: account.id, requested: true, status: 'active' }, connect, {
      status: 'inactive',
    });
  }
  store.emit('account.updated', account, connect, previous);
}

export function accountRoutes(r: StripeRouter): void {
  r.post('/v1/accounts', ({ params, store }) => {
    const p = validate(createSchema, params);
    if (p.type && p.controller) throw invalid('You cannot specify both `type` and `controller`.', 'controller');
    const dashboard = p.controller?.stripe_dashboard?.type ?? (p.type === 'standard' ? 'full' : p.type === 'custom' ? 'none' : 'express');
    const now = store.now();
    const requested = Object.entries(p.capabilities ?? {})
      .filter(([, v]) => v.requested)
      .map(([k]) => k);
    const account: Account = {
      id: newId('acct', 16),
      object: 'account',
      business_profile: { mcc: null, name: null, product_description: null, support_email: null, url: null, ...p.business_profile },
      business_type: p.business_type ?? null,
      capabilities: Object.fromEntries(requested.map((k) => [k, 'inactive'])),
      charges_enabled: false,
      controller: {
        fees: { payer: p.controller?.fees?.payer ?? (p.type ? 'account' : 'application') },
        is_controller: true,
        losses: { payments: p.controller?.losses?.payments ?? 'application' },
        requirement_collection: p.controller?.requirement_collection ?? 'stripe',
        stripe_dashboard: { type: dashboard },
        type: 'application',
      },
      country: p.country ?? 'US',
      created: now,
      default_currency: p.default_currency ?? 'usd',
      details_submitted: false,
      email: p.email ?? null,
      external_accounts: { object: 'list', data: [], has_more: false, url: '' },
      future_requirements: {
        alternatives: [],
        current_deadline: null,
        currently_due: [],
        disabled_reason: null,
        errors: [],
        eventually_due: [],
        past_due: [],
        pending_verification: [],
      },
      metadata: p.metadata ?? {},
      payouts_enabled: false,
      requirements: {
        alternatives: [],
        current_deadline: null,
        currently_due: [...DUE],
        disabled_reason: 'requirements.past_due',
        errors: [],
        eventually_due: [...DUE],
        past_due: [...DUE],
        pending_verification: [],
      },
      settings: {
        payouts: {
          debit_negative_balances: true,
          schedule: { delay_days: 2, interval: 'daily', ...p.settings?.payouts?.schedule },
          statement_descriptor: null,
        },
      },
      tos_acceptance: { date: null },
      type: p.type ?? (dashboard === 'full' ? 'standard' : dashboard === 'none' ? 'custom' : 'express'),
    };
    store.data.accounts[account.id] = account;
    return account;
  });

  r.get('/v1/accounts/:id', ({ path, store }) => store.get('accounts', path.id!, 'account'));

  r.get('/v1/account', ({ req, store }) => {
    if (req.account) return store.get('accounts', req.account, 'account');
    return {
      id: 'acct_emulatorplatform',
      object: 'account',
      business_profile: { name: store.accountName },
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      country: 'US',
      default_currency: 'usd',
      type: 'standard',
      capabilities: { card_payments: 'active', transfers: 'active' },
    };
  });

  r.post('/v1/accounts/:id', ({ path, params, req, store }) => {
    const account = store.get('accounts', path.id!, 'account');
    const p = validate(updateSchema, params);
    const previous: Record<string, unknown> = {};
    const set = (key: string, value: unknown) => {
      previous[key] = account[key];
      account[key] = value;
    };
    if (p.email !== undefined) set('email', p.email);
    if (p.business_type !== undefined) set('business_type', p.business_type);
    if (p.business_profile) set('business_profile', { ...(account.business_profile as object), ...p.business_profile });
    if (p.metadata) set('metadata', mergeMetadata(account.metadata, p.metadata));
    if (p.capabilities) {
      for (const [k, v] of Object.entries(p.capabilities))
        if (v.requested && !account.capabilities[k]) account.capabilities[k] = account.details_submitted ? 'active' : 'inactive';
    }
    if (p.settings?.payouts?.schedule) {
      const s = account.settings as { payouts: { schedule: Record<string, unknown> } };
      previous.settings = structuredClone(account.settings);
      s.payouts.schedule = { ...s.payouts.schedule, ...p.settings.payouts.schedule };
    }
    store.emit('account.updated', account, { ...req, account: account.id }, previous);
    return account;
  });

  r.get('/v1/accounts', ({ params, store }) => {
    validate(z.strictObject({ ...listParams, created: z.unknown().optional() }), params);
    return listOf(Object.values(store.data.accounts).reverse(), params, '/v1/accounts');
  });

  r.delete('/v1/accounts/:id', ({ path, req, store }) => {
    const account = store.get('accounts', path.id!, 'account');
    delete store.data.accounts[account.id];
    store.emit(
      'account.application.deauthorized',
      { id: 'ca_emulator', object: 'application', name: store.accountName },
      { ...req, account: account.id },
    );
    return { id: account.id, object: 'account', deleted: true };
  });

  r.post('/v1/account_links', ({ params, store }) => {
    const p = validate(
      z.strictObject({
        account: z.string(),
        type: z.enum(['account_onboarding', 'account_update']),
        refresh_url: z.url(),
        return_url: z.url(),
        collect: z.enum(['currently_due', 'eventually_due']).optional(),
        collection_options: z.unknown().optional(),
        expand: expand(),
      }),
      params,
    );
    const account = store.get('accounts', p.account, 'account', 'account');
    const id = randomToken(20);
    const now = store.now();
    const link: AccountLink = {
      object: 'account_link',
      created: now,
      expires_at: now + LINK_TTL_SECONDS,
      url: `${store.publicUrl}/_/stripe/connect/onboard/${id}`,
      account: account.id,
      refresh_url: p.refresh_url,
      return_url: p.return_url,
      used: false,
    };
    store.data.account_links[id] = link;
    store.changed();
    const { account: _a, refresh_url: _r, return_url: _u, used: _used, ...wire } = link;
    return wire;
  });
}
