/**
 * The JSON API against a real SQLite file: create, read, edit, stale edit, old versions,
 * history, results; and every refusal leaves every stored row as it was.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compileScenario, runModel, validateScenario, type Lang, type Scenario } from '~/engine';
import { resultsForExport } from '~/engine/results';
import { langCookie } from '~/i18n/locale.server';
import * as list from '~/routes/api.scenarios';
import * as one from '~/routes/api.scenarios.$id';
import * as results from '~/routes/api.scenarios.$id.results';
import * as versions from '~/routes/api.scenarios.$id.versions';

import {
  BUNDLED_KEYS,
  call,
  CHINESE,
  closeAndRemoveTempDatabases,
  countRows,
  expectErrorShape,
  expectNoLeak,
  expectNothingChanges,
  makeRequest,
  readScenarioFile,
  ROOT,
  sqlite,
  type Answer,
  type ErrorBody,
  useJobPool,
  useTempDatabase,
} from './helpers';

const dbFile = useTempDatabase('api');
useJobPool();

const FILE = 'township-health-centre-api.json';
const fileDoc = readScenarioFile(FILE);
const validatedFile = (() => {
  const v = validateScenario(fileDoc);
  if (!v.ok) throw new Error('the bundled file does not validate');
  return v.scenario;
})();
/** What a document looks like once it has been through JSON (as the API sends it). */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const MiB = 1024 * 1024;

interface ListItem {
  id: string;
  name: string;
  hospital: string;
  version: number;
  archived: boolean;
  updatedAt: string;
}
interface ScenarioBody {
  id: string;
  name: string;
  version: number;
  latestVersion: number;
  document: Scenario;
  savedBy: string;
  note: string;
}
interface YearLike {
  cashOut: number;
  costs: Record<string, number>;
  funding: number;
  cashRealized: number;
  netCashFlow: number;
  budget: number;
  budgetHeadroom: number;
}
interface ResultsBody {
  scenario: string;
  currency: string;
  options: { id: string; years: YearLike[]; monthly?: unknown }[];
}

const getList = (headers: Record<string, string> = {}, query = '') =>
  call<ListItem[]>(list.loader, makeRequest(`/api/scenarios${query}`, { headers }));
const post = (json: unknown, headers: Record<string, string> = {}) =>
  call<{ id: string; version: number } & ErrorBody>(
    list.action,
    makeRequest('/api/scenarios', { method: 'POST', json, headers }),
  );
const getOne = (id: string, query = '', headers: Record<string, string> = {}) =>
  call<ScenarioBody & ErrorBody>(one.loader, makeRequest(`/api/scenarios/${id}${query}`, { headers }), {
    id,
  });
const put = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  call<{ id: string; version: number } & ErrorBody>(
    one.action,
    makeRequest(`/api/scenarios/${id}`, { method: 'PUT', json, headers }),
    { id },
  );
const getVersions = (id: string) =>
  call<{ version: number; savedAt: string; savedBy: string; note: string }[]>(
    versions.loader,
    makeRequest(`/api/scenarios/${id}/versions`),
    { id },
  );
const getResults = (id: string, query = '', headers: Record<string, string> = {}) =>
  call<ResultsBody & ErrorBody>(
    results.loader,
    makeRequest(`/api/scenarios/${id}/results${query}`, { headers }),
    { id },
  );

const expected = (doc: Scenario, lang: Lang) =>
  viaJson(resultsForExport(runModel(compileScenario(doc), undefined, { lang })));

/** A version-2 document: the same hospital with a different name and discount rate. */
const editedDoc = { ...viaJson(fileDoc), name: 'Township centre, edited', discountRate: 0.05 };

/** Checks the year conventions the results module documents. */
function expectYearConventions(body: ResultsBody) {
  expect(body.options.length).toBeGreaterThan(0);
  for (const o of body.options) {
    expect(o.years.length).toBeGreaterThan(0);
    for (const y of o.years) {
      const costs = Object.values(y.costs).reduce((a, b) => a + b, 0);
      expect(y.cashOut).toBeCloseTo(costs, 4);
      expect(y.netCashFlow).toBeCloseTo(y.cashRealized + y.funding - y.cashOut, 4);
      expect(y.budgetHeadroom).toBeCloseTo(y.budget - (y.cashOut - y.funding), 4);
    }
  }
}

afterAll(() => closeAndRemoveTempDatabases());

describe('the JSON API: create, read, edit', () => {
  let id = '';

  it('lists the five bundled scenarios of a new database', async () => {
    const res = await getList({ 'Accept-Language': 'en' });
    expect(res.status).toBe(200);
    expect(res.body.map((s) => s.id).sort()).toEqual([...BUNDLED_KEYS].sort());
    for (const s of res.body) {
      expect(s).toMatchObject({ version: 1, archived: false });
      expect(typeof s.name).toBe('string');
      expect(s.name).not.toMatch(CHINESE);
    }
    const zh = await getList({ 'Accept-Language': 'zh-CN,zh;q=0.9' });
    expect(zh.body.find((s) => s.id === 'township-health-centre-api')!.name).toMatch(CHINESE);
    expect((await getList({}, '?archived=1')).body).toEqual([]);
  });

  it('POST creates a scenario: 201, { id, version: 1 } and a Location header', async () => {
    const res = await post(fileDoc, { 'X-Saved-By': 'Dr. Wang', 'X-Save-Note': 'first draft' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(['id', 'version']);
    expect(res.body.version).toBe(1);
    expect(res.body.id).toMatch(/^[A-Za-z0-9_-]+$/);
    id = res.body.id;
    expect(res.headers.get('Location')).toBe(`/api/scenarios/${id}`);
    expect(countRows('scenario_versions', 'scenario_id = ?', id)).toBe(1);
    expect((await getList()).body.map((s) => s.id)).toContain(id);
  });

  it('GET reads it back as { id, name, version, document }', async () => {
    const res = await getOne(id, '', { 'Accept-Language': 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      version: 1,
      latestVersion: 1,
      // The caller's name: a name in X-Saved-By is ignored.
      savedBy: 'tester',
      note: 'first draft',
    });
    expect(res.body.name).toBe((fileDoc.name as { en: string }).en);
    expect(res.body.document).toEqual(viaJson(validatedFile));
    const zh = await getOne(id, '', { 'Accept-Language': 'zh-CN' });
    expect(zh.body.name).toBe((fileDoc.name as Record<string, string>)['zh-CN']);
  });

  it('the lang cookie wins over Accept-Language', async () => {
    const cookie = await langCookie.serialize('en');
    const res = await getOne(id, '', { 'Accept-Language': 'zh-CN', Cookie: cookie });
    expect(res.body.name).toBe((fileDoc.name as { en: string }).en);
  });

  it('PUT { baseVersion: 1, document } saves version 2', async () => {
    const res = await put(id, { baseVersion: 1, document: editedDoc, savedBy: 'Dr. Li', note: 'lower rate' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id, version: 2 });
    const latest = await getOne(id);
    expect(latest.body).toMatchObject({ version: 2, latestVersion: 2, name: 'Township centre, edited' });
    expect(latest.body.document.discountRate).toBe(0.05);
    expect(countRows('scenario_versions', 'scenario_id = ?', id)).toBe(2);
    const listed = (await getList()).body.find((s) => s.id === id)!;
    expect(listed).toMatchObject({ version: 2, name: 'Township centre, edited' });
  });

  it('a second PUT on baseVersion 1 is a 409 naming baseVersion, and stores nothing', async () => {
    const before = countRows('scenario_versions', 'scenario_id = ?', id);
    const res = await expectNothingChanges(() =>
      put(id, { baseVersion: 1, document: fileDoc }, { 'Accept-Language': 'en' }),
    );
    expect(res.status).toBe(409);
    const body = expectErrorShape(res.body);
    expect(body.errors[0]!.path).toBe('baseVersion');
    expect(body.errors[0]!.code).toBe('stale');
    expect(body.errors[0]!.message).toContain('2');
    expect(body.latestVersion).toBe(2);
    expect(countRows('scenario_versions', 'scenario_id = ?', id)).toBe(before);
    expectNoLeak(res.text);
    expect((await getOne(id)).body.document.discountRate).toBe(0.05);
  });

  it('a PUT on a future baseVersion is refused the same way', async () => {
    const res = await expectNothingChanges(() => put(id, { baseVersion: 7, document: fileDoc }));
    expect(res.status).toBe(409);
    expect(res.body.latestVersion).toBe(2);
  });

  it('GET ?version=1 returns the old document', async () => {
    const res = await getOne(id, '?version=1');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id, version: 1, latestVersion: 2 });
    expect(res.body.document).toEqual(viaJson(validatedFile));
    expect((await getOne(id, '?version=2')).body.document.name).toBe('Township centre, edited');
  });

  it.each(['abc', '0', '-1', '1.5', '', '2x'])('GET ?version=%j is a 400 naming version', async (v) => {
    const res = await expectNothingChanges(() =>
      getOne(id, `?version=${encodeURIComponent(v)}`, { 'Accept-Language': 'en' }),
    );
    expect(res.status).toBe(400);
    const body = expectErrorShape(res.body);
    expect(body.errors.map((e) => e.path)).toEqual(['version']);
    expectNoLeak(res.text);
  });

  it('GET ?version=99 is a 404 naming the version; an unknown id is a 404', async () => {
    const res = await getOne(id, '?version=99', { 'Accept-Language': 'en' });
    expect(res.status).toBe(404);
    const body = expectErrorShape(res.body);
    expect(body.errors[0]).toMatchObject({ path: 'version', code: 'versionNotFound' });
    expect(body.errors[0]!.message).toContain('99');
    const unknown = await getOne('no-such-scenario');
    expect(unknown.status).toBe(404);
    expect(expectErrorShape(unknown.body).errors[0]!.code).toBe('notFound');
    const unknownVersion = await getOne('no-such-scenario', '?version=1');
    expect(unknownVersion.status).toBe(404);
    expect(expectErrorShape(unknownVersion.body).errors[0]!.code).toBe('notFound');
  });

  it('GET /versions lists { version, savedAt, savedBy, note, review }, newest first', async () => {
    const res = await getVersions(id);
    expect(res.status).toBe(200);
    expect(res.body.map((v) => Object.keys(v).sort())).toEqual([
      ['note', 'review', 'savedAt', 'savedBy', 'version'],
      ['note', 'review', 'savedAt', 'savedBy', 'version'],
    ]);
    // Saved under the caller's name, whatever the body's savedBy said.
    expect(res.body.map(({ savedAt: _s, ...rest }) => rest)).toEqual([
      { version: 2, savedBy: 'tester', note: 'lower rate', review: null },
      { version: 1, savedBy: 'tester', note: 'first draft', review: null },
    ]);
    for (const v of res.body) expect(Number.isNaN(Date.parse(v.savedAt))).toBe(false);
    expect(res.body[0]!.savedAt >= res.body[1]!.savedAt).toBe(true);
    const bundled = await getVersions('county-hospital-300-beds');
    expect(bundled.body).toEqual([
      expect.objectContaining({ version: 1, savedBy: 'Hospital AI Planner', note: 'Bundled example' }),
    ]);
    expect((await getVersions('no-such-scenario')).status).toBe(404);
  });

  it('GET /results is the engine run on the stored document, in the export shape', async () => {
    const latest = await getResults(id, '', { 'Accept-Language': 'en' });
    expect(latest.status).toBe(200);
    const editedValidated = validateScenario(editedDoc);
    if (!editedValidated.ok) throw new Error('edited document does not validate');
    expect(latest.body).toEqual(expected(editedValidated.scenario, 'en'));
    for (const o of latest.body.options) expect(o).not.toHaveProperty('monthly');
    expectYearConventions(latest.body);

    const old = await getResults(id, '?version=1', { 'Accept-Language': 'zh-CN' });
    expect(old.status).toBe(200);
    expect(old.body).toEqual(expected(validatedFile, 'zh-CN'));
    expectYearConventions(old.body);
    expect(old.body).not.toEqual(latest.body);

    for (const key of BUNDLED_KEYS) {
      const bundled = await getResults(key, '', { 'Accept-Language': 'en' });
      expect(bundled.status).toBe(200);
      expectYearConventions(bundled.body);
    }
  });

  it('GET /results equals `npm run simulate -- file --json` for the same document', async () => {
    const out = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(ROOT, 'scripts', 'simulate.ts'),
        join('scenarios', FILE),
        '--json',
        '--lang',
        'en',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(out.status, out.stderr).toBe(0);
    const cli = JSON.parse(out.stdout) as unknown;
    const api = await getResults(id, '?version=1', { 'Accept-Language': 'en' });
    expect(api.body).toEqual(cli);
  }, 20_000);

  it('GET /results: ?version=abc is a 400, ?version=99 and an unknown id are 404s', async () => {
    const bad = await getResults(id, '?version=abc');
    expect(bad.status).toBe(400);
    expect(expectErrorShape(bad.body).errors.map((e) => e.path)).toEqual(['version']);
    expect((await getResults(id, '?version=99')).status).toBe(404);
    expect((await getResults('no-such-scenario')).status).toBe(404);
  });

  it('GET /results?version=99 names the version, as GET /:id?version=99 does', async () => {
    const res = await getResults(id, '?version=99', { 'Accept-Language': 'en' });
    expect(res.status).toBe(404);
    expect(expectErrorShape(res.body).errors[0]).toMatchObject({ path: 'version', code: 'versionNotFound' });
  });

  it('the database file is the one the test asked for', () => {
    expect(sqlite().name).toBe(dbFile);
  });
});

describe('the JSON API: refusals change nothing', () => {
  let id = '';
  beforeAll(async () => {
    const created = await post(fileDoc);
    expect(created.status).toBe(201);
    id = created.body.id;
  });

  /** Builds a POST (to the list) or PUT (to `id`) with a raw body. */
  const raw = (
    target: 'post' | 'put',
    body: BodyInit | undefined,
    headers: Record<string, string>,
  ): Promise<Answer<ErrorBody>> =>
    target === 'post'
      ? call<ErrorBody>(list.action, makeRequest('/api/scenarios', { method: 'POST', body, headers }))
      : call<ErrorBody>(one.action, makeRequest(`/api/scenarios/${id}`, { method: 'PUT', body, headers }), {
          id,
        });

  const refused = async (answer: () => Promise<Answer<ErrorBody>>, status: number) => {
    const res = await expectNothingChanges(answer);
    expect(res.status).toBe(status);
    const body = expectErrorShape(res.body);
    expectNoLeak(res.text);
    return body;
  };

  describe.each(['post', 'put'] as const)('%s', (target) => {
    const validBody = () =>
      JSON.stringify(target === 'post' ? fileDoc : { baseVersion: 1, document: fileDoc });

    it.each([
      ['text/plain', { 'Content-Type': 'text/plain' }],
      ['form-encoded', { 'Content-Type': 'application/x-www-form-urlencoded' }],
      ['a JSON-like type', { 'Content-Type': 'application/json-patch+json' }],
      ['no Content-Type', {}],
    ])('a body sent as %s is a 415', async (_label, headers: Record<string, string>) => {
      const body = await refused(
        () => raw(target, validBody(), { ...headers, 'Accept-Language': 'en' }),
        415,
      );
      expect(body.errors[0]!.code).toBe('unsupportedMediaType');
    });

    it('application/json with a charset is accepted as JSON', async () => {
      const res = await expectNothingChanges(() =>
        raw(target, '{"broken": ', { 'Content-Type': 'Application/JSON; charset=utf-8' }),
      );
      expect(res.status).toBe(400);
      expect(res.body.errors[0]!.code).toBe('invalidJson');
    });

    it.each(['{"name": ', '', 'not json', '{"a":1}}', "{'a': 1}"])(
      'malformed JSON %j is a 400 invalidJson',
      async (text) => {
        const body = await refused(
          () => raw(target, text, { 'Content-Type': 'application/json', 'Accept-Language': 'en' }),
          400,
        );
        expect(body.errors).toHaveLength(1);
        expect(body.errors[0]).toMatchObject({ path: '', code: 'invalidJson' });
      },
    );

    it('a body over 1 MiB with a Content-Length header is a 413', async () => {
      const big = JSON.stringify({ pad: 'x'.repeat(MiB + 10) });
      const headers = {
        'Content-Type': 'application/json',
        'Content-Length': String(Buffer.byteLength(big)),
        'Accept-Language': 'en',
      };
      expect(
        makeRequest('/api/scenarios', { method: 'POST', body: big, headers }).headers.get('Content-Length'),
      ).toBe(String(Buffer.byteLength(big)));
      const body = await refused(() => raw(target, big, headers), 413);
      expect(body.errors[0]!.code).toBe('bodyTooLarge');
      expect(body.errors[0]!.message).toContain(String(MiB));
    });

    it('a declared Content-Length over 1 MiB is refused before the body is read', async () => {
      let pulled = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode('{}'));
          controller.close();
        },
      });
      const req = makeRequest(target === 'post' ? '/api/scenarios' : `/api/scenarios/${id}`, {
        method: target === 'post' ? 'POST' : 'PUT',
        body: stream,
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(2 * MiB) },
      });
      const fn = target === 'post' ? list.action : one.action;
      const res = await expectNothingChanges(() => call<ErrorBody>(fn, req, { id }));
      expect(res.status).toBe(413);
      expect(pulled).toBeLessThanOrEqual(1);
    });

    it('a streamed body over 1 MiB without Content-Length is a 413, and reading stops', async () => {
      const chunk = new TextEncoder().encode(`"${'y'.repeat(64 * 1024 - 2)}",`);
      const total = 8 * MiB;
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('['));
        },
        pull(controller) {
          if (sent >= total) {
            controller.enqueue(new TextEncoder().encode('0]'));
            controller.close();
            return;
          }
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
      });
      const req = makeRequest(target === 'post' ? '/api/scenarios' : `/api/scenarios/${id}`, {
        method: target === 'post' ? 'POST' : 'PUT',
        body: stream,
        headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' },
      });
      expect(req.headers.get('Content-Length')).toBeNull();
      const fn = target === 'post' ? list.action : one.action;
      const res = await expectNothingChanges(() => call<ErrorBody>(fn, req, { id }));
      expect(res.status).toBe(413);
      expect(expectErrorShape(res.body).errors[0]!.code).toBe('bodyTooLarge');
      expectNoLeak(res.text);
      expect(sent).toBeLessThan(2 * MiB);
    });

    it('a body that lies about its Content-Length is still cut off at 1 MiB', async () => {
      const big = JSON.stringify({ pad: 'z'.repeat(2 * MiB) });
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(big));
          controller.close();
        },
      });
      const req = makeRequest(target === 'post' ? '/api/scenarios' : `/api/scenarios/${id}`, {
        method: target === 'post' ? 'POST' : 'PUT',
        body: stream,
        headers: { 'Content-Type': 'application/json', 'Content-Length': '100' },
      });
      const fn = target === 'post' ? list.action : one.action;
      const res = await expectNothingChanges(() => call<ErrorBody>(fn, req, { id }));
      expect(res.status).toBe(413);
    });
  });

  /** A document with several independent defects. */
  const defective = () => {
    const doc = viaJson(fileDoc) as Record<string, unknown> & { hospital: Record<string, unknown> };
    doc.horizonYears = 'five';
    doc.discountRate = 7;
    doc.hospital.beds = -5;
    doc.bogusField = true;
    return doc;
  };
  const expectedPaths = (() => {
    const v = validateScenario(defective());
    if (v.ok) throw new Error('the defective document validates');
    return v.problems.map((p) => p.path);
  })();

  it('the defective document really has several defects', () => {
    expect(expectedPaths).toEqual(expect.arrayContaining(['horizonYears', 'discountRate', 'hospital.beds']));
    expect(expectedPaths.length).toBeGreaterThanOrEqual(4);
  });

  it('POST of an invalid document is a 400 listing every path, in English', async () => {
    const body = await refused(() => post(defective(), { 'Accept-Language': 'en-US,en;q=0.9' }), 400);
    expect(body.errors.map((e) => e.path)).toEqual(expectedPaths);
    for (const e of body.errors) {
      expect(e.message, e.path).not.toMatch(CHINESE);
      expect(e.message, e.path).toMatch(/[A-Za-z]/);
      expect(e.message, e.path).not.toMatch(/\{\w+\}/);
    }
    expect(body.errors.find((e) => e.path === 'discountRate')!.message).toBe('Must be at most 1');
  });

  it('POST of an invalid document is a 400 listing every path, in Chinese', async () => {
    const body = await refused(() => post(defective(), { 'Accept-Language': 'zh-CN' }), 400);
    expect(body.errors.map((e) => e.path)).toEqual(expectedPaths);
    for (const e of body.errors) {
      expect(e.message, e.path).toMatch(CHINESE);
      expect(e.message, e.path).not.toMatch(/\{\w+\}/);
    }
  });

  it('PUT of an invalid document is a 400 with the paths under document.', async () => {
    const body = await refused(
      () => put(id, { baseVersion: 1, document: defective() }, { 'Accept-Language': 'en' }),
      400,
    );
    expect(body.errors.map((e) => e.path)).toEqual(
      expectedPaths.map((p) => (p ? `document.${p}` : 'document')),
    );
  });

  it.each([
    ['null', null, ['']],
    ['an array', [1, 2], ['']],
    ['a string', 'scenario', ['']],
  ])('POST of %s is a 400', async (_label, json, paths) => {
    const body = await refused(() => post(json, { 'Accept-Language': 'en' }), 400);
    expect(body.errors.map((e) => e.path)).toEqual(paths);
  });

  it.each([
    ['no baseVersion', { document: 'x' }, ['baseVersion']],
    ['a text baseVersion', { baseVersion: 'one', document: {} }, ['baseVersion']],
    ['baseVersion 0', { baseVersion: 0, document: {} }, ['baseVersion']],
    ['a fractional baseVersion', { baseVersion: 1.5, document: {} }, ['baseVersion']],
  ])('PUT with %s is a 400 naming the envelope field', async (_label, json, paths) => {
    const body = await refused(() => put(id, json, { 'Accept-Language': 'en' }), 400);
    expect(body.errors.map((e) => e.path)).toEqual(paths);
  });

  it('PUT without a document is a 400 naming document', async () => {
    const body = await refused(() => put(id, { baseVersion: 1 }, { 'Accept-Language': 'en' }), 400);
    expect(body.errors.map((e) => e.path)).toEqual(['document']);
  });

  it('PUT to an unknown id is a 404', async () => {
    const body = await refused(
      () => put('no-such-scenario', { baseVersion: 1, document: fileDoc }, { 'Accept-Language': 'en' }),
      404,
    );
    expect(body.errors[0]!.code).toBe('notFound');
  });

  it.each(['PUT', 'PATCH', 'DELETE'])('%s /api/scenarios is a 405', async (method) => {
    const body = await refused(
      () =>
        call<ErrorBody>(
          list.action,
          makeRequest('/api/scenarios', { method, json: fileDoc, headers: { 'Accept-Language': 'en' } }),
        ),
      405,
    );
    expect(body.errors[0]!.code).toBe('methodNotAllowed');
  });

  it.each(['POST', 'PATCH', 'DELETE'])('%s /api/scenarios/:id is a 405', async (method) => {
    const body = await refused(
      () =>
        call<ErrorBody>(
          one.action,
          makeRequest(`/api/scenarios/${id}`, {
            method,
            json: { baseVersion: 1, document: fileDoc },
            headers: { 'Accept-Language': 'zh-CN' },
          }),
          { id },
        ),
      405,
    );
    expect(body.errors[0]!.message).toMatch(CHINESE);
  });

  it('after all the refusals the scenario still has exactly its first version', async () => {
    expect(countRows('scenario_versions', 'scenario_id = ?', id)).toBe(1);
    const res = await getOne(id);
    expect(res.body).toMatchObject({ version: 1, latestVersion: 1 });
    expect(res.body.document).toEqual(viaJson(validatedFile));
  });
});
