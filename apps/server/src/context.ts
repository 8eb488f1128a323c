import { timingSafeEqual } from 'node:crypto';
import { userOfChat, type Context, type Role, type ServiceDeps, type SessionUser } from '@handled/api';
import { isValidTimeZone } from '@handled/core/availability';
import type { Auth } from './auth.ts';
import { createSessionLookup, type SessionPerson } from './security/session-lookup.ts';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function toSessionUser(u: SessionPerson): SessionUser {
  const role = u.role === 'provider' || u.role === 'admin' || u.role === 'support' ? (u.role as Role) : 'client';
  // A zone stored before zones were validated (or edited by hand) must not break every page: UTC.
  const timeZone = typeof u.timeZone === 'string' && isValidTimeZone(u.timeZone) ? u.timeZone : 'UTC';
  return { id: u.id, name: u.name, email: u.email, role, timeZone, alsoClient: u.alsoClient === true };
}

// One session lookup per auth instance (one per server): it remembers the credentials better-auth accepted.
const lookups = new WeakMap<Auth, (headers: Headers) => Promise<SessionPerson | null>>();
function sessionLookupOf(deps: ServiceDeps, auth: Auth) {
  let lookup = lookups.get(auth);
  if (!lookup) lookups.set(auth, (lookup = createSessionLookup(deps.db, auth)));
  return lookup;
}

/**
 * Who is calling: the bot (service secret + the Telegram chat it speaks for, resolved to the
 * linked user), or a person with a session cookie (site) or bearer token (desk app).
 */
export async function createContext(req: Request, deps: ServiceDeps, auth: Auth, botSecret: string): Promise<Context> {
  const botHeader = req.headers.get('x-handled-bot-secret');
  if (botHeader !== null) {
    if (!safeEqual(botHeader, botSecret)) return { deps, user: null, channel: 'anonymous', isBot: false };
    const chatId = req.headers.get('x-telegram-chat-id');
    if (!chatId) return { deps, user: null, channel: 'bot', isBot: true };
    const linked = await userOfChat(deps, chatId);
    return { deps, user: linked ? toSessionUser(linked) : null, channel: 'bot', isBot: true, chatId };
  }
  // A session is a cookie (site) or a bearer token (desk): without either there is none to look up.
  if (!req.headers.has('cookie') && !req.headers.has('authorization')) return { deps, user: null, channel: 'anonymous', isBot: false };
  const person = await sessionLookupOf(deps, auth)(req.headers);
  if (!person) return { deps, user: null, channel: 'anonymous', isBot: false };
  const channel = req.headers.get('authorization')?.startsWith('Bearer ') ? 'desk' : 'web';
  return { deps, user: toSessionUser(person), channel, isBot: false };
}
