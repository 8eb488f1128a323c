import { escapeHtml } from '@handled/core/html';

/** The scheme the desk app registers with the OS (apps/desk: `handled-desk://bookings/<id>`). */
export const DESK_SCHEME = 'handled-desk';

const deskRoute = /^#\/(bookings|messages)\/([A-Za-z0-9_-]{1,64})$/;

/**
 * The desk app's own link for a link into the desk in a browser: `${deskUrl}/#/bookings/<id>` →
 * `handled-desk://bookings/<id>` (and conversations the same); null for any other link.
 */
export function deskAppLink(link: string, deskUrl: string): string | null {
  const base = `${deskUrl.replace(/\/$/, '')}/`;
  if (!link.startsWith(base)) return null;
  const m = deskRoute.exec(link.slice(base.length));
  return m ? `${DESK_SCHEME}://${m[1]}/${m[2]}` : null;
}

/**
 * A web address that opens the desk app where it is installed and the desk in the browser where
 * it is not (the API's /open page): what a Telegram button can carry, as Telegram takes only web links.
 */
export function deskOpenLink(appLink: string, apiUrl: string | undefined, browserLink: string): string {
  if (!apiUrl) return browserLink;
  return `${apiUrl.replace(/\/$/, '')}/open/${appLink.slice(`${DESK_SCHEME}://`.length)}`;
}

/** The email lines for a desk link: the app first, the browser address as the fallback (the words in the reader's language). */
export function deskLinkLines(
  appLink: string,
  browserLink: string,
  words: { app: string; browser: string; browserLink: string } = {
    app: 'Open in Handled Desk',
    browser: 'Or in your browser',
    browserLink: 'or in your browser',
  },
): { text: string; html: string } {
  return {
    text: `${words.app}: ${appLink}\n${words.browser}: ${browserLink}`,
    html: `<p><a href="${escapeHtml(appLink)}">${escapeHtml(words.app)}</a> · <a href="${escapeHtml(browserLink)}">${escapeHtml(words.browserLink)}</a></p>`,
  };
}
