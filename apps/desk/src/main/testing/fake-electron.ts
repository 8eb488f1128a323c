import { vi } from 'vitest';

/**
 * A stand-in for the `electron` module (its binary cannot be downloaded here): records windows,
 * IPC handlers, notifications, the tray and the app's events, so a test can run the real
 * src/main/index.ts with `vi.mock('electron', () => import('./testing/fake-electron.ts').then((m) => m.electronModule))`.
 */
type Listener = (...args: unknown[]) => unknown;

export interface WindowRecord {
  options: { webPreferences: Record<string, unknown> };
  events: Map<string, Listener>;
  windowEvents: Map<string, Listener[]>;
  openHandler?: (d: { url: string }) => unknown;
  sent: unknown[][];
  loadedUrls: string[];
  visible: boolean;
  focused: boolean;
  overlay: unknown[];
}

export const h = {
  userData: '',
  appData: '',
  ready: false,
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  windows: [] as WindowRecord[],
  notifications: [] as Array<{ options: { title: string; body: string }; click?: () => void; shown: boolean }>,
  appEvents: new Map<string, Listener[]>(),
  badge: [] as number[],
  protocolClients: [] as unknown[][],
  loginItem: { openAtLogin: false },
  trays: [] as Array<{
    tooltip: string;
    title: string;
    menu: Array<Record<string, unknown>>;
    image: string;
    events: Map<string, Listener>;
  }>,
  permissionHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
};

/** Runs an app event's listeners as Electron would (e.g. 'second-instance', 'open-url'). */
export function emitApp(name: string, ...args: unknown[]) {
  for (const fn of h.appEvents.get(name) ?? []) fn(...args);
}

export function emitWindow(w: WindowRecord, name: string, ...args: unknown[]) {
  for (const fn of w.windowEvents.get(name) ?? []) fn(...args);
}

class BrowserWindow {
  record: WindowRecord;
  webContents: Record<string, unknown>;
  constructor(options: WindowRecord['options']) {
    this.record = {
      options,
      events: new Map(),
      windowEvents: new Map(),
      sent: [],
      loadedUrls: [],
      visible: false,
      focused: false,
      overlay: [],
    };
    h.windows.push(this.record);
    const record = this.record;
    this.webContents = {
      setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (record.openHandler = fn),
      on: (name: string, fn: Listener) => record.events.set(name, fn),
      send: (...args: unknown[]) => record.sent.push(args),
    };
  }
  once() {}
  on(name: string, fn: Listener) {
    const list = this.record.windowEvents.get(name) ?? [];
    list.push(fn);
    this.record.windowEvents.set(name, list);
  }
  loadURL = vi.fn(async (url: string) => void this.record.loadedUrls.push(url));
  isDestroyed = () => false;
  isMinimized = () => false;
  isVisible = () => this.record.visible;
  isFocused = () => this.record.focused;
  restore() {}
  show() {
    this.record.visible = true;
  }
  hide() {
    this.record.visible = false;
    this.record.focused = false;
  }
  focus() {
    this.record.focused = true;
  }
  setOverlayIcon(...args: unknown[]) {
    this.record.overlay.push(args);
  }
}

class Notification {
  static isSupported = () => true;
  record: (typeof h.notifications)[number];
  constructor(options: { title: string; body: string }) {
    this.record = { options, shown: false };
    h.notifications.push(this.record);
  }
  on(name: string, fn: () => void) {
    if (name === 'click') this.record.click = fn;
  }
  show() {
    this.record.shown = true;
  }
}

class Tray {
  record: (typeof h.trays)[number];
  constructor(image: { path: string }) {
    this.record = { tooltip: '', title: '', menu: [], image: image.path, events: new Map() };
    h.trays.push(this.record);
  }
  setImage(image: { path: string }) {
    this.record.image = image.path;
  }
  setToolTip(text: string) {
    this.record.tooltip = text;
  }
  setTitle(text: string) {
    this.record.title = text;
  }
  setContextMenu(menu: { items: Array<Record<string, unknown>> }) {
    this.record.menu = menu.items;
  }
  on(name: string, fn: Listener) {
    this.record.events.set(name, fn);
  }
}

export const electronModule = {
  app: {
    requestSingleInstanceLock: () => true,
    whenReady: () => {
      h.ready = true;
      return Promise.resolve();
    },
    isReady: () => h.ready,
    getPath: (name: string) => (name === 'appData' ? h.appData : h.userData),
    on: (name: string, fn: Listener) => {
      const list = h.appEvents.get(name) ?? [];
      list.push(fn);
      h.appEvents.set(name, list);
    },
    quit: vi.fn(),
    setBadgeCount: (n: number) => void h.badge.push(n),
    setAsDefaultProtocolClient: (...args: unknown[]) => void h.protocolClients.push(args),
    getLoginItemSettings: () => ({ ...h.loginItem }),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => void (h.loginItem.openAtLogin = s.openAtLogin),
  },
  BrowserWindow,
  Notification,
  Tray,
  Menu: { buildFromTemplate: (items: Array<Record<string, unknown>>) => ({ items }) },
  nativeImage: { createFromPath: (path: string) => ({ path }) },
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => h.handlers.set(channel, fn),
    removeHandler: (channel: string) => h.handlers.delete(channel),
  },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn() },
  session: { defaultSession: { setPermissionRequestHandler: (fn: typeof h.permissionHandler) => (h.permissionHandler = fn) } },
  shell: { openExternal: vi.fn(async () => {}) },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (s: string) => Buffer.from(s).reverse(),
    decryptString: (b: Buffer) => Buffer.from(b).reverse().toString(),
  },
};

/** Our page's top frame, as an IPC event from it looks. */
export const ourFrame = { url: 'handled-desk://app/index.html#/requests' };
export const trusted = { senderFrame: ourFrame, sender: { mainFrame: ourFrame } };

export function call(channel: string, event: unknown, ...args: unknown[]) {
  const handler = h.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve().then(() => handler(event, ...args));
}
