import { and, eq } from 'drizzle-orm';
import { pushSubscriptions } from '@handled/db/schema';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Stores a browser's push subscription for the signed-in user; the same endpoint moves to the newest user. */
export async function subscribePush(deps: ServiceDeps, user: SessionUser, sub: PushSubscriptionInput) {
  await deps.db
    .insert(pushSubscriptions)
    .values({ userId: user.id, endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId: user.id, p256dh: sub.keys.p256dh, auth: sub.keys.auth } });
  return { subscribed: true };
}

export async function unsubscribePush(deps: ServiceDeps, user: SessionUser, endpoint: string) {
  await deps.db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, user.id), eq(pushSubscriptions.endpoint, endpoint)));
  return { subscribed: false };
}

export async function pushStatus(deps: ServiceDeps, user: SessionUser, endpoint: string | undefined) {
  const rows = await deps.db.select({ endpoint: pushSubscriptions.endpoint }).from(pushSubscriptions).where(eq(pushSubscriptions.userId, user.id));
  return { devices: rows.length, thisDevice: endpoint ? rows.some((r) => r.endpoint === endpoint) : false };
}
