/**
 * The page cache in front of the real app: only a real write forgets its pages. A refused post,
 * an unknown shared link (in any spelling), a read keep them; a save, an archive, a new link,
 * a shared page's counted view forget them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { dataStamp } from '~/data-stamp.server';
import { getDb } from '~/db.server';
import { createShare } from '~/models/shares.server';
import * as dashboard from '~/routes/scenarios.$id._index';
import * as list from '~/routes/scenarios._index';
import * as share from '~/routes/s.$token';

import { BUNDLED_KEYS, closeAndRemoveTempDatabases, useTempDatabase } from './helpers';
import { serveApp, type RunningApp } from './remix-app';

useTempDatabase('data-stamp');
let app: RunningApp;

beforeAll(async () => {
  getDb();
  app = await serveApp({
    'routes/scenarios._index': { path: 'scenarios', index: true, module: list },
    'routes/scenarios.$id._index': { path: 'scenarios/:id', index: true, module: dashboard },
    'routes/s.$token': { path: 's/:token', module: share },
  });
});
afterAll(async () => {
  await app.close();
  closeAndRemoveTempDatabases();
});

/** The page and whether it came from the cache. */
async function page(path: string): Promise<{ status: number; hit: boolean; text: string }> {
  const response = await fetch(`${app.base}${path}`, { headers: { 'Accept-Language': 'en' } });
  return {
    status: response.status,
    hit: response.headers.get('X-Page-Cache') === 'hit',
    text: await response.text(),
  };
}

const post = (path: string, fields: Record<string, string>) =>
  fetch(`${app.base}${path}`, {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Accept-Language': 'en' },
    redirect: 'manual',
  });

const UNKNOWN_TOKEN = 'A'.repeat(43);

describe('the data stamp and the page cache', () => {
  it('keeps the list through requests that write nothing', { timeout: 60_000 }, async () => {
    expect((await page('/scenarios')).hit).toBe(false);
    expect((await page('/scenarios')).hit).toBe(true);
    const stamp = dataStamp();
    for (const spelling of ['s', 'S', '%73'])
      for (const token of [UNKNOWN_TOKEN, 'anything'])
        expect((await page(`/${spelling}/${token}`)).status).toBe(404);
    expect((await post('/scenarios?index', { intent: 'nonsense' })).status).toBe(400);
    expect((await post('/scenarios?index', { intent: 'archive', id: 'no-such-scenario' })).status).toBe(404);
    expect((await post(`/s/${UNKNOWN_TOKEN}`, { savedBy: 'x' })).status).toBe(404);
    expect((await page('/scenarios/no-such-scenario')).status).toBe(404);
    expect(dataStamp()).toBe(stamp);
    expect((await page('/scenarios')).hit).toBe(true);
  });

  it('forgets the pages after each real write', { timeout: 60_000 }, async () => {
    const stamp = dataStamp();
    const created = createShare(BUNDLED_KEYS[0], {});
    expect(created.status).toBe('created');
    expect(dataStamp()).not.toBe(stamp);
    expect((await page('/scenarios')).hit).toBe(false);
    expect((await page('/scenarios')).hit).toBe(true);

    // A shared page's view is counted (the owner's dashboard lists it): a write.
    if (created.status !== 'created') return;
    const viewed = await page(`/s/${created.token}`);
    expect(viewed.status).toBe(200);
    expect(viewed.hit).toBe(false);
    expect((await page('/scenarios')).hit).toBe(false);

    expect((await post('/scenarios?index', { intent: 'archive', id: BUNDLED_KEYS[1] })).status).toBe(302);
    const after = await page('/scenarios');
    expect(after.hit).toBe(false);
    expect(after.text).not.toContain(`/scenarios/${BUNDLED_KEYS[1]}"`);
  });
});
