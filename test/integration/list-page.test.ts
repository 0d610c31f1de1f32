/**
 * The scenario list page (routes/scenarios._index.tsx): its loader and its action's intents
 * (create, duplicate, archive, restore, import) against a real SQLite file.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import { validateScenario } from '~/engine';
import { getHospital } from '~/models/hospitals.server';
import { getScenario, getScenarioRow, listVersions } from '~/models/scenarios.server';
import { action, loader } from '~/routes/scenarios._index';

import {
  BUNDLED_KEYS,
  CHINESE,
  call,
  callThrowing,
  countRows,
  expectNoLeak,
  expectNothingChanges,
  makeRequest,
  readScenarioFile,
  readScenarioText,
  useTempDatabase,
  closeAndRemoveTempDatabases,
} from './helpers';

useTempDatabase('list-page');

interface Row {
  id: string;
  name: string;
  hospital: string;
  horizonYears: number;
  version: number;
  best: { name: string; kind: string; npv: number } | null;
  currency: string;
}
interface Page {
  rows: Row[];
  archived: boolean;
  templates: { key: string; name: string }[];
}

const page = (query = '', lang = 'en') =>
  call<Page>(loader, makeRequest(`/scenarios${query}`, { headers: { 'Accept-Language': lang } }));

const form = (fields: Record<string, string>, lang = 'en') =>
  makeRequest('/scenarios', {
    method: 'POST',
    body: new URLSearchParams(fields),
    headers: { 'Accept-Language': lang },
  });

const upload = (file: Blob, name: string, fields: Record<string, string> = {}, lang = 'en') => {
  const data = new FormData();
  data.append('file', file, name);
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return makeRequest('/scenarios', { method: 'POST', body: data, headers: { 'Accept-Language': lang } });
};

/** The scenario id a redirect points at, e.g. /scenarios/abc/edit → abc. */
function redirectedId(status: number, headers: Headers, suffix = ''): string {
  expect(status).toBe(302);
  const location = headers.get('Location') ?? '';
  const match = new RegExp(`^/scenarios/([A-Za-z0-9_-]+)${suffix}$`).exec(location);
  expect(match, location).not.toBeNull();
  return match![1]!;
}

afterAll(() => closeAndRemoveTempDatabases());

describe('the scenario list page', () => {
  it('the loader lists the bundled scenarios with their best option', async () => {
    const res = await page();
    expect(res.status).toBe(200);
    expect(res.body.archived).toBe(false);
    expect(res.body.templates.map((t) => t.key)).toEqual([...BUNDLED_KEYS]);
    expect(res.body.templates.every((t) => t.name.length > 0)).toBe(true);
    expect(res.body.rows.map((r) => r.id).sort()).toEqual([...BUNDLED_KEYS].sort());
    for (const r of res.body.rows) {
      expect(r.version).toBe(1);
      expect(r.currency).toBe('CNY');
      expect(r.best).not.toBeNull();
      expect(Number.isFinite(r.best!.npv)).toBe(true);
      expect(r.name).not.toMatch(CHINESE);
    }
    const zh = await page('', 'zh-CN');
    expect(zh.body.rows.every((r) => CHINESE.test(r.name))).toBe(true);
  }, 20_000);

  it('intent=create without an example answers 400 and stores nothing (a new case starts at /scenarios/new)', async () => {
    const res = await expectNothingChanges(() =>
      call(action, form({ intent: 'create', name: 'Blank plan', template: 'blank', savedBy: 'Dr. Wang' })),
    );
    expect(res.status).toBe(400);
  });

  it('intent=create from a bundled template copies it under the new name', async () => {
    const res = await call(
      action,
      form({ intent: 'create', name: 'From county', template: 'county-hospital-300-beds' }),
    );
    const id = redirectedId(res.status, res.headers, '/edit');
    const created = getScenario(id)!;
    const bundled = getScenario('county-hospital-300-beds')!;
    expect(created.document.name).toBe('From county');
    expect(created.document.options).toEqual(bundled.document.options);
    // The copy is the owning hospital's case: it takes that hospital's name, and the example's figures.
    const owner = getHospital(getDb(), getScenarioRow(id)!.hospitalId!)!;
    expect(created.document.hospital).toEqual({ ...bundled.document.hospital, name: owner.name });
    expect(getScenario('county-hospital-300-beds')!.version).toBe(1);
    const row = (await page()).body.rows.find((r) => r.id === id)!;
    expect(row.name).toBe('From county');
    expect(row.best).not.toBeNull();
  });

  it('intent=create without a name is a 400 and creates nothing', async () => {
    const res = await expectNothingChanges(() =>
      call<{ errors: string[] }>(action, form({ intent: 'create', name: '   ' })),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
    expectNoLeak(res.text);
  });

  it('an unknown intent is a 400 and changes nothing', async () => {
    const res = await expectNothingChanges(() =>
      call<{ errors: string[] }>(action, form({ intent: 'drop-table' })),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.length).toBeGreaterThan(0);
  });

  it('intent=duplicate creates a copy of the latest version', async () => {
    const before = countRows('scenarios');
    const res = await call(
      action,
      form({ intent: 'duplicate', id: 'township-health-centre-api', savedBy: 'Dr. Li' }),
    );
    const id = redirectedId(res.status, res.headers);
    expect(id).not.toBe('township-health-centre-api');
    expect(countRows('scenarios')).toBe(before + 1);
    expect(getScenario(id)!.document).toEqual(getScenario('township-health-centre-api')!.document);
    // Saved under the signed-in user's name (a typed savedBy is ignored), in the source's hospital.
    expect(listVersions(id)).toEqual([expect.objectContaining({ version: 1, savedBy: 'tester' })]);
    expect(getScenarioRow(id)!.hospitalId).toBe(getScenarioRow('township-health-centre-api')!.hospitalId);
    // The note names the case and its version, never an internal id.
    expect(listVersions(id)![0]!.note).toMatch(/^Duplicated from “.+”, version 1$/);
    expect(listVersions(id)![0]!.note).not.toContain('township-health-centre-api');
  });

  it('intent=duplicate of an unknown id is a 404 and creates nothing', async () => {
    const thrown = await expectNothingChanges(() =>
      callThrowing(action, form({ intent: 'duplicate', id: 'no-such-id' })),
    );
    expect(thrown.status).toBe(404);
  });

  it('archive hides a scenario from the loader, ?archived=1 shows it, restore brings it back', async () => {
    const id = 'tertiary-hospital-on-prem';
    const archived = await call(action, form({ intent: 'archive', id }));
    expect(archived.status).toBe(302);
    expect(archived.headers.get('Location')).toBe('/scenarios');
    expect((await page()).body.rows.map((r) => r.id)).not.toContain(id);
    const archivedPage = await page('?archived=1');
    expect(archivedPage.body.archived).toBe(true);
    expect(archivedPage.body.rows.map((r) => r.id)).toEqual([id]);

    const restored = await call(action, form({ intent: 'restore', id }));
    expect(restored.status).toBe(302);
    expect(restored.headers.get('Location')).toBe('/scenarios?archived=1');
    expect((await page()).body.rows.map((r) => r.id)).toContain(id);
    expect((await page('?archived=1')).body.rows).toEqual([]);
    expect(listVersions(id)).toHaveLength(1);
  });

  it('archive of an unknown id is a 404 and changes nothing', async () => {
    const thrown = await expectNothingChanges(() =>
      callThrowing(action, form({ intent: 'archive', id: 'nope' })),
    );
    expect(thrown.status).toBe(404);
  });

  it('multipart import of a valid JSON file creates a scenario', async () => {
    const text = readScenarioText('township-health-centre-api.json');
    const res = await call(
      action,
      upload(new Blob([text], { type: 'application/json' }), 'township.json', { savedBy: 'Importer' }),
    );
    const id = redirectedId(res.status, res.headers);
    const created = getScenario(id)!;
    const expected = validateScenario(JSON.parse(text));
    if (!expected.ok) throw new Error('bundled file invalid');
    expect(created.document).toEqual(expected.scenario);
    expect(created.savedBy).toBe('tester');
    expect(created.note).toContain('township.json');
    expect((await page()).body.rows.map((r) => r.id)).toContain(id);
  });

  it('import of an invalid file is a 400 with every problem, in the page language, and creates nothing', async () => {
    const doc = readScenarioFile('county-hospital-300-beds.json') as Record<string, unknown>;
    const bad = JSON.stringify({ ...doc, horizonYears: 0, discountRate: 'high' });
    for (const lang of ['en', 'zh-CN']) {
      const res = await expectNothingChanges(() =>
        call<{ errors: string[] }>(
          action,
          upload(new Blob([bad], { type: 'application/json' }), 'bad.json', {}, lang),
        ),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors.length).toBeGreaterThanOrEqual(2);
      expect(res.body.errors.some((e) => e.startsWith('horizonYears: '))).toBe(true);
      expect(res.body.errors.some((e) => e.startsWith('discountRate: '))).toBe(true);
      for (const e of res.body.errors) {
        if (lang === 'zh-CN') expect(e).toMatch(CHINESE);
        else expect(e).not.toMatch(CHINESE);
      }
      expectNoLeak(res.text);
    }
  });

  it('import of a file that is not JSON is a 400 and creates nothing', async () => {
    const res = await expectNothingChanges(() =>
      call<{ errors: string[] }>(
        action,
        upload(new Blob(['{ not json'], { type: 'application/json' }), 'x.json'),
      ),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expectNoLeak(res.text);
  });

  it('import of an empty file or of no file is a 400 and creates nothing', async () => {
    const empty = await expectNothingChanges(() => call(action, upload(new Blob([]), 'empty.json')));
    expect(empty.status).toBe(400);
    const data = new FormData();
    data.append('savedBy', 'x');
    const none = await expectNothingChanges(() =>
      call(action, makeRequest('/scenarios', { method: 'POST', body: data })),
    );
    expect(none.status).toBe(400);
  });

  it('a multipart body that cannot be parsed is a 400 (not a 413 "too large") and creates nothing', async () => {
    const req = makeRequest('/scenarios', {
      method: 'POST',
      body: 'not a multipart body',
      headers: { 'Content-Type': 'multipart/form-data', 'Accept-Language': 'en' },
    });
    const res = await expectNothingChanges(() => call<{ errors: string[] }>(action, req));
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).not.toMatch(/512|over|large/i);
  });

  it('a POST that is neither a form nor multipart is refused with a 4xx, not an exception', async () => {
    const req = makeRequest('/scenarios', {
      method: 'POST',
      json: { intent: 'create', name: 'x' },
      headers: { 'Accept-Language': 'en' },
    });
    const res = await expectNothingChanges(async () => {
      try {
        return await call<{ errors: string[] }>(action, req);
      } catch (thrown) {
        if (thrown instanceof Response)
          return { status: thrown.status, body: { errors: ['(thrown)'] }, text: '' };
        return { status: 500, body: { errors: [String(thrown)] }, text: String(thrown) };
      }
    });
    expect([400, 415]).toContain(res.status);
    expect(res.body.errors.join()).not.toContain('TypeError');
  });

  it('import of a file over 512 KiB is a 413 and creates nothing', async () => {
    const big = JSON.stringify({
      ...readScenarioFile('county-hospital-300-beds.json'),
      pad: 'x'.repeat(600 * 1024),
    });
    const res = await expectNothingChanges(() =>
      call<{ errors: string[] }>(action, upload(new Blob([big], { type: 'application/json' }), 'big.json')),
    );
    expect(res.status).toBe(413);
    expect(res.body.errors).toHaveLength(1);
    expectNoLeak(res.text);
  });
});
