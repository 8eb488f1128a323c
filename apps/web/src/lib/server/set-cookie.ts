/** A Set-Cookie header, parsed enough to hand to SvelteKit's `cookies.set`. */
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

export function parseSetCookie(header: string): ParsedCookie | null {
  const [pair, ...attrs] = header.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (!pair || eq <= 0) return null;
  const cookie: ParsedCookie = {
    name: pair.slice(0, eq).trim(),
    value: pair.slice(eq + 1).trim(),
    options: { path: '/', httpOnly: false, secure: false },
  };
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    const key = (i < 0 ? attr : attr.slice(0, i)).trim().toLowerCase();
    const val = i < 0 ? '' : attr.slice(i + 1).trim();
    if (key === 'path') cookie.options.path = val || '/';
    else if (key === 'domain' && val) cookie.options.domain = val;
    else if (key === 'max-age' && /^-?\d+$/.test(val)) cookie.options.maxAge = Number(val);
    else if (key === 'expires') {
      const d = new Date(val);
      if (!Number.isNaN(d.getTime())) cookie.options.expires = d;
    } else if (key === 'httponly') cookie.options.httpOnly = true;
    else if (key === 'secure') cookie.options.secure = true;
    else if (key === 'samesite') {
      const v = val.toLowerCase();
      if (v === 'lax' || v === 'strict' || v === 'none') cookie.options.sameSite = v;
    }
  }
  return cookie;
}
