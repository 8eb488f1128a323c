import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deskChannels } from '../shared/ipc.ts';

/**
 * The real main process (src/main/index.ts) started against a mocked `electron` module: what
 * the window is allowed to do, and what each IPC channel answers to whom.
 */
const h = vi.hoisted(() => ({
  userData: '',
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  windows: [] as Array<{ options: { webPreferences: Record<string, unknown> }; events: Map<string, (...a: unknown[]) => unknown>; openHandler?: (d: { url: string }) => unknown; sent: unknown[][] }>,
  notifications: [] as Array<{ options: unknown; click?: () => void; shown: boolean }>,
  permissionHandler: undefined as undefined | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    record: (typeof h.windows)[number];
    webContents: Record<string, unknown>;
    constructor(options: (typeof h.windows)[number]['options']) {
      this.record = { options, events: new Map(), sent: [] };
      h.windows.push(this.record);
      const record = this.record;
      this.webContents = {
        setWindowOpenHandler: (fn: (d: { url: string }) => unknown) => (record.openHandler = fn),
        on: (name: string, fn: (...a: unknown[]) => unknown) => record.events.set(name, fn),
        send: (...args: unknown[]) => record.sent.push(args),
      };
    }
    once() {}
    on() {}
    loadURL = vi.fn(async () => {});
    isDestroyed = () => false;
    isMinimized = () => false;
    restore() {}
    focus() {}
  }
  class Notification {
    static isSupported = () => true;
    record: (typeof h.notifications)[number];
    constructor(options: unknown) {
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
  return {
    app: {
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: () => h.userData,
      on: vi.fn(),
      quit: vi.fn(),
    },
    BrowserWindow,
    Notification,
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
});

const electron = await import('electron');

const ourFrame = { url: 'handled-desk://app/index.html#/requests' };
const trusted = { senderFrame: ourFrame, sender: { mainFrame: ourFrame } };
const call = (channel: string, event: unknown, ...args: unknown[]) => {
  const handler = h.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve().then(() => handler(event, ...args));
};

beforeAll(async () => {
  h.userData = mkdtempSync(join(tmpdir(), 'desk-userdata-'));
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  await import('./index.ts');
  await vi.waitFor(() => expect(h.windows).toHaveLength(1));
});

beforeEach(() => vi.mocked(electron.shell.openExternal).mockClear());

describe('the window', () => {
  it('is isolated, sandboxed, without Node, with web security', () => {
    const prefs = h.windows[0]!.options.webPreferences;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(String(prefs['preload'])).toMatch(/preload[/\\]index\.cjs$/);
  });

  it('opens new windows nowhere: https links go to the OS browser, the rest is dropped', () => {
    const open = h.windows[0]!.openHandler!;
    expect(open({ url: 'https://invoice.stripe.com/i/abc' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://invoice.stripe.com/i/abc');
    vi.mocked(electron.shell.openExternal).mockClear();
    expect(open({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('does not navigate away from the app', () => {
    const willNavigate = h.windows[0]!.events.get('will-navigate')!;
    const away = { preventDefault: vi.fn() };
    willNavigate(away, 'https://evil.example/');
    expect(away.preventDefault).toHaveBeenCalled();
    const inApp = { preventDefault: vi.fn() };
    willNavigate(inApp, 'handled-desk://app/index.html#/upcoming');
    expect(inApp.preventDefault).not.toHaveBeenCalled();
  });

  it('refuses every permission request', () => {
    const cb = vi.fn();
    h.permissionHandler?.({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
  });
});

describe('IPC', () => {
  it('registers exactly the channels of the shared map', () => {
    expect([...h.handlers.keys()].sort()).toEqual([...deskChannels].sort());
  });

  it('answers only our top frame', async () => {
    const evil = { url: 'https://evil.example/' };
    await expect(call('shell:open-external', { senderFrame: evil, sender: { mainFrame: evil } }, 'https://stripe.com')).rejects.toThrow(/Refused/);
    const iframe = { url: ourFrame.url };
    await expect(call('session:get-token', { senderFrame: iframe, sender: { mainFrame: ourFrame } })).rejects.toThrow(/Refused/);
    await expect(call('session:get-token', { senderFrame: null, sender: { mainFrame: ourFrame } })).rejects.toThrow(/Refused/);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens only safe links in the OS browser', async () => {
    await expect(call('shell:open-external', trusted, 'https://connect.stripe.com/setup/abc')).resolves.toEqual({ opened: true });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://connect.stripe.com/setup/abc');
    vi.mocked(electron.shell.openExternal).mockClear();
    await expect(call('shell:open-external', trusted, 'javascript:alert(1)')).resolves.toMatchObject({ opened: false });
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('keeps the session token encrypted in userData', async () => {
    const token = 'tok_0123456789abcdef.sig';
    await call('session:set-token', trusted, token);
    const file = join(h.userData, 'session.bin');
    expect(readFileSync(file).toString()).not.toBe(token);
    await expect(call('session:get-token', trusted)).resolves.toBe(token);
    await call('session:clear-token', trusted);
    expect(existsSync(file)).toBe(false);
    await expect(call('session:get-token', trusted)).resolves.toBeNull();
  });

  it('rejects arguments that do not match the channel', async () => {
    await expect(call('session:set-token', trusted, 42)).rejects.toThrow(/bad arguments/);
    await expect(call('notify:show', trusted, { title: 'x', body: 'y', route: 'javascript:alert(1)' })).rejects.toThrow(/bad arguments/);
    await expect(call('shell:open-external', trusted)).rejects.toThrow(/bad arguments/);
  });

  it('shows a notification that opens the booking when clicked', async () => {
    await call('notify:show', trusted, { title: 'New request from Maya', body: 'Plumbing · Thu', route: '#/bookings/bk_123' });
    const n = h.notifications.at(-1)!;
    expect(n.shown).toBe(true);
    n.click?.();
    expect(h.windows[0]!.sent).toContainEqual(['desk:navigate', '#/bookings/bk_123']);
  });
});
