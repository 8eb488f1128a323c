import type { CategorySlug } from '../data/categories.ts';
import { categoryCopy } from '../data/copy.ts';
import type { ProviderPlan } from '../providers.ts';
import type { Rng } from '../rng.ts';
import { avatarSvg } from './avatar.ts';
import { seedPhotoUrl, type PhotoJob } from './render.ts';
import { sceneSvg } from './scenes.ts';

/** Distinct work scenes drawn per category; providers in a category share them. */
export const SCENES_PER_CATEGORY = 8;

export interface GalleryPhoto {
  providerId: string;
  url: string;
  caption: string;
  position: number;
}

export interface PhotoPlan {
  jobs: PhotoJob[];
  avatars: Map<string, string>;
  gallery: GalleryPhoto[];
}

/**
 * One avatar per provider and 2-4 work photos each, picked from a small set of scenes per
 * category, so each design is rendered once however many providers show it.
 */
export function planPhotos(rng: Rng, providers: readonly ProviderPlan[]): PhotoPlan {
  const jobs: PhotoJob[] = [];
  const avatars = new Map<string, string>();
  const scenes = new Map<string, { file: string; caption: string }>();
  const scene = (category: CategorySlug, n: number) => {
    const file = `work-${category}-${n + 1}.webp`;
    let s = scenes.get(file);
    if (!s) {
      const captions = categoryCopy[category].captions;
      s = { file, caption: captions[n % captions.length] ?? '' };
      scenes.set(file, s);
      jobs.push({ file, svg: sceneSvg(category, rng) });
    }
    return s;
  };
  const gallery: GalleryPhoto[] = [];
  for (const p of providers) {
    const file = `avatar-${p.slug}.webp`;
    jobs.push({ file, svg: avatarSvg(p.look) });
    avatars.set(p.id, seedPhotoUrl(file));
    const count = rng.int(2, 4);
    const picked = new Set<string>();
    for (let i = 0; picked.size < count && i < 20; i++) {
      const category = i === 0 || rng.chance(0.6) ? (p.categories[0] ?? 'handyman') : rng.pick(p.categories);
      const s = scene(category, rng.int(0, SCENES_PER_CATEGORY - 1));
      if (picked.has(s.file)) continue;
      picked.add(s.file);
      gallery.push({ providerId: p.id, url: seedPhotoUrl(s.file), caption: s.caption, position: picked.size - 1 });
    }
  }
  return { jobs, avatars, gallery };
}
