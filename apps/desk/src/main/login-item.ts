import { join } from 'node:path';
import type { LoginItemState } from '../shared/ipc.ts';

/** The slice of Electron's `app` that starts an app at login on macOS and Windows. */
export interface LoginItemApi {
  getLoginItemSettings(): { openAtLogin: boolean };
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
}

/** The slice of `node:fs/promises` the Linux autostart file needs. */
export interface AutostartFiles {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, options: { mode: number }): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rm(path: string, options: { force: true }): Promise<void>;
}

/** The argument a login start carries: the app starts in the tray, its window hidden. */
export const HIDDEN_ARG = '--hidden';

/** The XDG autostart entry (Linux desktops start what ~/.config/autostart lists). */
export function autostartEntry(exec: string): string {
  const quoted = /[\s"\\]/.test(exec) ? `"${exec.replace(/["\\]/g, (c) => `\\${c}`)}"` : exec;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Handled Desk',
    `Exec=${quoted} ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    'NoDisplay=false',
    '',
  ].join('\n');
}

/**
 * "Start Handled Desk when I log in". macOS and Windows keep it through `app.setLoginItemSettings`;
 * Electron has none on Linux, so there it is an XDG autostart file. `exec` is what to start (the
 * AppImage's own path when run from one, else the executable).
 */
export function createLoginItem(deps: {
  platform: NodeJS.Platform;
  app: LoginItemApi;
  files: AutostartFiles;
  configDir: string;
  exec: string;
}) {
  const autostartPath = join(deps.configDir, 'autostart', 'handled-desk.desktop');
  const linux = deps.platform === 'linux';
  return {
    autostartPath,
    async get(): Promise<LoginItemState> {
      if (!linux) return { openAtLogin: deps.app.getLoginItemSettings().openAtLogin, supported: true };
      try {
        const text = await deps.files.readFile(autostartPath, 'utf8');
        return { openAtLogin: !/X-GNOME-Autostart-enabled=false/.test(text), supported: true };
      } catch {
        return { openAtLogin: false, supported: true };
      }
    },
    async set(openAtLogin: boolean): Promise<LoginItemState> {
      if (!linux) {
        deps.app.setLoginItemSettings({ openAtLogin, openAsHidden: true, args: [HIDDEN_ARG] });
        return { openAtLogin: deps.app.getLoginItemSettings().openAtLogin, supported: true };
      }
      if (openAtLogin) {
        await deps.files.mkdir(join(deps.configDir, 'autostart'), { recursive: true });
        await deps.files.writeFile(autostartPath, autostartEntry(deps.exec), { mode: 0o644 });
      } else {
        await deps.files.rm(autostartPath, { force: true });
      }
      return { openAtLogin, supported: true };
    },
  };
}

export type LoginItem = ReturnType<typeof createLoginItem>;
