/**
 * Widths the API makes of public photos (`/files/seed/…?w=`, providers' own `/files/providers/…?w=`), see
 * apps/server/src/routes/public-images.ts and provider-photos.ts.
 */
const WIDTHS = [96, 192, 400, 800] as const;
const resizable = (url: string) => (url.startsWith('/files/seed/') || url.startsWith('/files/providers/')) && !url.includes('?');

/**
 * A public photo at a width that stays sharp on a 2× screen for `cssPx` CSS pixels, so a phone
 * decodes a thumbnail rather than the original. Other URLs are returned as they are.
 */
export function photoAt<T extends string | null | undefined>(url: T, cssPx: number): T {
  if (!url || !resizable(url)) return url;
  const width = WIDTHS.find((w) => w >= cssPx * 2) ?? WIDTHS[WIDTHS.length - 1];
  return `${url}?w=${width}` as T;
}

/** `srcset` for a public photo in the given widths, or undefined when the URL is not resizable. */
export function photoSrcset(url: string, widths: readonly (typeof WIDTHS)[number][]): string | undefined {
  return resizable(url) ? widths.map((w) => `${url}?w=${w} ${w}w`).join(', ') : undefined;
}
