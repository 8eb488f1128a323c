import { DomainError } from '@handled/core/errors';
import { calcomEventId, calcomWebhookSchema, verifyCalcomSignature } from '@handled/integrations/calcom';
import { enqueue } from '../jobs.ts';
import type { ServiceDeps } from '../deps.ts';
import { clientFor, loadConnected } from './account.ts';
import { connectionByCalcomAccount } from '../../repositories/calendar.ts';
import { storeWebhookEvent, updateWebhookEvent, webhookEventById } from '../../repositories/webhook-events.ts';
import { followCalcomCopy, HANDLED_KEY } from './moves.ts';
import { syncCalendar } from './sync.ts';

/**
 * `POST /webhooks/calcom`: verify `X-Cal-Signature-256` over the raw body, store the delivery once,
 * and leave the work to a job written in the same transaction.
 */
export async function ingestCalcomWebhook(deps: ServiceDeps, rawBody: string, signature: string | undefined) {
  if (!deps.calcom) throw new DomainError('INTEGRATION_UNAVAILABLE', 'Cal.com is not set up on this server');
  if (!verifyCalcomSignature(rawBody, signature, deps.calcom.settings.webhookSecret))
    throw new DomainError('INVALID_INPUT', 'Invalid Cal.com signature');
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    throw new DomainError('INVALID_INPUT', 'The webhook body is not JSON');
  }
  const parsed = calcomWebhookSchema.safeParse(json);
  if (!parsed.success) throw new DomainError('INVALID_INPUT', 'Not a Cal.com webhook');
  const hook = parsed.data;
  const eventId = calcomEventId(hook);
  const now = deps.now();
  return deps.db.transaction(async (tx) => {
    const storedId = await storeWebhookEvent(tx, {
      source: 'calcom',
      eventId,
      type: hook.triggerEvent,
      payload: hook as unknown as Record<string, unknown>,
    });
    if (storedId)
      await enqueue(tx, { type: 'calendar.webhook', payload: { webhookEventId: storedId }, key: `calcom.webhook:${eventId}` }, now);
    return { duplicate: !storedId, type: hook.triggerEvent };
  });
}

/**
 * Job `calendar.webhook`: the event only says "look again". The booking is re-read from Cal.com
 * and the provider's busy time pulled afresh, so deliveries in any order, or twice, give one outcome.
 */
export async function processCalcomWebhook(deps: ServiceDeps, webhookEventId: string): Promise<void> {
  const stored = await webhookEventById(deps.db, webhookEventId);
  if (!stored || stored.status === 'processed') return;
  const hook = calcomWebhookSchema.parse(stored.payload);
  const conn = await connectionByCalcomAccount(deps.db, { id: hook.payload.organizer?.id, email: hook.payload.organizer?.email });
  const mark = (status: 'processed' | 'ignored', error?: string) =>
    updateWebhookEvent(deps.db, webhookEventId, { status, processedAt: deps.now(), error: error ?? null });
  if (!conn || !(await loadConnected(deps, deps.db, conn.providerId))) {
    await mark('ignored', 'No connected provider for this Cal.com account');
    return;
  }
  // The pull first (it stores what Cal.com says now, and follows every copy of ours in its window),
  // then the copy this event is about, wherever it is. Both are idempotent.
  const result = await syncCalendar(deps, conn.providerId);
  if (!result.ok) throw new Error(result.error ?? 'Cal.com sync failed');
  const uid = hook.payload.uid;
  if (uid && typeof hook.payload.metadata?.[HANDLED_KEY] === 'string') {
    // Throws on an outage: the job retries with backoff.
    const current = await clientFor(deps, conn).booking(uid);
    await followCalcomCopy(deps, current);
  }
  await mark('processed');
}
