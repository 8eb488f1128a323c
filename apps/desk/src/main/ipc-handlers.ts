import { z } from 'zod';
import type { SenderLike } from './sender.ts';
import { deskChannels, navigableRoute, type ChannelArgs, type ChannelResult, type DeskChannel } from '../shared/ipc.ts';

/** A handler per channel, typed by the shared channel map. */
export type DeskHandlers = {
  [C in DeskChannel]: (...args: ChannelArgs<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
};

/** Arguments are checked again in main: the renderer is treated as untrusted input. */
const argSchemas: { [C in DeskChannel]: z.ZodType<ChannelArgs<C>> } = {
  'session:get-token': z.tuple([]),
  'session:set-token': z.tuple([z.string().min(8).max(512)]),
  'session:clear-token': z.tuple([]),
  'shell:open-external': z.tuple([z.string().max(4096)]),
  'notify:show': z.tuple([
    z.object({
      title: z.string().min(1).max(120),
      body: z.string().max(500),
      route: z.string().regex(navigableRoute).optional(),
    }),
  ]),
  'badge:set': z.tuple([
    z.object({ requests: z.number().int().min(0).max(100_000), unread: z.number().int().min(0).max(100_000) }).strict(),
  ]),
  'login-item:get': z.tuple([]),
  'login-item:set': z.tuple([z.boolean()]),
};

/** The slice of an IPC event the checks need (`IpcMainInvokeEvent`). */
export type InvokeEventLike = SenderLike;

/** The slice of `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export class UntrustedSenderError extends Error {
  constructor(channel: string) {
    super(`Refused ${channel}: the message did not come from the desk app's own page`);
  }
}

/**
 * Registers every channel of the map: each call's sender frame must be trusted and its
 * arguments must match the channel's schema before the handler runs. Returns an undo.
 */
export function registerDeskIpc(
  ipc: IpcMainLike,
  handlers: DeskHandlers,
  isTrustedSender: (event: InvokeEventLike) => boolean,
): () => void {
  for (const channel of deskChannels) {
    ipc.handle(channel, (event, ...raw) => {
      if (!isTrustedSender(event)) throw new UntrustedSenderError(channel);
      const parsed = argSchemas[channel].safeParse(raw);
      if (!parsed.success) throw new Error(`Refused ${channel}: bad arguments`);
      const handler = handlers[channel] as (...args: unknown[]) => unknown;
      return handler(...parsed.data);
    });
  }
  return () => deskChannels.forEach((c) => ipc.removeHandler(c));
}
