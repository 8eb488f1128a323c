import { parseSetCookie as parseHeader } from 'set-cookie-parser';

/** A Set-Cookie header, as SvelteKit's `cookies.set` takes it. */
export interface ParsedCookie {
  name: string;
  value: string;
  options: {
    path: string;
    domain?: string;
    maxAge?: number;
    expires?: Date;
    httpOnly: boolean;
    secure: boolean;
    sameSite?: 'lax' | 'strict' | 'none';
  };
}

/** One Set-Cookie header read by `set-cookie-parser`, the value kept as sent (it is signed); null without a name. */
export function parseSetCookie(header: string): ParsedCookie | null {
  const [c] = parseHeader(header, { decodeValues: false, split: false, silent: true });
  if (!c?.name) return null;
  const sameSite = c.sameSite?.toLowerCase();
  return {
    name: c.name,
    value: c.value,
    options: {
      path: c.path || '/',
      httpOnly: c.httpOnly === true,
      secure: c.secure === true,
      ...(c.domain ? { domain: c.domain } : {}),
      ...(c.maxAge !== undefined && Number.isFinite(c.maxAge) ? { maxAge: c.maxAge } : {}),
      ...(c.expires ? { expires: c.expires } : {}),
      ...(sameSite === 'lax' || sameSite === 'strict' || sameSite === 'none' ? { sameSite } : {}),
    },
  };
}
