/**
 * Where a redirect taken from a request may go: a path on this site, nothing else. Browsers
 * read `//host`, `/\host` and `\host` as another site, and a proxy or a second decode may turn
 * `%2F`, `%5C` or an encoded control character into the same, so these are refused whether
 * encoded or not.
 */

/** Longer than any address this app makes. */
const MAX_PATH_CHARS = 2048;
/** More layers of percent-encoding than any address of ours has: hiding something. */
const MAX_DECODES = 3;
const ORIGIN = 'http://planner.invalid';

/** `raw` if it is a same-site path (one `/` and no backslash or control character), else `fallback`. */
export function safeRedirectPath(raw: unknown, fallback: string): string {
  return isSafePath(raw) ? raw : fallback;
}

// Control characters are what this refuses: a header split or a tab a browser drops.
// eslint-disable-next-line no-control-regex
const localPath = (text: string) => /^\/(?![/\\])/.test(text) && !/[\\\u0000-\u001f\u007f]/.test(text);

function isSafePath(raw: unknown): raw is string {
  if (typeof raw !== 'string' || raw.length > MAX_PATH_CHARS) return false;
  let text = raw;
  for (let round = 0; ; round++) {
    if (!localPath(text)) return false;
    // Byte by byte: only `/`, `\` and control characters matter, and a stray `%` stays as it is.
    const decoded = text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
    if (decoded === text) break;
    if (round === MAX_DECODES) return false;
    text = decoded;
  }
  try {
    return new URL(raw, ORIGIN).origin === ORIGIN;
  } catch {
    return false;
  }
}
