import { Hono } from 'hono';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';
import { listen, waitFor } from '../testing.ts';
import { twilioHttpClient } from './http-client.ts';

const SID = `AC${'a1'.repeat(16)}`;
const TOKEN = 'test_auth_token_123';

let running: RunningEmulators;
let receiver: Awaited<ReturnType<typeof listen>>;
const callbacks: Array<{ valid: boolean; status: string }> = [];

beforeAll(async () => {
  running = await startEmulators({ port: 0, twilio: { accounts: { [SID]: TOKEN }, deliveryDelayMs: 10 } });
  const app = new Hono().post('/twilio/status', async (c) => {
    const params = Object.fromEntries(Object.entries(await c.req.parseBody()).map(([k, v]) => [k, String(v)]));
    const valid = twilio.validateRequest(TOKEN, c.req.header('x-twilio-signature') ?? '', `${receiver.url}/twilio/status`, params);
    callbacks.push({ valid, status: params.MessageStatus ?? '' });
    return valid ? c.body(null, 204) : c.text('bad signature', 403);
  });
  receiver = await listen(app);
});
afterAll(async () => {
  await running.close();
  await receiver.close();
});

describe('Twilio Messages through the official SDK', () => {
  it("sends an SMS, answers Twilio's message JSON, and reports delivery with signed callbacks", async () => {
    const client = twilio(SID, TOKEN, { httpClient: twilioHttpClient(running.url) });
    const msg = await client.messages.create({
      to: '+15551234567',
      from: '+15557654321',
      body: 'Your pro arrives at 10:00',
      statusCallback: `${receiver.url}/twilio/status`,
    });
    expect(msg.sid).toMatch(/^SM[0-9a-f]{32}$/);
    expect(msg).toMatchObject({
      status: 'queued',
      to: '+15551234567',
      from: '+15557654321',
      body: 'Your pro arrives at 10:00',
      accountSid: SID,
      direction: 'outbound-api',
    });
    expect(msg.dateCreated).toBeInstanceOf(Date);
    await waitFor(() => callbacks.length >= 2);
    expect(callbacks).toEqual([
      { valid: true, status: 'sent' },
      { valid: true, status: 'delivered' },
    ]);
    const fetched = await client.messages(msg.sid).fetch();
    expect(fetched.status).toBe('delivered');
    const log = await (await fetch(`${running.url}/_/sms`)).text();
    expect(log).toContain('Your pro arrives at 10:00');
  });

  it('rejects a wrong token with 401 and bad input with Twilio error codes', async () => {
    const wrong = twilio(SID, 'nope', { httpClient: twilioHttpClient(running.url) });
    await expect(wrong.messages.create({ to: '+15551234567', from: '+15557654321', body: 'x' })).rejects.toMatchObject({
      status: 401,
      code: 20003,
    });
    const client = twilio(SID, TOKEN, { httpClient: twilioHttpClient(running.url) });
    await expect(client.messages.create({ to: '555', from: '+15557654321', body: 'x' })).rejects.toMatchObject({
      status: 400,
      code: 21211,
    });
    await expect(client.messages.create({ to: '+15005550009', from: '+15557654321', body: 'x' })).rejects.toMatchObject({ code: 21614 });
    await expect(client.messages.create({ to: '+15551234567', from: '+15557654321' } as never)).rejects.toMatchObject({ code: 21602 });
  });
});
