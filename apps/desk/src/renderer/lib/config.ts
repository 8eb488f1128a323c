/**
 * The API's origin: VITE_API_URL at build time, or — for a desk pointed at another server
 * without rebuilding (tests, staging) — the `handled:api-url` key in local storage.
 */
function storedOverride(): string | null {
  try {
    return globalThis.localStorage?.getItem('handled:api-url') ?? null;
  } catch {
    return null;
  }
}

export const API_URL: string = (storedOverride() || import.meta.env.VITE_API_URL || 'http://127.0.0.1:8787').replace(/\/$/, '');
