import { Transform } from 'node:stream';

import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { isbot } from 'isbot';
import { renderToPipeableStream } from 'react-dom/server';

import { ldapSettings } from './auth/ldap.server';
import { getDb } from './db.server';
import { jobPool } from './jobs/pool.server';
import { ensureFirstAdmin, FIRST_ADMIN } from './models/users.server';
import type { PlannerLoadContext } from './load-context';
import { NonceContext } from './nonce';

// Create, migrate and seed the database when the server starts, not on the first request; then
// start the job pool's workers (they take seconds to load), so no one waits for them later.
getDb();
// A new database's first account: its one-time password is shown here, once (never logged again).
ensureFirstAdmin()
  .then((made) => {
    if (!made.created) return;
    console.log(
      made.oneTimePassword
        ? `First account: user name "${FIRST_ADMIN}", one-time password ${made.oneTimePassword} (change it at the first login). 首个账号：用户名 "${FIRST_ADMIN}"，一次性密码 ${made.oneTimePassword}（首次登录时修改）。`
        : `First account: user name "${FIRST_ADMIN}", password from PLANNER_ADMIN_PASSWORD.`,
    );
  })
  .catch((error: unknown) => console.error(`The first account could not be made: ${String(error)}`));
// LDAP sign-in: its settings are checked now, so a mistake is on the console at the start (the
// directory's logins answer "unavailable" until it is fixed; local accounts still sign in).
try {
  const ldap = ldapSettings();
  if (ldap) console.log(`LDAP sign-in: on (${ldap.url}). 统一身份认证（LDAP）已启用。`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
}
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

/**
 * React 18's streaming renderer sends a block's unused bytes as NULs when a character of three
 * UTF-8 bytes (every Chinese one) does not fit at the end of its 2,048-byte block
 * (facebook/react#24985, fixed only in React 19): the page then shows "�" inside a word wherever
 * the browser draws text from the page's data. No byte 0 belongs in an HTML page (text and JSON
 * escape it), so every one is dropped on the way out.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (chunk.indexOf(0) === -1) return done(null, chunk);
      const kept = Buffer.allocUnsafe(chunk.length);
      let length = 0;
      for (const byte of chunk) if (byte !== 0) kept[length++] = byte;
      done(null, kept.subarray(0, length));
    },
  });
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
        const body = withoutNulBytes();
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
