import { join } from 'node:path';
import { BrowserWindow, shell, type WebPreferences } from 'electron';
import { checkExternalUrl } from './external-url.ts';
import { navigationDecision } from './sender.ts';

/** Locked down: no Node in the page, isolated preload world, OS sandbox, web security on. */
export const secureWebPreferences = (preload: string): WebPreferences => ({
  preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: true,
});

const openIfSafe = (url: string) => {
  const check = checkExternalUrl(url);
  if (check.ok) void shell.openExternal(check.url);
};

export function createMainWindow(opts: { appOrigin: string; startUrl: string; preloadDir: string }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 380,
    minHeight: 560,
    title: 'Handled Desk',
    show: false,
    backgroundColor: '#f7f7f5',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(opts.preloadDir, 'index.cjs')),
  });
  const isExternalOk = (url: string) => checkExternalUrl(url).ok;

  // Links that leave the app (Stripe onboarding, invoices) go to the OS browser; nothing else opens.
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (navigationDecision(url, opts.appOrigin, isExternalOk) !== 'deny') openIfSafe(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    const decision = navigationDecision(url, opts.appOrigin, isExternalOk);
    if (decision === 'allow') return;
    event.preventDefault();
    if (decision === 'open-external') openIfSafe(url);
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (navigationDecision(url, opts.appOrigin, isExternalOk) !== 'allow') event.preventDefault();
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.startUrl);
  return win;
}
