import { PassThrough } from 'node:stream';

import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';

import { getDb } from './db.server';
import { jobPool } from './jobs/pool.server';
import type { PlannerLoadContext } from './load-context';
import { NonceContext } from './nonce';

// Create, migrate and seed the database when the server starts, not on the first request; then
// start the job pool's workers (they take seconds to load), so no one waits for them later.
getDb();
jobPool()
  .warm()
  .catch((error: unknown) => console.error(`The job workers did not start: ${String(error)}`));

const ABORT_DELAY = 5000;

function renderDocument(nonce: string, request: Request, remixContext: EntryContext) {
  return (
    <NonceContext.Provider value={nonce}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
    </NonceContext.Provider>
  );
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = (loadContext as PlannerLoadContext).cspNonce ?? '';
  responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
  const bot = isbot(request.headers.get('user-agent') ?? '');
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(renderDocument(nonce, request, remixContext), {
      nonce,
      [bot ? 'onAllReady' : 'onShellReady']() {
        shellRendered = true;
        const body = new PassThrough();
        resolve(
          new Response(createReadableStreamFromReadable(body), {
            headers: responseHeaders,
            status: responseStatusCode,
          }),
        );
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        // Errors are logged without request details: URLs may carry share tokens.
        if (shellRendered) console.error(error instanceof Error ? error.message : 'render error');
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error instanceof Error ? (error.stack ?? error.message) : 'error');
}
