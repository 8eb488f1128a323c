import { DomainError } from '@handled/core/errors';
import type { DbOrTx } from '@handled/db';
import {
  type CalcomAuth,
  type CalcomClient,
  CalcomError,
  isCalcomError,
  refreshTokens,
  type CalcomPort,
} from '@handled/integrations/calcom';
import type { ServiceDeps } from '../deps.ts';
import { connectionOf, patchConnection, type ConnectionRow } from '../../repositories/calendar.ts';

/** Refresh an OAuth access token this long before it expires. */
const REFRESH_AHEAD_MS = 5 * 60_000;

export function requireCalcom(deps: ServiceDeps): CalcomPort {
  if (!deps.calcom)
    throw new DomainError('INTEGRATION_UNAVAILABLE', 'Cal.com is not set up on this server; keep your availability in the app.');
  return deps.calcom;
}

/**
 * Access for one provider's Cal.com account: the API key, or the OAuth access token refreshed
 * before it expires and once more on a 498. A refresh by another process is picked up from the row.
 */
export function authFor(deps: ServiceDeps, port: CalcomPort, initial: ConnectionRow): CalcomAuth {
  let conn = initial;
  const open = (sealed: string) => port.secrets.open(sealed);
  if (conn.kind === 'api_key') return { token: async () => open(conn.encryptedAccessToken) };

  async function refresh(usedToken: string): Promise<string> {
    const latest = await connectionOf(deps.db, conn.providerId);
    if (!latest) throw new CalcomError('The Cal.com connection was removed', 401, 'DISCONNECTED');
    conn = latest;
    const current = open(latest.encryptedAccessToken);
    const fresh = (latest.accessTokenExpiresAt?.getTime() ?? 0) - deps.now().getTime() > REFRESH_AHEAD_MS;
    if (current !== usedToken && fresh) return current; // someone else refreshed already
    if (!latest.encryptedRefreshToken) throw new CalcomError('No refresh token; connect Cal.com again', 401, 'RECONNECT');
    try {
      const tokens = await refreshTokens(port.oauth, open(latest.encryptedRefreshToken));
      const patch = {
        encryptedAccessToken: port.secrets.seal(tokens.access_token),
        encryptedRefreshToken: tokens.refresh_token ? port.secrets.seal(tokens.refresh_token) : latest.encryptedRefreshToken,
        accessTokenExpiresAt: new Date(deps.now().getTime() + (tokens.expires_in ?? 1800) * 1000),
      };
      await patchConnection(deps.db, conn.providerId, patch);
      conn = { ...conn, ...patch };
      return tokens.access_token;
    } catch (e) {
      if (isCalcomError(e) && !e.transient)
        await patchConnection(deps.db, conn.providerId, {
          status: 'error',
          lastError: 'Cal.com refused to renew access. Connect your calendar again.',
        });
      throw e;
    }
  }

  return {
    async token() {
      const token = open(conn.encryptedAccessToken);
      const expiresAt = conn.accessTokenExpiresAt?.getTime();
      if (expiresAt !== undefined && expiresAt - deps.now().getTime() < REFRESH_AHEAD_MS) return refresh(token);
      return token;
    },
    refresh: () => refresh(open(conn.encryptedAccessToken)),
  };
}

export function clientFor(deps: ServiceDeps, conn: ConnectionRow): CalcomClient {
  const port = requireCalcom(deps);
  return port.client(conn.providerId, authFor(deps, port, conn));
}

export async function loadConnected(deps: ServiceDeps, db: DbOrTx, providerId: string) {
  const conn = await connectionOf(db, providerId);
  if (!conn || conn.status === 'disconnected') return undefined;
  return conn;
}

/** Turns a Cal.com failure into a message a provider can act on. */
export function describeCalcomError(e: unknown): string {
  if (!isCalcomError(e)) return e instanceof Error ? e.message : String(e);
  if (e.code === 'CIRCUIT_OPEN' || e.status === 0 || e.status >= 500)
    return 'Cal.com is not answering right now. Slots use your last sync; confirm new jobs by hand.';
  if (e.status === 429) return 'Cal.com asked us to slow down; we will sync again shortly.';
  if (e.status === 401 || e.status === 403 || e.code === 'RECONNECT') return 'Cal.com refused our access. Connect your calendar again.';
  return `Cal.com: ${e.message}`;
}

export function asDomainError(e: unknown): never {
  if (isCalcomError(e)) {
    if (e.transient) throw new DomainError(e.status === 429 ? 'RATE_LIMITED' : 'INTEGRATION_UNAVAILABLE', describeCalcomError(e));
    throw new DomainError('INVALID_INPUT', describeCalcomError(e), { calcomCode: e.code });
  }
  throw e;
}
