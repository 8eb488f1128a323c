import { z } from 'zod';
import { SANDBOX_SITE_PROXY_SECRET } from '@handled/client/site-proxy';

const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const schema = z.object({
  NODE_ENV: z.preprocess(blankIsUnset, z.enum(['development', 'production', 'test']).default('development')),
  /** Where the Handled API listens (server-side only; the browser goes through our proxy). */
  API_URL: z.preprocess(blankIsUnset, z.url().default('http://127.0.0.1:8787')).transform((u) => u.replace(/\/$/, '')),
  /** Shared with the API: lets it trust the visitor's address we name (sign-in throttling per address). */
  SITE_PROXY_SECRET: z.preprocess(blankIsUnset, z.string().min(16).default(SANDBOX_SITE_PROXY_SECRET)),
  /** The VAPID public key browsers subscribe to web push with; unset when push is not set up. */
  VAPID_PUBLIC_KEY: z.preprocess(blankIsUnset, z.string().trim().optional()),
});

export type SiteEnv = z.infer<typeof schema>;

/**
 * The site server's configuration, validated. In production the proxy secret must be set and not
 * the sandbox's public one (else anyone could name any address to the API).
 */
export function parseSiteEnv(source: Record<string, string | undefined>): SiteEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) throw new Error(`Invalid environment for the site:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && (!source.SITE_PROXY_SECRET || e.SITE_PROXY_SECRET === SANDBOX_SITE_PROXY_SECRET)) {
    throw new Error(
      `Refusing to start in production: SITE_PROXY_SECRET is ${source.SITE_PROXY_SECRET ? 'the public sandbox default' : 'not set'} (set the same value as the API's).`,
    );
  }
  return e;
}
