import type { IncomingMessage, ServerResponse } from 'node:http';
import { Hono, type MiddlewareHandler } from 'hono';
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
 * The server answers them on Node's own request and response, in front of the app
 * (`nodePublicReads`), so a cache hit builds no Request, URL, Hono context or Response; the app
 * has the same answers as middleware (`publicReads`) for callers of `app.fetch`. Either runs before
 * the app's header middlewares (security headers, CORS) and puts their headers on its answers
 * itself, as a plain record: the record is what the same middlewares set on such an answer, found
 * by running them once per Origin (`answerHeaders`), so every path answers with the same headers.
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

/** A public read's whole answer: its body and the headers it goes out with (200 OK). */
export interface PublicReadAnswer {
  body: string | Uint8Array<ArrayBuffer>;
  headers: HeaderRecord;
}

/**
 * Answers a public read from its path and query, or says it is one for tRPC: null at once when the
 * request is not a plain read of a known procedure with valid input, or a promise of null when
 * answering failed (tRPC asks again and words the error).
 */
export type PublicReadAnswerer = (
  procedure: string,
  query: string,
  origin: string | undefined,
  /** A cookie, a bearer token or the bot's secret: the request may name a viewer. */
  namesViewer: boolean,
) => Promise<PublicReadAnswer | null> | null;

export function publicReadAnswerer(
  deps: ServiceDeps,
  headersFor: (origin: string | undefined) => Promise<HeaderRecord> = () => Promise.resolve(JSON_ANSWER),
): PublicReadAnswerer {
  const byPath = new Map<string, { read: PublicRead<unknown>; asked: (query: string) => Asked | null }>(
    publicReadPaths.map((path) => {
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
      return [path, { read, asked }] as const;
    }),
  );
  return (procedure, query, origin, namesViewer) => {
    const known = byPath.get(procedure);
    if (!known || (known.read.anonymousOnly && namesViewer)) return null;
    const a = known.asked(query);
    if (!a) return null;
    return known.read.answer(deps, a.input, a.batch).then(
      async (body) => ({ body, headers: await headersFor(origin) }),
      () => null,
    );
  };
}

const TRPC = '/trpc/';

/** A cookie (site), a bearer token (desk) or the bot's secret (a linked chat): the request may name a viewer. */
const namesViewer = (header: (name: string) => string | string[] | undefined) =>
  header('cookie') !== undefined || header('authorization') !== undefined || header('x-handled-bot-secret') !== undefined;

/** The app's middleware for the public reads (where the app is not served by `nodePublicReads`). */
export function publicReads(answerer: PublicReadAnswerer): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const url = c.req.url;
    const q = url.indexOf('?');
    const path = c.req.path;
    if (q < 0 || !path.startsWith(TRPC)) return next();
    const pending = answerer(
      path.slice(TRPC.length),
      url.slice(q + 1),
      c.req.header('origin'),
      namesViewer((h) => c.req.header(h)),
    );
    const answer = pending && (await pending);
    // A Response with a plain record (not c.body, which copies several headers into a Headers).
    return answer ? new Response(answer.body, { status: 200, headers: answer.headers }) : next();
  };
}

/**
 * The public reads in front of the app, on Node's own request and response: a cache hit then
 * builds no Request, URL, Hono context or Response, and its headers go out as one array. Anything
 * else, and any read the answerer leaves to tRPC, goes on to `next` (the app's listener) untouched.
 */
export function nodePublicReads(
  answerer: PublicReadAnswerer,
): (req: IncomingMessage, res: ServerResponse, next: (req: IncomingMessage, res: ServerResponse) => unknown) => void {
  const headerLists = new WeakMap<HeaderRecord, string[]>();
  const listOf = (headers: HeaderRecord) => {
    let list = headerLists.get(headers);
    if (!list) headerLists.set(headers, (list = Object.entries(headers).flat()));
    return list;
  };
  return (req, res, next) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    if (req.method !== 'GET' || q < 0 || !url.startsWith(TRPC)) return void next(req, res);
    const h = req.headers;
    const origin = h.origin;
    const pending = answerer(
      url.slice(TRPC.length, q),
      url.slice(q + 1),
      typeof origin === 'string' ? origin : undefined,
      namesViewer((name) => h[name]),
    );
    if (!pending) return void next(req, res);
    pending.then(
      (answer) => {
        if (!answer) return void next(req, res);
        const body = typeof answer.body === 'string' ? Buffer.from(answer.body) : answer.body;
        res.writeHead(200, [...listOf(answer.headers), 'content-length', String(body.byteLength)]);
        res.end(body);
      },
      () => next(req, res),
    );
  };
}
