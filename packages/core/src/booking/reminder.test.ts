import { describe, expect, it } from 'vitest';
import { reminderAt } from './reminder.ts';

const now = new Date('2026-11-24T10:00:00Z');
const at = (h: number) => new Date(now.getTime() + h * 3_600_000);

describe('reminderAt', () => {
  it('reminds the day before a job that is further off', () => expect(reminderAt(at(72), now)).toEqual(at(48)));
  it('reminds two hours before a job confirmed less than a day ahead', () => expect(reminderAt(at(10), now)).toEqual(at(8)));
  it('reminds at once when even that has passed', () => expect(reminderAt(at(1), now)).toEqual(now));
});
