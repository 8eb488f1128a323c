import type { CategorySlug } from '../data/categories.ts';
import { hairColours, skinTones } from '../data/names.ts';
import type { Rng } from '../rng.ts';
import { categoryColours, categoryGlyphs } from './glyphs.ts';

const backgrounds: readonly (readonly [string, string])[] = [
  ['#fde68a', '#f97316'],
  ['#a7f3d0', '#0d9488'],
  ['#bfdbfe', '#6366f1'],
  ['#fbcfe8', '#db2777'],
  ['#ddd6fe', '#7c3aed'],
  ['#fecaca', '#ef4444'],
  ['#bbf7d0', '#65a30d'],
  ['#e0f2fe', '#0284c7'],
];
const shirts = ['#1e3a8a', '#0f766e', '#9a3412', '#374151', '#be123c', '#4d7c0f', '#6d28d9', '#f8fafc'];

export interface AvatarLook {
  background: readonly [string, string];
  skin: string;
  hair: string;
  hairStyle: 0 | 1 | 2 | 3;
  shirt: string;
  glasses: boolean;
  category: CategorySlug;
}

export function drawAvatarLook(rng: Rng, category: CategorySlug): AvatarLook {
  return {
    background: rng.pick(backgrounds),
    skin: rng.pick(skinTones),
    hair: rng.pick(hairColours),
    hairStyle: rng.pick([0, 1, 2, 3] as const),
    shirt: rng.pick(shirts),
    glasses: rng.chance(0.25),
    category,
  };
}

function hairPath(style: AvatarLook['hairStyle']): string {
  switch (style) {
    case 0: // short crop
      return 'M98 128c0-38 26-62 62-62s62 24 62 62c-8-18-26-30-62-30s-54 12-62 30z';
    case 1: // side part
      return 'M96 136c-4-46 24-72 64-72 36 0 66 22 64 66-16-26-40-38-76-36-22 2-40 16-52 42z';
    case 2: // long hair framing the face
      return 'M92 150c-6-58 22-90 68-90s74 32 68 90c-2 34 4 58 14 74h-30c-4-30-6-54-4-76-10-24-30-34-48-34s-38 10-48 34c2 22 0 46-4 76H78c10-16 16-40 14-74z';
    case 3: // curls
      return 'M100 128a20 20 0 0 1 10-36 22 22 0 0 1 30-20 22 22 0 0 1 40 0 22 22 0 0 1 30 20 20 20 0 0 1 10 36c-10-16-30-26-60-26s-50 10-60 26z';
  }
}

/** A 320×320 head-and-shoulders illustration with a category badge; no text, so no fonts needed. */
export function avatarSvg(look: AvatarLook): string {
  const [c1, c2] = look.background;
  const glasses = look.glasses
    ? '<g fill="none" stroke="#1f2937" stroke-width="4"><circle cx="140" cy="146" r="14"/><circle cx="180" cy="146" r="14"/><path d="M154 146h12"/></g>'
    : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c1}"/><stop offset="1" stop-color="${c2}"/></linearGradient></defs>
<rect width="320" height="320" fill="url(#bg)"/>
<circle cx="60" cy="60" r="90" fill="#ffffff" opacity="0.12"/>
<path d="M56 320c0-62 46-96 104-96s104 34 104 96z" fill="${look.shirt}"/>
<path d="M140 206h40v30c0 12-40 12-40 0z" fill="${look.skin}"/>
<path d="M136 226l24 22 24-22" fill="none" stroke="#ffffff" stroke-opacity="0.35" stroke-width="6"/>
<ellipse cx="160" cy="150" rx="58" ry="66" fill="${look.skin}"/>
<ellipse cx="102" cy="154" rx="9" ry="14" fill="${look.skin}"/><ellipse cx="218" cy="154" rx="9" ry="14" fill="${look.skin}"/>
<path d="${hairPath(look.hairStyle)}" fill="${look.hair}"/>
<circle cx="140" cy="146" r="5" fill="#1f2937"/><circle cx="180" cy="146" r="5" fill="#1f2937"/>
<path d="M128 130q12-6 24 0M168 130q12-6 24 0" fill="none" stroke="${look.hair}" stroke-width="4" stroke-linecap="round"/>
<path d="M142 178q18 16 36 0" fill="none" stroke="#7f1d1d" stroke-width="5" stroke-linecap="round"/>
<circle cx="128" cy="168" r="9" fill="#f43f5e" opacity="0.15"/><circle cx="192" cy="168" r="9" fill="#f43f5e" opacity="0.15"/>
${glasses}
<circle cx="262" cy="262" r="40" fill="${categoryColours[look.category]}" stroke="#ffffff" stroke-width="6"/>
<g transform="translate(238 238) scale(2)" fill="none" stroke="#ffffff" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${categoryGlyphs[look.category]}</g>
</svg>`;
}
