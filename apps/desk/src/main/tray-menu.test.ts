import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { autostartEntry, createLoginItem, HIDDEN_ARG } from './login-item.ts';
import { badgeCount, trayMenu, trayTitle, trayTooltip } from './tray-menu.ts';

describe('the tray', () => {
  it('names what waits, and offers open, today, start at login and quit', () => {
    const menu = trayMenu({ requests: 2, unread: 3 }, { openAtLogin: true, supported: true });
    const labels = menu.flatMap((i) => (i.type === 'separator' ? [] : [i.label]));
    expect(labels).toEqual(['Open Handled Desk', 'Today', 'Requests (2)', 'Messages (3 unread)', 'Start at login', 'Quit Handled Desk']);
    expect(menu.find((i) => i.type === 'checkbox')).toMatchObject({ checked: true, action: 'toggle-login' });
    expect(trayTooltip({ requests: 1, unread: 1 })).toBe('Handled Desk — 1 new request, 1 unread message');
    expect(trayTooltip({ requests: 0, unread: 0 })).toBe('Handled Desk — nothing waiting');
    expect(badgeCount({ requests: 2, unread: 3 })).toBe(5);
    expect(trayTitle({ requests: 120, unread: 0 })).toBe('99+');
    expect(trayTitle(null)).toBe('');
  });
});

describe('start at login', () => {
  it('on Linux writes and removes an XDG autostart entry that starts hidden', async () => {
    const configDir = mkdtempSync(join(tmpdir(), 'desk-config-'));
    const app = { getLoginItemSettings: vi.fn(), setLoginItemSettings: vi.fn() };
    const item = createLoginItem({
      platform: 'linux',
      app,
      files: { readFile, writeFile, mkdir, rm },
      configDir,
      exec: '/home/sam/Apps/Handled Desk.AppImage',
    });
    expect(await item.get()).toEqual({ openAtLogin: false, supported: true });
    expect(await item.set(true)).toEqual({ openAtLogin: true, supported: true });
    const text = readFileSync(item.autostartPath, 'utf8');
    expect(text).toContain(`Exec="/home/sam/Apps/Handled Desk.AppImage" ${HIDDEN_ARG}`);
    expect(await item.get()).toEqual({ openAtLogin: true, supported: true });
    await item.set(false);
    expect(existsSync(item.autostartPath)).toBe(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('on macOS and Windows asks the OS, starting hidden', async () => {
    let on = false;
    const app = {
      getLoginItemSettings: () => ({ openAtLogin: on }),
      setLoginItemSettings: vi.fn((s: { openAtLogin: boolean }) => void (on = s.openAtLogin)),
    };
    const item = createLoginItem({
      platform: 'darwin',
      app,
      files: { readFile, writeFile, mkdir, rm },
      configDir: '/nowhere',
      exec: '/Applications/Handled Desk.app',
    });
    expect(await item.set(true)).toEqual({ openAtLogin: true, supported: true });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true, openAsHidden: true, args: [HIDDEN_ARG] });
  });

  it('quotes an executable path with spaces', () => {
    expect(autostartEntry('/opt/handled/handled-desk')).toContain('Exec=/opt/handled/handled-desk --hidden');
  });
});
