import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { deskChannels } from '../shared/ipc.ts';
import { call, electronModule, emitApp, emitWindow, h, ourFrame, trusted } from './testing/fake-electron.ts';

/**
 * The real main process (src/main/index.ts) started against a stand-in `electron` module: what
 * the window is allowed to do, what each IPC channel answers to whom, deep links, the tray, the
 * badge, start at login.
 */
vi.mock('electron', async () => (await import('./testing/fake-electron.ts')).electronModule);

const electron = electronModule;

beforeAll(async () => {
  h.userData = mkdtempSync(join(tmpdir(), 'desk-userdata-'));
  h.appData = mkdtempSync(join(tmpdir(), 'desk-appdata-'));
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.stubEnv('HANDLED_API_URL', 'http://127.0.0.1:9');
  await import('./index.ts');
  await vi.waitFor(() => expect(h.windows).toHaveLength(1));
});

beforeEach(() => electron.shell.openExternal.mockClear());

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
    electron.shell.openExternal.mockClear();
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
    await expect(call('shell:open-external', { senderFrame: evil, sender: { mainFrame: evil } }, 'https://stripe.com')).rejects.toThrow(
      /Refused/,
    );
    const iframe = { url: ourFrame.url };
    await expect(call('session:get-token', { senderFrame: iframe, sender: { mainFrame: ourFrame } })).rejects.toThrow(/Refused/);
    await expect(call('session:get-token', { senderFrame: null, sender: { mainFrame: ourFrame } })).rejects.toThrow(/Refused/);
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });

  it('opens only safe links in the OS browser', async () => {
    await expect(call('shell:open-external', trusted, 'https://connect.stripe.com/setup/abc')).resolves.toEqual({ opened: true });
    expect(electron.shell.openExternal).toHaveBeenCalledWith('https://connect.stripe.com/setup/abc');
    electron.shell.openExternal.mockClear();
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

describe('deep links', () => {
  it('registers handled-desk:// with the OS', () => {
    expect(h.protocolClients.some((args) => args[0] === 'handled-desk')).toBe(true);
  });

  it('a second instance started with a link hands it over: the window shows and opens the booking', () => {
    const w = h.windows[0]!;
    w.visible = false;
    emitApp('second-instance', {}, ['/opt/Handled Desk/handled-desk', 'handled-desk://bookings/bk_42'], '/');
    expect(w.visible).toBe(true);
    expect(w.sent).toContainEqual(['desk:navigate', '#/bookings/bk_42']);
  });

  it("macOS's open-url opens a conversation; a link to anything else is dropped", () => {
    const w = h.windows[0]!;
    const prevented = vi.fn();
    emitApp('open-url', { preventDefault: prevented }, 'handled-desk://messages/bk_7');
    expect(prevented).toHaveBeenCalled();
    expect(w.sent).toContainEqual(['desk:navigate', '#/messages/bk_7']);
    const before = w.sent.length;
    emitApp('open-url', { preventDefault: vi.fn() }, 'handled-desk://admin/users');
    emitApp('second-instance', {}, ['handled-desk', 'https://evil.example/#/bookings/x'], '/');
    expect(w.sent.slice(before).filter(([channel]) => channel === 'desk:navigate')).toEqual([]);
  });
});

describe('tray and badge', () => {
  it('closing the window hides it to the tray instead of quitting', () => {
    const w = h.windows[0]!;
    w.visible = true;
    const event = { preventDefault: vi.fn() };
    emitWindow(w, 'close', event);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(w.visible).toBe(false);
  });

  it('the tray offers open, today, requests, messages, start at login and quit; Today opens the window on it', () => {
    const tray = h.trays[0]!;
    expect(tray.menu.filter((i) => i['label']).map((i) => i['label'])).toEqual([
      'Open Handled Desk',
      'Today',
      'Requests',
      'Messages',
      'Start at login',
      'Quit Handled Desk',
    ]);
    const w = h.windows[0]!;
    w.visible = false;
    (tray.menu.find((i) => i['label'] === 'Today')!['click'] as () => void)();
    expect(w.visible).toBe(true);
    expect(w.sent).toContainEqual(['desk:navigate', '#/today']);
  });

  it('counts from the page reach the tray, its icon and the dock badge at once', async () => {
    await call('badge:set', trusted, { requests: 2, unread: 1 });
    const tray = h.trays[0]!;
    expect(tray.tooltip).toBe('Handled Desk — 2 new requests, 1 unread message');
    expect(tray.image).toMatch(/tray-unread\.png$/);
    expect(tray.menu.map((i) => i['label'])).toContain('Requests (2)');
    expect(h.badge.at(-1)).toBe(3);
    await call('badge:set', trusted, { requests: 0, unread: 0 });
    expect(h.badge.at(-1)).toBe(0);
    expect(tray.image).toMatch(/tray\.png$/);
    await expect(call('badge:set', trusted, { requests: -1, unread: 0 })).rejects.toThrow(/bad arguments/);
    await expect(call('badge:set', trusted, { requests: 1, unread: 0, extra: 'x' })).rejects.toThrow(/bad arguments/);
  });

  it('start at login is a setting the page reads and changes (and the tray shows)', async () => {
    const on = await call('login-item:set', trusted, true);
    expect(on).toEqual({ openAtLogin: true, supported: true });
    await expect(call('login-item:get', trusted)).resolves.toEqual({ openAtLogin: true, supported: true });
    expect(h.trays[0]!.menu.find((i) => i['label'] === 'Start at login')).toMatchObject({ checked: true });
    await call('login-item:set', trusted, false);
    await expect(call('login-item:get', trusted)).resolves.toEqual({ openAtLogin: false, supported: true });
    await expect(call('login-item:set', trusted, 'yes')).rejects.toThrow(/bad arguments/);
  });
});
