import { describe, expect, it } from 'vitest';
import { DAY_MS, HOUR_MS, MINUTE_MS, SECOND_MS } from './durations.ts';

describe('durations', () => {
  it('agree with the calendar arithmetic of Date in UTC', () => {
    const start = Date.UTC(2026, 0, 1, 0, 0, 0);
    expect(start + SECOND_MS).toBe(Date.UTC(2026, 0, 1, 0, 0, 1));
    expect(start + MINUTE_MS).toBe(Date.UTC(2026, 0, 1, 0, 1));
    expect(start + HOUR_MS).toBe(Date.UTC(2026, 0, 1, 1));
    expect(start + DAY_MS).toBe(Date.UTC(2026, 0, 2));
    expect(DAY_MS).toBe(86_400_000);
  });
});
