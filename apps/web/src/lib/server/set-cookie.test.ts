import { describe, expect, it } from 'vitest';
import { parseSetCookie } from './set-cookie.ts';

describe('parseSetCookie', () => {
  it('reads a better-auth session cookie with its attributes, keeping the value as sent', () => {
    const c = parseSetCookie('better-auth.session_token=abc.def%2Bg%3D; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax');
    expect(c).toEqual({
      name: 'better-auth.session_token',
      value: 'abc.def%2Bg%3D',
      options: { path: '/', maxAge: 2592000, httpOnly: true, secure: false, sameSite: 'lax' },
    });
  });

  it('reads a deletion (empty value, max-age 0) and secure cookies', () => {
    const c = parseSetCookie('__Secure-x=; Max-Age=0; Path=/api; Secure; SameSite=None');
    expect(c?.value).toBe('');
    expect(c?.options).toMatchObject({ path: '/api', maxAge: 0, secure: true, sameSite: 'none' });
  });

  it('keeps "=" inside the value and rejects a header without a name', () => {
    expect(parseSetCookie('t=a=b; Path=/')?.value).toBe('a=b');
    expect(parseSetCookie('=oops')).toBeNull();
    expect(parseSetCookie('')).toBeNull();
  });
});
