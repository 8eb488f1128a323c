import { z } from 'zod';
import { DomainError } from '@handled/core/errors';
import type { DbOrTx } from '@handled/db';
import type { SessionUser } from '../../context.ts';
import { insertSettingVersion, latestSetting } from '../../repositories/settings.ts';
import { recordAudit } from '../audit.ts';
import type { ServiceDeps } from '../deps.ts';

/** Stored in the operators' versioned settings (setting_version) under this key, audited like the others. */
export const MESSAGING_SETTING_KEY = 'messaging';

export const messagingSettingsSchema = z.object({
  /** Phone numbers and email addresses in messages are hidden until the booking is confirmed. */
  maskContactsBeforeConfirmed: z.boolean(),
});
export type MessagingSettings = z.output<typeof messagingSettingsSchema>;
export const defaultMessagingSettings: MessagingSettings = { maskContactsBeforeConfirmed: true };

async function current(db: DbOrTx) {
  const row = await latestSetting(db, MESSAGING_SETTING_KEY);
  const parsed = row ? messagingSettingsSchema.safeParse(row.value) : null;
  return { value: parsed?.success ? parsed.data : defaultMessagingSettings, version: row?.version ?? 0 };
}

export async function messagingSettings(db: DbOrTx): Promise<MessagingSettings> {
  return (await current(db)).value;
}

export async function messagingSettingsView(deps: ServiceDeps) {
  const { value, version } = await current(deps.db);
  return { value, version, defaults: defaultMessagingSettings };
}

/** A new version with the operator's reason, in one transaction with its audit entry; a stale version is refused. */
export async function saveMessagingSettings(
  deps: ServiceDeps,
  admin: SessionUser,
  input: { value: MessagingSettings; reason: string; expectedVersion: number },
) {
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const { value: before, version } = await current(tx);
    if (version !== input.expectedVersion)
      throw new DomainError('STALE_VERSION', 'Someone else changed these settings meanwhile. Reload the page to see their change.');
    await insertSettingVersion(tx, {
      key: MESSAGING_SETTING_KEY,
      version: version + 1,
      value: input.value,
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
        subjectId: MESSAGING_SETTING_KEY,
        reason: input.reason,
        before: { version, ...before },
        after: { version: version + 1, ...input.value },
      },
      now,
    );
    return { key: MESSAGING_SETTING_KEY, version: version + 1 };
  });
}
