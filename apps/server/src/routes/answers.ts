import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { domainErrorStatus } from '@handled/api';
import { isDomainError, type DomainError } from '@handled/core/errors';

/** A refusal on a plain route (webhooks, files, uploads): the message and code, with the status `/trpc` gives it. */
export function domainErrorAnswer(c: Context, e: DomainError) {
  return c.json({ error: e.message, code: e.code }, domainErrorStatus[e.code] as ContentfulStatusCode);
}

/**
 * A webhook's answer: `received` (and whether it was a duplicate) once `ingest` has stored it, after
 * `ingested` (which wakes the worker); a refusal (bad signature, not set up) with its status.
 */
export async function acknowledgeWebhook(c: Context, ingest: () => Promise<{ duplicate: boolean }>, ingested: () => void) {
  try {
    const result = await ingest();
    ingested();
    return c.json({ received: true, duplicate: result.duplicate });
  } catch (e) {
    if (isDomainError(e)) return domainErrorAnswer(c, e);
    throw e;
  }
}
