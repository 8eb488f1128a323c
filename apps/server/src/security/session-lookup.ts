import { createHash } from 'node:crypto';
import type { Db } from '@handled/db';
import { SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S, type Auth } from '../auth.ts';

/** The person a session names, as createContext needs them. */
export interface SessionPerson {
  id: string;
  name: string;
  email: string;
  role: unknown;
  timeZone: unknown;
  alsoClient: unknown;
}

const SESSION_SQL = `select s.expires_at, u.id, u.name, u.email, u.role, u.time_zone, u.also_client, u.suspended_at, u.deleted_at
  from session s join user u on u.id = s.user_id where s.token = ?1`;

/** Credentials remembered at most; all are forgotten at once when full (each is proven again on its next request). */
const MAX_KNOWN = 10_000;

/**
 * Who a request's session names, without better-auth's whole getSession on every call (the
 * signature check, its endpoint plumbing and an ORM read: about 1.5 ms of CPU).
 *
 * The first time a credential — the request's Authorization and Cookie headers together — comes,
 * better-auth decides, and the session token it accepted is remembered for that credential. When
 * the same credential comes again, one prepared read fetches that session with its person, and the
 * answer is taken from it only when better-auth would give the same one without writing anything:
 * the session still exists (signing out, a password reset, suspension and erasure delete it), has
 * not expired, is not due for better-auth's daily refresh, and the person is neither suspended nor
 * erased. Anything else goes to better-auth, which decides (and refreshes) as always. The read
 * runs when the request does, so a revocation or a change to the person counts from the next
 * request, as before.
 */
export function createSessionLookup(db: Db, auth: Auth): (headers: Headers) => Promise<SessionPerson | null> {
  const known = new Map<string, string>();

  const decide = async (headers: Headers, credential: string): Promise<SessionPerson | null> => {
    const session = await auth.api.getSession({ headers });
    if (!session) {
      known.delete(credential);
      return null;
    }
    if (known.size >= MAX_KNOWN) known.clear();
    known.set(credential, session.session.token);
    return session.user;
  };

  return async (headers) => {
    // Kept as a digest: a few bytes each, however long the headers.
    const credential = createHash('sha256')
      .update(`${headers.get('authorization') ?? ''}\n${headers.get('cookie') ?? ''}`)
      .digest('base64url');
    const token = known.get(credential);
    if (token === undefined) return decide(headers, credential);
    const row = await db.$reads.get(SESSION_SQL, [token]);
    if (!row) return decide(headers, credential);
    const now = Date.now();
    const expiresAt = Number(row[0]);
    const refreshDue = expiresAt - SESSION_EXPIRES_IN_S * 1000 + SESSION_UPDATE_AGE_S * 1000 <= now;
    if (expiresAt <= now || refreshDue || row[7] !== null || row[8] !== null) return decide(headers, credential);
    return {
      id: String(row[1]),
      name: String(row[2]),
      email: String(row[3]),
      role: row[4],
      timeZone: row[5],
      alsoClient: row[6] === 1,
    };
  };
}
