/**
 * A shared link's page carries its protections (no referrer, no index, no store) on every
 * answer, however its address is spelled (`/s/`, `/S/`, `/%73/`, `/%53/` reach the same route):
 * the page, its data request, its refusals (404, 410) and "Keep a copy". None of them is ever
 * replayed from the page cache, so every view is counted and an expired link is 410 at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import { createShare, listShares } from '~/models/shares.server';
import * as share from '~/routes/s.$token';

import { BUNDLED_KEYS, closeAndRemoveTempDatabases, defaultTester, sqlite, useTempDatabase } from './helpers';
import { serveApp, type RunningApp } from './remix-app';

useTempDatabase('share-headers');
let app: RunningApp;

beforeAll(async () => {
  getDb();
  app = await serveApp({ 'routes/s.$token': { path: 's/:token', module: share } });
});
afterAll(async () => {
  await app.close();
  closeAndRemoveTempDatabases();
});

const SPELLINGS = ['s', 'S', '%73', '%53'];
const PROTECTED = { referrer: 'no-referrer', robots: 'noindex, nofollow', cache: 'no-store' };

function protections(response: Response) {
  return {
    referrer: response.headers.get('Referrer-Policy'),
    robots: response.headers.get('X-Robots-Tag'),
    cache: response.headers.get('Cache-Control'),
  };
}

async function fetchPage(path: string, init: RequestInit = {}) {
  const response = await fetch(`${app.base}${path}`, {
    redirect: 'manual',
    ...init,
    headers: { 'Accept-Language': 'en', ...init.headers },
  });
  await response.text();
  expect(protections(response), `${init.method ?? 'GET'} ${path}`).toEqual(PROTECTED);
  return response.status;
}

function newLink(): { token: string; id: string } {
  const created = createShare(BUNDLED_KEYS[0], { expiresInDays: 30 });
  if (created.status !== 'created') throw new Error(created.status);
  return { token: created.token, id: created.link.id };
}

const DATA = '?_data=routes%2Fs.%24token';
const viewsOf = (id: string) => listShares(BUNDLED_KEYS[0]).find((l) => l.id === id)!.views;

describe('a shared link’s page, in every spelling of its address', () => {
  it(
    'answers its page and its data with the protections, never from the cache, counting every view',
    { timeout: 60_000 },
    async () => {
      const link = newLink();
      let views = 0;
      for (const spelling of SPELLINGS) {
        for (const query of ['', '', DATA, DATA]) {
          expect(await fetchPage(`/${spelling}/${link.token}${query}`)).toBe(200);
          expect(viewsOf(link.id)).toBe(++views);
        }
      }
    },
  );

  it(
    'refuses an unknown link (404) and a revoked or expired one (410) with the protections',
    { timeout: 60_000 },
    async () => {
      const expired = newLink();
      const revoked = newLink();
      for (const spelling of SPELLINGS) expect(await fetchPage(`/${spelling}/${expired.token}`)).toBe(200);
      sqlite()
        .prepare("UPDATE share_links SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
        .run(expired.id);
      sqlite()
        .prepare("UPDATE share_links SET revoked_at = '2000-01-01T00:00:00.000Z' WHERE id = ?")
        .run(revoked.id);
      for (const spelling of SPELLINGS) {
        for (const query of ['', DATA]) {
          expect(await fetchPage(`/${spelling}/${expired.token}${query}`)).toBe(410);
          expect(await fetchPage(`/${spelling}/${revoked.token}${query}`)).toBe(410);
          expect(await fetchPage(`/${spelling}/${'A'.repeat(43)}${query}`)).toBe(404);
          expect(await fetchPage(`/${spelling}/not-a-token${query}`)).toBe(404);
        }
      }
    },
  );

  it('answers "Keep a copy" (made, refused, unknown) with the protections', { timeout: 60_000 }, async () => {
    const link = newLink();
    const tester = defaultTester();
    const form = (fields: Record<string, string>, signedIn = true) => ({
      method: 'POST',
      body: new URLSearchParams(fields),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(signedIn ? { Cookie: tester.cookie, 'X-CSRF-Token': tester.csrf } : {}),
      },
    });
    for (const spelling of SPELLINGS) {
      expect(await fetchPage(`/${spelling}/${link.token}`, form({ whatIf: '' }))).toBe(302);
      expect(await fetchPage(`/${spelling}/${link.token}${DATA}`, form({ whatIf: 'fit=9' }))).toBe(400);
      expect(await fetchPage(`/${spelling}/${'A'.repeat(43)}`, form({ whatIf: '' }))).toBe(404);
    }
    // Keeping a copy needs someone signed in: the login page, then back.
    const anonymous = await fetch(`${app.base}/s/${link.token}`, {
      redirect: 'manual',
      ...form({ whatIf: '' }, false),
    });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toBe(
      `/login?redirectTo=${encodeURIComponent(`/s/${link.token}`)}`,
    );
  });
});
