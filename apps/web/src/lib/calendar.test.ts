import { describe, expect, it } from 'vitest';
import { groupByDate } from './calendar.ts';

describe('dashboard calendar', () => {
  it('puts a booking on the day it starts in the viewer’s zone', () => {
    const b = { startsAt: '2026-11-25T03:30:00.000Z' };
    expect(groupByDate([b], 'Europe/London').get('2026-11-25')).toEqual([b]);
  });
});
