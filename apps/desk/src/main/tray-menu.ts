import type { DeskCounts, LoginItemState } from '../shared/ipc.ts';

/** What a tray menu item does when clicked (index.ts maps these to the window and the app). */
export type TrayAction = 'open' | 'today' | 'requests' | 'messages' | 'toggle-login' | 'quit';

export type TrayItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; action: TrayAction; enabled?: boolean }
  | { type: 'checkbox'; label: string; action: TrayAction; checked: boolean; enabled?: boolean };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The tray's menu: open the desk, jump to today or what waits, start at login, quit. */
export function trayMenu(counts: DeskCounts | null, loginItem: LoginItemState): TrayItem[] {
  return [
    { type: 'normal', label: 'Open Handled Desk', action: 'open' },
    { type: 'normal', label: 'Today', action: 'today' },
    { type: 'normal', label: counts?.requests ? `Requests (${counts.requests})` : 'Requests', action: 'requests' },
    { type: 'normal', label: counts?.unread ? `Messages (${counts.unread} unread)` : 'Messages', action: 'messages' },
    { type: 'separator' },
    { type: 'checkbox', label: 'Start at login', action: 'toggle-login', checked: loginItem.openAtLogin, enabled: loginItem.supported },
    { type: 'separator' },
    { type: 'normal', label: 'Quit Handled Desk', action: 'quit' },
  ];
}

/** The tray's tooltip: what waits for the provider, in words. */
export function trayTooltip(counts: DeskCounts | null): string {
  if (!counts || (counts.requests === 0 && counts.unread === 0)) return 'Handled Desk — nothing waiting';
  const parts = [
    counts.requests ? plural(counts.requests, 'new request', 'new requests') : '',
    counts.unread ? plural(counts.unread, 'unread message', 'unread messages') : '',
  ];
  return `Handled Desk — ${parts.filter(Boolean).join(', ')}`;
}

/** The number on the dock/taskbar icon: everything waiting for an answer. */
export function badgeCount(counts: DeskCounts | null): number {
  return counts ? counts.requests + counts.unread : 0;
}

/** The tray's title beside the icon (macOS menu bar): the count, or nothing. */
export function trayTitle(counts: DeskCounts | null): string {
  const n = badgeCount(counts);
  return n === 0 ? '' : n > 99 ? '99+' : String(n);
}
