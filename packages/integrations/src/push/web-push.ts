import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import webpush from 'web-push';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export interface PushSubscriptionKeys {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushSender {
  readonly publicKey: string;
  /** Sends one payload to one browser; `gone` when the push service says the subscription no longer exists. */
  send(sub: PushSubscriptionKeys, payload: { title: string; body: string; url?: string; tag?: string }): Promise<{ gone: boolean }>;
}

/** The sandbox's VAPID keys: generated on first start and kept in `file` (DATA_DIR/vapid.json) so browsers stay subscribed. */
export function vapidKeysFromFile(file: string): VapidKeys {
  if (existsSync(file)) {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<VapidKeys>;
    if (saved.publicKey && saved.privateKey) return { publicKey: saved.publicKey, privateKey: saved.privateKey };
  }
  const keys = webpush.generateVAPIDKeys();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(keys), { mode: 0o600 });
  return keys;
}

export function createWebPushSender(keys: VapidKeys, subject: string): PushSender {
  return {
    publicKey: keys.publicKey,
    async send(sub, payload) {
      // The library signs (VAPID) and encrypts (aes128gcm); the request goes out with fetch, so an http
      // push service (the sandbox's emulator) works as well as the browsers' https ones.
      const req = webpush.generateRequestDetails(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
          TTL: 24 * 3600,
          ...(payload.tag ? { topic: payload.tag.replace(/[^A-Za-z0-9_-]/g, '').slice(-32) } : {}),
        },
      );
      const res = await fetch(req.endpoint, {
        method: req.method,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        ...(req.body ? { body: new Uint8Array(req.body) } : {}),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 404 || res.status === 410) return { gone: true };
      if (!res.ok) throw new Error(`Push service answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      return { gone: false };
    },
  };
}
