export type CategorySlug =
  | 'cleaning'
  | 'plumbing'
  | 'electrical'
  | 'handyman'
  | 'gardening'
  | 'painting'
  | 'moving-help'
  | 'dog-walking'
  | 'appliance-repair'
  | 'pest-control';

export interface CategorySeed {
  slug: CategorySlug;
  name: string;
  description: string;
  /** A lucide icon name. */
  icon: string;
  checklist: string[];
  /** Typical hourly rate in New York, whole dollars; other cities scale it by their rate factor. */
  rate: readonly [number, number];
  /** Typical job lengths in hours (quarter-hour steps). */
  hours: readonly number[];
  /** How many providers offer it, relative to the others. */
  weight: number;
}

export const categorySeeds: readonly CategorySeed[] = [
  {
    slug: 'cleaning',
    name: 'Cleaning',
    description: 'Regular, deep and end-of-tenancy cleans for flats and houses, with or without supplies.',
    icon: 'sparkles',
    checklist: [
      'Kitchen surfaces, hob and sink wiped and dry',
      'Bathroom descaled and disinfected',
      'Floors vacuumed and mopped',
      'Bins emptied and liners replaced',
      'Client walk-through done before leaving',
    ],
    rate: [38, 58],
    hours: [2, 2.5, 3, 3, 4, 5],
    weight: 16,
  },
  {
    slug: 'plumbing',
    name: 'Plumbing',
    description: 'Leaks, blocked drains, taps, toilets, radiators and small installations by licensed plumbers.',
    icon: 'wrench',
    checklist: [
      'Water shut off and area protected before work',
      'Joints tested under pressure for leaks',
      'Old parts removed or left as agreed',
      'Work area dried and cleaned',
      'Client shown the isolation valve',
    ],
    rate: [95, 150],
    hours: [1, 1.5, 2, 2, 3],
    weight: 12,
  },
  {
    slug: 'electrical',
    name: 'Electrical',
    description: 'Lights, sockets, fault finding, smoke alarms and small rewiring jobs done safely and to code.',
    icon: 'zap',
    checklist: [
      'Circuit isolated and tested dead before work',
      'Connections tightened and covers refitted',
      'Circuit tested after the work',
      'Smoke alarms checked nearby',
      'Certificate or notes left with the client',
    ],
    rate: [95, 140],
    hours: [1, 1.5, 2, 3],
    weight: 9,
  },
  {
    slug: 'handyman',
    name: 'Handyman',
    description: 'Shelves, flat-pack, picture hanging, door fixes and the little jobs that pile up.',
    icon: 'hammer',
    checklist: [
      'Wall checked for cables and pipes before drilling',
      'Fixings suitable for the wall type',
      'Items level and secure',
      'Dust and offcuts cleaned up',
      'Packaging taken away if agreed',
    ],
    rate: [60, 90],
    hours: [1, 2, 2, 3, 4],
    weight: 13,
  },
  {
    slug: 'gardening',
    name: 'Gardening',
    description: 'Lawn mowing, hedge trimming, planting, weeding and seasonal tidy-ups.',
    icon: 'sprout',
    checklist: ['Lawn edges trimmed', 'Beds weeded', 'Clippings bagged or composted', 'Paths and patio swept', 'Tools and gates secured'],
    rate: [45, 70],
    hours: [2, 3, 3, 4],
    weight: 9,
  },
  {
    slug: 'painting',
    name: 'Painting & decorating',
    description: 'Walls, ceilings, woodwork and touch-ups, with careful prep and clean lines.',
    icon: 'paint-roller',
    checklist: [
      'Furniture moved and covered',
      'Cracks filled and sanded',
      'Edges cut in cleanly',
      'Second coat even with no holidays',
      'Tape removed and room put back',
    ],
    rate: [55, 85],
    hours: [3, 4, 5, 6],
    weight: 8,
  },
  {
    slug: 'moving-help',
    name: 'Moving help',
    description: 'Loading, unloading, heavy lifting and furniture assembly on moving day.',
    icon: 'truck',
    checklist: [
      'Inventory confirmed with the client',
      'Fragile boxes handled separately',
      'Furniture wrapped before carrying',
      'Floors and door frames protected',
      'Nothing left behind at the old place',
    ],
    rate: [50, 80],
    hours: [2, 3, 4, 5],
    weight: 6,
  },
  {
    slug: 'dog-walking',
    name: 'Dog walking',
    description: 'Solo and small-group walks, puppy visits and check-ins while you are at work.',
    icon: 'dog',
    checklist: [
      'Lead and harness checked',
      'Water offered after the walk',
      'Paws wiped before coming in',
      'Door locked and key returned',
      'Walk notes and photo sent',
    ],
    rate: [25, 35],
    hours: [0.5, 1, 1, 1.5],
    weight: 7,
  },
  {
    slug: 'appliance-repair',
    name: 'Appliance repair',
    description: 'Washing machines, dishwashers, ovens and fridges diagnosed and repaired at home.',
    icon: 'washing-machine',
    checklist: [
      'Appliance unplugged before opening',
      'Fault code and symptoms recorded',
      'Replaced parts shown to the client',
      'Test cycle run after repair',
      'Area under the appliance cleaned',
    ],
    rate: [85, 130],
    hours: [1, 1.5, 2],
    weight: 6,
  },
  {
    slug: 'pest-control',
    name: 'Pest control',
    description: 'Mice, ants, cockroaches, bed bugs and wasps, treated with pet-safe methods where possible.',
    icon: 'bug',
    checklist: [
      'Entry points inspected and noted',
      'Treatment safe for pets and children used',
      'Bait stations placed and logged',
      'Gaps sealed where agreed',
      'Follow-up visit advice given',
    ],
    rate: [80, 120],
    hours: [1, 1.5, 2],
    weight: 5,
  },
];
