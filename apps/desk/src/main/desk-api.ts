import { createApiClient } from '@handled/client';
import type { Pulse } from '../shared/activity.ts';

export class SignedOut extends Error {
  constructor() {
    super('Nobody is signed in to the desk');
  }
}

/**
 * The main process's own line to the API: the same typed client the renderer uses, with the
 * session token main keeps (encrypted) — so it can ask what is new while the window is hidden.
 */
export function createMainApi(opts: { apiUrl: string; token: () => Promise<string | null>; fetch?: typeof fetch }) {
  const api = createApiClient({
    url: opts.apiUrl,
    headers: async (): Promise<Record<string, string>> => {
      const token = await opts.token();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  return {
    async fetchPulse(since: string | undefined): Promise<Pulse> {
      if (!(await opts.token())) throw new SignedOut();
      return api.desk.pulse.query(since ? { since } : {});
    },
  };
}
