import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

type SecureHeadersOptions = NonNullable<Parameters<typeof secureHeaders>[0]>;

/**
 * Security headers on every API answer, JSON included: no sniffing, no framing, no referrer, HSTS
 * in production. Public photos (the seed's, providers' listing photos) may be drawn by the desk from another origin (its packaged
 * `handled-desk://app`), and receipts are PDFs a browser shows with its own viewer.
 */
export function apiSecureHeaders(opts: { hsts: boolean }): MiddlewareHandler {
  const base: SecureHeadersOptions = {
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      // The one HTML page here (the Cal.com OAuth answer) styles itself inline.
      styleSrc: ["'unsafe-inline'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
    xFrameOptions: 'DENY',
    crossOriginResourcePolicy: 'same-site',
    strictTransportSecurity: opts.hsts ? 'max-age=31536000; includeSubDomains' : false,
  };
  const api = secureHeaders(base);
  const publicPhotos = secureHeaders({ ...base, crossOriginResourcePolicy: 'cross-origin' });
  const receipts = secureHeaders({ ...base, contentSecurityPolicy: { frameAncestors: ["'none'"] } });
  return (c, next) => {
    const path = c.req.path;
    const pick =
      path.startsWith('/files/seed/') || path.startsWith('/files/providers/')
        ? publicPhotos
        : path.startsWith('/receipts/')
          ? receipts
          : api;
    return pick(c, next);
  };
}
