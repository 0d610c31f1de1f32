/**
 * The production server: Express serving the Remix build. Every response gets the security
 * headers; documents get a Content-Security-Policy with a per-request nonce for Remix's
 * inline scripts; bodies over the limit are refused before they are read.
 */
import { randomBytes } from 'node:crypto';

import { createRequestHandler } from '@remix-run/express';
import express from 'express';

import { hostGuard, pageRequestGuard } from './request-guards.js';

process.env.NODE_ENV ??= 'production';
const PORT = Number(process.env.PORT ?? 3000);
/** Largest request body accepted anywhere but a dataset upload (a scenario document is far smaller). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A dataset upload: the file limit (app/datasets/read-file.server.ts, 16 MiB) and the form around it. */
export const MAX_UPLOAD_BODY_BYTES = 17 * 1024 * 1024;
const UPLOAD_PATHS = /^\/(api\/)?scenarios\/[^/]+\/(datasets|data)\/?$/;

const build = await import('./build/index.js');

/**
 * The client's address for the audit log: the socket's, or behind a reverse proxy named
 * trusted (PLANNER_TRUST_PROXY=1) the last of X-Forwarded-For — the one that proxy wrote; the
 * ones before it are whatever the client sent.
 */
const TRUST_PROXY = ['1', 'true'].includes(process.env.PLANNER_TRUST_PROXY ?? '');
function clientAddress(req) {
  const forwarded = TRUST_PROXY
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        .trim()
    : '';
  return (forwarded || req.socket.remoteAddress || '').slice(0, 100);
}

const app = express();
app.disable('x-powered-by');

// Only requests addressed to this server by one of its names (421 otherwise: DNS rebinding).
app.use(hostGuard());

app.use((req, res, next) => {
  const nonce = randomBytes(16).toString('base64');
  res.locals.cspNonce = nonce;
  res.setHeader(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "worker-src 'self' blob:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // The default referrer policy, unless the answer chose its own (a shared link's page says
  // no-referrer itself, however its address is spelled): set as the headers go out, since
  // Remix's answer would otherwise be appended to it.
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.hasHeader('Referrer-Policy'))
      res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    return writeHead.apply(this, args);
  };
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  // A body must say its length, so the limit below holds (Node frames the body by it): a
  // chunked upload of unknown size is refused rather than read into memory.
  if (req.headers['transfer-encoding'] && req.headers['content-length'] === undefined) {
    res
      .status(411)
      .type('application/json')
      .send(
        JSON.stringify({
          errors: [{ path: '', code: 'lengthRequired', message: 'Content-Length required' }],
        }),
      );
    return;
  }
  const length = Number(req.headers['content-length'] ?? 0);
  const limit = req.method === 'POST' && UPLOAD_PATHS.test(req.path) ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES;
  if (length > limit) {
    res
      .status(413)
      .type('application/json')
      .send(
        JSON.stringify({
          errors: [{ path: '', code: 'bodyTooLarge', message: `Request body over ${limit} bytes` }],
        }),
      );
    return;
  }
  next();
});

// Pages take what a browser's form sends: 405 or 415 here rather than a 500 inside an action.
app.use(pageRequestGuard());

app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));

app.all(
  '*',
  createRequestHandler({
    build,
    getLoadContext: (req, res) => ({ cspNonce: res.locals.cspNonce, clientAddress: clientAddress(req) }),
  }),
);

const server = app.listen(PORT, () => {
  console.log(`Hospital AI Planner on http://localhost:${PORT}`);
});

// Stop taking requests, let those in flight finish, then exit (saves are already durable).
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
