import { Hono, type Context } from 'hono';
import type { Clock } from '../shared/emulator.ts';
import { newSid } from '../shared/ids.ts';
import { twilioSignature } from './signature.ts';

export type MessageStatus = 'queued' | 'sending' | 'sent' | 'delivered' | 'undelivered' | 'failed';

export interface SmsMessage {
  account_sid: string;
  api_version: '2010-04-01';
  body: string;
  date_created: string;
  date_sent: string | null;
  date_updated: string;
  direction: 'outbound-api';
  error_code: number | null;
  error_message: string | null;
  from: string;
  messaging_service_sid: string | null;
  num_media: string;
  num_segments: string;
  price: string | null;
  price_unit: string;
  sid: string;
  status: MessageStatus;
  subresource_uris: { media: string };
  to: string;
  uri: string;
  status_callback: string | null;
}

export interface TwilioData {
  messages: SmsMessage[];
  /** Auth tokens learnt per account (or configured). */
  tokens: Record<string, string>;
  callbacks: Array<{ sid: string; status: MessageStatus; url: string; httpStatus: number | null }>;
}

export interface TwilioApiOptions {
  clock: Clock;
  /** When set, only these AccountSid → AuthToken pairs authenticate. */
  accounts?: Record<string, string>;
  deliveryDelayMs?: number;
  onChange: () => void;
}

const E164 = /^\+[1-9]\d{6,14}$/;
const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

/** Twilio's magic test numbers (https://www.twilio.com/docs/iam/test-credentials). */
const MAGIC_TO: Record<string, { code: number; message: string }> = {
  '+15005550001': { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
  '+15005550009': { code: 21614, message: "'To' number +15005550009 is not a valid mobile number" },
};

const twilioError = (c: Context, status: number, code: number, message: string) =>
  c.json({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, status as 400);

export function twilioApiRoutes(data: () => TwilioData, opts: TwilioApiOptions): { app: Hono; close(): void } {
  const app = new Hono();
  const timers = new Set<NodeJS.Timeout>();

  const authenticate = (c: Context): string | Response => {
    const sid = c.req.param('AccountSid') ?? '';
    const header = c.req.header('authorization') ?? '';
    const [user, token] = header.startsWith('Basic ') ? Buffer.from(header.slice(6), 'base64').toString().split(':') : [];
    const expected = opts.accounts?.[sid] ?? (opts.accounts ? undefined : data().tokens[sid]);
    const ok = user === sid && /^AC[0-9a-f]{32}$/.test(sid) && !!token && (expected === undefined ? !opts.accounts : expected === token);
    if (!ok) return twilioError(c, 401, 20003, 'Authenticate');
    if (!data().tokens[sid]) data().tokens[sid] = token!;
    return sid;
  };

  const callback = async (msg: SmsMessage) => {
    const url = msg.status_callback;
    if (!url) return;
    const params: Record<string, string> = {
      AccountSid: msg.account_sid,
      ApiVersion: msg.api_version,
      From: msg.from,
      MessageSid: msg.sid,
      MessageStatus: msg.status,
      SmsSid: msg.sid,
      SmsStatus: msg.status,
      To: msg.to,
      ...(msg.error_code ? { ErrorCode: String(msg.error_code) } : {}),
    };
    const signature = twilioSignature(data().tokens[msg.account_sid] ?? '', url, params);
    const httpStatus = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'user-agent': 'TwilioProxy/1.1' },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    }).then(
      (r) => r.status,
      () => null,
    );
    data().callbacks.push({ sid: msg.sid, status: msg.status, url, httpStatus });
    opts.onChange();
  };

  /** queued → sent → delivered, a status callback at each step, as the real network does. */
  const progress = (msg: SmsMessage, steps: MessageStatus[]) => {
    const [next, ...rest] = steps;
    if (!next) return;
    const timer = setTimeout(async () => {
      timers.delete(timer);
      msg.status = next;
      msg.date_updated = rfc2822(opts.clock());
      if (next === 'sent') msg.date_sent = msg.date_updated;
      if (next === 'delivered') msg.price = '-0.00790';
      opts.onChange();
      await callback(msg);
      progress(msg, rest);
    }, opts.deliveryDelayMs ?? 300);
    timers.add(timer);
  };

  app.post('/2010-04-01/Accounts/:AccountSid/Messages.json', async (c) => {
    const sid = authenticate(c);
    if (typeof sid !== 'string') return sid;
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? (form[k] as string) : undefined);
    const to = field('To');
    const from = field('From');
    const body = field('Body');
    const service = field('MessagingServiceSid');
    if (!to) return twilioError(c, 400, 21604, "A 'To' phone number is required.");
    if (!from && !service) return twilioError(c, 400, 21603, "A 'From' phone number is required.");
    if (!body && !form.MediaUrl) return twilioError(c, 400, 21602, 'Message body is required.');
    if (!E164.test(to)) return twilioError(c, 400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (from && !E164.test(from) && !/^[A-Za-z0-9 ]{1,11}$/.test(from))
      return twilioError(c, 400, 21212, `Invalid From Number (caller ID): ${from}`);
    if ((body ?? '').length > 1600) return twilioError(c, 400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    const magic = MAGIC_TO[to];
    if (magic) return twilioError(c, 400, magic.code, magic.message);
    const now = rfc2822(opts.clock());
    const messageSid = newSid('SM');
    const msg: SmsMessage = {
      account_sid: sid,
      api_version: '2010-04-01',
      body: body ?? '',
      date_created: now,
      date_sent: null,
      date_updated: now,
      direction: 'outbound-api',
      error_code: null,
      error_message: null,
      from: from ?? '',
      messaging_service_sid: service ?? null,
      num_media: '0',
      num_segments: String(Math.max(1, Math.ceil((body ?? '').length / 153))),
      price: null,
      price_unit: 'USD',
      sid: messageSid,
      status: 'queued',
      subresource_uris: { media: `/2010-04-01/Accounts/${sid}/Messages/${messageSid}/Media.json` },
      to,
      uri: `/2010-04-01/Accounts/${sid}/Messages/${messageSid}.json`,
      status_callback: field('StatusCallback') ?? null,
    };
    data().messages.push(msg);
    opts.onChange();
    progress(msg, ['sent', 'delivered']);
    const { status_callback: _cb, ...wire } = msg;
    return c.json(wire, 201);
  });

  app.get('/2010-04-01/Accounts/:AccountSid/Messages/:file', (c) => {
    const sid = authenticate(c);
    if (typeof sid !== 'string') return sid;
    const messageSid = c.req.param('file').replace(/\.json$/, '');
    const msg = data().messages.find((m) => m.sid === messageSid && m.account_sid === sid);
    if (!msg) return twilioError(c, 404, 20404, `The requested resource ${c.req.path} was not found`);
    const { status_callback: _cb, ...wire } = msg;
    return c.json(wire);
  });

  app.get('/2010-04-01/Accounts/:AccountSid/Messages.json', (c) => {
    const sid = authenticate(c);
    if (typeof sid !== 'string') return sid;
    const to = c.req.query('To');
    const from = c.req.query('From');
    const messages = data()
      .messages.filter((m) => m.account_sid === sid && (!to || m.to === to) && (!from || m.from === from))
      .reverse()
      .map(({ status_callback: _cb, ...wire }) => wire);
    const uri = `/2010-04-01/Accounts/${sid}/Messages.json`;
    return c.json({
      messages,
      end: Math.max(0, messages.length - 1),
      first_page_uri: `${uri}?PageSize=50&Page=0`,
      next_page_uri: null,
      page: 0,
      page_size: 50,
      previous_page_uri: null,
      start: 0,
      uri,
    });
  });

  return { app, close: () => timers.forEach((t) => clearTimeout(t)) };
}
