import { env } from '$env/dynamic/private';
import { parseSiteEnv, type SiteEnv } from './site-env.ts';

let parsed: SiteEnv | null = null;

/** The validated environment (read once; `init` in hooks.server.ts reads it at start so a bad one stops the site). */
export function siteEnv(): SiteEnv {
  parsed ??= parseSiteEnv(env);
  return parsed;
}

/** Where the Handled API listens (server-side only; the browser goes through our proxy). */
export function apiUrl(): string {
  return siteEnv().API_URL;
}

/** The VAPID public key browsers subscribe to web push with; null when push is not set up. */
export function vapidPublicKey(): string | null {
  return siteEnv().VAPID_PUBLIC_KEY ?? null;
}
