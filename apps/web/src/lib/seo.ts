import { formatMinor } from '@handled/core/money';

/** Structured data for a provider's page (schema.org LocalBusiness + the services it offers). */
export interface SeoProvider {
  slug: string;
  displayName: string;
  headline: string | null;
  bio: string | null;
  photoUrl: string | null;
  hourlyRate: number;
  currency: string;
  city: string;
  region: string | null;
  country: string;
  serviceRadiusKm: number;
  ratingAvg: number;
  ratingCount: number;
  categories: { name: string; slug: string }[];
  reviews: { rating: number; body: string | null; authorName: string; createdAt: string }[];
}

export function absolute(origin: string, url: string | null): string | null {
  if (!url) return null;
  return /^https?:\/\//.test(url) ? url : `${origin}${url.startsWith('/') ? '' : '/'}${url}`;
}

export function providerDescription(p: SeoProvider): string {
  const rate = formatMinor(p.hourlyRate, p.currency);
  const rating = p.ratingCount > 0 ? ` Rated ${(p.ratingAvg / 100).toFixed(1)}/5 from ${p.ratingCount} reviews.` : '';
  const what = p.categories.map((c) => c.name.toLowerCase()).join(', ') || 'home services';
  return `${p.displayName}: ${what} in ${p.city} from ${rate}/hr.${rating} See real availability and book by the hour on Handled.`.slice(
    0,
    300,
  );
}

export function providerJsonLd(p: SeoProvider, origin: string): Record<string, unknown> {
  const url = `${origin}/providers/${p.slug}`;
  const image = absolute(origin, p.photoUrl);
  const price = (p.hourlyRate / 100).toFixed(2);
  return {
    '@context': 'https://schema.org',
    '@type': 'LocalBusiness',
    '@id': `${url}#business`,
    name: p.displayName,
    url,
    ...(image ? { image } : {}),
    description: p.headline || p.bio?.slice(0, 200) || undefined,
    address: {
      '@type': 'PostalAddress',
      addressLocality: p.city,
      ...(p.region ? { addressRegion: p.region } : {}),
      addressCountry: p.country,
    },
    areaServed: { '@type': 'City', name: p.city },
    priceRange: `${p.currency} ${price}/hr`,
    ...(p.ratingCount > 0
      ? {
          aggregateRating: {
            '@type': 'AggregateRating',
            ratingValue: (p.ratingAvg / 100).toFixed(2),
            reviewCount: p.ratingCount,
            bestRating: 5,
            worstRating: 1,
          },
        }
      : {}),
    review: p.reviews.slice(0, 5).map((r) => ({
      '@type': 'Review',
      reviewRating: { '@type': 'Rating', ratingValue: r.rating, bestRating: 5 },
      author: { '@type': 'Person', name: r.authorName },
      datePublished: r.createdAt.slice(0, 10),
      ...(r.body ? { reviewBody: r.body } : {}),
    })),
    makesOffer: p.categories.map((c) => ({
      '@type': 'Offer',
      priceSpecification: { '@type': 'UnitPriceSpecification', price, priceCurrency: p.currency, unitCode: 'HUR' },
      itemOffered: {
        '@type': 'Service',
        name: c.name,
        serviceType: c.name,
        areaServed: { '@type': 'City', name: p.city },
        provider: { '@id': `${url}#business` },
      },
    })),
  };
}

/** JSON for a <script type="application/ld+json">: `<` escaped so text can never close the tag. */
export function jsonLdScript(data: unknown): string {
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
