import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, net, Notification, protocol, safeStorage, session, shell } from 'electron';
import { navigableRoute, type DeskEvents } from '../shared/ipc.ts';
import { APP_ORIGIN, APP_SCHEME, resolveAppFile } from './app-files.ts';
import { mainEnv } from './env.ts';
import { checkExternalUrl } from './external-url.ts';
import { registerDeskIpc } from './ipc-handlers.ts';
import { appOriginOf, isTrustedSender } from './sender.ts';
import { createTokenStore } from './token-store.ts';
import { createMainWindow } from './window.ts';

// Must run before `ready`: lets the packaged page behave like an https origin (fetch, storage).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const appOrigin = appOriginOf(mainEnv.rendererUrl, APP_ORIGIN);
const startUrl = mainEnv.rendererUrl ?? `${APP_ORIGIN}/index.html`;
const rendererRoot = join(import.meta.dirname, '../renderer');
const preloadDir = join(import.meta.dirname, '../preload');

let mainWindow: BrowserWindow | null = null;

function showWindow(): BrowserWindow {
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({ appOrigin, startUrl, preloadDir });
    mainWindow.on('closed', () => (mainWindow = null));
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
  return mainWindow;
}

function navigate(route: DeskEvents['desk:navigate']) {
  if (!navigableRoute.test(route)) return;
  showWindow().webContents.send('desk:navigate', route);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());

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

    registerDeskIpc(
      ipcMain,
      {
        'session:get-token': () => tokens.get(),
        'session:set-token': (token) => tokens.set(token),
        'session:clear-token': () => tokens.clear(),
        'shell:open-external': async (url) => {
          const check = checkExternalUrl(url);
          if (!check.ok) return { opened: false, reason: check.reason };
          await shell.openExternal(check.url);
          return { opened: true };
        },
        'notify:show': ({ title, body, route }) => {
          if (!Notification.isSupported()) return;
          const n = new Notification({ title, body });
          if (route) n.on('click', () => navigate(route));
          n.show();
        },
      },
      (event) => isTrustedSender(event, appOrigin),
    );

    showWindow();
    app.on('activate', () => showWindow());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
