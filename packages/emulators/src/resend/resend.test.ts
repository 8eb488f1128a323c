import { Resend } from 'resend';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type RunningEmulators } from '../index.ts';

let running: RunningEmulators;
let resend: Resend;

beforeAll(async () => {
  running = await startEmulators({ port: 0 });
  resend = new Resend('re_test_emulator', { baseUrl: running.url });
});
afterAll(() => running.close());

describe('Resend emails through the official SDK', () => {
  it('sends an email, returns its id, and shows it in the mailbox', async () => {
    const { data, error } = await resend.emails.send({
      from: 'Handled <bookings@handled.test>',
      to: 'ann@example.com',
      subject: 'Your booking is confirmed',
      html: '<h1>Confirmed</h1><script>alert(1)</script><p>See you Tuesday.</p>',
      text: 'Confirmed. See you Tuesday.',
      tags: [{ name: 'kind', value: 'booking_confirmed' }],
    });
    expect(error).toBeNull();
    expect(data?.id).toMatch(/^[0-9a-f-]{36}$/);
    const fetched = await resend.emails.get(data!.id);
    expect(fetched.data).toMatchObject({ subject: 'Your booking is confirmed', to: ['ann@example.com'], object: 'email' });

    const list = await (await fetch(`${running.url}/_/mailbox`)).text();
    expect(list).toContain('Your booking is confirmed');
    const page = await (await fetch(`${running.url}/_/mailbox/${data!.id}`)).text();
    expect(page).toContain('sandbox');
    const body = await fetch(`${running.url}/_/mailbox/${data!.id}/html`);
    expect(body.headers.get('content-security-policy')).toContain('sandbox');
    expect(await body.text()).toContain('<h1>Confirmed</h1>');
    const json = (await (await fetch(`${running.url}/_/mailbox/messages?to=ann@example.com`)).json()) as { emails: Array<{ id: string }> };
    expect(json.emails.map((e) => e.id)).toContain(data!.id);
  });

  it('sends a batch', async () => {
    const { data, error } = await resend.batch.send([
      { from: 'a@handled.test', to: ['x@example.com'], subject: 'One', text: '1' },
      { from: 'a@handled.test', to: ['y@example.com'], subject: 'Two', html: '<p>2</p>' },
    ]);
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(2);
    expect(running.emulators.resend.emails.slice(-2).map((e) => e.subject)).toEqual(['One', 'Two']);
  });

  it("answers validation and auth errors in Resend's shape", async () => {
    const noBody = await resend.emails.send({ from: 'a@handled.test', to: 'x@example.com', subject: 'Empty' } as never);
    expect(noBody.error).toMatchObject({ name: 'validation_error', statusCode: 422 });
    const badFrom = await resend.emails.send({ from: 'not an address', to: 'x@example.com', subject: 's', text: 't' });
    expect(badFrom.error).toMatchObject({ name: 'validation_error' });
    const bad = new Resend('sk_wrong', { baseUrl: running.url });
    const denied = await bad.emails.send({ from: 'a@handled.test', to: 'x@example.com', subject: 's', text: 't' });
    expect(denied.error).toMatchObject({ name: 'invalid_api_key', statusCode: 403 });
  });

  it('replays an idempotent send and refuses the key with another payload', async () => {
    const before = running.emulators.resend.emails.length;
    const payload = { from: 'a@handled.test', to: 'idem@example.com', subject: 'Once', text: 'once' };
    const a = await resend.emails.send(payload, { idempotencyKey: 'booking-1/confirmed' });
    const b = await resend.emails.send(payload, { idempotencyKey: 'booking-1/confirmed' });
    expect(b.data?.id).toBe(a.data?.id);
    expect(running.emulators.resend.emails.length).toBe(before + 1);
    const c = await resend.emails.send({ ...payload, subject: 'Other' }, { idempotencyKey: 'booking-1/confirmed' });
    expect(c.error).toMatchObject({ name: 'invalid_idempotent_request', statusCode: 409 });
  });
});
