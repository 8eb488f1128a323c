import { createDecipheriv, createECDH, hkdfSync, randomBytes, randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import type { Clock, EmulatorModule } from '../shared/emulator.ts';
import { html, layout } from '../shared/html.ts';

/** A browser as a push service sees it: its endpoint and the keys it subscribed with (kept to read what arrives). */
interface PushDevice {
  id: string;
  name: string;
  p256dh: string;
  auth: string;
  privateKey: string;
  created_at: string;
}

export interface ReceivedPush {
  id: string;
  device: string;
  received_at: string;
  ttl: string | null;
  urgency: string | null;
  topic: string | null;
  /** Whether the request carried a VAPID `Authorization: vapid t=…, k=…` header. */
  vapid: boolean;
  /** The decrypted payload (JSON the server sent: title, body, url), or null when it could not be read. */
  payload: string | null;
  error: string | null;
}

export interface PushData {
  devices: PushDevice[];
  received: ReceivedPush[];
}

const b64u = (b: Buffer) => b.toString('base64url');

/** RFC 8291 (aes128gcm): the payload as the browser with these keys reads it. */
function decrypt(body: Buffer, device: PushDevice): string {
  const salt = body.subarray(0, 16);
  const idlen = body.readUInt8(20);
  const senderPublic = body.subarray(21, 21 + idlen);
  const record = body.subarray(21 + idlen);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(Buffer.from(device.privateKey, 'base64url'));
  const shared = ecdh.computeSecret(senderPublic);
  const uaPublic = Buffer.from(device.p256dh, 'base64url');
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, senderPublic]);
  const ikm = Buffer.from(hkdfSync('sha256', shared, Buffer.from(device.auth, 'base64url'), keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(record.subarray(record.length - 16));
  const plain = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02 and zero padding.
  let end = plain.length;
  while (end > 0 && plain[end - 1] === 0) end--;
  return plain.subarray(0, end - 1).toString('utf8');
}

/**
 * A web push service: `POST /_/push/devices` makes a test device (a subscription with keys, as
 * `PushManager.subscribe` gives a page), `POST /push/:device` receives what a server sends it
 * (VAPID, aes128gcm) and keeps it decrypted; `/_/push` shows the devices and what each received.
 */
export function createPushEmulator(opts: {
  clock: Clock;
  publicUrl: string;
  onChange?: () => void;
}): EmulatorModule & { readonly data: PushData } {
  let data: PushData = { devices: [], received: [] };
  const changed = opts.onChange ?? (() => undefined);
  const app = new Hono();

  app.post('/_/push/devices', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { name?: unknown };
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const device: PushDevice = {
      id: randomUUID(),
      name: typeof body.name === 'string' && body.name ? body.name.slice(0, 80) : 'Test device',
      p256dh: b64u(ecdh.getPublicKey()),
      auth: b64u(randomBytes(16)),
      privateKey: b64u(ecdh.getPrivateKey()),
      created_at: new Date(opts.clock()).toISOString(),
    };
    data.devices.push(device);
    changed();
    return c.json(
      { id: device.id, endpoint: `${opts.publicUrl}/push/${device.id}`, keys: { p256dh: device.p256dh, auth: device.auth } },
      201,
    );
  });

  app.post('/push/:device', async (c) => {
    const device = data.devices.find((d) => d.id === c.req.param('device'));
    if (!device) return c.text('No such subscription', 410);
    const raw = Buffer.from(await c.req.arrayBuffer());
    let payload: string | null = null;
    let error: string | null = null;
    try {
      payload = raw.length ? decrypt(raw, device) : null;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    data.received.push({
      id: randomUUID(),
      device: device.id,
      received_at: new Date(opts.clock()).toISOString(),
      ttl: c.req.header('ttl') ?? null,
      urgency: c.req.header('urgency') ?? null,
      topic: c.req.header('topic') ?? null,
      vapid: /^vapid t=.+, k=.+/.test(c.req.header('authorization') ?? ''),
      payload,
      error,
    });
    changed();
    return error ? c.text('Could not decrypt', 400) : c.body(null, 201);
  });

  app.get('/_/push/received', (c) =>
    c.json({ devices: data.devices.map(({ privateKey: _k, ...d }) => d), received: [...data.received].reverse() }),
  );

  app.get('/_/push', (c) => {
    const nameOf = (id: string) => data.devices.find((d) => d.id === id)?.name ?? id;
    const shown = (r: ReceivedPush) => {
      try {
        const p = JSON.parse(r.payload ?? '') as { title?: string; body?: string; url?: string };
        return { title: p.title ?? '', body: p.body ?? '', url: p.url ?? '' };
      } catch {
        return { title: r.payload ?? '(empty)', body: r.error ?? '', url: '' };
      }
    };
    return c.html(
      layout(
        'Push notifications',
        html`<h1>Push notifications</h1>
          <p class="muted">What the push service delivered to each subscribed device, decrypted as the browser shows it.</p>
          <div class="card" style="overflow-x:auto">
            <table>
              <thead>
                <tr>
                  <th>Device</th>
                  <th>Notification</th>
                  <th>Delivery</th>
                </tr>
              </thead>
              <tbody>
                ${[...data.received].reverse().map((r) => {
                  const p = shown(r);
                  return html`<tr>
                    <td>${nameOf(r.device)}</td>
                    <td>
                      <strong>${p.title}</strong>
                      <div style="white-space:pre-wrap">${p.body}</div>
                      ${p.url ? html`<div class="muted" style="overflow-wrap:anywhere">${p.url}</div>` : ''}
                    </td>
                    <td>
                      <span class="badge ${r.error ? 'failed' : 'ok'}">${r.error ? 'unreadable' : 'delivered'}</span>
                      <div class="muted">${r.received_at}${r.vapid ? ' · VAPID' : ''}${r.urgency ? ` · ${r.urgency}` : ''}</div>
                    </td>
                  </tr>`;
                })}
              </tbody>
            </table>
            ${data.received.length === 0 ? html`<p class="muted">Nothing pushed yet.</p>` : ''}
          </div>`,
      ),
    );
  });

  return {
    name: 'push',
    app,
    get data() {
      return data;
    },
    pages: [{ title: 'Push notifications', href: '/_/push', description: 'Web push messages, as the subscribed browsers received them' }],
    snapshot: () => data,
    restore: (saved) => {
      if (saved && typeof saved === 'object') data = { devices: [], received: [], ...(saved as Partial<PushData>) };
    },
  };
}
