import { describe, expect, it } from 'vitest';
import { jsonLdScript, providerDescription, providerJsonLd, type SeoProvider } from './seo.ts';

const sam: SeoProvider = {
  slug: 'sam-okafor',
  displayName: 'Sam Okafor',
  headline: 'Licensed plumber',
  bio: '',
  photoUrl: '/files/seed/sam.webp',
  hourlyRate: 11_500,
  currency: 'USD',
  city: 'New York',
  region: 'NY',
  country: 'US',
  serviceRadiusKm: 25,
  ratingAvg: 487,
  ratingCount: 31,
  categories: [{ name: 'Plumbing', slug: 'plumbing' }],
  reviews: [{ rating: 5, body: 'Great </script><script>alert(1)</script>', authorName: 'Maya', createdAt: '2026-10-01T10:00:00.000Z' }],
};

describe('provider SEO', () => {
  it('describes the provider with rate and rating', () => {
    expect(providerDescription(sam)).toBe(
      'Sam Okafor: plumbing in New York from $115.00/hr. Rated 4.9/5 from 31 reviews. See real availability and book by the hour on Handled.',
    );
  });

  it('emits LocalBusiness with AggregateRating, absolute image and a Service offer', () => {
    const ld = providerJsonLd(sam, 'https://handled.test');
    expect(ld).toMatchObject({
      '@type': 'LocalBusiness',
      url: 'https://handled.test/providers/sam-okafor',
      image: 'https://handled.test/files/seed/sam.webp',
      aggregateRating: { '@type': 'AggregateRating', ratingValue: '4.87', reviewCount: 31 },
      makesOffer: [
        { itemOffered: { '@type': 'Service', name: 'Plumbing' }, priceSpecification: { price: '115.00', priceCurrency: 'USD' } },
      ],
    });
    expect(providerJsonLd({ ...sam, ratingCount: 0 }, 'https://h.test')).not.toHaveProperty('aggregateRating');
  });

  it('cannot be broken out of by review text', () => {
    const html = jsonLdScript(providerJsonLd(sam, 'https://h.test'));
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(JSON.parse(html.slice(html.indexOf('>') + 1, html.lastIndexOf('</script>'))).review[0].reviewBody).toContain('</script>');
  });
});
