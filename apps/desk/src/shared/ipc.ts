/**
 * The one description of what crosses the bridge between the renderer and the main process.
 * Main registers a handler per channel, preload exposes one function per channel, and the
 * renderer only ever sees `DeskBridge`; all three are typed from this file.
 */

/** A desktop notification; clicking it opens `route` (a hash route such as `#/bookings/<id>`). */
export interface DeskNotification {
  title: string;
  body: string;
  route?: string;
}

export type OpenExternalResult = { opened: true } | { opened: false; reason: string };

/** What the tray, the dock/taskbar badge and the title count: open requests and unread messages. */
export interface DeskCounts {
  requests: number;
  unread: number;
}

/** "Start Handled Desk when I log in": whether it is on, and whether this system lets the app set it. */
export interface LoginItemState {
  openAtLogin: boolean;
  supported: boolean;
}

/** Request/response channels (renderer -> main, `ipcRenderer.invoke` / `ipcMain.handle`). */
export interface DeskChannels {
  'session:get-token': () => string | null;
  'session:set-token': (token: string) => void;
  'session:clear-token': () => void;
  'shell:open-external': (url: string) => OpenExternalResult;
  'notify:show': (notification: DeskNotification) => void;
  /** The renderer's fresher counts (a thread just read): the tray and badge follow at once. */
  'badge:set': (counts: DeskCounts) => void;
  'login-item:get': () => LoginItemState;
  'login-item:set': (openAtLogin: boolean) => LoginItemState;
}

export type DeskChannel = keyof DeskChannels;
export type ChannelArgs<C extends DeskChannel> = Parameters<DeskChannels[C]>;
export type ChannelResult<C extends DeskChannel> = ReturnType<DeskChannels[C]>;

/** Events main sends to the renderer (`webContents.send` / `ipcRenderer.on`). */
export interface DeskEvents {
  /** Open a hash route, e.g. after the provider clicks a notification. */
  'desk:navigate': string;
}

export const deskChannels = [
  'session:get-token',
  'session:set-token',
  'session:clear-token',
  'shell:open-external',
  'notify:show',
  'badge:set',
  'login-item:get',
  'login-item:set',
] as const satisfies readonly DeskChannel[];

/** Which channel each bridge method calls: one method, one channel. */
export const bridgeMethodChannels = {
  getToken: 'session:get-token',
  setToken: 'session:set-token',
  clearToken: 'session:clear-token',
  openExternal: 'shell:open-external',
  notify: 'notify:show',
  setBadge: 'badge:set',
  getLoginItem: 'login-item:get',
  setLoginItem: 'login-item:set',
} as const satisfies Record<string, DeskChannel>;

type Invoker<C extends DeskChannel> = (...args: ChannelArgs<C>) => Promise<ChannelResult<C>>;

/** What the renderer may call: in Electron `window.desk` (from preload), in a browser a web stand-in. */
export type DeskBridge = {
  readonly [M in keyof typeof bridgeMethodChannels]: Invoker<(typeof bridgeMethodChannels)[M]>;
} & {
  /** 'electron' inside the desk app, 'web' in a plain browser. */
  readonly kind: 'electron' | 'web';
  /** Subscribe to navigation requests from main; returns the unsubscribe function. */
  onNavigate(listener: (route: DeskEvents['desk:navigate']) => void): () => void;
};

/** Hash routes main may ask the renderer to open (notification clicks). Anything else is dropped. */
export const navigableRoute =
  /^#\/(today|requests|jobs|upcoming|calendar|messages|reviews|analytics|payouts|profile|settings|notifications|(?:bookings|messages)\/[A-Za-z0-9_-]{1,64})$/;
