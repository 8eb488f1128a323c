import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkForm, parseForm, refuse, refuseFromApi, siteForm } from './form.ts';

const signIn = siteForm(
  z.object({ email: z.email('Enter your email address').trim(), password: z.string().min(1, 'Enter your password') }),
  { secret: ['password'] },
);

function post(fields: Record<string, string>): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  return new Request('http://site.test/signin', { method: 'POST', body });
}

/** What the API's client throws for a refusal (the shape of the API's error formatter). */
function apiError(message: string, data: { code: string; httpStatus: number; zodError?: { fieldErrors: Record<string, string[]> } }) {
  return new TRPCClientError(message, { result: { error: { message, code: -32600, data } } });
}

describe('a site form', () => {
  it('reads each field as typed and gives the schema its output', async () => {
    const r = await parseForm(signIn, post({ email: 'maya@example.com', password: 'x', extra: 'ignored' }));
    expect(r).toEqual({
      ok: true,
      data: { email: 'maya@example.com', password: 'x' },
      values: { email: 'maya@example.com', password: 'x' },
    });
  });

  it('puts the first message beside each field, reading a missing field as empty', async () => {
    const r = await parseForm(signIn, post({ email: 'not an email' }));
    expect(r).toMatchObject({
      ok: false,
      errors: { email: 'Enter your email address', password: 'Enter your password' },
      values: { email: 'not an email', password: '' },
    });
  });

  it('answers a refusal with 400, what was typed and no secret', () => {
    const r = checkForm(signIn, { email: 'maya@example.com', password: 'hunter2' });
    const failure = refuse(signIn, { values: r.values, errors: { password: 'Wrong password' }, message: null });
    expect(failure.status).toBe(400);
    expect(failure.data).toEqual({
      values: { email: 'maya@example.com', password: '' },
      errors: { password: 'Wrong password' },
      message: null,
    });
  });

  it('takes fields nested in the output back to the field that was typed, and an alias for a whole group', () => {
    const address = siteForm(
      z
        .object({ line1: z.string(), postalCode: z.string() })
        .transform((v) => ({ address: v }))
        .pipe(
          z.object({
            address: z
              .object({ line1: z.string().min(3, 'Enter the street'), postalCode: z.string() })
              .refine((a) => a.postalCode !== '', 'Incomplete'),
          }),
        ),
      { aliases: { address: 'line1' }, message: 'Please check the highlighted fields.' },
    );
    const r = checkForm(address, { line1: 'x', postalCode: '' });
    expect(r).toMatchObject({ ok: false, errors: { line1: 'Enter the street' }, message: 'Please check the highlighted fields.' });
  });

  it("answers the API's refusal with the API's status, its field errors beside the fields and its message", () => {
    const body = siteForm(z.object({ body: z.string() }));
    const e = apiError('Slow down', { code: 'TOO_MANY_REQUESTS', httpStatus: 429 });
    const failure = refuseFromApi(body, e, { values: { body: 'hi' } });
    expect(failure.status).toBe(429);
    expect(failure.data).toEqual({ values: { body: 'hi' }, errors: {}, message: 'Slow down' });

    const invalid = apiError('x', { code: 'BAD_REQUEST', httpStatus: 400, zodError: { fieldErrors: { body: ['Too long'] } } });
    expect(refuseFromApi(body, invalid, { values: { body: 'hi' }, form: 'message' as const }).data).toEqual({
      form: 'message',
      values: { body: 'hi' },
      errors: { body: 'Too long' },
      message: 'Too long',
    });
  });

  it('puts the message beside a named field when the API named none, and keeps a status a page promises', () => {
    const plan = siteForm(z.object({ plan: z.string() }), { aliases: { instalments: 'plan' } });
    const conflict = apiError('Already accepted', { code: 'CONFLICT', httpStatus: 409 });
    expect(refuseFromApi(plan, conflict, { values: { plan: 'full' } }, { at: 'plan' }).data.errors).toEqual({ plan: 'Already accepted' });
    const named = apiError('x', { code: 'BAD_REQUEST', httpStatus: 400, zodError: { fieldErrors: { instalments: ['At most 4'] } } });
    expect(refuseFromApi(plan, named, { values: { plan: 'instalments-9' } }, { at: 'plan' }).data.errors).toEqual({ plan: 'At most 4' });
    expect(refuseFromApi(plan, conflict, { values: { plan: 'full' } }, { status: 400 }).status).toBe(400);
    expect(refuseFromApi(plan, new Error('offline'), { values: { plan: 'full' } }).status).toBe(503);
  });
});
