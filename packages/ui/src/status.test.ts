import { describe, expect, it } from 'vitest';
import { bookingStatuses } from '@handled/core/booking';
import { statusMeta } from './status.ts';

describe('statusMeta', () => {
  it('gives every booking status a human label and a status colour', () => {
    for (const s of bookingStatuses) {
      const m = statusMeta(s);
      expect(m.label).not.toContain('_');
      expect(m.label.length).toBeGreaterThan(2);
    }
    expect(statusMeta('in_progress')).toEqual({ label: 'In progress', tone: 'in_progress' });
    expect(statusMeta('no_show').tone).toBe('declined');
  });

  it('falls back to a readable label for an unknown status', () => {
    expect(statusMeta('on_hold')).toEqual({ label: 'on hold', tone: 'cancelled' });
  });
});
