/**
 * The server's whole-page cache (page-cache.js): hits, nonce swap, and invalidation by the data
 * stamp (only a real write forgets pages), whatever the method or path of the request.
 */
import type { AddressInfo } from 'node:net';

import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { pageCache } from '../../page-cache.js';

let renders = 0;
let views = 0;
/** The stored data's stamp, as the app's database registers it (app/data-stamp.server.ts). */
let writes = 0;
const STAMP = Symbol.for('hospital-ai-planner.data-stamp');
let base = '';
let close: () => void;

beforeAll(async () => {
  (globalThis as Record<symbol, unknown>)[STAMP] = () => `test:${writes}`;
  const app = express();
  let n = 0;
  app.use((_req, res, next) => {
    res.locals.cspNonce = `nonce${++n}`;
    next();
  });
  app.use(pageCache());
  app.get('/page', (_req, res) => {
    renders++;
    res.type('text/html').send(`<script nonce="${res.locals.cspNonce}">x</script><p>render ${renders}</p>`);
  });
  app.get('/api/data', (_req, res) => {
    renders++;
    res.json({ render: renders });
  });
  app.get('/missing', (_req, res) => res.status(404).type('text/html').send('no'));
  app.get('/cookie', (_req, res) => res.cookie('a', 'b').type('text/html').send(`c ${++renders}`));
  app.post('/save', (_req, res) => {
    writes++;
    res.status(204).end();
  });
  app.all('/refused', (_req, res) => res.status(400).type('application/json').send('{"errors":[]}'));
  // A shared link's page counts its views (a write), which the owner's page lists; it is marked
  // no-store, whatever the spelling of its path.
  app.get(['/s/:token', '/S/:token'], (req, res) => {
    if (req.params.token === 'unknown') {
      res.status(404).setHeader('Cache-Control', 'no-store');
      res.type('text/html').send('no such link');
      return;
    }
    views++;
    writes++;
    res.setHeader('Cache-Control', 'no-store');
    res.type('text/html').send(`<p>shared, view ${views}</p>`);
  });
  app.get('/private', (_req, res) => {
    renders++;
    res.setHeader('Cache-Control', 'private, max-age=0');
    res.type('text/html').send(`<p>private ${renders}</p>`);
  });
  app.get('/writes-on-get', (_req, res) => {
    writes++;
    res.type('text/html').send(`<p>wrote ${writes}</p>`);
  });
  app.get('/owner', (_req, res) => res.type('text/html').send(`<p>views ${views}</p>`));
  app.get('/file.json', (_req, res) => {
    renders++;
    res.setHeader('Content-Disposition', 'attachment; filename="x.json"');
    res.json({ render: renders });
  });
  const server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => {
  close();
  delete (globalThis as Record<symbol, unknown>)[STAMP];
});

const get = async (path: string, headers: Record<string, string> = {}) =>
  (await fetch(`${base}${path}`, { headers })).text();

describe('page cache', () => {
  it('renders a page once and replays it with each request its own nonce', async () => {
    const first = await get('/page');
    const second = await get('/page');
    expect(renders).toBe(1);
    expect(first).toContain('render 1');
    expect(second).toContain('render 1');
    expect(first).not.toEqual(second);
    expect(second).toMatch(/<script nonce="nonce\d+">/);
    expect(second).not.toContain(first.match(/nonce="(nonce\d+)"/)![1]!);
  });

  it('keeps pages apart by language headers and cookies', async () => {
    await get('/page', { 'Accept-Language': 'en' });
    await get('/page', { Cookie: 'lang=en' });
    expect(renders).toBe(3);
  });

  it('forgets every page after any write', async () => {
    await fetch(`${base}/save`, { method: 'POST' });
    expect(await get('/page')).toContain('render 4');
  });

  it('keeps JSON answers too, and forgets them after a write', async () => {
    const first = await get('/api/data');
    expect(await get('/api/data')).toBe(first);
    await fetch(`${base}/save`, { method: 'POST' });
    expect(await get('/api/data')).not.toBe(first);
  });

  it('never keeps a shared link’s page, and forgets every page once one is viewed (it counts the view)', async () => {
    expect(await get('/owner')).toContain('views 0');
    expect(await get('/s/abc')).toContain('view 1');
    expect(await get('/s/abc')).toContain('view 2');
    expect(await get('/owner')).toContain('views 2');
    expect(await get('/owner')).toContain('views 2');
    expect(await get('/s/abc?_data=routes%2Fs.%24token')).toContain('view 3');
    expect(await get('/owner')).toContain('views 3');
    // Another spelling of the same address is no different: the answer says no-store.
    expect(await get('/S/abc')).toContain('view 4');
    expect(await get('/S/abc')).toContain('view 5');
    expect(await get('/owner')).toContain('views 5');
  });

  it('keeps every page through requests that write nothing: a refused post, any method, an unknown link', async () => {
    // A HEAD is answered by the page's handler (express), so it renders, but writes nothing.
    await fetch(`${base}/page`, { method: 'HEAD' });
    const first = await get('/page');
    const before = renders;
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) await fetch(`${base}/refused`, { method });
    await fetch(`${base}/nowhere`, { method: 'POST' });
    expect((await fetch(`${base}/s/unknown`)).status).toBe(404);
    expect((await fetch(`${base}/S/unknown`)).status).toBe(404);
    expect(await get('/page')).toContain(first.match(/render \d+/)![0]);
    expect(renders).toBe(before);
  });

  it('forgets pages after a GET that writes, and does not keep that page', async () => {
    const first = await get('/page');
    expect(await get('/writes-on-get')).toContain(`wrote ${writes}`);
    const after = await get('/page');
    expect(after).not.toContain(first.match(/render \d+/)![0]);
    expect(await get('/writes-on-get')).not.toBe(after);
  });

  it('never keeps an answer marked private', async () => {
    const before = renders;
    await get('/private');
    await get('/private');
    expect(renders).toBe(before + 2);
  });

  it('keeps nothing while no database is open (no stamp to check it against)', async () => {
    const stamp = (globalThis as Record<symbol, unknown>)[STAMP];
    delete (globalThis as Record<symbol, unknown>)[STAMP];
    try {
      const before = renders;
      await get('/api/data');
      await get('/api/data');
      expect(renders).toBe(before + 2);
    } finally {
      (globalThis as Record<symbol, unknown>)[STAMP] = stamp;
    }
  });

  it('does not keep errors or pages that set cookies', async () => {
    await get('/missing');
    const before = renders;
    await get('/cookie');
    await get('/cookie');
    expect(renders).toBe(before + 2);
  });

  it('never keeps a download, whose file name would be lost on a replay', async () => {
    const before = renders;
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${base}/file.json`);
      expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="x.json"');
      await response.text();
    }
    expect(renders).toBe(before + 2);
  });
});

describe('a signed-in user’s pages', () => {
  it('are never kept or replayed (the session’s timeouts are checked every time)', async () => {
    const before = renders;
    await get('/page', { Cookie: 'lang=en; planner_session=abc' });
    await get('/page', { Cookie: 'lang=en; planner_session=abc' });
    expect(renders).toBe(before + 2);
  });
});
