// A made-up origin to resolve against: whatever resolves elsewhere is not a path on this site.
const HERE = 'http://next.invalid';
// Backslashes (browsers read `/\evil` as `//evil`), C0/C1 control characters (tab, CR, LF: browsers
// drop them, so `/\t/evil` becomes `//evil`), and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/**
 * Where to go after signing in: only a path on this site, returned in its normalised form (safe
 * for a Location header); anything else — another site, a protocol-relative or backslash trick,
 * control characters raw or percent-encoded, malformed percent-encoding — gives `fallback`.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next || next.length > 2048 || next[0] !== '/' || next.startsWith('//')) return fallback;
  let decoded: string;
  try {
    decoded = decodeURIComponent(next);
  } catch {
    return fallback;
  }
  if (UNSAFE.test(next) || UNSAFE.test(decoded) || decoded.startsWith('//')) return fallback;
  let url: URL;
  try {
    url = new URL(next, HERE);
  } catch {
    return fallback;
  }
  const path = url.pathname + url.search + url.hash;
  // Dot segments can collapse into `//host` (`/..//evil.example`).
  if (url.origin !== HERE || path.startsWith('//')) return fallback;
  return path;
}
