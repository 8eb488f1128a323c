const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a link may be handed to the OS (`shell.openExternal`). Only web pages (https, or
 * http on this machine for the local sandbox's emulated Stripe pages) and mail/phone links:
 * never `file:`, `javascript:`, custom app schemes or URLs carrying credentials.
 */
export function checkExternalUrl(raw: unknown): { ok: true; url: string } | { ok: false; reason: string } {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 4096) return { ok: false, reason: 'Not a link' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'Not a link' };
  }
  switch (url.protocol) {
    case 'https:':
      break;
    case 'http:':
      if (!loopbackHosts.has(url.hostname)) return { ok: false, reason: 'Only secure (https) links open outside the app' };
      break;
    case 'mailto:':
    case 'tel:':
      return { ok: true, url: url.href };
    default:
      return { ok: false, reason: `Links of type ${url.protocol} do not open outside the app` };
  }
  if (url.username || url.password) return { ok: false, reason: 'Links with credentials do not open outside the app' };
  return { ok: true, url: url.href };
}
