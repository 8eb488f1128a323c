import { pushEndpointsOf, removePushSubscription, savePushSubscription } from '../../repositories/push-subscriptions.ts';
import type { SessionUser } from '../../context.ts';
import type { ServiceDeps } from '../deps.ts';

export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** Stores a browser's push subscription for the signed-in user; the same endpoint moves to the newest user. */
export async function subscribePush(deps: ServiceDeps, user: SessionUser, sub: PushSubscriptionInput) {
  await savePushSubscription(deps.db, user.id, { endpoint: sub.endpoint, p256dh: sub.keys.p256dh, auth: sub.keys.auth });
  return { subscribed: true };
}

export async function unsubscribePush(deps: ServiceDeps, user: SessionUser, endpoint: string) {
  await removePushSubscription(deps.db, user.id, endpoint);
  return { subscribed: false };
}

export async function pushStatus(deps: ServiceDeps, user: SessionUser, endpoint: string | undefined) {
  const endpoints = await pushEndpointsOf(deps.db, user.id);
  return { devices: endpoints.length, thisDevice: endpoint ? endpoints.includes(endpoint) : false };
}
