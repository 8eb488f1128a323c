import { DomainError } from '@handled/core/errors';
import { createPkcePair, authorizeUrl, exchangeCode, type CalcomClient } from '@handled/integrations/calcom';
import { findProvider } from '../../repositories/providers.ts';
import type { ServiceDeps } from '../deps.ts';
import { asDomainError, clientFor, requireCalcom } from './account.ts';
import {
  connectionOf,
  deleteConnection,
  patchConnection,
  saveConnection,
  setCalendarMode,
  type NewConnectionRow,
} from '../../repositories/calendar.ts';
import { scheduleNextSync, syncCalendar } from './sync.ts';

/** The event type marketplace bookings use in the provider's Cal.com, created on connect if missing. */
export const MARKETPLACE_EVENT_SLUG = 'handled-marketplace-job';

interface OAuthState {
  p: string;
  v: string;
  e: number;
}

/** Step 1 of OAuth: an authorize URL whose `state` carries (sealed) who asked and the PKCE verifier. */
export async function startOAuth(deps: ServiceDeps, providerId: string) {
  const port = requireCalcom(deps);
  const { verifier, challenge } = createPkcePair();
  const state: OAuthState = { p: providerId, v: verifier, e: deps.now().getTime() + 15 * 60_000 };
  return { authorizeUrl: authorizeUrl(port.oauth, { state: port.secrets.seal(JSON.stringify(state)), codeChallenge: challenge }) };
}

/** Step 2 (the callback): exchange the code with the verifier, store the tokens encrypted, set up sync. */
export async function finishOAuth(deps: ServiceDeps, input: { code: string; state: string }) {
  const port = requireCalcom(deps);
  let state: OAuthState;
  try {
    state = JSON.parse(port.secrets.open(input.state)) as OAuthState;
  } catch {
    throw new DomainError('INVALID_INPUT', 'This Cal.com sign-in link is not ours or was changed. Start again from the app.');
  }
  if (state.e < deps.now().getTime())
    throw new DomainError('INVALID_INPUT', 'This Cal.com sign-in took too long. Start again from the app.');
  const tokens = await exchangeCode(port.oauth, { code: input.code, codeVerifier: state.v }).catch(asDomainError);
  return completeConnection(deps, state.p, {
    kind: 'oauth',
    encryptedAccessToken: port.secrets.seal(tokens.access_token),
    encryptedRefreshToken: tokens.refresh_token ? port.secrets.seal(tokens.refresh_token) : null,
    accessTokenExpiresAt: new Date(deps.now().getTime() + (tokens.expires_in ?? 1800) * 1000),
  });
}

export async function connectApiKey(deps: ServiceDeps, providerId: string, apiKey: string) {
  const port = requireCalcom(deps);
  return completeConnection(deps, providerId, {
    kind: 'api_key',
    encryptedAccessToken: port.secrets.seal(apiKey),
    encryptedRefreshToken: null,
    accessTokenExpiresAt: null,
  });
}

async function ensureEventType(cal: CalcomClient, current: number | null | undefined) {
  const types = await cal.eventTypes();
  if (current && types.some((t) => t.id === current)) return current;
  const ours = types.find((t) => t.slug === MARKETPLACE_EVENT_SLUG);
  if (ours) return ours.id;
  const created = await cal.createEventType({
    title: 'Handled marketplace job',
    slug: MARKETPLACE_EVENT_SLUG,
    lengthInMinutes: 60,
    hidden: true,
    description: 'Jobs booked through the Handled marketplace',
  });
  return created.id;
}

async function completeConnection(
  deps: ServiceDeps,
  providerId: string,
  secret: Pick<NewConnectionRow, 'kind' | 'encryptedAccessToken' | 'encryptedRefreshToken' | 'accessTokenExpiresAt'>,
) {
  const port = requireCalcom(deps);
  const provider = await findProvider(deps.db, providerId);
  if (!provider) throw new DomainError('NOT_FOUND', 'Only providers connect a calendar.');
  const previous = await connectionOf(deps.db, providerId);
  await saveConnection(deps.db, {
    providerId,
    ...secret,
    status: 'connected',
    lastError: null,
    eventTypeId: previous?.eventTypeId ?? null,
  });
  const conn = await connectionOf(deps.db, providerId);
  if (!conn) throw new Error('Connection not saved');
  const cal = clientFor(deps, conn);
  try {
    const me = await cal.me();
    const eventTypeId = await ensureEventType(cal, previous?.eventTypeId);
    const hook = await cal.createWebhook({ subscriberUrl: port.settings.webhookUrl, secret: port.settings.webhookSecret });
    await patchConnection(deps.db, providerId, {
      calcomUserId: me.id,
      calcomEmail: me.email,
      username: me.username,
      eventTypeId,
      webhookId: hook.id,
    });
  } catch (e) {
    // A key that does not work is not a connection.
    if (!previous) await deleteConnection(deps.db, providerId);
    asDomainError(e);
  }
  await setCalendarMode(deps.db, providerId, 'calcom');
  const sync = await syncCalendar(deps, providerId);
  await scheduleNextSync(deps, providerId);
  return { connected: true, sync };
}

export async function disconnect(deps: ServiceDeps, providerId: string) {
  await deleteConnection(deps.db, providerId);
  await setCalendarMode(deps.db, providerId, 'app');
  return { connected: false };
}

export async function listEventTypes(deps: ServiceDeps, providerId: string) {
  const conn = await connectionOf(deps.db, providerId);
  if (!conn) throw new DomainError('INVALID_INPUT', 'Connect Cal.com first.');
  const types = await clientFor(deps, conn).eventTypes().catch(asDomainError);
  return types.map((t) => ({
    id: t.id,
    title: t.title,
    slug: t.slug,
    lengthInMinutes: t.lengthInMinutes,
    chosen: t.id === conn.eventTypeId,
  }));
}

export async function chooseEventType(deps: ServiceDeps, providerId: string, eventTypeId: number) {
  const types = await listEventTypes(deps, providerId);
  if (!types.some((t) => t.id === eventTypeId))
    throw new DomainError('INVALID_INPUT', 'That event type is not in your Cal.com account.', { field: 'eventTypeId' });
  await patchConnection(deps.db, providerId, { eventTypeId });
  return { eventTypeId };
}

export async function setMode(deps: ServiceDeps, providerId: string, mode: 'app' | 'calcom') {
  if (mode === 'calcom') {
    const conn = await connectionOf(deps.db, providerId);
    if (!conn) throw new DomainError('INVALID_INPUT', 'Connect Cal.com before keeping your availability there.');
  }
  await setCalendarMode(deps.db, providerId, mode);
  if (mode === 'calcom') await syncCalendar(deps, providerId);
  return { mode };
}
