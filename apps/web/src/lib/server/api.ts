import type { RequestEvent } from '@sveltejs/kit';
import { createApiClient, type ApiClient } from '@handled/client';
import { apiUrl } from './env.ts';

/** A tRPC client for `load` and actions that calls the API as the person making this request. */
export function api(event: Pick<RequestEvent, 'request'>): ApiClient {
  const cookie = event.request.headers.get('cookie');
  return createApiClient({ url: apiUrl(), headers: (): Record<string, string> => (cookie ? { cookie } : {}) });
}
