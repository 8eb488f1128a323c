import { describe, expect, it } from 'vitest';
import { photoAt, photoSrcset } from './images.ts';

describe('photoAt', () => {
  it('asks for the smallest width that is sharp at 2x', () => {
    expect(photoAt('/files/seed/a.webp', 40)).toBe('/files/seed/a.webp?w=96');
    expect(photoAt('/files/seed/a.webp', 76)).toBe('/files/seed/a.webp?w=192');
    expect(photoAt('/files/seed/a.webp', 150)).toBe('/files/seed/a.webp?w=400');
    expect(photoAt('/files/seed/a.webp', 2000)).toBe('/files/seed/a.webp?w=800');
  });

  it('leaves other URLs and no URL alone', () => {
    expect(photoAt('https://cdn.example/a.jpg', 76)).toBe('https://cdn.example/a.jpg');
    expect(photoAt('/files/seed/a.webp?v=2', 76)).toBe('/files/seed/a.webp?v=2');
    expect(photoAt(null, 76)).toBeNull();
    expect(photoSrcset('https://cdn.example/a.jpg', [400])).toBeUndefined();
    expect(photoSrcset('/files/seed/a.webp', [400, 800])).toBe('/files/seed/a.webp?w=400 400w, /files/seed/a.webp?w=800 800w');
  });
});
