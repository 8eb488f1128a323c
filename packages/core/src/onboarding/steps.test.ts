import { describe, expect, it } from 'vitest';
import { isListed, listingHeadline, listingReadiness, type ListingFacts } from './steps.ts';
import { currencyOfCountry, paymentRuleOf, taxRegionsOf } from './regions.ts';
import { resolveNotificationChoices } from '../notification-choices.ts';

const complete: ListingFacts = {
  displayName: 'Rosa Díaz',
  headline: 'Deep cleans for busy homes',
  bio: 'Ten years of cleaning flats and houses across Brooklyn. I bring my own supplies.',
  photoUrl: '/files/providers/u1/p.webp',
  languages: ['en', 'es'],
  galleryCount: 0,
  hourlyRate: 4500,
  categoryCount: 1,
  serviceArea: { place: 'Brooklyn, NY', radiusKm: 10 },
  taxRegion: 'US-NYC',
  hasAvailability: true,
  payoutsReady: true,
  telegramLinked: false,
  notificationsChosen: false,
};

describe('listing readiness', () => {
  it('is complete when every required step is done; optional steps only count towards progress', () => {
    const r = listingReadiness(complete);
    expect(r.complete).toBe(true);
    expect(r.requiredLeft).toEqual([]);
    expect(r.done).toBe(6);
    expect(r.percent).toBe(Math.round((6 / 9) * 100));
  });

  it('names what is left in the provider’s words', () => {
    const r = listingReadiness({ ...complete, photoUrl: null, bio: 'Short', hourlyRate: 0, taxRegion: '', payoutsReady: false });
    expect(r.complete).toBe(false);
    expect(r.requiredLeft.map((s) => s.id)).toEqual(['profile', 'services', 'policies', 'payouts']);
    expect(r.steps.find((s) => s.id === 'profile')?.left).toEqual(['Add a profile photo', 'Write a bio of at least 50 characters']);
    expect(listingHeadline('onboarding', r, false)).toBe('4 steps left before clients can book you.');
  });

  it('lists only approved listings that can still be booked', () => {
    expect(isListed('approved', complete)).toBe(true);
    expect(isListed('submitted', complete)).toBe(false);
    expect(isListed('suspended', complete)).toBe(false);
    expect(isListed('approved', { ...complete, hasAvailability: false })).toBe(false);
    // A paused payout account does not hide an approved listing: payouts wait instead.
    expect(isListed('approved', { ...complete, payoutsReady: false, photoUrl: null })).toBe(true);
  });
});

describe('regions', () => {
  it('gives each served country its currency and tax regions', () => {
    expect(currencyOfCountry('GB')).toBe('GBP');
    expect(currencyOfCountry('IE')).toBe('EUR');
    expect(taxRegionsOf('AU').map((r) => r.bps)).toEqual([1000, 0]);
    expect(paymentRuleOf(10_000)).toBe('full');
    expect(paymentRuleOf(5_000)).toBe('deposit_50');
    expect(paymentRuleOf(2_500)).toBe('deposit_25');
  });

  it('reads stored notification choices over the defaults', () => {
    const c = resolveNotificationChoices({ messages: { email: false }, bogus: { email: true } });
    expect(c.messages.email).toBe(false);
    expect(c.messages.telegram).toBe(true);
    expect(c.payments.sms).toBe(false);
  });
});
