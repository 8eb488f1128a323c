import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { domainErrorCodes, type DomainErrorCode } from '@handled/core/errors';

/**
 * The HTTP status of each domain error, derived: the error's tRPC code (`domainErrorCodes` in
 * core) through tRPC's own code → HTTP table. So a plain route (webhooks, files, uploads) answers a
 * refusal with the status `/trpc` gives the same refusal (a rate limit is 429 everywhere), and a new
 * domain code needs no second entry here.
 */
export const domainErrorStatus = Object.fromEntries(
  (Object.keys(domainErrorCodes) as DomainErrorCode[]).map((code) => [
    code,
    getHTTPStatusCodeFromError(new TRPCError({ code: domainErrorCodes[code] })),
  ]),
) as Record<DomainErrorCode, number>;
