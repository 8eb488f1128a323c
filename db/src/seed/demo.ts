import { cityByKey } from './data/cities.ts';
import { drawClient, type ClientPlan } from './clients.ts';
import { drawProvider, type ProviderPlan } from './providers.ts';
import type { Rng } from './rng.ts';
import { drawOverrides, weeklyPatterns } from './schedules.ts';

export const DEMO_PASSWORD = 'demo-pass-2026';

export type DemoRole = 'client' | 'provider' | 'admin';
export interface DemoAccount {
  role: DemoRole;
  email: string;
  password: string;
  name: string;
}

export const demoEmails = {
  maya: 'maya@demo.handled.test',
  leo: 'leo@demo.handled.test',
  sam: 'sam@demo.handled.test',
  priya: 'priya@demo.handled.test',
  ana: 'ana@demo.handled.test',
} as const;

export const demoAdmin = { email: demoEmails.ana, name: 'Ana Ribeiro', timeZone: 'Europe/London' } as const;

export function demoClients(rng: Rng, now: Date): ClientPlan[] {
  return [
    drawClient(rng, { first: 'Maya', last: 'Lopez', name: 'Maya Lopez' }, cityByKey('new-york'), now, demoEmails.maya),
    drawClient(rng, { first: 'Leo', last: 'Hartley', name: 'Leo Hartley' }, cityByKey('london'), now, demoEmails.leo),
  ];
}

/** Sam and Priya: generated like everyone else, then pinned to what the demo script promises. */
const samDay = [{ start: '08:00', end: '18:00' }];
/** Sam's week, as the demo script describes it: Monday to Friday 8-18 and Saturday morning. */
const samWeekly = {
  ...weeklyPatterns.withSaturday,
  monday: samDay,
  tuesday: samDay,
  wednesday: samDay,
  thursday: samDay,
  friday: samDay,
  saturday: [{ start: '09:00', end: '13:00' }],
};

export function demoProviders(rng: Rng, now: Date): ProviderPlan[] {
  const ny = cityByKey('new-york');
  const london = cityByKey('london');
  const sam = drawProvider(rng, {
    person: { first: 'Sam', last: 'Okafor', name: 'Sam Okafor' },
    city: ny,
    primary: 'plumbing',
    now,
    slugTaken: () => false,
  });
  const parkSlope = ny.neighbourhoods[0] ?? sam.neighbourhood;
  Object.assign(sam, {
    email: demoEmails.sam,
    slug: 'sam-okafor',
    neighbourhood: parkSlope,
    lat: parkSlope.lat,
    lng: parkSlope.lng,
    radiusKm: 25,
    categories: ['plumbing', 'handyman'],
    headline: 'Licensed plumber and handyman, Brooklyn and Manhattan',
    bio: "I've been fixing leaks and putting up shelves around Park Slope for eleven years. Dripping taps, running toilets and slow drains are most of my week, and I carry the common parts in the van so one visit usually does it. I turn up when I say I will and I always show you where your shut-off valve is before I leave.",
    hourlyRate: 11_500,
    policy: 'flexible',
    requiresUpfrontPayment: true,
    schedule: { ...sam.schedule, weekly: samWeekly, bufferBeforeMin: 0, bufferAfterMin: 30, minNoticeMin: 120, maxJobsPerDay: null },
    overrides: drawOverrides(rng, ny.timeZone, now, 15),
    quality: 0.9,
  } satisfies Partial<ProviderPlan>);

  const priya = drawProvider(rng, {
    person: { first: 'Priya', last: 'Shah', name: 'Priya Shah' },
    city: london,
    primary: 'cleaning',
    now,
    slugTaken: () => false,
  });
  const islington = london.neighbourhoods[0] ?? priya.neighbourhood;
  Object.assign(priya, {
    email: demoEmails.priya,
    slug: 'priya-shah',
    neighbourhood: islington,
    lat: islington.lat,
    lng: islington.lng,
    radiusKm: 15,
    categories: ['cleaning'],
    headline: 'Thorough home cleaning in north London, own eco supplies',
    bio: 'I run a small cleaning round from Islington and have been at it for eight years. Ovens, limescale and the bits behind the fridge are where I earn my keep. I bring my own eco products, and the person you book is the person who turns up.',
    hourlyRate: 2_400,
    policy: 'moderate',
    requiresUpfrontPayment: true,
    schedule: { ...priya.schedule, weekly: weeklyPatterns.officeHours, minNoticeMin: 120, maxJobsPerDay: null },
    overrides: drawOverrides(rng, london.timeZone, now, 15),
    quality: 0.85,
  } satisfies Partial<ProviderPlan>);
  return [sam, priya];
}

export function demoAccounts(): DemoAccount[] {
  return [
    { role: 'client', email: demoEmails.maya, password: DEMO_PASSWORD, name: 'Maya Lopez' },
    { role: 'client', email: demoEmails.leo, password: DEMO_PASSWORD, name: 'Leo Hartley' },
    { role: 'provider', email: demoEmails.sam, password: DEMO_PASSWORD, name: 'Sam Okafor' },
    { role: 'provider', email: demoEmails.priya, password: DEMO_PASSWORD, name: 'Priya Shah' },
    { role: 'admin', email: demoEmails.ana, password: DEMO_PASSWORD, name: demoAdmin.name },
  ];
}
