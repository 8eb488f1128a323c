/**
 * The server's time, as the desk knows it: each answer that carries `asOf` tells how far this
 * computer's clock is from Handled's, so "you can start from 9:30" is measured against the same
 * clock the server will check — and keeps ticking with no connection.
 */
let offsetMs = 0;

export function noteServerTime(asOf: string | null | undefined) {
  const t = asOf ? Date.parse(asOf) : NaN;
  if (Number.isFinite(t)) offsetMs = t - Date.now();
}

export function serverNow(): Date {
  return new Date(Date.now() + offsetMs);
}
