import type { DeskBridge } from '../../shared/ipc.ts';
import { createWebBridge } from './web-bridge.ts';

export type { DeskBridge };

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    desk?: DeskBridge;
  }
}

/** In Electron the preload's `window.desk`; in a plain browser the web stand-in. */
export const bridge: DeskBridge = window.desk ?? createWebBridge(window);

export type NotificationAccess = NotificationPermission | 'unsupported';

/** Browser mode only: notifications need the person's permission, asked from a click. */
export function webNotificationPermission(): NotificationAccess {
  if (bridge.kind === 'electron') return 'granted';
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function requestWebNotifications(): Promise<NotificationAccess> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}
