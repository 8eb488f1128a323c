/** A booking's address as the API gives it (the street only once the job is accepted). */
export interface PlaceAddress {
  line1?: string | null;
  line2?: string | null;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

export interface MapLink {
  name: 'OpenStreetMap' | 'Google Maps' | 'Apple Maps';
  url: string;
}

/** "12 Elm St, Apt 3, Brooklyn, NY 11201, US": what a map searches for. */
export function addressLine(a: PlaceAddress): string {
  const regionPostal = [a.region, a.postalCode].filter(Boolean).join(' ');
  return [a.line1, a.line2, a.city, regionPostal, a.country].filter((p) => p && p.trim()).join(', ');
}

const q = encodeURIComponent;

/**
 * Directions to a job in the three maps people use, from where the provider is (the map asks)
 * or from the previous job's address (a travel gap on Today).
 */
export function directionsLinks(to: PlaceAddress, from?: PlaceAddress | null): MapLink[] {
  const dest = addressLine(to);
  const origin = from ? addressLine(from) : '';
  return [
    {
      name: 'OpenStreetMap',
      url: origin
        ? `https://www.openstreetmap.org/directions?from=${q(origin)}&to=${q(dest)}`
        : `https://www.openstreetmap.org/search?query=${q(dest)}`,
    },
    { name: 'Google Maps', url: `https://www.google.com/maps/dir/?api=1${origin ? `&origin=${q(origin)}` : ''}&destination=${q(dest)}` },
    { name: 'Apple Maps', url: `https://maps.apple.com/?${origin ? `saddr=${q(origin)}&` : ''}daddr=${q(dest)}` },
  ];
}

/** Two addresses are the same place when their street and city match (a second job in the same house). */
export function samePlace(a: PlaceAddress, b: PlaceAddress): boolean {
  const norm = (s: string | null | undefined) => (s ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return !!a.line1 && norm(a.line1) === norm(b.line1) && norm(a.city) === norm(b.city);
}
