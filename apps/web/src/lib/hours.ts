/** Hours as the booking accepts them: quarter hours from 0.5 to 12; anything else becomes the default. */
export function parseHours(raw: string | null | undefined, fallback = 2): number {
  const n = Number(raw);
  if (!raw || !Number.isFinite(n)) return fallback;
  const q = Math.round(n * 4) / 4;
  return Math.min(12, Math.max(0.5, q));
}
