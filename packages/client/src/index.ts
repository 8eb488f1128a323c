import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@handled/api';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

export interface ApiClientOptions {
  /** The API's origin, e.g. http://127.0.0.1:8787 (the client adds /trpc). */
  url: string;
  /** Extra headers per request: a bearer token (desk), the bot's secret and chat id, forwarded cookies (SSR). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  fetch?: typeof fetch;
  /** Send cookies cross-origin (the browser talking to the API directly). */
  credentials?: RequestCredentials;
}

/**
 * The one typed client every front end uses. Subscriptions (live.events) go over SSE; an EventSource
 * cannot send headers, so the bearer token (desk) travels as tRPC's connectionParams, and cookies
 * (site) as they always do.
 */
export function createApiClient(opts: ApiClientOptions) {
  const baseFetch = opts.fetch ?? globalThis.fetch;
  const url = `${opts.url.replace(/\/$/, '')}/trpc`;
  const headers = opts.headers ?? ((): Record<string, string> => ({}));
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url,
          connectionParams: async () => {
            const authorization = (await headers())['authorization'];
            return authorization ? { authorization } : null;
          },
          ...(opts.credentials === 'include' ? { eventSourceOptions: { withCredentials: true } } : {}),
        }),
        false: httpBatchLink({
          url,
          headers,
          fetch: (input, init) =>
            baseFetch(input, { ...init, ...(opts.credentials ? { credentials: opts.credentials } : {}) } as RequestInit),
        }),
      }),
    ],
  });
}

export type ApiClient = ReturnType<typeof createApiClient>;

export interface ApiErrorInfo {
  message: string;
  code: string;
  domainCode: string | null;
  /** The status the API answered with (tRPC's table, the same the API's plain routes use); 503 when it could not be reached. */
  httpStatus: number;
  fieldErrors: Record<string, string[]>;
}

/** What a front end shows: the human message, and field errors for forms. */
export function describeApiError(e: unknown): ApiErrorInfo {
  if (e instanceof TRPCClientError && e.data) {
    const data = (e.data ?? {}) as {
      code?: string;
      httpStatus?: number;
      domainCode?: string | null;
      zodError?: { fieldErrors?: Record<string, string[]> } | null;
      details?: { field?: unknown } | null;
    };
    // A domain error about one field names it (`details.field`): its message goes beside that field.
    const field = typeof data.details?.field === 'string' ? data.details.field : null;
    const fieldErrors = data.zodError?.fieldErrors ?? (field ? { [field]: [e.message] } : {});
    const firstField = Object.values(fieldErrors).flat()[0];
    return {
      message: data.zodError ? (firstField ?? 'Please check the highlighted fields.') : e.message,
      code: data.code ?? 'UNKNOWN',
      domainCode: data.domainCode ?? null,
      httpStatus: data.httpStatus ?? 500,
      fieldErrors,
    };
  }
  return {
    message: 'We could not reach Handled. Check your connection and try again.',
    code: 'NETWORK',
    domainCode: null,
    httpStatus: 503,
    fieldErrors: {},
  };
}
