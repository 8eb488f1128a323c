import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ChannelArgs, ChannelResult, DeskBridge, DeskChannel, DeskEvents } from '../shared/ipc.ts';

// One function per channel, each bound to its channel here: the page never sees ipcRenderer
// and cannot choose a channel name.
const invoke =
  <C extends DeskChannel>(channel: C) =>
  (...args: ChannelArgs<C>) =>
    ipcRenderer.invoke(channel, ...args) as Promise<ChannelResult<C>>;

const desk: DeskBridge = {
  kind: 'electron',
  getToken: invoke('session:get-token'),
  setToken: invoke('session:set-token'),
  clearToken: invoke('session:clear-token'),
  openExternal: invoke('shell:open-external'),
  notify: invoke('notify:show'),
  setBadge: invoke('badge:set'),
  getLoginItem: invoke('login-item:get'),
  setLoginItem: invoke('login-item:set'),
  onNavigate(listener) {
    // Pass only the route on, never the event (it carries `sender`, i.e. ipcRenderer).
    const wrapped = (_event: IpcRendererEvent, route: DeskEvents['desk:navigate']) => listener(route);
    ipcRenderer.on('desk:navigate', wrapped);
    return () => void ipcRenderer.removeListener('desk:navigate', wrapped);
  },
};

contextBridge.exposeInMainWorld('desk', desk);
