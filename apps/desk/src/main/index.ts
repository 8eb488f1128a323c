import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, nativeImage, net, Notification, protocol, safeStorage, session, shell, Tray } from 'electron';
import { createActivityWatcher, type Attention } from '../shared/activity.ts';
import { navigableRoute, type DeskCounts, type DeskEvents, type DeskNotification, type LoginItemState } from '../shared/ipc.ts';
import { APP_ORIGIN, APP_SCHEME, resolveAppFile } from './app-files.ts';
import { deepLinkInArgs, routeOfDeepLink } from './deep-link.ts';
import { createMainApi } from './desk-api.ts';
import { mainEnv } from './env.ts';
import { checkExternalUrl } from './external-url.ts';
import { registerDeskIpc } from './ipc-handlers.ts';
import { createLoginItem, HIDDEN_ARG } from './login-item.ts';
import { appOriginOf, isTrustedSender } from './sender.ts';
import { createTokenStore } from './token-store.ts';
import { badgeCount, trayMenu, trayTitle, trayTooltip, type TrayAction, type TrayItem } from './tray-menu.ts';
import { createMainWindow } from './window.ts';

// Must run before `ready`: lets the packaged page behave like an https origin (fetch, storage).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const appOrigin = appOriginOf(mainEnv.rendererUrl, APP_ORIGIN);
const startUrl = mainEnv.rendererUrl ?? `${APP_ORIGIN}/index.html`;
const rendererRoot = join(import.meta.dirname, '../renderer');
const preloadDir = join(import.meta.dirname, '../preload');
const resourcesDir = join(import.meta.dirname, '../../resources');

let mainWindow: BrowserWindow | null = null;
let tray: Tray | null = null;
let quitting = false;
let counts: DeskCounts | null = null;
let loginItemState: LoginItemState = { openAtLogin: false, supported: true };
/** A route asked for before the app was ready (a deep link that started it). */
let pendingRoute: string | null = deepLinkInArgs(process.argv);

function showWindow(route?: string | null): BrowserWindow {
  if (!mainWindow || mainWindow.isDestroyed()) {
    // A new window opens straight on the route; an open one is told to go there.
    mainWindow = createMainWindow({ appOrigin, startUrl: route ? `${startUrl}${route}` : startUrl, preloadDir });
    mainWindow.on('closed', () => (mainWindow = null));
    // Closing hides to the tray: notifications keep coming; Quit (tray, menu, Cmd+Q) ends the app.
    mainWindow.on('close', (event) => {
      if (quitting || !tray) return;
      event.preventDefault();
      mainWindow?.hide();
    });
    refreshBadge();
  } else if (route) {
    mainWindow.webContents.send('desk:navigate', route);
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
  return mainWindow;
}

function navigate(route: DeskEvents['desk:navigate']) {
  if (!navigableRoute.test(route)) return;
  showWindow(route);
}

function openDeepLink(url: string) {
  const route = routeOfDeepLink(url);
  if (!route) return;
  if (app.isReady()) navigate(route);
  else pendingRoute = route;
}

function attention(): Attention {
  const w = mainWindow;
  if (!w || w.isDestroyed() || !w.isVisible() || w.isMinimized()) return 'hidden';
  return w.isFocused() ? 'focused' : 'visible';
}

function showNotification({ title, body, route }: DeskNotification) {
  if (!Notification.isSupported()) return;
  const n = new Notification({ title, body });
  if (route) n.on('click', () => navigate(route));
  n.show();
}

const trayIcon = (unread: boolean) => nativeImage.createFromPath(join(resourcesDir, unread ? 'tray-unread.png' : 'tray.png'));

function refreshBadge() {
  const n = badgeCount(counts);
  app.setBadgeCount(n);
  // Windows shows no number on the taskbar: an overlay dot, with the count in its description.
  if (process.platform === 'win32' && mainWindow && !mainWindow.isDestroyed())
    mainWindow.setOverlayIcon(
      n ? nativeImage.createFromPath(join(resourcesDir, 'overlay-unread.png')) : null,
      n ? trayTooltip(counts) : '',
    );
  if (!tray) return;
  tray.setImage(trayIcon(n > 0));
  tray.setToolTip(trayTooltip(counts));
  if (process.platform === 'darwin') tray.setTitle(trayTitle(counts));
  tray.setContextMenu(Menu.buildFromTemplate(trayMenu(counts, loginItemState).map(menuItem)));
}

function setCounts(next: DeskCounts | null) {
  counts = next;
  refreshBadge();
}

const trayActions: Record<TrayAction, () => void> = {
  open: () => showWindow(),
  today: () => navigate('#/today'),
  requests: () => navigate('#/requests'),
  messages: () => navigate('#/messages'),
  'toggle-login': () => void loginItem.set(!loginItemState.openAtLogin).then((s) => ((loginItemState = s), refreshBadge())),
  quit: () => {
    quitting = true;
    app.quit();
  },
};

function menuItem(item: TrayItem): Electron.MenuItemConstructorOptions {
  if (item.type === 'separator') return { type: 'separator' };
  return {
    type: item.type,
    label: item.label,
    enabled: item.enabled ?? true,
    ...(item.type === 'checkbox' ? { checked: item.checked } : {}),
    click: trayActions[item.action],
  };
}

const loginItem = createLoginItem({
  platform: process.platform,
  app,
  files: { readFile, writeFile, mkdir, rm },
  configDir: app.getPath('appData'),
  // An AppImage moves the executable to a temporary mount on every start: autostart the AppImage itself.
  exec: process.env['APPIMAGE'] || process.execPath,
});

// The OS hands `handled-desk://…` links to this app (in development, through the Electron binary and our entry).
if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(APP_SCHEME, process.execPath, [resolve(process.argv[1])]);
else app.setAsDefaultProtocolClient(APP_SCHEME);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Windows and Linux start a second copy with the link; it hands over here and quits.
  app.on('second-instance', (_event, argv) => showWindow(deepLinkInArgs(argv)));
  // macOS delivers links as events, also before `ready` when a link starts the app.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openDeepLink(url);
  });
  app.on('before-quit', () => (quitting = true));

  void app.whenReady().then(async () => {
    await mkdir(app.getPath('userData'), { recursive: true });
    const tokens = createTokenStore({
      cipher: safeStorage,
      files: { readFile, writeFile, rm },
      path: join(app.getPath('userData'), 'session.bin'),
    });

    protocol.handle(APP_SCHEME, (request) => {
      const file = resolveAppFile(rendererRoot, request.url);
      return file ? net.fetch(pathToFileURL(file).toString()) : new Response('Not found', { status: 404 });
    });
    // The page asks for nothing (notifications go through main), so every permission is refused.
    session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

    // What is new, asked by main every pulseSeconds — also while the window is hidden in the tray.
    const api = createMainApi({ apiUrl: mainEnv.apiUrl, token: () => tokens.get() });
    const watcher = createActivityWatcher({ fetchPulse: api.fetchPulse, notify: showNotification, onCounts: setCounts, attention });
    const pulse = setInterval(() => void watcher.tick(), mainEnv.pulseSeconds * 1000);
    app.on('will-quit', () => clearInterval(pulse));

    registerDeskIpc(
      ipcMain,
      {
        'session:get-token': () => tokens.get(),
        'session:set-token': async (token) => {
          await tokens.set(token);
          watcher.reset();
          void watcher.tick();
        },
        'session:clear-token': async () => {
          await tokens.clear();
          watcher.reset();
          setCounts(null);
        },
        'shell:open-external': async (url) => {
          const check = checkExternalUrl(url);
          if (!check.ok) return { opened: false, reason: check.reason };
          await shell.openExternal(check.url);
          return { opened: true };
        },
        'notify:show': showNotification,
        'badge:set': (next) => setCounts(next),
        'login-item:get': async () => (loginItemState = await loginItem.get()),
        'login-item:set': async (openAtLogin) => {
          loginItemState = await loginItem.set(openAtLogin);
          refreshBadge();
          return loginItemState;
        },
      },
      (event) => isTrustedSender(event, appOrigin),
    );

    loginItemState = await loginItem.get().catch(() => loginItemState);
    tray = new Tray(trayIcon(false));
    tray.on('click', () => showWindow());
    refreshBadge();

    // Started at login: only the tray until the provider opens it (or a link does).
    const route = pendingRoute;
    pendingRoute = null;
    if (route || !process.argv.includes(HIDDEN_ARG)) showWindow(route);
    void watcher.tick();
    app.on('activate', () => showWindow());
  });

  app.on('window-all-closed', () => {
    // With the tray the app lives on; without one (it failed to appear) closing the last window quits.
    if (!tray && process.platform !== 'darwin') app.quit();
  });
}
