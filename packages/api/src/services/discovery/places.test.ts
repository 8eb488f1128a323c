import { describe, expect, it } from 'vitest';
import { distanceKm, locate, lookupCity, lookupPostalCode, postalFormatError } from './places.ts';
import { gbPostTowns } from './gb-post-towns.ts';

describe('offline places', () => {
  it('finds a US ZIP code centroid near the right city', () => {
    const p = lookupPostalCode('US', '10001');
    expect(p).toMatchObject({ kind: 'postal_code', city: 'New York', region: 'NY', country: 'US' });
    expect(distanceKm(p!, { lat: 40.7484, lng: -73.9967 })).toBeLessThan(2);
  });

  it('finds an Australian postcode and a UK postcode at its post town', () => {
    const syd = lookupPostalCode('AU', '2000')!;
    expect(syd.region).toBe('NSW');
    expect(distanceKm(syd, { lat: -33.87, lng: 151.21 })).toBeLessThan(10);
    const ldn = lookupPostalCode('GB', 'sw1a1aa')!;
    expect(ldn.postalCode).toBe('SW1A 1AA');
    expect(distanceKm(ldn, { lat: 51.507, lng: -0.128 })).toBeLessThan(5);
    expect(lookupPostalCode('GB', 'M1 1AE')?.city).toBe('Manchester');
  });

  it('places every UK postcode area', () => {
    for (const area of Object.keys(gbPostTowns)) {
      const code = /\d/.test(area) ? area : `${area}1 1AA`;
      expect(lookupPostalCode('GB', code), area).not.toBeNull();
    }
  });

  it('refuses malformed and unknown codes with a message per country', () => {
    expect(postalFormatError('US', '1000')).toMatch(/5-digit/);
    expect(postalFormatError('GB', 'SW1A')).toMatch(/full postcode/);
    expect(postalFormatError('AU', '20000')).toMatch(/4-digit/);
    expect(lookupPostalCode('US', '00000')).toBeNull();
    expect(lookupPostalCode('AU', '0001')).toBeNull();
    expect(lookupPostalCode('US', '<script>')).toBeNull();
  });

  it('reads a city name or a postal code from one box', () => {
    expect(lookupCity('london')).toMatchObject({ country: 'GB', city: 'London' });
    expect(lookupCity('London, CA')).toMatchObject({ country: 'CA' });
    expect(locate('New York')).toMatchObject({ kind: 'city', country: 'US' });
    expect(locate('SE1 9SG')).toMatchObject({ kind: 'postal_code', country: 'GB' });
    expect(locate('2010')).toMatchObject({ country: 'AU' });
    expect(locate('60601')).toMatchObject({ city: 'Chicago' });
    expect(locate('Nowhere-at-all-xyz')).toBeNull();
  });
});
