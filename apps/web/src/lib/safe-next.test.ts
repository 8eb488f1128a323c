import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext', () => {
  it('keeps paths on this site', () => {
    expect(safeNext('/providers/sam/book?start=2026-01-01T10:00:00Z&hours=2')).toBe('/providers/sam/book?start=2026-01-01T10:00:00Z&hours=2');
    expect(safeNext('/bookings')).toBe('/bookings');
  });
  it('refuses other sites and protocol-relative tricks', () => {
    expect(safeNext('https://evil.test/')).toBe('/');
    expect(safeNext('//evil.test/')).toBe('/');
    expect(safeNext('/\\evil.test')).toBe('/');
    expect(safeNext(null, '/bookings')).toBe('/bookings');
  });
});
