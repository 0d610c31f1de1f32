/**
 * Whole pages and the API's JSON answers, kept in memory by the server: each is a function of its
 * address, the language headers and the stored data. A page is kept only under the data stamp it
 * was rendered under (app/data-stamp.server.ts: SQLite's own count of written rows), so only a
 * real write forgets pages; a refused post, an unknown link or any read keeps them. A cached page
 * is replayed with the request's own CSP nonce. Express-level, so a hit skips routing, loaders and
 * rendering.
 *
 * What may be kept is decided by the response, never by the spelling of its path: an answer
 * marked `Cache-Control: no-store` or `private` (a shared link's page, which counts its views
 * and may expire) is never kept.
 */
const MAX_PAGES = 200;

/** The stamp's reader, registered by the app's database under this process-wide symbol. */
const DATA_STAMP = Symbol.for('hospital-ai-planner.data-stamp');

/** The stamp now, or null when no database is open (then nothing is kept). */
function dataStamp() {
  const read = globalThis[DATA_STAMP];
  if (typeof read !== 'function') return null;
  try {
    return read();
  } catch {
    return null;
  }
}

const NOT_KEPT = /(^|[\s,])(no-store|private)([\s,=]|$)/i;

export function pageCache() {
  const pages = new Map();
  let pagesStamp = null;

  return (req, res, next) => {
    if (req.method !== 'GET' || req.path.startsWith('/build/')) return next();
    // A signed-in user's page goes through the app every time: a replay would skip the session's
    // idle and absolute timeouts (and the check of who may see it).
    if (/(^|;\s*)planner_session=/.test(req.headers.cookie ?? '')) return next();
    const started = dataStamp();
    if (started === null) return next();
    if (started !== pagesStamp) {
      pages.clear();
      pagesStamp = started;
    }
    const nonce = res.locals.cspNonce;
    const key = `${req.originalUrl}\n${req.headers.cookie ?? ''}\n${req.headers['accept-language'] ?? ''}`;
    const hit = pages.get(key);
    if (hit) {
      pages.delete(key);
      pages.set(key, hit);
      res.status(200).setHeader('Content-Type', hit.contentType);
      // Says the answer was replayed (for whoever is measuring or testing the cache).
      res.setHeader('X-Page-Cache', 'hit');
      res.end(join(hit.pieces, nonce));
      return;
    }
    const chunks = [];
    const write = res.write.bind(res);
    const end = res.end.bind(res);
    res.write = (chunk, ...rest) => {
      if (chunk) chunks.push(Buffer.from(chunk));
      return write(chunk, ...rest);
    };
    res.end = (chunk, ...rest) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk));
      const contentType = String(res.getHeader('Content-Type') ?? '');
      const stamp = dataStamp();
      if (
        res.statusCode === 200 &&
        (contentType.startsWith('text/html') || contentType.startsWith('application/json')) &&
        !res.getHeader('Set-Cookie') &&
        // A download's headers (its file name) are not replayed: never cache one.
        !res.getHeader('Content-Disposition') &&
        !NOT_KEPT.test(String(res.getHeader('Cache-Control') ?? '')) &&
        // Rendered under one stamp: nothing was written meanwhile (by this request or another).
        stamp === started &&
        stamp === pagesStamp
      ) {
        pages.set(key, { contentType, pieces: split(Buffer.concat(chunks), nonce) });
        if (pages.size > MAX_PAGES) pages.delete(pages.keys().next().value);
      }
      return end(chunk, ...rest);
    };
    next();
  };
}

function split(body, nonce) {
  const marker = Buffer.from(nonce, 'utf8');
  const pieces = [];
  let from = 0;
  for (let at = body.indexOf(marker, from); at !== -1; at = body.indexOf(marker, from)) {
    pieces.push(body.subarray(from, at));
    from = at + marker.length;
  }
  pieces.push(body.subarray(from));
  return pieces;
}

function join(pieces, nonce) {
  const marker = Buffer.from(nonce, 'utf8');
  const parts = [];
  pieces.forEach((piece, i) => {
    if (i > 0) parts.push(marker);
    parts.push(piece);
  });
  return Buffer.concat(parts);
}
