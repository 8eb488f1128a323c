import type { RequestEvent } from '@sveltejs/kit';
import { formatInZone } from '@handled/core/time-in-zone';
import { callAuth } from '$lib/server/auth';

interface AuthSession {
  id: string;
  token: string;
  createdAt: string;
  updatedAt: string;
  ipAddress?: string | null;
  userAgent?: string | null;
}

/** "Chrome on macOS" from a user agent, in the words people use for their devices. */
export function deviceOf(userAgent: string | null | undefined): string {
  const ua = userAgent ?? '';
  if (!ua) return 'Unknown device';
  if (/HandledDesk|Electron/i.test(ua)) return 'Handled Desk';
  if (/node|undici/i.test(ua)) return 'Handled (server)';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'A browser';
  const os = /iPhone|iPad/.test(ua)
    ? 'iPhone'
    : /Android/.test(ua)
      ? 'Android'
      : /Mac OS X/.test(ua)
        ? 'macOS'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} on ${os}` : browser;
}

/**
 * The person's signed-in sessions (better-auth's list), newest first, this one marked. Tokens stay
 * here: the page gets the device, the address and the times.
 */
export async function sessionsOf(event: RequestEvent, zone: string) {
  const result = await callAuth(event, 'list-sessions', null);
  if (!result.ok || !Array.isArray(result.body)) return [];
  const cookie = event.cookies.getAll().find((c) => c.name.includes('session_token'))?.value ?? '';
  const current = decodeURIComponent(cookie).split('.')[0] ?? '';
  return (result.body as AuthSession[])
    .map((s) => ({
      id: s.id,
      device: deviceOf(s.userAgent),
      ipAddress: s.ipAddress ?? null,
      signedIn: formatInZone(s.createdAt, zone, 'date'),
      lastSeenAt: s.updatedAt,
      current: s.token === current,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt));
}
