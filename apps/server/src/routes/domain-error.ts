import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { domainErrorStatus } from '@handled/api';
import type { DomainError } from '@handled/core/errors';

/** A refusal on a plain route (webhooks, files, uploads): the message and code, with the status `/trpc` gives it. */
export function domainErrorAnswer(c: Context, e: DomainError) {
  return c.json({ error: e.message, code: e.code }, domainErrorStatus[e.code] as ContentfulStatusCode);
}
