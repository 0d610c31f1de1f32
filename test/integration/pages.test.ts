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
  useJobPool,
  useTempDatabase,
} from './helpers';

useTempDatabase('pages');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'township-health-centre-api';

interface EditorPage {
  draftId: string | null;
  baseVersion: number;
  general: string[];
  page: {
    sections: Section[];
    problems: { place: string; message: string; anchor: string | null }[];
    figures: Record<string, { label: string }>;
  };
}
interface Section {
  key: string;
  title: string;
  fields: { name: string; label: string; unit?: string; value: string; refs?: string[]; error?: string }[];
  children?: Section[];
}
const fieldsOf = (sections: Section[]): Section['fields'] =>
  sections.flatMap((s) => [...s.fields, ...fieldsOf(s.children ?? [])]);

/** A post of the editor's form (the browser posts every field; these post some). */
const post = async (fields: Record<string, string>, lang = 'en', query = '') =>
  editAction({
    request: makeRequest(`/scenarios/${ID}/edit${query}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': lang },
      body: new URLSearchParams(fields).toString(),
    }),
    params: { id: ID },
    context: {},
  } as never) as Promise<Response>;

describe('editor', () => {
  it('shows every part of the case in forms, each number with its unit and the figure behind it', async () => {
    const page = await call<EditorPage>(
      editLoader,
      makeRequest(`/scenarios/${ID}/edit`, { headers: { 'Accept-Language': 'en' } }),
      { id: ID },
    );
    expect(page.body.page.sections.map((s) => s.key)).toEqual(
      expect.arrayContaining(['case', 'staff', 'budget', 'workflows', 'realization', 'options']),
    );
    const fields = fieldsOf(page.body.page.sections);
    const beds = fields.find((f) => f.name === 'n:hospital.beds')!;
    expect(beds).toMatchObject({ label: 'Beds', value: '45' });
    expect(beds.refs).toContain('1.23a.beds');
    expect(page.body.page.figures['1.23a.beds']!.label).toBeTruthy();
    // Shares are shown and typed as percentages.
    expect(fields.find((f) => f.name === 'n:budget.aiShare')).toMatchObject({ unit: '%' });
    expect(fields.find((f) => f.name === 'n:budget.aiShare')!.value).toMatch(/%$/);
    // Every option, line and workflow is named by its name, never an id.
    const titles = JSON.stringify(
      page.body.page.sections.map((s) => [s.title, s.children?.map((c) => c.title)]),
    );
    expect(titles).not.toMatch(/options\.|costLines|"opt-|"line-/);
    expect(page.body.draftId).toBeNull();
  }, 20_000);

  it('refuses a number that is not a number, says which field where, and stores nothing', async () => {
    const answer = await expectNothingChanges(async () => {
      const response = await post({
        baseVersion: '1',
        intent: 'save',
        savedBy: 'Dr Li',
        'n:hospital.beds': 'abc',
      });
      return { status: response.status, body: (await response.json()) as EditorPage };
    });
    expect(answer.status).toBe(400);
    expect(answer.body.page.problems[0]).toMatchObject({
      place: 'Hospital · Beds',
      anchor: 'f-n_hospital_beds',
    });
    expect(answer.body.page.problems[0]!.message).toMatch(/number/i);
    // What was typed comes back in its box.
    expect(fieldsOf(answer.body.page.sections).find((f) => f.name === 'n:hospital.beds')!.value).toBe('abc');
  });

  it('refuses 1e3 and hex by name, in the page’s language', async () => {
    const answer = await expectNothingChanges(async () => {
      const response = await post(
        {
          baseVersion: '1',
          intent: 'save',
          savedBy: '李医生',
          'n:hospital.beds': '1e3',
          'n:hospital.dischargesPerYear': '0x20',
        },
        'zh-CN',
      );
      return (await response.json()) as EditorPage;
    });
    const text = answer.page.problems.map((p) => `${p.place}：${p.message}`).join('\n');
    expect(text).toContain('医院概况 · 床位数：不支持科学计数法');
    expect(text).toContain('医院概况 · 年出院人次：');
    expect(text).toContain('十六进制');
  });

  it('refuses a share above 100 % with the bound as a percentage, and stores nothing', async () => {
    const answer = await expectNothingChanges(async () => {
      const response = await post(
        { baseVersion: '1', intent: 'save', savedBy: '李医生', 'n:budget.aiShare': '150%' },
        'zh-CN',
      );
      return { status: response.status, body: (await response.json()) as EditorPage };
    });
    expect(answer.status).toBe(400);
    expect(answer.body.page.problems).toContainEqual(
      expect.objectContaining({ place: '信息化预算 · AI 可占预算比例', message: '不能大于 100%' }),
    );
  });

  it('saves numbers written as people write them, as a new version keeping the old one', async () => {
    const response = await post({
      baseVersion: '1',
      intent: 'save',
      savedBy: 'Dr Li',
      note: 'more beds',
      'n:hospital.beds': '60',
      'n:budget.informatizationBaseAnnual': '80万',
      // A bare number in a percentage field is a percentage.
      'n:budget.aiShare': '15',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/scenarios/${ID}?saved=2`);
    const saved = getScenario(ID)!.document;
    expect(saved.hospital.beds).toBe(60);
    expect(saved.budget.informatizationBaseAnnual).toBe(800000);
    expect(saved.budget.aiShare).toBe(0.15);
    expect(getScenario(ID, 1)!.document.hospital.beds).toBe(45);
    expect(listVersions(ID)![0]).toMatchObject({ version: 2, savedBy: 'tester', note: 'more beds' });
    // Where a number the user typed came from no longer holds: its cited source goes; the
    // sources of the numbers left alone come through whole, notes in both languages.
    expect(saved.sources['budget.aiShare']).toBeUndefined();
    expect(saved.sources['hospital.outpatientVisitsPerYear']).toEqual(
      getScenario(ID, 1)!.document.sources['hospital.outpatientVisitsPerYear'],
    );
    expect(saved.options).toEqual(getScenario(ID, 1)!.document.options);
  });

  it('keeps structural edits in a draft until they are saved, then asks for what is missing by name', async () => {
    const added = await post({
      baseVersion: '2',
      intent: 'addOption',
      'new:optionName': 'SaaS per seat',
      'new:pricing': 'buy:perSeat',
    });
    expect(added.status).toBe(302);
    const location = new URL(added.headers.get('Location')!, 'http://x');
    const draftId = location.searchParams.get('draft')!;
    expect(draftId).toBeTruthy();
    // Nothing saved yet: still version 2.
    expect(getScenario(ID)!.version).toBe(2);
    const draft = await call<EditorPage>(
      editLoader,
      makeRequest(`/scenarios/${ID}/edit?draft=${draftId}`, { headers: { 'Accept-Language': 'en' } }),
      { id: ID },
    );
    const option = draft.body.page.sections
      .find((s) => s.key === 'options')!
      .children!.find((c) => c.title === 'Option “SaaS per seat”')!;
    expect(option).toBeDefined();
    const price = fieldsOf([option]).find((f) => f.label === 'Unit price')!;
    // The price is asked for: no invented default.
    expect(price.value).toBe('');
    const refused = await expectNothingChanges(async () => {
      const response = await post({ baseVersion: '2', draft: draftId, intent: 'save', savedBy: 'Dr Li' });
      return { status: response.status, body: (await response.json()) as EditorPage };
    });
    expect(refused.status).toBe(400);
    const problems = refused.body.page.problems.map((p) => `${p.place}: ${p.message}`);
    expect(problems).toContain(
      'Option “SaaS per seat” · Cost line “Seat subscription” · Unit price: Required (or use volume tiers)',
    );
    expect(problems.join('\n')).not.toMatch(/options\.|costLines|opt-\d|line-\d/);
    // Filled in, it saves as version 3; the draft is gone.
    const fields = Object.fromEntries(
      fieldsOf([option])
        .filter(
          (f) =>
            /claimedReduction|correctionMinutesPerError|unitPrice$|\.amount$/.test(f.name) && f.value === '',
        )
        .map((f) => [f.name, f.name.endsWith('claimedReduction') ? '30%' : '300']),
    );
    const saved = await post({
      baseVersion: '2',
      draft: draftId,
      intent: 'save',
      savedBy: 'Dr Li',
      ...fields,
    });
    expect(saved.status).toBe(302);
    expect(getScenario(ID)!.version).toBe(3);
    const doc = getScenario(ID)!.document;
    expect(doc.options.map((o) => o.name)).toContain('SaaS per seat');
  });

  it('refuses a save based on an old version (409) without overwriting', async () => {
    const answer = await expectNothingChanges(async () => {
      const response = await post({
        baseVersion: '1',
        intent: 'save',
        savedBy: 'Dr Wang',
        'n:hospital.beds': '70',
      });
      return { status: response.status, body: (await response.json()) as EditorPage };
    });
    expect(answer.status).toBe(409);
    expect(answer.body.general[0]).toContain('version 3');
  });

  it('saves changes from the JSON editor, and names every problem of a bad one in words', async () => {
    const doc = getScenario(ID)!.document;
    const bad = { ...doc, horizonYears: 12, hospital: { ...doc.hospital, beds: -3 } };
    const refused = await expectNothingChanges(async () => {
      const response = await post({
        baseVersion: '3',
        intent: 'json',
        savedBy: 'Dr Li',
        json: JSON.stringify(bad),
      });
      return { status: response.status, body: (await response.json()) as EditorPage & { json: string } };
    });
    expect(refused.status).toBe(400);
    expect(refused.body.general.join('\n')).toContain('Horizon (years)');
    expect(refused.body.general.join('\n')).toContain('Hospital · Beds');
    expect(refused.body.general.join('\n')).not.toMatch(/hospital\.beds/);
    // What the user typed comes back, so nothing is lost.
    expect(JSON.parse(refused.body.json).horizonYears).toBe(12);
    const good = { ...doc, options: doc.options.slice(0, 2), uncertainty: undefined };
    const response = await post({
      baseVersion: '3',
      intent: 'json',
      savedBy: 'Dr Li',
      json: JSON.stringify(good),
    });
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
    expect(page.body.comparison.inputs).toEqual(
      expect.arrayContaining([
        { kind: 'changed', where: '医院概况', what: '床位数', before: '45', after: '60' },
        {
          kind: 'changed',
          where: '信息化预算',
          what: '每年信息化预算',
          before: '20.70 万元',
          after: '80.00 万元',
        },
        { kind: 'changed', where: '信息化预算', what: 'AI 可占预算比例', before: '20%', after: '15%' },
      ]),
    );
    expect(JSON.stringify(page.body.comparison.inputs)).not.toMatch(/budget\.|hospital\.|options\./);
    expect(page.body.comparison.results.length).toBe(3);
    const en = await call<Page>(
      versionsLoader,
      makeRequest(`/scenarios/${ID}/versions?a=1&b=2`, { headers: { 'Accept-Language': 'en' } }),
      { id: ID },
    );
    expect(en.body.comparison.inputs[0]).toEqual({
      kind: 'changed',
      where: 'Hospital',
      what: 'Beds',
      before: '45',
      after: '60',
    });
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
