/**
 * The editor, the dashboard's "save what-if", the versions page, the reference library and
 * the language switch: loaders and actions against a real SQLite file.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { getScenario, listVersions } from '~/models/scenarios.server';
import { action as dashboardAction, loader as dashboardLoader } from '~/routes/scenarios.$id._index';
import { action as editAction, loader as editLoader } from '~/routes/scenarios.$id.edit';
import { action as versionsAction, loader as versionsLoader } from '~/routes/scenarios.$id.versions';
import { action as langAction } from '~/routes/lang';
import { loader as referenceLoader } from '~/routes/reference';

import {
  call,
  closeAndRemoveTempDatabases,
  expectNothingChanges,
  makeRequest,
  useTempDatabase,
} from './helpers';

useTempDatabase('pages');
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'township-health-centre-api';
const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
  makeRequest(`/scenarios/${ID}/edit`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en', ...headers },
    body: new URLSearchParams(fields).toString(),
  });

describe('editor', () => {
  it('lists every input with a unit and its source', async () => {
    const page = await call<{
      groups: { id: string; fields: { path: string; unit: string; ref: string | null }[] }[];
    }>(editLoader, makeRequest(`/scenarios/${ID}/edit`, { headers: { 'Accept-Language': 'en' } }), {
      id: ID,
    });
    const fields = page.body.groups.flatMap((g) => g.fields);
    expect(fields.find((f) => f.path === 'hospital.beds')).toMatchObject({ ref: '1.23a.beds' });
    expect(fields.find((f) => f.path === 'budget.aiShare')!.unit).toBe('%');
    expect(page.body.groups.map((g) => g.id)).toEqual(
      expect.arrayContaining(['hospital', 'staff', 'budget', 'workflows']),
    );
  });

  it('refuses a number that is not a number, names the field, and stores nothing', async () => {
    const answer = await expectNothingChanges(() =>
      call<{ errors: Record<string, string> }>(
        editAction,
        form({ baseVersion: '1', intent: 'numbers', savedBy: 'Dr Li', 'n:hospital.beds': 'abc' }),
        { id: ID },
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors['hospital.beds']).toBe('Expected a number');
  });

  it('refuses an out-of-range value with the schema message next to the field', async () => {
    const answer = await expectNothingChanges(() =>
      call<{ errors: Record<string, string> }>(
        editAction,
        form(
          { baseVersion: '1', intent: 'numbers', savedBy: 'Dr Li', 'n:budget.aiShare': '1.5' },
          { 'Accept-Language': 'zh-CN' },
        ),
        { id: ID },
      ),
    );
    expect(answer.body.errors['budget.aiShare']).toBe('不能大于 1');
  });

  it('saves changed numbers as a new version, keeping the old one', async () => {
    const response = (await editAction({
      request: form({
        baseVersion: '1',
        intent: 'numbers',
        savedBy: 'Dr Li',
        note: 'more beds',
        'n:hospital.beds': '60',
      }),
      params: { id: ID },
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/scenarios/${ID}?saved=2`);
    expect(getScenario(ID)!.document.hospital.beds).toBe(60);
    expect(getScenario(ID, 1)!.document.hospital.beds).toBe(45);
    expect(listVersions(ID)![0]).toMatchObject({ version: 2, savedBy: 'Dr Li', note: 'more beds' });
    // The notes written in both languages come through an edit of the numbers whole.
    const { sources, options } = getScenario(ID)!.document;
    expect(sources['budget.informatizationBaseAnnual']!.note).toEqual(
      getScenario(ID, 1)!.document.sources['budget.informatizationBaseAnnual']!.note,
    );
    expect(sources['budget.aiShare']!.note).toEqual({
      'zh-CN': '由本中心决定。',
      en: "The centre's decision.",
    });
    expect(options).toEqual(getScenario(ID, 1)!.document.options);
  });

  it('refuses a save based on an old version (409) without overwriting', async () => {
    const answer = await expectNothingChanges(() =>
      call<{ general: string[] }>(
        editAction,
        form({ baseVersion: '1', intent: 'numbers', savedBy: 'Dr Wang', 'n:hospital.beds': '70' }),
        { id: ID },
      ),
    );
    expect(answer.status).toBe(409);
    expect(answer.body.general[0]).toContain('version 2');
  });

  it('saves structural changes from the JSON editor, and names every problem of a bad one', async () => {
    const doc = getScenario(ID)!.document;
    const bad = { ...doc, horizonYears: 12, hospital: { ...doc.hospital, beds: -3 } };
    const refused = await expectNothingChanges(() =>
      call<{ general: string[]; json: string }>(
        editAction,
        form({ baseVersion: '2', intent: 'json', savedBy: 'Dr Li', json: JSON.stringify(bad) }),
        { id: ID },
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.general.join('\n')).toContain('horizonYears: Must be at most 10');
    expect(refused.body.general.join('\n')).toContain('hospital.beds: Must be at least 0');
    // What the user typed comes back, so nothing is lost.
    expect(JSON.parse(refused.body.json).horizonYears).toBe(12);
    // Removing an option means removing what refers to it too (here: all uncertain inputs).
    const good = { ...doc, options: doc.options.slice(0, 2), uncertainty: undefined };
    const response = (await editAction({
      request: form({ baseVersion: '2', intent: 'json', savedBy: 'Dr Li', json: JSON.stringify(good) }),
      params: { id: ID },
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(302);
    expect(getScenario(ID)!.document.options).toHaveLength(2);
  });
});

describe('dashboard', () => {
  it('names a bad or unknown what-if parameter instead of failing', async () => {
    const page = await call<{ whatIf: Record<string, number>; paramErrors: string[] }>(
      dashboardLoader,
      makeRequest(`/scenarios/${ID}?fit=2&adoption=0.4&colour=red`, { headers: { 'Accept-Language': 'en' } }),
      { id: ID },
    );
    expect(page.status).toBe(200);
    expect(page.body.whatIf).toEqual({ adoption: 0.4 });
    expect([...page.body.paramErrors].sort()).toEqual([
      'colour: Unknown field(s): colour',
      'fit: Must be at most 1',
    ]);
  });

  it('labels every uncertain input once, naming the option where two would read the same', async () => {
    const county = 'county-hospital-300-beds';
    const page = await call<{ inputLabels: Record<string, string> }>(
      dashboardLoader,
      makeRequest(`/scenarios/${county}`, { headers: { 'Accept-Language': 'en' } }),
      { id: county },
    );
    const labels = Object.values(page.body.inputLabels);
    expect(labels.length).toBeGreaterThan(10);
    expect(new Set(labels).size).toBe(labels.length);
    // Both follow-up options have an adoption ceiling: each label says whose it is.
    const ceilings = labels.filter(
      (l) => l.includes('Chronic-disease follow-up') && l.endsWith('Adoption ceiling (share 0–1)'),
    );
    expect(ceilings).toHaveLength(2);
    expect(ceilings.every((l) => l.split(' · ').length > 2)).toBe(true);
    // A label no other input shares stays short; each carries its unit.
    expect(labels).toContain('Outpatient note writing · Local fit (share 0–1)');
    expect(labels.some((l) => l.endsWith('(CNY)'))).toBe(true);
  });

  it('saves a what-if as a new version with the changed inputs', async () => {
    const before = getScenario(ID)!;
    const response = (await dashboardAction({
      request: makeRequest(`/scenarios/${ID}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          baseVersion: String(before.latestVersion),
          savedBy: 'Director',
          whatIf: 'adoption=0.4&discountRate=0.06',
        }).toString(),
      }),
      params: { id: ID },
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(302);
    const after = getScenario(ID)!;
    expect(after.version).toBe(before.latestVersion + 1);
    expect(after.document.discountRate).toBe(0.06);
    expect(after.document.options.flatMap((o) => o.effects.map((e) => e.adoption.ceiling))).toEqual(
      expect.arrayContaining([0.4]),
    );
    expect(after.document.options.every((o) => o.effects.every((e) => e.adoption.ceiling === 0.4))).toBe(
      true,
    );
  });

  it('refuses a what-if save with a bad parameter, storing nothing', async () => {
    const latest = getScenario(ID)!.latestVersion;
    const answer = await expectNothingChanges(() =>
      call<{ error: string }>(
        dashboardAction,
        makeRequest(`/scenarios/${ID}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
          body: new URLSearchParams({
            baseVersion: String(latest),
            savedBy: 'Director',
            whatIf: 'tokenPrice=-1',
          }).toString(),
        }),
        { id: ID },
      ),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.error).toContain('tokenPrice');
  });
});

describe('versions', () => {
  it('compares two versions: inputs in words and results marked better or worse', async () => {
    type Page = {
      comparison: {
        inputs: { kind: string; where: string; what: string; before: string | null; after: string | null }[];
        results: { id: string; direction: Record<string, string> }[];
      };
    };
    const page = await call<Page>(versionsLoader, makeRequest(`/scenarios/${ID}/versions?a=1&b=2`), {
      id: ID,
    });
    expect(page.body.comparison.inputs).toEqual([
      { kind: 'changed', where: '医院概况', what: '床位数', before: '45', after: '60' },
    ]);
    expect(page.body.comparison.results.length).toBe(3);
    const en = await call<Page>(
      versionsLoader,
      makeRequest(`/scenarios/${ID}/versions?a=1&b=2`, { headers: { 'Accept-Language': 'en' } }),
      { id: ID },
    );
    expect(en.body.comparison.inputs).toEqual([
      { kind: 'changed', where: 'Hospital', what: 'Beds', before: '45', after: '60' },
    ]);
    for (const r of en.body.comparison.results)
      for (const d of Object.values(r.direction)) expect(['better', 'worse', 'same']).toContain(d);
  });

  it('restores an old version as a new one', async () => {
    const latest = getScenario(ID)!.latestVersion;
    const response = (await versionsAction({
      request: makeRequest(`/scenarios/${ID}/versions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ version: '1', savedBy: 'Dr Li' }).toString(),
      }),
      params: { id: ID },
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(302);
    const restored = getScenario(ID)!;
    expect(restored.version).toBe(latest + 1);
    expect(restored.document).toEqual(getScenario(ID, 1)!.document);
  });
});

describe('reference and language', () => {
  it('searches the reference figures', async () => {
    const page = await call<{ rows: { id: string; value: number | null }[] }>(
      referenceLoader,
      makeRequest('/reference?q=1.20'),
    );
    expect(page.body.rows.map((r) => r.id)).toEqual(
      expect.arrayContaining(['1.20.public', '1.20.all-hospitals']),
    );
    expect(page.body.rows.find((r) => r.id === '1.20.public')!.value).toBe(0.86);
  });

  it('remembers the language in a cookie and never redirects off-site', async () => {
    const post = (fields: Record<string, string>) =>
      langAction({
        request: makeRequest('/lang', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams(fields).toString(),
        }),
        params: {},
        context: {},
      } as never) as Promise<Response>;
    const ok = await post({ lang: 'en', redirectTo: '/reference?q=1' });
    expect(ok.headers.get('Location')).toBe('/reference?q=1');
    expect(ok.headers.get('Set-Cookie')).toMatch(/^lang=/);
    expect((await post({ lang: 'en', redirectTo: '//evil.example/x' })).headers.get('Location')).toBe('/');
    expect((await post({ lang: 'fr', redirectTo: '/' })).headers.get('Set-Cookie')).toBeNull();
  });
});

describe('results API with a Monte Carlo', () => {
  it('adds mc to each option, evpi and winners, reproducibly; and names bad parameters', async () => {
    const { loader: resultsLoader } = await import('~/routes/api.scenarios.$id.results');
    const get = (query: string) =>
      call<{
        options: {
          id: string;
          npv: number;
          mc: { trials: number; seed: number; npv: { p10: number; p90: number } };
        }[];
        evpi: number;
        winners: { optionId: string; share: number }[];
        errors?: { path: string }[];
      }>(
        resultsLoader,
        makeRequest(`/api/scenarios/county-hospital-300-beds/results${query}`, {
          headers: { 'Accept-Language': 'en' },
        }),
        {
          id: 'county-hospital-300-beds',
        },
      );
    const a = await get('?trials=200&seed=5');
    expect(a.status).toBe(200);
    for (const o of a.body.options) {
      expect(o.mc).toMatchObject({ trials: 200, seed: 5 });
      expect(o.mc.npv.p10).toBeLessThanOrEqual(o.mc.npv.p90);
    }
    expect(a.body.evpi).toBeGreaterThanOrEqual(0);
    expect(a.body.winners.reduce((s, w) => s + w.share, 0)).toBeCloseTo(1, 9);
    expect((await get('?trials=200&seed=5')).text).toBe(a.text);
    const bad = await get('?trials=20&seed=x');
    expect(bad.status).toBe(400);
    expect(bad.body.errors!.map((e) => e.path).sort()).toEqual(['seed', 'trials']);
  });
});

describe('samples CSV', () => {
  it('downloads every trial as CSV with a BOM, and names bad parameters', async () => {
    const { loader: samplesLoader } = await import('~/routes/api.scenarios.$id.samples[.]csv');
    const ok = await call(
      samplesLoader,
      makeRequest('/api/scenarios/township-health-centre-api/samples.csv?trials=150&seed=2'),
      {
        id: 'township-health-centre-api',
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('Content-Type')).toContain('text/csv');
    expect(ok.headers.get('Content-Disposition')).toContain('attachment');
    // Response.text() drops a BOM: read the bytes to see it is there.
    const raw = (await samplesLoader({
      request: makeRequest('/api/scenarios/township-health-centre-api/samples.csv?trials=150&seed=2'),
      params: { id: 'township-health-centre-api' },
      context: {},
    } as never)) as Response;
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = ok.text.trim().split('\r\n');
    expect(lines[0]!.startsWith('trial,')).toBe(true);
    expect(lines).toHaveLength(151);
    const bad = await call(
      samplesLoader,
      makeRequest('/api/scenarios/township-health-centre-api/samples.csv?trials=99999999'),
      {
        id: 'township-health-centre-api',
      },
    );
    expect(bad.status).toBe(400);
  });
});
