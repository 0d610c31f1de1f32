/**
 * Issue 15 against the built server (`node server.js`), over real HTTP and without a browser:
 * no page answers 500 to a wrong method or body, the language switch never sends the user
 * off-site, and a request under a foreign Host name is refused before anything runs. The
 * requests come from the first admin (a planner of the demo hospital), signed in by posting the
 * login form.
 */
import { request as httpRequest } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GUARD_MESSAGES } from '../../request-guards.js';
import { startServer, type RunningServer } from './server';
import { ADMIN, signInOverHttp } from './sign-in';

let server: RunningServer;
let port = 0;
/** The signed-in admin's session cookie and CSRF token. */
let session = { cookie: '', csrf: '' };
beforeAll(async () => {
  server = await startServer();
  port = Number(new URL(server.origin).port);
  session = await signInOverHttp(server, ADMIN);
}, 90_000);
afterAll(() => server?.stop());

/** node:http, not fetch: fetch will not send a Host header of our choosing. Signed in unless told otherwise. */
function send(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          Host: `127.0.0.1:${port}`,
          Cookie: session.cookie,
          ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const ID = 'county-hospital-300-beds';
const FORM = 'application/x-www-form-urlencoded';

describe('pages over HTTP', () => {
  it('answer 405, 415 or 400 (never 500) to what no form sends', { timeout: 120_000 }, async () => {
    const share = await fetch(`${server.origin}/api/scenarios/${ID}/share`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
      body: '{}',
    });
    expect(share.status).toBe(201);
    const { token } = (await share.json()) as { token: string };
    const pages = [
      `/scenarios/${ID}`,
      `/scenarios/${ID}/edit`,
      `/scenarios/${ID}/versions`,
      `/scenarios/${ID}/data`,
      `/s/${token}`,
      '/lang',
      '/scenarios',
      '/scenarios/new',
    ];
    const cases = [
      { method: 'PUT', type: FORM, status: 405 },
      { method: 'DELETE', type: FORM, status: 405 },
      { method: 'PATCH', type: FORM, status: 405 },
      { method: 'POST', type: 'text/plain', status: 415 },
      { method: 'POST', type: 'application/json', status: 415 },
    ];
    const seen: string[] = [];
    for (const path of pages)
      for (const c of cases) {
        const answer = await send(c.method, path, { 'Content-Type': c.type, 'Accept-Language': 'en' }, 'a=1');
        seen.push(`${c.method} ${c.type} ${path}: ${answer.status}`);
        expect(answer.status, `${c.method} ${c.type} ${path}`).toBe(c.status);
        if (c.status === 405) expect(answer.headers.allow).toBe('GET, HEAD, POST');
      }
    // A body that says it is multipart and is not: the page says so, in the user's language.
    for (const path of pages.filter((p) => !p.endsWith('/data') && p !== '/scenarios')) {
      const answer = await send(
        'POST',
        path,
        { 'Content-Type': 'multipart/form-data; boundary=zzz', 'Accept-Language': 'zh-CN' },
        '--zzz\r\nbroken\r\n',
      );
      expect(answer.status, path).toBe(400);
      expect(answer.text).toContain(GUARD_MESSAGES.badForm['zh-CN']);
    }
    expect(seen.filter((s) => s.endsWith(': 500'))).toEqual([]);
  });

  it('the language switch stays on this site', { timeout: 30_000 }, async () => {
    for (const target of ['/\\evil.example', '//evil.example', '/%5Cevil.example', '/%2F%2Fevil.example']) {
      const answer = await send(
        'POST',
        '/lang',
        { 'Content-Type': FORM },
        new URLSearchParams({ lang: 'en', redirectTo: target }).toString(),
      );
      expect(answer.status).toBe(302);
      expect(answer.headers.location, target).toBe('/');
    }
  });

  it('refuses a foreign Host name with 421 and answers its own', { timeout: 30_000 }, async () => {
    const foreign = await send('GET', '/scenarios', {
      Host: 'rebound.evil.example',
      'Accept-Language': 'en',
    });
    expect(foreign.status).toBe(421);
    expect(foreign.text).toBe(GUARD_MESSAGES.misdirected.en);
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`]) {
      expect((await send('GET', '/scenarios', { Host: host })).status, host).toBe(200);
      // Not signed in: its own name is answered too, with the way to the login page.
      const anonymous = await send('GET', '/scenarios', { Host: host, Cookie: '' });
      expect(anonymous.status, host).toBe(302);
      expect(anonymous.headers.location, host).toBe('/login?redirectTo=%2Fscenarios');
    }
  });
});
