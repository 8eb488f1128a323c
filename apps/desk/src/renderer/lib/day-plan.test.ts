import { describe, expect, it } from 'vitest';
import { dayPlan, type PlanJob } from './day-plan.ts';
import { addressLine, directionsLinks } from './directions.ts';
import { createShortcutReader, type KeyLike } from './shortcuts.ts';

const at = (h: number, m = 0) => new Date(Date.UTC(2026, 2, 10, h, m)).toISOString();
const place = (line1: string) => ({ line1, city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'US' });
const job = (id: string, from: [number, number], to: [number, number], status = 'confirmed', line1 = `${id} Elm St`): PlanJob => ({
  id,
  status,
  startsAt: at(...from),
  endsAt: at(...to),
  address: place(line1),
});

describe('the day plan', () => {
  const jobs = [
    job('c', [15, 0], [16, 0]),
    job('a', [9, 0], [11, 0], 'completed'),
    job('b', [11, 20], [13, 0]),
    job('x', [13, 30], [14, 0], 'cancelled'),
    job('d', [16, 0], [17, 0], 'confirmed', 'c Elm St'),
  ];

  it('orders the jobs, puts gaps between them, and names the next one', () => {
    const plan = dayPlan(jobs, new Date(at(10, 30)));
    expect(plan.next?.id).toBe('b');
    expect(plan.items.map((i) => (i.kind === 'job' ? i.job.id : `gap ${i.minutes}`))).toEqual([
      'a',
      'gap 20',
      'b',
      'x',
      'gap 120',
      'c',
      'gap 0',
      'd',
    ]);
    const tight = plan.items.find((i) => i.kind === 'gap' && i.minutes === 20);
    expect(tight).toMatchObject({ tight: true, samePlace: false });
    // The same house twice: no travel, so not tight.
    expect(plan.items.at(-2)).toMatchObject({ kind: 'gap', minutes: 0, samePlace: true, tight: false });
  });

  it('a job under way is the next one; at the end of the day there is none', () => {
    expect(dayPlan([job('a', [9, 0], [11, 0], 'in_progress'), job('b', [12, 0], [13, 0])], new Date(at(11, 30))).next?.id).toBe('a');
    expect(dayPlan(jobs, new Date(at(18, 0))).next).toBeNull();
  });
});

describe('directions', () => {
  it('links the three maps to the address, and from the previous job', () => {
    const to = place('12 Elm St');
    expect(addressLine(to)).toBe('12 Elm St, Brooklyn, NY 11201, US');
    const [osm, google, apple] = directionsLinks(to);
    expect(osm!.url).toBe('https://www.openstreetmap.org/search?query=12%20Elm%20St%2C%20Brooklyn%2C%20NY%2011201%2C%20US');
    expect(google!.url).toBe('https://www.google.com/maps/dir/?api=1&destination=12%20Elm%20St%2C%20Brooklyn%2C%20NY%2011201%2C%20US');
    expect(apple!.url).toBe('https://maps.apple.com/?daddr=12%20Elm%20St%2C%20Brooklyn%2C%20NY%2011201%2C%20US');
    const from = directionsLinks(to, place('1 Oak Ave'));
    expect(from[1]!.url).toContain('origin=1%20Oak%20Ave');
    expect(from[0]!.url).toMatch(/^https:\/\/www\.openstreetmap\.org\/directions\?from=1%20Oak/);
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, over: Partial<KeyLike> = {}): KeyLike => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    typing: false,
    ...over,
  });
  it('reads letters and g-chords, never while typing or with a modifier', () => {
    const read = createShortcutReader();
    expect(read(key('a'))).toBe('accept');
    expect(read(key('D'))).toBe('decline');
    expect(read(key('j'))).toBe('next');
    expect(read(key('?'))).toBe('help');
    expect(read(key('g'))).toBeNull();
    expect(read(key('t'))).toBe('go-today');
    expect(read(key('a', { typing: true }))).toBeNull();
    expect(read(key('a', { metaKey: true }))).toBeNull();
    expect(read(key('g'))).toBeNull();
    expect(read(key('x'))).toBeNull();
    expect(read(key('a'))).toBe('accept');
  });
});
