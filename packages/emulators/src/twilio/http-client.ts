import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

/**
 * A `twilio.RequestClient` that sends every request to the emulator instead of
 * `*.twilio.com` (the SDK has no base-URL option). Use it as
 * `twilio(sid, token, { httpClient: twilioHttpClient(url) })`.
 */
export class EmulatorRequestClient extends twilio.RequestClient {
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

export function twilioHttpClient(emulatorUrl: string): EmulatorRequestClient {
  return new EmulatorRequestClient(emulatorUrl);
}
