/**
 * Whole pages and the API's JSON answers, kept in memory by the server: each is a function of its address, the
 * language headers and the data, and the data only change through this process's
 * non-GET requests and its shared-link pages (`/s/…`, whose every view is counted), so every
 * such request empties the cache once answered. A cached page is replayed with
 * the request's own CSP nonce. Express-level, so a hit skips routing, loaders and rendering.
 */
const MAX_PAGES = 200;

export function pageCache() {
  const pages = new Map();
  let stamp = 0;

  return (req, res, next) => {
    // A shared link's page is a read that writes: it counts the view (and its time), which the
    // owner's dashboard lists. So it is never kept (it may also expire), and, like any write,
    // it empties the cache once answered, and a page rendered meanwhile is not kept either.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/s/')) {
      res.on('finish', () => {
        stamp++;
        pages.clear();
      });
      return next();
    }
    if (req.method !== 'GET' || req.path.startsWith('/build/')) return next();
    const nonce = res.locals.cspNonce;
    const key = `${req.originalUrl}\n${req.headers.cookie ?? ''}\n${req.headers['accept-language'] ?? ''}`;
    const hit = pages.get(key);
    if (hit) {
      pages.delete(key);
      pages.set(key, hit);
      res.status(200).setHeader('Content-Type', hit.contentType);
      res.end(join(hit.pieces, nonce));
      return;
    }
    const started = stamp;
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
      if (
        res.statusCode === 200 &&
        (contentType.startsWith('text/html') || contentType.startsWith('application/json')) &&
        !res.getHeader('Set-Cookie') &&
        // A download's headers (its file name) are not replayed: never cache one.
        !res.getHeader('Content-Disposition') &&
        stamp === started
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
