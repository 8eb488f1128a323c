import type { CategorySlug } from '../data/categories.ts';

/** Category marks as 24×24 stroke paths (drawn white on a coloured badge), after lucide's shapes. */
export const categoryGlyphs: Record<CategorySlug, string> = {
  cleaning:
    '<path d="M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8z"/><path d="M19 16l.6 1.6 1.4.4-1.4.6L19 20l-.6-1.4-1.4-.6 1.4-.4z"/>',
  plumbing: '<path d="M12 3C9 8 6 11 6 14.5a6 6 0 0 0 12 0C18 11 15 8 12 3z"/>',
  electrical: '<path d="M13 2L4 14h7l-1 8 9-12h-7z"/>',
  handyman: '<path d="M15 5l4 4-3 3-4-4z"/><path d="M12 8l-8.5 8.5a1.5 1.5 0 0 0 2 2L14 10"/>',
  gardening: '<path d="M5 19c0-8 6-14 14-14 0 8-6 14-14 14z"/><path d="M5 19l8-8"/>',
  painting:
    '<rect x="3" y="3" width="14" height="6" rx="1.5"/><path d="M17 6h3v6h-8v3"/><rect x="10.5" y="15" width="3" height="6" rx="1"/>',
  'moving-help':
    '<path d="M2 6h12v10H2z"/><path d="M14 9h4l3 3.5V16h-7z"/><circle cx="6" cy="17.5" r="2"/><circle cx="17" cy="17.5" r="2"/>',
  'dog-walking':
    '<circle cx="6" cy="9" r="2"/><circle cx="10" cy="5.5" r="2"/><circle cx="14" cy="5.5" r="2"/><circle cx="18" cy="9" r="2"/><path d="M12 11c-3 0-5.5 3.5-5.5 6 0 2 2 2.5 5.5 2.5s5.5-.5 5.5-2.5c0-2.5-2.5-6-5.5-6z"/>',
  'appliance-repair': '<rect x="4" y="2.5" width="16" height="19" rx="2"/><circle cx="12" cy="13" r="5"/><path d="M7 6h1M10 6h1"/>',
  'pest-control':
    '<ellipse cx="12" cy="14" rx="5" ry="6.5"/><path d="M12 7.5V20.5M9 6l-2-2.5M15 6l2-2.5M7 11H3M7 15H3.5M17 11h4M17 15h3.5"/>',
};

/** A badge colour per category, so the mark reads at a glance. */
export const categoryColours: Record<CategorySlug, string> = {
  cleaning: '#0ea5a4',
  plumbing: '#2563eb',
  electrical: '#d97706',
  handyman: '#b45309',
  gardening: '#16a34a',
  painting: '#db2777',
  'moving-help': '#7c3aed',
  'dog-walking': '#ea580c',
  'appliance-repair': '#475569',
  'pest-control': '#dc2626',
};
