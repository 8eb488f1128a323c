import { describe, expect, it } from 'vitest';
import { checkExternalUrl } from './external-url.ts';

describe('checkExternalUrl', () => {
  it.each([
    'https://connect.stripe.com/setup/e/acct_123/abc',
    'https://invoice.stripe.com/i/acct_1/test_abc?s=ap',
    'http://127.0.0.1:8790/_/stripe/invoices/in_1',
    'http://localhost:8790/pay',
    'mailto:help@handled.test',
    'tel:+12125550100',
  ])('opens %s', (url) => {
    expect(checkExternalUrl(url)).toEqual({ ok: true, url: new URL(url).href });
  });

  it.each([
    ['plain http to another host', 'http://evil.example/phish'],
    ['file', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['data', 'data:text/html,<script>alert(1)</script>'],
    ['a custom scheme', 'handled-desk://app/index.html'],
    ['smb', 'smb://server/share'],
    ['credentials', 'https://user:pass@stripe.com/'],
    ['not a URL', 'stripe.com/invoice'],
    ['empty', ''],
  ])('refuses %s', (_name, url) => {
    const r = checkExternalUrl(url);
    expect(r.ok).toBe(false);
  });

  it('refuses non-strings and oversize input', () => {
    expect(checkExternalUrl(42).ok).toBe(false);
    expect(checkExternalUrl({ href: 'https://stripe.com' }).ok).toBe(false);
    expect(checkExternalUrl(`https://stripe.com/${'a'.repeat(5000)}`).ok).toBe(false);
  });

  it('does not treat a loopback-looking subdomain as loopback', () => {
    expect(checkExternalUrl('http://127.0.0.1.evil.example/').ok).toBe(false);
    expect(checkExternalUrl('http://localhost.evil.example/').ok).toBe(false);
  });
});
