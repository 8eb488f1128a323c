import { describe, expect, it } from 'vitest';
import { chosenZone, viewerZone } from './viewer-zone.ts';

describe('the zone a page writes times in', () => {
  it("prefers the browser's zone, then the person's, then the job's or the place's", () => {
    expect(viewerZone({ timeZone: 'Europe/London' }, 'America/New_York')).toBe('Europe/London');
    expect(viewerZone({ timeZone: null }, 'America/New_York')).toBe('America/New_York');
    expect(viewerZone({ timeZone: null })).toBe('UTC');
  });

  it("does not take an account's untouched default for a choice", () => {
    expect(chosenZone('UTC')).toBeNull();
    expect(chosenZone(undefined)).toBeNull();
    expect(chosenZone('Australia/Sydney')).toBe('Australia/Sydney');
  });
});
