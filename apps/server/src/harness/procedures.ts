import { appRouter, type ProcedureMeta } from '@handled/api';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  meta: ProcedureMeta;
  hasInput: boolean;
}

interface ProcedureDefLike {
  _def: { type: 'query' | 'mutation' | 'subscription'; meta?: ProcedureMeta; inputs: unknown[] };
}

/** Every procedure of the app router, found at run time, so a new one joins the harness by itself. */
export function allProcedures(): ProcedureInfo[] {
  const record = appRouter._def.procedures as unknown as Record<string, ProcedureDefLike>;
  return Object.entries(record).map(([path, proc]) => {
    const meta = proc._def.meta;
    if (!meta) throw new Error(`Procedure ${path} has no access meta: build it from a role procedure in packages/api/src/trpc.ts`);
    return { path, type: proc._def.type, meta, hasInput: proc._def.inputs.length > 0 };
  });
}

/** Calls a procedure over real HTTP the way @trpc/client does (GET for queries, POST for mutations). */
export async function callOverHttp(apiUrl: string, p: ProcedureInfo, input: unknown, headers: Record<string, string> = {}) {
  const url = new URL(`${apiUrl}/trpc/${p.path}`);
  let res: Response;
  if (p.type === 'subscription') return subscribeOverHttp(url, input, headers);
  if (p.type === 'query') {
    if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
    res = await fetch(url, { headers });
  } else {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: input === undefined ? undefined : JSON.stringify(input),
    });
  }
  const body = (await res.json().catch(() => null)) as { error?: { json?: unknown; message?: string; data?: { code?: string } } } | null;
  return { status: res.status, code: body?.error?.data?.code ?? null, message: body?.error?.message ?? null, body };
}

/**
 * A subscription over SSE answers 200 and says a refusal in the stream (a `serialized-error` event):
 * this reads the stream until that event or the first data, and answers with the error's HTTP status
 * (200 when the stream started).
 */
async function subscribeOverHttp(url: URL, input: unknown, headers: Record<string, string>) {
  if (input !== undefined) url.searchParams.set('input', JSON.stringify(input));
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), 5_000);
  try {
    const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ac.signal });
    if (!res.body || !res.headers.get('content-type')?.includes('text/event-stream')) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string; data?: { code?: string } } } | null;
      return { status: res.status, code: body?.error?.data?.code ?? null, message: body?.error?.message ?? null, body };
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += value;
      // Whole events only (blank-line separated): `connected` and `ping` say nothing either way.
      const blocks = text.split('\n\n').slice(0, -1);
      for (const block of blocks) {
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event === 'serialized-error' && data) {
          const shape = JSON.parse(data) as { message?: string; data?: { code?: string; httpStatus?: number } };
          return { status: shape.data?.httpStatus ?? 500, code: shape.data?.code ?? null, message: shape.message ?? null, body: shape };
        }
        if (!event && data) return { status: 200, code: null, message: null, body: null };
      }
    }
    return { status: 200, code: null, message: null, body: null };
  } finally {
    clearTimeout(timer);
    ac.abort();
  }
}
