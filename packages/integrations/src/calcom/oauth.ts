import { createHash, randomBytes } from 'node:crypto';
import { CalcomError } from './errors.ts';
import { errorEnvelopeSchema, tokenResponseSchema, type CalcomTokens } from './schemas.ts';

/** OAuth 2 authorization code with PKCE (S256), as Cal.com's own-account apps use it. */
export interface CalcomOAuthConfig {
  /** Where a person signs in and allows access: `https://app.cal.com` or the emulator. */
  appUrl: string;
  /** Where the token endpoint lives: `https://api.cal.com` or the emulator. */
  apiUrl: string;
  clientId: string;
  redirectUri: string;
  fetch?: typeof fetch;
}

export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(config: CalcomOAuthConfig, input: { state: string; codeChallenge: string; scope?: string }): string {
  const url = new URL('/auth/oauth2/authorize', config.appUrl);
  url.searchParams.set('client_id', config.clientId);
  url.searchParams.set('redirect_uri', config.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('state', input.state);
  url.searchParams.set('code_challenge', input.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  if (input.scope) url.searchParams.set('scope', input.scope);
  return url.toString();
}

async function tokenRequest(config: CalcomOAuthConfig, body: Record<string, string>): Promise<CalcomTokens> {
  const doFetch = config.fetch ?? fetch;
  let res: Response;
  try {
    res = await doFetch(new URL('/v2/auth/oauth2/token', config.apiUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ client_id: config.clientId, ...body }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new CalcomError(`Cal.com is unreachable: ${e instanceof Error ? e.message : String(e)}`, 0, 'NETWORK');
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const env = errorEnvelopeSchema.safeParse(json);
    const oauthError = json && typeof json === 'object' && 'error' in json && typeof json.error === 'string' ? json.error : undefined;
    throw new CalcomError(
      env.success ? env.data.error.message : `Token request failed (${oauthError ?? res.status})`,
      res.status,
      env.success ? env.data.error.code : (oauthError ?? `HTTP_${res.status}`),
    );
  }
  // Cal.com wraps some answers in { status, data }; accept both.
  const inner = json && typeof json === 'object' && 'data' in json ? json.data : json;
  const parsed = tokenResponseSchema.safeParse(inner);
  if (!parsed.success)
    throw new CalcomError('Cal.com answered the token request with an unexpected shape', res.status, 'UNEXPECTED_RESPONSE');
  return parsed.data;
}

export function exchangeCode(config: CalcomOAuthConfig, input: { code: string; codeVerifier: string }): Promise<CalcomTokens> {
  return tokenRequest(config, {
    grant_type: 'authorization_code',
    code: input.code,
    code_verifier: input.codeVerifier,
    redirect_uri: config.redirectUri,
  });
}

export function refreshTokens(config: CalcomOAuthConfig, refreshToken: string): Promise<CalcomTokens> {
  return tokenRequest(config, { grant_type: 'refresh_token', refresh_token: refreshToken });
}
