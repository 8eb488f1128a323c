import { env } from '$env/dynamic/private';

/** Where the Handled API listens (server-side only; the browser goes through our proxy). */
export function apiUrl(): string {
  return (env.API_URL || 'http://127.0.0.1:8787').replace(/\/$/, '');
}

/** The VAPID public key browsers subscribe to web push with; null when push is not set up. */
export function vapidPublicKey(): string | null {
  return env.VAPID_PUBLIC_KEY?.trim() || null;
}
