import { navigableRoute, type DeskBridge, type OpenExternalResult } from '../../shared/ipc.ts';

const TOKEN_KEY = 'handled.desk.session-token';
const loopback = new Set(['127.0.0.1', 'localhost', '[::1]']);

function webOpenExternal(win: Window, raw: string): OpenExternalResult {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { opened: false, reason: 'Not a link' };
  }
  const ok = url.protocol === 'https:' || (url.protocol === 'http:' && loopback.has(url.hostname));
  if (!ok) return { opened: false, reason: 'Only secure (https) links open outside the app' };
  win.open(url.href, '_blank', 'noopener,noreferrer');
  return { opened: true };
}

/** The browser stand-in for the preload bridge: localStorage, window.open and the Notification API. */
export function createWebBridge(win: Window): DeskBridge {
  return {
    kind: 'web',
    getToken: async () => win.localStorage.getItem(TOKEN_KEY),
    setToken: async (token) => win.localStorage.setItem(TOKEN_KEY, token),
    clearToken: async () => win.localStorage.removeItem(TOKEN_KEY),
    openExternal: async (url) => webOpenExternal(win, url),
    notify: async ({ title, body, route }) => {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const n = new Notification(title, { body });
      n.onclick = () => {
        win.focus();
        if (route && navigableRoute.test(route)) win.location.hash = route;
      };
    },
    // The Badging API where the browser has it (an installed web app); the title carries the count anyway.
    setBadge: async ({ requests, unread }) => {
      const nav = win.navigator as Navigator & { setAppBadge?: (n?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };
      const n = requests + unread;
      await (n ? nav.setAppBadge?.(n) : nav.clearAppBadge?.())?.catch(() => {});
    },
    // A web page cannot start itself at login.
    getLoginItem: async () => ({ openAtLogin: false, supported: false }),
    setLoginItem: async () => ({ openAtLogin: false, supported: false }),
    // In a browser the hash is the only way in, and the router already listens to it.
    onNavigate: () => () => {},
  };
}
