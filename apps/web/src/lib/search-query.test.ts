import { describe, expect, it } from 'vitest';
import { activeFilterCount } from './search-filters.ts';
import { searchQuery, toDiscoveryInput } from './search-query.ts';

describe('search query', () => {
  it('reads filters from the URL and sends prices in minor units', () => {
    const q = searchQuery.parse({
      category: 'plumbing',
      where: '11215',
      radius: '25',
      rating: '4.5',
      min: '40',
      max: '',
      date: '2026-12-01',
      sort: 'distance',
      at: '12',
    });
    expect(toDiscoveryInput(q)).toEqual({
      category: 'plumbing',
      where: '11215',
      radiusKm: 25,
      coversMe: true,
      minRating: 4.5,
      minRate: 4000,
      availableOn: '2026-12-01',
      sort: 'distance',
      cursor: 12,
      pageSize: 12,
    });
    expect(activeFilterCount(q)).toBe(3);
  });

  it('falls back to defaults on nonsense instead of failing the page', () => {
    const q = searchQuery.parse({ radius: '7', rating: 'lots', sort: 'cheapest', at: '-3', date: 'tomorrow', area: 'x' });
    expect(q).toMatchObject({ radius: 15, rating: undefined, sort: 'best', at: 0, date: undefined, area: 'covers' });
  });
});
