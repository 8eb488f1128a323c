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
