import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export interface PhotoJob {
  /** File name under `${dataDir}/uploads/seed/`, ending in .webp. */
  file: string;
  svg: string;
}

export function seedPhotoDir(dataDir: string): string {
  return join(dataDir, 'uploads', 'seed');
}

/** The server serves `${dataDir}/uploads` at `/files`. */
export function seedPhotoUrl(file: string): string {
  return `/files/seed/${file}`;
}

/** Renders SVGs to WebP files, a few at a time. Low encoder effort: 3-4x faster, barely larger files. */
export async function renderPhotos(dataDir: string, jobs: readonly PhotoJob[], concurrency = 8): Promise<void> {
  const dir = seedPhotoDir(dataDir);
  await mkdir(dir, { recursive: true });
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      const job = jobs[i];
      if (job) await sharp(Buffer.from(job.svg)).webp({ quality: 80, effort: 2 }).toFile(join(dir, job.file));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
}
