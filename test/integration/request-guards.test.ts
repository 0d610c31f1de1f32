/**
 * The server's first checks (request-guards.js) over real HTTP: the Host allow-list (421) and
 * what a page takes (405 with Allow, 415), each answered in the user's language; /api is left
 * to answer for itself. The built server runs the same middlewares: test/browser/server-http.test.ts.
 */
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';

import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  allowedHosts,
  GUARD_MESSAGES,
  hostGuard,
  hostName,
  pageRequestGuard,
  pageRequestRefusal,
  requestLang,
} from '../../request-guards.js';

let port = 0;
let close: () => void;
let reached = 0;

beforeAll(async () => {
  const app = express();
  app.use(hostGuard(allowedHosts('planner.hospital.example')));
  app.use(pageRequestGuard());
  app.all('*', (_req, res) => {
    reached++;
    res.type('text/plain').send('reached');
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  port = (server.address() as AddressInfo).port;
  close = () => server.close();
});
afterAll(() => close());

/** node:http, not fetch: fetch will not send a Host header of our choosing. */
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
        // Framed by its length: Node sends a DELETE's or OPTIONS' body unframed otherwise.
        headers: {
          Host: `localhost:${port}`,
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

describe('Host', () => {
  it('answers for loopback names and the configured ones, whatever the port or case', async () => {
    for (const host of [
      'localhost',
      `localhost:${port}`,
      '127.0.0.1:1',
      '[::1]:3000',
      'PLANNER.hospital.example',
      'planner.hospital.example.:443',
    ])
      expect((await send('GET', '/scenarios', { Host: host })).status, host).toBe(200);
  });

  it('answers 421 in the user’s language to any other name, before any route runs', async () => {
    const before = reached;
    for (const [host, lang] of [
      ['evil.example', 'en'],
      ['evil.example:3000', 'zh-CN'],
      ['localhost.evil.example', 'en'],
      ['127.0.0.1.nip.io', 'en'],
      ['[::2]', 'zh-CN'],
      ['localhost@evil.example', 'en'],
    ] as const) {
      const answer = await send('POST', '/scenarios', {
        Host: host,
        'Accept-Language': lang,
        'Content-Type': 'application/x-www-form-urlencoded',
      });
      expect(answer.status, host).toBe(421);
      expect(answer.text).toBe(GUARD_MESSAGES.misdirected[lang]);
    }
    expect((await send('GET', '/api/scenarios', { Host: 'evil.example' })).status).toBe(421);
    expect(reached).toBe(before);
  });

  it('defaults to loopback and the machine’s own name; * turns the check off', () => {
    const defaults = allowedHosts(undefined)!;
    for (const name of ['localhost', '127.0.0.1', '[::1]', hostName(hostname())!])
      expect(defaults.has(name), name).toBe(true);
    expect(defaults.has('evil.example')).toBe(false);
    expect(allowedHosts('a.example, b.example:8080')).toEqual(
      new Set(['localhost', '127.0.0.1', '[::1]', 'a.example', 'b.example']),
    );
    expect(allowedHosts('*')).toBeNull();
  });
});

describe('what a page takes', () => {
  it('answers 405 with Allow to methods no link or form sends', async () => {
    for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS'])
      for (const lang of ['zh-CN', 'en'] as const) {
        const answer = await send(
          method,
          '/scenarios/x/edit',
          { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': lang },
          'a=1',
        );
        expect(answer.status, method).toBe(405);
        expect(answer.headers.allow).toBe('GET, HEAD, POST');
        expect(answer.text).toBe(GUARD_MESSAGES.methodNotAllowed[lang]);
      }
  });

  it('answers 415 to a POST body a form never sends, in the chosen language', async () => {
    // The lang cookie as Remix writes it: base64 of the JSON string.
    const english = `lang=${encodeURIComponent(Buffer.from('"en"').toString('base64'))}`;
    for (const type of ['text/plain', 'application/json', 'text/html', ''])
      for (const [cookie, lang] of [
        [english, 'en'],
        ['[::2]', 'zh-CN'],
      ] as const) {
        const answer = await send('POST', '/lang', { 'Content-Type': type, Cookie: cookie }, 'x');
        expect(answer.status, type).toBe(415);
        expect(answer.text).toBe(GUARD_MESSAGES.unsupportedMediaType[lang]);
      }
  });

  it('lets forms, reads and the JSON API through', async () => {
    const form = (type: string) => send('POST', '/scenarios', { 'Content-Type': type }, 'a=1');
    expect((await form('application/x-www-form-urlencoded')).status).toBe(200);
    expect((await form('application/x-www-form-urlencoded; charset=UTF-8')).status).toBe(200);
    expect((await form('multipart/form-data; boundary=abc')).status).toBe(200);
    // Without its boundary it does not parse: the page's action says so (400).
    expect((await form('multipart/form-data')).status).toBe(200);
    expect((await send('GET', '/scenarios')).status).toBe(200);
    expect((await send('HEAD', '/scenarios')).status).toBe(200);
    expect((await send('PUT', '/api/scenarios/x', { 'Content-Type': 'text/plain' }, 'x')).status).toBe(200);
  });

  it('reads the language and the refusal as the pages do', () => {
    expect(requestLang(undefined, 'en-GB,en;q=0.9')).toBe('en');
    expect(requestLang('lang=garbage', 'fr, zh-TW;q=0.5')).toBe('zh-CN');
    expect(pageRequestRefusal('get', null)).toBeNull();
    expect(pageRequestRefusal('POST', 'Multipart/Form-Data; Boundary=x')).toBeNull();
  });
});
