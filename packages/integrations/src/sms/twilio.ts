import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

export interface SmsMessage {
  /** E.164 only. */
  to: string;
  body: string;
}

export interface SmsSender {
  send(message: SmsMessage): Promise<{ sid: string; status: string }>;
  /**
   * The texts Twilio already accepted from our number to `to` with exactly this body, newest first
   * (the latest `limit`). Twilio's API has no idempotency key: a sender that lost Twilio's answer
   * asks this before sending again (see the notifications' delivery).
   */
  findSent(message: SmsMessage, limit?: number): Promise<{ sid: string; status: string }[]>;
  /** Whether a webhook Twilio sent to `url` with these form params carries a valid X-Twilio-Signature. */
  verify(signature: string, url: string, params: Record<string, string>): boolean;
}

/**
 * The account id the SDK is given in the offline sandbox: Twilio's SDK insists on an `AC…` id, and
 * the emulator accepts any. Not an account anywhere; a real one comes from TWILIO_ACCOUNT_SID.
 */
export const sandboxTwilioAccountSid = `AC${'0'.repeat(32)}`;

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** The sending number (E.164) or alphanumeric sender id. */
  from: string;
  /** Where Twilio posts each message's status (queued, sent, delivered, undelivered, failed). */
  statusCallback?: string;
  /** The emulator's origin in the offline sandbox; unset for the real Twilio API. */
  emulatorUrl?: string;
}

/** A RequestClient that sends every request to the emulator instead of *.twilio.com (the SDK has no base-URL option). */
class EmulatorRequestClient extends twilio.RequestClient {
  private readonly base: string;
  constructor(emulatorUrl: string) {
    super();
    this.base = emulatorUrl.replace(/\/$/, '');
  }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const original = new URL(opts.uri);
    return super.request<TData>({ ...opts, uri: `${this.base}${original.pathname}${original.search}` });
  }
}

/** Twilio errors that will not change on a retry: a bad or unreachable number, a recipient who replied STOP. */
export class SmsRefused extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'SmsRefused';
  }
  /** The number itself is the problem (invalid, not a mobile, unsubscribed). */
  get numberBad(): boolean {
    return [21211, 21214, 21408, 21610, 21612, 21614].includes(this.code);
  }
}

export function createTwilioSender(config: TwilioConfig): SmsSender {
  const client = twilio(config.accountSid, config.authToken, {
    ...(config.emulatorUrl ? { httpClient: new EmulatorRequestClient(config.emulatorUrl) } : {}),
  });
  return {
    async send(message) {
      try {
        const res = await client.messages.create({
          to: message.to,
          from: config.from,
          body: message.body,
          ...(config.statusCallback ? { statusCallback: config.statusCallback } : {}),
        });
        return { sid: res.sid, status: res.status };
      } catch (e) {
        const err = e as { status?: number; code?: number; message?: string };
        if (typeof err.status === 'number' && err.status >= 400 && err.status < 500 && err.status !== 429 && typeof err.code === 'number')
          throw new SmsRefused(err.code, err.message ?? 'refused');
        throw e;
      }
    },
    async findSent(message, limit = 50) {
      const found = await client.messages.list({ to: message.to, from: config.from, limit });
      return found.filter((m) => m.body.trim() === message.body.trim()).map((m) => ({ sid: m.sid, status: m.status }));
    },
    verify(signature, url, params) {
      return twilio.validateRequest(config.authToken, signature, url, params);
    },
  };
}
