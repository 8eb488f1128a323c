import { notificationGroups, resolveNotificationChoices, type NotificationGroup } from '@handled/core/notification-choices';
import { preferenceRow, savePreferenceRow } from '../../repositories/notification-delivery.ts';
import type { ServiceDeps } from '../deps.ts';
import { checkUnsubscribeSignature } from './deliver.ts';

/** An unsubscribe link followed (or one-click POSTed): that group's emails off for that person. False when the link is not ours. */
export async function unsubscribeByLink(
  deps: ServiceDeps,
  q: { u?: string | undefined; g?: string | undefined; s?: string | undefined },
): Promise<NotificationGroup | null> {
  const secret = deps.config.signingSecret;
  const group = notificationGroups.find((g) => g === q.g);
  if (!secret || !q.u || !q.s || !group || !checkUnsubscribeSignature(secret, q.u, group, q.s)) return null;
  const row = await preferenceRow(deps.db, q.u);
  const choices = resolveNotificationChoices(row?.choices);
  choices[group].email = false;
  await savePreferenceRow(deps.db, q.u, { choices }, deps.now());
  return group;
}
