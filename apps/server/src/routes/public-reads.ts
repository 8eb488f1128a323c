import type { MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { ServiceDeps } from '@handled/api';
import { discover, providerSlots, searchInput, slotsInput, type SlotsAnswer } from '@handled/api/availability';

/**
 * The public reads hit most — `catalog.slots` and `discovery.search` — as plain tRPC GETs
 * (`?input=…`, or a batch of just that one call), answered without tRPC's per-request machinery
 * (abort signals, middleware chain, response building), which costs more than a cached answer:
 * the same input schema, the same service and the same JSON as the procedure. Anything else — other
 * batches, bad input, an error — goes on to tRPC, which answers it as always.
 */
interface PublicRead<T> {
  input: z.ZodType<T>;
  /** The answer's JSON. */
  answer(deps: ServiceDeps, input: T): Promise<string>;
  /** Only for requests that name no viewer (the answer depends on who asks otherwise). */
  anonymousOnly?: boolean;
}

// A cached slots answer is handed out as the same object until it changes: serialize it once.
const slotBodies = new WeakMap<SlotsAnswer, string>();
function slotsBody(answer: SlotsAnswer): string {
  let body = slotBodies.get(answer);
  if (body === undefined) slotBodies.set(answer, (body = JSON.stringify(answer)));
  return body;
}

const reads = {
  'catalog.slots': { input: slotsInput, answer: (deps, input) => providerSlots(deps, input).then(slotsBody) } satisfies PublicRead<
    z.infer<typeof slotsInput>
  >,
  // Favourites mark the cards of a signed-in client: without a cookie or token there is nobody to mark for.
  'discovery.search': {
    input: searchInput,
    answer: (deps, input) => discover(deps, input, null).then((page) => JSON.stringify(page)),
    anonymousOnly: true,
  } satisfies PublicRead<z.infer<typeof searchInput>>,
};
export type PublicReadPath = keyof typeof reads;
export const publicReadPaths = Object.keys(reads) as PublicReadPath[];

interface Asked {
  input: unknown;
  batch: boolean;
}

/** What a query string asks of `read`: its valid input, or null when tRPC should answer it. */
function readQuery(read: PublicRead<unknown>, query: string): Asked | null {
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
  const parsed = read.input.safeParse(json);
  return parsed.success ? { input: parsed.data, batch: batch === '1' } : null;
}

// Parsing is a pure function of the query: the same address asked again (a page polled by many
// visitors) skips URL decoding, JSON and zod. Bounded; cleared whole when full.
const MAX_QUERIES = 1000;

export function publicReads(deps: ServiceDeps, path: PublicReadPath): MiddlewareHandler {
  const read = reads[path] as PublicRead<unknown>;
  const queries = new Map<string, Asked | null>();
  const asked = (query: string) => {
    let a = queries.get(query);
    if (a === undefined) {
      if (queries.size >= MAX_QUERIES) queries.clear();
      queries.set(query, (a = readQuery(read, query)));
    }
    return a;
  };
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    // A cookie (site), a bearer token (desk) or the bot's secret (a linked chat) may name a viewer.
    if (
      read.anonymousOnly &&
      (c.req.header('cookie') !== undefined ||
        c.req.header('authorization') !== undefined ||
        c.req.header('x-handled-bot-secret') !== undefined)
    )
      return next();
    const url = c.req.url;
    const q = url.indexOf('?');
    const a = q < 0 ? null : asked(url.slice(q + 1));
    if (!a) return next();
    let data: string;
    try {
      data = await read.answer(deps, a.input);
    } catch {
      return next(); // tRPC asks again and words the error
    }
    return c.body(a.batch ? `[{"result":{"data":${data}}}]` : `{"result":{"data":${data}}}`, 200, {
      'content-type': 'application/json',
      vary: 'trpc-accept, accept',
    });
  };
}
