import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/providers/sam/book?start=2026-01-01T10:00:00Z&hours=2')).toBe(
      '/providers/sam/book?start=2026-01-01T10:00:00Z&hours=2',
    );
    expect(safeNext('/bookings')).toBe('/bookings');
    expect(safeNext('/search?where=New%20York#results')).toBe('/search?where=New%20York#results');
    expect(safeNext('/')).toBe('/');
  });

  it('refuses other sites and protocol-relative tricks', () => {
    expect(safeNext('https://evil.test/')).toBe('/');
    expect(safeNext('//evil.test/')).toBe('/');
    expect(safeNext('/\\evil.test')).toBe('/');
    expect(safeNext(null, '/bookings')).toBe('/bookings');
  });

  // Each of these was either followed off-site by Chromium or gave a 500 (issue 11).
  it.each([
    '/%09/evil.example/',
    '/\t/evil.example',
    '/\tevil',
    '/\\\\evil.example',
    '\\\\evil.example',
    '/%5C%5Cevil.example',
    '/%5cevil.example',
    '/%2F%2Fevil.example',
    '/%2f/evil.example',
    '///evil.example',
    '/..//evil.example',
    '/.%2e//evil.example',
    '/%0a',
    '/bookings%0d%0aSet-Cookie:x=1',
    '/bookings\r\nSet-Cookie: x=1',
    '/x%E2%80%A8',
    '/x\u2028y',
    '/%00',
    '/%7F',
    '/%C2%85',
    '/%E0%A4%A',
    '/%',
    '/%zz',
    'javascript:alert(1)',
    ' /bookings',
    'evil.example',
    `/${'a'.repeat(3000)}`,
  ])('refuses %j', (next) => {
    expect(safeNext(next, '/fallback')).toBe('/fallback');
  });

  it('gives a value that is always a same-origin path, whatever comes in', () => {
    const samples = ['/a b', '/ü', '/a?b=<script>', '/a#x y', '/%25', '/a/../b'];
    for (const s of samples) {
      const out = safeNext(s);
      expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
      expect(new URL(out, 'https://handled.test').origin).toBe('https://handled.test');
      expect(out).not.toMatch(/[\s\\]/);
    }
  });
});
