import { DomainError } from '@handled/core/errors';
import { defaultRankingWeights, defaultReviewSettings, type RankingWeights, type ReviewSettings } from '@handled/core/reputation';
import {
  feeSettingsSchema,
  limitSettingsSchema,
  rankingWeightsSchema,
  reviewSettingsSchema,
  type FeeSettings,
  type LimitSettings,
  type SettingKey,
} from '@handled/core/schemas';
import { defaultFeeSchedule, defaultPlanPolicy, feePolicyFor, type FeeSchedule, type PaymentPlanPolicy } from '@handled/core/payments';
import type { FeePolicy } from '@handled/core';
import type { Db, DbOrTx } from '@handled/db';
import { z } from 'zod';
import { insertSettingVersion, latestSetting, latestSettingText, settingHistory } from '../repositories/settings.ts';
import { usersNamed } from '../repositories/audit.ts';
import type { SessionUser } from '../context.ts';
import { recordAudit } from './audit.ts';
import type { ServiceDeps } from './deps.ts';
import { enqueue } from './jobs.ts';

/** Support may refund (or cancel with a refund of) at most this much, in minor units, until an admin changes it. */
export const defaultSupportRefundLimit = 10_000;

function defaultLimits(): LimitSettings {
  return {
    supportRefundLimit: defaultSupportRefundLimit,
    planMinTotal: defaultPlanPolicy.minTotal,
    planMinLeadDays: defaultPlanPolicy.minLeadDays,
  };
}

/**
 * Operator settings, versioned (setting_version) and audited: the ranking weights and the review
 * window. Each key has its schema and its default (used until an operator first saves it); a stored
 * value that no longer parses falls back to the default rather than breaking search.
 */
const definitions = {
  ranking: { schema: rankingWeightsSchema, fallback: defaultRankingWeights },
  reviews: { schema: reviewSettingsSchema, fallback: defaultReviewSettings },
  /** Per-category fees over the built-in schedule (issue 18); empty means the schedule as shipped. */
  fees: { schema: feeSettingsSchema, fallback: { byCategory: {} } as FeeSettings },
  /** Support's refund limit and the payment-plan threshold (issue 18). */
  limits: { schema: limitSettingsSchema, fallback: defaultLimits() },
} as const satisfies Record<SettingKey, { schema: z.ZodType; fallback: object }>;

/** A stored value as its schema reads it; the default when it was never set or no longer parses. */
function settingValue<K extends SettingKey>(key: K, stored: unknown) {
  const parsed = stored === undefined ? null : definitions[key].schema.safeParse(stored);
  return (parsed?.success ? parsed.data : definitions[key].fallback) as z.output<(typeof definitions)[K]['schema']>;
}

async function current<K extends SettingKey>(db: DbOrTx, key: K) {
  const row = await latestSetting(db, key);
  return { value: settingValue(key, row?.value), row };
}

export async function rankingWeights(db: DbOrTx): Promise<RankingWeights> {
  return (await current(db, 'ranking')).value;
}

export async function reviewSettings(db: DbOrTx): Promise<ReviewSettings> {
  return (await current(db, 'reviews')).value;
}

/** The built-in fee schedule with the operators' per-category changes over it. */
function scheduleWith({ byCategory }: FeeSettings): FeeSchedule {
  const merged: Record<string, Partial<FeePolicy>> = { ...defaultFeeSchedule.byCategory };
  for (const [slug, p] of Object.entries(byCategory)) merged[slug] = { ...merged[slug], ...p };
  return { ...defaultFeeSchedule, byCategory: merged };
}

/** The fee schedule in force: the built-in one with the operators' per-category changes over it. */
export async function feeSchedule(db: DbOrTx): Promise<FeeSchedule> {
  return scheduleWith((await current(db, 'fees')).value);
}

function jsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The schedule last made from a stored value, kept with that value's text (a new version has new text). */
const lastSchedule = new WeakMap<Db, { text: string | undefined; schedule: FeeSchedule }>();

/**
 * The fee policy a new booking in this category is priced with, as `feePolicyOf` gives it, read on
 * the hot reads' prepared statements and parsed again only when the stored value changed.
 */
export async function feePolicyNow(db: Db, categorySlug: string): Promise<FeePolicy> {
  const text = await latestSettingText(db, 'fees');
  let kept = lastSchedule.get(db);
  if (!kept || kept.text !== text) {
    kept = { text, schedule: scheduleWith(settingValue('fees', text === undefined ? undefined : jsonOrNull(text))) };
    lastSchedule.set(db, kept);
  }
  return feePolicyFor(categorySlug, kept.schedule);
}

/** The fee policy a new booking in this category is priced with. */
export async function feePolicyOf(db: DbOrTx, categorySlug: string): Promise<FeePolicy> {
  return feePolicyFor(categorySlug, await feeSchedule(db));
}

/** Support's refund limit and the plan threshold in force. */
export async function limitSettings(db: DbOrTx): Promise<LimitSettings> {
  return (await current(db, 'limits')).value;
}

/** The payment-plan policy in force: the built-in one with the operators' threshold over it. */
export async function planPolicy(db: DbOrTx): Promise<PaymentPlanPolicy> {
  const l = await limitSettings(db);
  return { ...defaultPlanPolicy, minTotal: l.planMinTotal, minLeadDays: l.planMinLeadDays };
}

/** Both settings with their version, who set them and their last changes, for /admin/settings. */
export async function settingsView(deps: ServiceDeps) {
  const [ranking, reviews, fees, limits, rankingLog, reviewsLog, feesLog, limitsLog] = await Promise.all([
    current(deps.db, 'ranking'),
    current(deps.db, 'reviews'),
    current(deps.db, 'fees'),
    current(deps.db, 'limits'),
    settingHistory(deps.db, 'ranking', 10),
    settingHistory(deps.db, 'reviews', 10),
    settingHistory(deps.db, 'fees', 10),
    settingHistory(deps.db, 'limits', 10),
  ]);
  const ids = [...rankingLog, ...reviewsLog, ...feesLog, ...limitsLog].map((r) => r.actorId).filter((x): x is string => !!x);
  const names = await usersNamed(deps.db, ids);
  const history = (rows: typeof rankingLog) =>
    rows.map((r) => ({
      version: r.version,
      value: r.value,
      reason: r.reason,
      actorName: r.actorId ? (names.get(r.actorId) ?? null) : null,
      at: r.at.toISOString(),
    }));
  return {
    ranking: { value: ranking.value, version: ranking.row?.version ?? 0, defaults: defaultRankingWeights, history: history(rankingLog) },
    reviews: { value: reviews.value, version: reviews.row?.version ?? 0, defaults: defaultReviewSettings, history: history(reviewsLog) },
    fees: {
      value: fees.value,
      version: fees.row?.version ?? 0,
      defaults: { default: defaultFeeSchedule.default, byCategory: defaultFeeSchedule.byCategory },
      history: history(feesLog),
    },
    limits: { value: limits.value, version: limits.row?.version ?? 0, defaults: defaultLimits(), history: history(limitsLog) },
  };
}

/**
 * A new version of a setting, with the reason, in one transaction with its audit entry. `expectedVersion`
 * is the version the operator edited: a change saved by someone else meanwhile refuses this one.
 * New ranking weights rescore every provider (the reputation sweep).
 */
export async function updateSetting(
  deps: ServiceDeps,
  admin: SessionUser,
  input: { key: SettingKey; value: unknown; reason: string; expectedVersion: number },
) {
  const parsed = definitions[input.key].schema.safeParse(input.value);
  if (!parsed.success)
    throw new DomainError('INVALID_INPUT', parsed.error.issues[0]?.message ?? 'Those values are not valid.', {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  const now = deps.now();
  const saved = await deps.db.transaction(async (tx) => {
    const { value: before, row } = await current(tx, input.key);
    const version = (row?.version ?? 0) + 1;
    if ((row?.version ?? 0) !== input.expectedVersion)
      throw new DomainError('STALE_VERSION', 'Someone else changed these settings meanwhile. Reload the page to see their change.');
    const inserted = await insertSettingVersion(tx, {
      key: input.key,
      version,
      value: parsed.data as Record<string, unknown>,
      actorId: admin.id,
      reason: input.reason,
      at: now,
    });
    await recordAudit(
      tx,
      {
        actor: admin,
        action: 'setting.update',
        subjectType: 'setting',
        subjectId: input.key,
        reason: input.reason,
        before: { version: version - 1, ...(before as Record<string, unknown>) },
        after: { version, ...(parsed.data as Record<string, unknown>) },
      },
      now,
    );
    if (input.key === 'ranking')
      await enqueue(tx, { type: 'reputation.sweep', payload: { after: '' }, key: `reputation.sweep:ranking:v${version}` }, now);
    return inserted;
  });
  return { key: saved.key, version: saved.version };
}
