import type { IncomingMessage } from 'node:http';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import type { ServiceDeps } from '@handled/api';
import { discover, providerSlots, searchInput, slotsInput, type SlotsAnswer } from '@handled/api/availability';

/**
 * The public reads hit most — `catalog.slots` and `discovery.search` — as plain tRPC GETs
 * (`?input=…`, or a batch of just that one call), answered without tRPC's per-request machinery
 * (abort signals, middleware chain, response building), which costs more than a cached answer:
 * the same input schema, the same service and the same JSON as the procedure. Anything else — other
 * batches, bad input, an error — goes on to tRPC, which answers it as always.
 *
 * It runs before the app's header middlewares (security headers, CORS) and puts their headers on
 * its answers itself, as a plain record: those middlewares edit a finished answer's `Headers`,
 * which turns @hono/node-server's lightweight response into a full one per request — more than
 * half of a cache hit's cost. The record is what the same middlewares set on such an answer, found
 * by running them once per Origin (`answerHeaders`), so both paths answer with the same headers.
 */
interface PublicRead<T> {
  input: z.ZodType<T>;
  /** The whole response body: the answer's JSON in tRPC's envelope, alone or as a batch of one. */
  answer(deps: ServiceDeps, input: T, batch: boolean): Promise<string | Uint8Array<ArrayBuffer>>;
  /** Only for requests that name no viewer (the answer depends on who asks otherwise). */
  anonymousOnly?: boolean;
}

/** tRPC's envelope around an answer's JSON, alone or as a batch of one. */
const envelope = (json: string, batch: boolean) => (batch ? `[{"result":{"data":${json}}}]` : `{"result":{"data":${json}}}`);

// A cached slots answer is handed out as the same object until it changes: its bodies are made
// once, as bytes, so a cache hit neither copies nor encodes them again.
const slotBodies = new WeakMap<SlotsAnswer, { json: string; plain?: Uint8Array<ArrayBuffer>; batch?: Uint8Array<ArrayBuffer> }>();
const utf8 = new TextEncoder();
function slotsBody(answer: SlotsAnswer, batch: boolean): Uint8Array<ArrayBuffer> {
  let bodies = slotBodies.get(answer);
  if (bodies === undefined) slotBodies.set(answer, (bodies = { json: JSON.stringify(answer) }));
  const which = batch ? 'batch' : 'plain';
  return (bodies[which] ??= utf8.encode(envelope(bodies.json, batch)));
}

const reads = {
  'catalog.slots': {
    input: slotsInput,
    answer: (deps, input, batch) => providerSlots(deps, input).then((answer) => slotsBody(answer, batch)),
  } satisfies PublicRead<z.infer<typeof slotsInput>>,
  // Favourites mark the cards of a signed-in client: without a cookie or token there is nobody to mark for.
  'discovery.search': {
    input: searchInput,
    answer: (deps, input, batch) => discover(deps, input, null).then((page) => envelope(JSON.stringify(page), batch)),
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

const JSON_ANSWER = { 'content-type': 'application/json', vary: 'trpc-accept, accept' };
type HeaderRecord = Record<string, string>;

/**
 * The headers `middlewares` put on a public read's JSON answer to a GET from `origin` (or none),
 * worked out once per origin by running them on a probe app, and kept (bounded).
 */
export function answerHeaders(middlewares: MiddlewareHandler[], path: string): (origin: string | undefined) => Promise<HeaderRecord> {
  const probe = new Hono();
  for (const m of middlewares) probe.use('*', m);
  probe.get('*', (c) => c.body('', 200, JSON_ANSWER));
  const known = new Map<string, Promise<HeaderRecord>>();
  return (origin) => {
    const key = origin ?? '';
    let headers = known.get(key);
    if (!headers) {
      if (known.size >= 100) known.clear();
      headers = Promise.resolve(probe.request(path, { headers: origin === undefined ? {} : { origin } })).then((res) => {
        const record: HeaderRecord = {};
        res.headers.forEach((value, name) => {
          if (name !== 'content-length') record[name] = value;
        });
        return record;
      });
      known.set(key, headers);
    }
    return headers;
  };
}

/**
 * The request's Origin, read from Node's parsed headers when the app runs under @hono/node-server
 * (asking the Request builds a whole Headers for one value), else from the Request.
 */
function originOf(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming) {
    const origin = incoming.headers.origin;
    return typeof origin === 'string' ? origin : undefined;
  }
  return c.req.header('origin');
}

export function publicReads(
  deps: ServiceDeps,
  path: PublicReadPath,
  headersFor: (origin: string | undefined) => Promise<HeaderRecord> = () => Promise.resolve(JSON_ANSWER),
): MiddlewareHandler {
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
    let body: string | Uint8Array<ArrayBuffer>;
    try {
      body = await read.answer(deps, a.input, a.batch);
    } catch {
      return next(); // tRPC asks again and words the error
    }
    const headers = await headersFor(originOf(c));
    // A Response with a plain record (not c.body, which copies several headers into a Headers):
    // @hono/node-server writes it straight out.
    return new Response(body, { status: 200, headers });
  };
}
