/**
 * What a scenario's versions keep and how pages treat what is stored: the list's summary is
 * stored with each version (never worked out on a view), and a stored version that no longer
 * validates (a row written straight into SQLite here) never breaks a page: the list says it
 * needs attention and why, its dashboard says so with the ways out, the API answers 422.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import {
  createScenario,
  duplicateScenario,
  getScenario,
  listScenarios,
  restoreVersion,
  saveVersion,
} from '~/models/scenarios.server';
import { summarizeVersion } from '~/models/version-summary';
import * as apiScenario from '~/routes/api.scenarios.$id';
import * as apiResults from '~/routes/api.scenarios.$id.results';
import * as dashboard from '~/routes/scenarios.$id._index';
import * as editor from '~/routes/scenarios.$id.edit';
import * as versions from '~/routes/scenarios.$id.versions';
import * as list from '~/routes/scenarios._index';

import {
  BUNDLED_KEYS,
  CHINESE,
  call,
  closeAndRemoveTempDatabases,
  expectErrorShape,
  expectNothingChanges,
  makeRequest,
  sqlite,
  useTempDatabase,
  signedInHeaders,
} from './helpers';
import { serveApp, type RunningApp } from './remix-app';

useTempDatabase('stored-versions');
let app: RunningApp;
beforeAll(async () => {
  getDb();
  app = await serveApp({
    'routes/scenarios._index': { path: 'scenarios', index: true, module: list },
    'routes/scenarios.$id._index': { path: 'scenarios/:id', index: true, module: dashboard },
  });
});
afterAll(async () => {
  await app.close();
  closeAndRemoveTempDatabases();
});

const storedSummary = (id: string, version: number) =>
  (
    sqlite()
      .prepare('SELECT summary FROM scenario_versions WHERE scenario_id = ? AND version = ?')
      .get(id, version) as { summary: string | null }
  ).summary;

interface ListRow {
  id: string;
  horizonYears: number | null;
  best: { name: string; kind: string; npv: number } | null;
  attention: string[] | null;
}
const listPage = (lang: string) =>
  call<{ rows: ListRow[] }>(
    list.loader,
    makeRequest('/scenarios', { headers: { 'Accept-Language': lang, ...signedInHeaders() } }),
  );

describe('the list’s summary, stored with each version', () => {
  it('is written by every path that writes a version, seeding included', () => {
    const bundled = getScenario(BUNDLED_KEYS[0])!;
    const expected = (id: string, version: number) =>
      expect(JSON.parse(storedSummary(id, version)!)).toEqual(
        summarizeVersion(getScenario(id, version)!.document),
      );
    for (const key of BUNDLED_KEYS) expected(key, 1);
    const created = createScenario(bundled.document, { savedBy: 't' });
    expected(created.id, 1);
    const saved = saveVersion(created.id, 1, { ...bundled.document, horizonYears: 3 }, { savedBy: 't' });
    expect(saved.status).toBe('saved');
    expected(created.id, 2);
    expect(JSON.parse(storedSummary(created.id, 2)!).horizonYears).toBe(3);
    const restored = restoreVersion(created.id, 1, { savedBy: 't' });
    expect(restored).toMatchObject({ status: 'saved', version: 3 });
    expected(created.id, 3);
    const copy = duplicateScenario(created.id, { savedBy: 't' })!;
    expected(copy.id, 1);
  });

  it('is what the list shows: read, not worked out on a view', async () => {
    const id = BUNDLED_KEYS[1];
    const real = JSON.parse(storedSummary(id, 1)!) as { best: { npv: number } };
    sqlite()
      .prepare('UPDATE scenario_versions SET summary = ? WHERE scenario_id = ? AND version = 1')
      .run(JSON.stringify({ ...real, best: { ...real.best, npv: 123456 } }), id);
    const { body } = await listPage('en');
    expect(body.rows.find((r) => r.id === id)!.best!.npv).toBe(123456);
    sqlite()
      .prepare('UPDATE scenario_versions SET summary = ? WHERE scenario_id = ? AND version = 1')
      .run(JSON.stringify(real), id);
  });

  it('is worked out and stored once for a version written before it was kept (or unreadable)', async () => {
    const before = (await listPage('zh-CN')).body.rows;
    sqlite().prepare('UPDATE scenario_versions SET summary = NULL').run();
    sqlite()
      .prepare('UPDATE scenario_versions SET summary = \'{"not":"a summary"}\' WHERE scenario_id = ?')
      .run(BUNDLED_KEYS[2]);
    expect((await listPage('zh-CN')).body.rows).toEqual(before);
    for (const key of BUNDLED_KEYS) expect(storedSummary(key, 1)).not.toBeNull();
    // Now stored: a second view writes nothing.
    await expectNothingChanges(() => listPage('zh-CN'));
  });
});

describe('a stored version that no longer validates', () => {
  const id = BUNDLED_KEYS[0];
  beforeAll(() => {
    const document = JSON.parse(
      (
        sqlite()
          .prepare('SELECT document FROM scenario_versions WHERE scenario_id = ? AND version = 1')
          .get(id) as { document: string }
      ).document,
    ) as { hospital: { beds: number } };
    document.hospital.beds = -5;
    sqlite()
      .prepare(
        "INSERT INTO scenario_versions (scenario_id, version, document, saved_by, note) VALUES (?, 2, ?, 'old code', '')",
      )
      .run(id, JSON.stringify(document));
    sqlite().prepare('UPDATE scenarios SET latest_version = 2 WHERE id = ?').run(id);
  });

  it('is listed as needing attention, with the reason in words, in both languages; the others as before', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const { status, body } = await expectNothingChanges(() => listPage(lang));
      expect(status).toBe(200);
      const row = body.rows.find((r) => r.id === id)!;
      expect(row.best).toBeNull();
      expect(row.attention).toHaveLength(1);
      expect(row.attention![0]).not.toContain('hospital.beds');
      if (lang === 'zh-CN') expect(row.attention![0]).toMatch(CHINESE);
      else expect(row.attention![0]).toMatch(/at least 1|at least 0/i);
      for (const other of body.rows.filter((r) => r.id !== id)) expect(other.best).not.toBeNull();
    }
    const en = await (
      await fetch(`${app.base}/scenarios`, { headers: { 'Accept-Language': 'en', ...signedInHeaders() } })
    ).text();
    expect(en).toContain('Needs attention');
    const zh = await (
      await fetch(`${app.base}/scenarios`, { headers: { 'Accept-Language': 'zh-CN', ...signedInHeaders() } })
    ).text();
    expect(zh).toContain('需要处理');
  });

  it('opens its dashboard as a page saying so, why, and the ways out (not a 500)', async () => {
    for (const [lang, title] of [
      ['en', 'Version 2 needs attention'],
      ['zh-CN', '第 2 版需要处理'],
    ] as const) {
      const response = await fetch(`${app.base}/scenarios/${id}`, {
        headers: { 'Accept-Language': lang, ...signedInHeaders() },
      });
      const html = await response.text();
      expect(response.status).toBe(422);
      expect(html).toContain(title);
      expect(html).toContain(`href="/scenarios/${id}/edit"`);
      expect(html).toContain(`href="/scenarios/${id}/versions"`);
    }
    // The version before it still opens as ever.
    expect(
      (await fetch(`${app.base}/scenarios/${id}?version=1`, { headers: signedInHeaders() })).status,
    ).toBe(200);
  });

  it('is a JSON error with a code from the API (422 versionInvalid), not a 500', async () => {
    for (const route of [apiScenario, apiResults]) {
      const { status, body } = await call(
        route.loader,
        makeRequest(`/api/scenarios/${id}`, { headers: { 'Accept-Language': 'en', ...signedInHeaders() } }),
        { id },
      );
      expect(status).toBe(422);
      const errors = expectErrorShape(body).errors;
      expect(errors[0]!.code).toBe('versionInvalid');
      expect(errors.some((e) => e.path === 'document.hospital.beds')).toBe(true);
    }
  });

  it('opens in the editor and on the versions page, where restoring an older version fixes it', async () => {
    const edit = await call(editor.loader, makeRequest(`/scenarios/${id}/edit`), { id });
    expect(edit.status).toBe(200);
    const page = await call(versions.loader, makeRequest(`/scenarios/${id}/versions`), { id });
    expect(page.status).toBe(200);
    const restore = await call(
      versions.action,
      makeRequest(`/scenarios/${id}/versions`, {
        method: 'POST',
        body: new URLSearchParams({ version: '1', savedBy: 'Dr Li' }),
      }),
      { id },
    );
    expect(restore.status).toBe(302);
    const row = listScenarios().find((r) => r.id === id)!;
    expect(row).toMatchObject({ status: 'ok', latestVersion: 3 });
  });
});
