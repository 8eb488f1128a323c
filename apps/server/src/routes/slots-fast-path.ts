import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { ServiceDeps } from '@handled/api';
import { providerSlots, slotsInput, type SlotsAnswer } from '@handled/api/availability';

type SlotsInput = z.infer<typeof slotsInput>;

interface Asked {
  input: SlotsInput;
  batch: boolean;
}

/** What a query string asks: this procedure's valid input, or null when tRPC should answer it. */
function readQuery(query: string): Asked | null {
  const params = new URLSearchParams(query);
  const batch = params.get('batch');
  const raw = params.get('input');
  if ((batch !== null && batch !== '1') || raw === null || [...params.keys()].length !== (batch === null ? 1 : 2)) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  if (batch === '1') {
    if (typeof json !== 'object' || json === null || Object.keys(json).length !== 1) return null;
    json = (json as Record<string, unknown>)['0'];
  }
  const parsed = slotsInput.safeParse(json);
  return parsed.success ? { input: parsed.data, batch: batch === '1' } : null;
}

// Parsing is a pure function of the query: the same address asked again (a page polled by many
// visitors) skips URL decoding, JSON and zod. Bounded; cleared whole when full.
const MAX_QUERIES = 1000;
const queries = new Map<string, Asked | null>();
function asked(query: string): Asked | null {
  let a = queries.get(query);
  if (a === undefined) {
    if (queries.size >= MAX_QUERIES) queries.clear();
    queries.set(query, (a = readQuery(query)));
  }
  return a;
}

// An answer is serialized once: the cache hands out the same object until it changes.
const bodies = new WeakMap<SlotsAnswer, string>();
function bodyOf(answer: SlotsAnswer): string {
  let body = bodies.get(answer);
  if (body === undefined) bodies.set(answer, (body = JSON.stringify(answer)));
  return body;
}

/**
 * `catalog.slots`, the API's most asked question, as a plain tRPC GET (`?input=…`, or a batch of
 * just this one call): the same input schema, the same service and the same JSON as the tRPC
 * procedure, without tRPC's per-request machinery (abort signals, middleware chain, response
 * building), which costs several times what a cached answer does. It is public, so no session is
 * looked up. Anything else — other batches, bad input, an error — goes on to tRPC, which answers
 * it as always.
 */
export function slotsFastPath(deps: ServiceDeps): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const url = c.req.url;
    const q = url.indexOf('?');
    const a = q < 0 ? null : asked(url.slice(q + 1));
    if (!a) return next();
    let answer: SlotsAnswer;
    try {
      answer = await providerSlots(deps, a.input);
    } catch {
      return next(); // tRPC asks again and words the error
    }
    const data = bodyOf(answer);
    return c.body(a.batch ? `[{"result":{"data":${data}}}]` : `{"result":{"data":${data}}}`, 200, {
      'content-type': 'application/json',
      vary: 'trpc-accept, accept',
    });
  };
}
