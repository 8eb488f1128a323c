import type { ServiceDeps } from './services/deps.ts';

export type Role = 'client' | 'provider' | 'admin' | 'support';

/** An operator of the marketplace: an admin, or support (who may not change settings or refund above a limit). */
export function isOperator(user: Pick<SessionUser, 'role'> | null | undefined): boolean {
  return !!user && (user.role === 'admin' || user.role === 'support');
}

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  timeZone: string;
  /** A provider who also books as a client (they applied from a client account). */
  alsoClient: boolean;
}

/** Whether this person books as a client: a client account, or a provider who kept booking. */
export function booksAsClient(user: Pick<SessionUser, 'role' | 'alsoClient'>): boolean {
  return user.role === 'client' || (user.role === 'provider' && user.alsoClient);
}

/** How the caller reached us: a browser cookie, a desk bearer token, or the bot on a linked chat. */
export type Channel = 'web' | 'desk' | 'bot' | 'anonymous';

export interface Context {
  deps: ServiceDeps;
  user: SessionUser | null;
  channel: Channel;
  /** True when the request carries the bot's service secret. */
  isBot: boolean;
  /** The Telegram chat the bot speaks for (bot requests only). */
  chatId?: string;
}
