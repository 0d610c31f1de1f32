/**
 * The portfolio API against a real SQLite file: create (201, Location), every refusal naming its
 * field in the caller's language and storing nothing, another hospital's portfolio or scenario
 * answered as one that does not exist, stale saves 409, the plan route's validation and its
 * answer's shape (from a plan kept in the cache), and share links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import { ensureHospital } from '~/models/hospitals.server';
import { putCachedPlan, readPortfolio } from '~/models/portfolios.server';
import { createScenario } from '~/models/scenarios.server';
import { budgetKey } from '~/portfolio/plan.server';
import { resolvePortfolioShare } from '~/portfolio/shares.server';
import * as list from '~/routes/api.portfolios';
import * as one from '~/routes/api.portfolios.$id';
import * as plan from '~/routes/api.portfolios.$id.plan';
import * as share from '~/routes/api.portfolios.$id.share';

import { planFixture } from '../portfolio/plan-fixture';
import { useCase } from '../portfolio/scenarios';
import {
  call,
  closeAndRemoveTempDatabases,
  countRows,
  expectErrorShape,
  expectNoLeak,
  expectNothingChanges,
  makeRequest,
  signInAs,
  type TestIdentity,
  useTempDatabase,
} from './helpers';

useTempDatabase('portfolios-api');
afterAll(() => closeAndRemoveTempDatabases());

const HOSPITAL = '青山县人民医院';
const OTHER = '邻县中医院';
let a: string;
let b: string;
let foreign: string;
let planner: TestIdentity;
let viewer: TestIdentity;
let outsider: TestIdentity;

beforeAll(() => {
  const db = getDb();
  const hospital = ensureHospital(db, HOSPITAL).id;
  const other = ensureHospital(db, OTHER).id;
  a = createScenario(useCase('a'), { savedBy: 'fixture', hospitalId: hospital }).id;
  b = createScenario(useCase('b'), { savedBy: 'fixture', hospitalId: hospital }).id;
  foreign = createScenario(useCase('f', { name: '邻县保密用例' }), {
    savedBy: 'fixture',
    hospitalId: other,
  }).id;
  planner = signInAs('qs-planner', { hospital: HOSPITAL, role: 'planner' });
  viewer = signInAs('qs-viewer', { hospital: HOSPITAL, role: 'viewer' });
  outsider = signInAs('lx-planner', { hospital: OTHER, role: 'planner' });
});

const body = (changes: Record<string, unknown> = {}) => ({
  name: '护理与随访',
  scenarioIds: [a, b],
  ...changes,
});

const post = (json: unknown, as: TestIdentity = planner, lang = 'zh-CN') =>
  call<{ id: string; version: number }>(
    list.action,
    makeRequest('/api/portfolios', { method: 'POST', as, json, headers: { 'Accept-Language': lang } }),
  );

async function created(changes: Record<string, unknown> = {}): Promise<string> {
  const answer = await post(body(changes));
  expect(answer.status, answer.text).toBe(201);
  return answer.body.id;
}

const get = (
  fn: typeof one.loader | typeof plan.loader,
  path: string,
  id: string,
  as = planner,
  lang = 'zh-CN',
) => call(fn, makeRequest(path, { as, headers: { 'Accept-Language': lang } }), { id });

describe('POST /api/portfolios', () => {
  it('creates version 1: 201 with its id and Location, in the audit log', async () => {
    const audits = countRows('audit_log', "action = 'portfolio.create'");
    const answer = await post(body());
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({ id: expect.any(String), version: 1 });
    expect(answer.headers.get('Location')).toBe(`/api/portfolios/${answer.body.id}`);
    const stored = readPortfolio(answer.body.id)!;
    expect(stored.savedBy).toBe('qs-planner');
    expect(stored.document.budgetByYear).toEqual([500_000, 500_000]);
    expect(countRows('audit_log', "action = 'portfolio.create'")).toBe(audits + 1);
  });

  it('refuses a negative budget naming its year, in the caller’s language, storing nothing', async () => {
    for (const [lang, words] of [
      ['zh-CN', '2028 年的 AI 预算：不能为负数'],
      ['en', 'AI budget for 2028: must not be negative'],
    ] as const) {
      const answer = await expectNothingChanges(() =>
        post(body({ budgetByYear: [500_000, -200_000] }), planner, lang),
      );
      expect(answer.status).toBe(400);
      expect(expectErrorShape(answer.body).errors).toEqual([
        { path: 'budgetByYear.1', code: 'negative', message: words },
      ]);
    }
  });

  it('answers an unknown scenario and another hospital’s alike (400 naming its place), naming nothing of it', async () => {
    const answer = await expectNothingChanges(() =>
      post(body({ scenarioIds: [a, foreign, 'no-such-case'] })),
    );
    expect(answer.status).toBe(400);
    const errors = expectErrorShape(answer.body).errors;
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['scenarioIds.1', 'scenarioNotFound'],
      ['scenarioIds.2', 'scenarioNotFound'],
    ]);
    expect(errors[0]!.message).toBe('第 2 个用例：本院没有这个用例');
    expect(errors[0]!.message).toBe(errors[1]!.message.replace('第 3 个', '第 2 个'));
    expect(answer.text).not.toContain('邻县');
  });

  it('maps what the schema refuses to the same shape, field by field', async () => {
    const answer = await expectNothingChanges(() =>
      post({ scenarioIds: 'a', objective: 'most', colour: 'red' }, planner, 'en'),
    );
    expect(answer.status).toBe(400);
    const errors = expectErrorShape(answer.body).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'name', code: 'required', message: 'Name: required' },
        { path: 'objective', code: 'enum', message: 'Goal: must be one of: npv, p10, npvWithBreachLimit' },
        { path: '', code: 'unknownKey', message: 'Not a field of a portfolio: colour' },
      ]),
    );
    expect(errors.map((e) => e.path)).toContain('scenarioIds');
    expectNoLeak(answer.text);
  });

  it('refuses a body that is not JSON (415) or too large (413)', async () => {
    const notJson = await call(
      list.action,
      makeRequest('/api/portfolios', { method: 'POST', as: planner, body: 'name=x' }),
    );
    expect(notJson.status).toBe(415);
    const large = await call(
      list.action,
      makeRequest('/api/portfolios', {
        method: 'POST',
        as: planner,
        json: body({ padding: 'x'.repeat(1024 * 1024) }),
      }),
    );
    expect(large.status).toBe(413);
  });

  it('does not let a viewer create one (403), storing nothing', async () => {
    const before = countRows('portfolios');
    const answer = await post(body(), viewer);
    expect(answer.status).toBe(403);
    expect(expectErrorShape(answer.body).errors[0]!.code).toBe('hospitalNotYours');
    expect(countRows('portfolios')).toBe(before);
  });

  it('asks a planner of two hospitals which one (?hospital=)', async () => {
    const both = signInAs('two-hospitals', { hospital: HOSPITAL, role: 'planner' });
    signInAs('two-hospitals', { hospital: OTHER, role: 'planner' });
    const answer = await post(body(), both);
    expect(answer.status).toBe(400);
    expect(expectErrorShape(answer.body).errors[0]!.code).toBe('hospitalRequired');
    const named = await call(
      list.action,
      makeRequest(`/api/portfolios?hospital=${encodeURIComponent(HOSPITAL)}`, {
        method: 'POST',
        as: both,
        json: body(),
      }),
    );
    expect(named.status).toBe(201);
  });

  it('refuses a write from the browser without the CSRF token', async () => {
    const answer = await call(
      list.action,
      makeRequest('/api/portfolios', {
        method: 'POST',
        as: planner,
        json: body(),
        headers: { 'X-CSRF-Token': 'x' },
      }),
    );
    expect(answer.status).toBe(403);
    expect(expectErrorShape(answer.body).errors[0]!.code).toBe('csrfMissing');
  });
});

describe('GET /api/portfolios and /api/portfolios/:id', () => {
  it('lists the caller’s hospitals’ portfolios only', async () => {
    const id = await created({ name: '只在本院' });
    const mine = await call<{ id: string; name: string; hospital: string }[]>(
      list.loader,
      makeRequest('/api/portfolios', { as: viewer }),
    );
    expect(mine.status).toBe(200);
    expect(mine.body.find((p) => p.id === id)).toMatchObject({
      name: '只在本院',
      hospital: HOSPITAL,
      version: 1,
    });
    const theirs = await call<unknown[]>(list.loader, makeRequest('/api/portfolios', { as: outsider }));
    expect(theirs.text).not.toContain(id);
    expect(theirs.text).not.toContain('只在本院');
    const named = await call<unknown[]>(
      list.loader,
      makeRequest(`/api/portfolios?hospital=${encodeURIComponent(OTHER)}`, { as: viewer }),
    );
    expect(named.body).toEqual([]);
  });

  it('answers a version with its request, its document and the versions', async () => {
    const id = await created();
    const answer = await get(one.loader, `/api/portfolios/${id}`, id, viewer);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id,
      name: '护理与随访',
      version: 1,
      latestVersion: 1,
      savedBy: 'qs-planner',
      versions: [{ version: 1, name: '护理与随访', savedBy: 'qs-planner' }],
      request: body(),
      document: {
        members: [
          { scenarioId: a, version: 1 },
          { scenarioId: b, version: 1 },
        ],
        horizonYears: 2,
      },
    });
  });

  it('answers another hospital’s portfolio as none (404 naming nothing), and a wrong version', async () => {
    const id = await created({ name: '保密组合' });
    const denied = countRows('audit_log', "action = 'access.denied' AND object_type = 'portfolio'");
    const refused = await get(one.loader, `/api/portfolios/${id}`, id, outsider);
    // The refusal is in the audit log (as a scenario's is).
    expect(countRows('audit_log', "action = 'access.denied' AND object_type = 'portfolio'")).toBe(denied + 1);
    expect(refused.status).toBe(404);
    expect(expectErrorShape(refused.body).errors).toEqual([
      { path: '', code: 'notFound', message: '没有这个组合' },
    ]);
    expect(refused.text).not.toContain('保密组合');
    const none = await get(one.loader, '/api/portfolios/nope', 'nope');
    expect(none.status).toBe(404);
    expect(none.body).toEqual(refused.body);
    const version = await get(one.loader, `/api/portfolios/${id}?version=9`, id);
    expect(version.status).toBe(404);
    expect(expectErrorShape(version.body).errors[0]).toMatchObject({
      path: 'version',
      code: 'versionNotFound',
    });
    const bad = await get(one.loader, `/api/portfolios/${id}?version=x`, id);
    expect(bad.status).toBe(400);
  });
});

describe('PUT /api/portfolios/:id', () => {
  const put = (id: string, json: unknown, as = planner) =>
    call<{ id: string; version: number; latestVersion?: number }>(
      one.action,
      makeRequest(`/api/portfolios/${id}`, {
        method: 'PUT',
        as,
        json,
        headers: { 'Accept-Language': 'zh-CN' },
      }),
      { id },
    );

  it('saves a new version, then refuses a stale one (409) changing nothing', async () => {
    const id = await created();
    const saved = await put(id, { baseVersion: 1, request: body({ name: '第二稿' }), note: '改名' });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ id, version: 2 });
    expect(readPortfolio(id)).toMatchObject({
      version: 2,
      name: '第二稿',
      note: '改名',
      savedBy: 'qs-planner',
    });
    const stale = await expectNothingChanges(() =>
      put(id, { baseVersion: 1, request: body({ name: '第三稿' }) }),
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ latestVersion: 2, errors: [{ path: 'baseVersion', code: 'stale' }] });
    expect(expectErrorShape(stale.body).errors[0]!.message).toBe(
      '在你的基础版本 1 之后已保存了第 2 版；未覆盖任何内容',
    );
  });

  it('names a wrong field of the request under request.', async () => {
    const id = await created();
    const answer = await expectNothingChanges(() =>
      put(id, { baseVersion: 1, request: body({ budgetByYear: [-1, 0] }) }),
    );
    expect(answer.status).toBe(400);
    expect(expectErrorShape(answer.body).errors).toEqual([
      { path: 'request.budgetByYear.0', code: 'negative', message: '2027 年的 AI 预算：不能为负数' },
    ]);
    const envelope = await expectNothingChanges(() => put(id, { request: body() }));
    expect(expectErrorShape(envelope.body).errors).toEqual([
      { path: 'baseVersion', code: 'required', message: '所编辑的版本：必填' },
    ]);
  });

  it('does not let a viewer save (403 naming the role)', async () => {
    const id = await created();
    const answer = await put(id, { baseVersion: 1, request: body() }, viewer);
    expect(answer.status).toBe(403);
    expect(answer.text).toContain('查看者');
    expect(readPortfolio(id)!.version).toBe(1);
  });
});

describe('GET /api/portfolios/:id/plan', () => {
  it('answers the plan’s summary in CNY, or the whole plan with detail=1 (a kept plan)', async () => {
    const id = await created();
    putCachedPlan(id, 1, '', planFixture(a, b));
    const answer = await get(plan.loader, `/api/portfolios/${id}/plan`, id, viewer);
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body).toEqual({
      id,
      version: 1,
      status: 'optimal',
      objective: 'npv',
      objectiveValue: 812_000,
      gap: 0,
      infeasibleYears: [],
      choices: [
        { scenarioId: a, optionId: 'a-build', startOffsetYears: 0 },
        { scenarioId: b, optionId: null, startOffsetYears: null },
      ],
      years: [
        { year: 2027, spend: 480_000, budget: 500_000, headroom: 20_000 },
        { year: 2028, spend: 120_000, budget: 500_000, headroom: 380_000 },
      ],
      duals: [
        { year: 2027, value: 0.35 },
        { year: 2028, value: 0 },
      ],
      alternatives: [
        { name: 'positiveNpvGreedy', objectiveValue: 640_000 },
        { name: 'everythingNow', objectiveValue: 1_100_000 },
      ],
    });
    const detail = await get(plan.loader, `/api/portfolios/${id}/plan?detail=1&version=1`, id);
    expect(detail.body).toEqual({ id, version: 1, ...planFixture(a, b) });
    // A what-if equal to the version's own budget is the version's plan.
    const same = await get(plan.loader, `/api/portfolios/${id}/plan?budgetByYear=500000,500000`, id);
    expect(same.body).toMatchObject({ objectiveValue: 812_000 });
  });

  it('keeps a what-if budget’s plan apart, by the budget', async () => {
    const id = await created();
    putCachedPlan(id, 1, '', planFixture(a, b));
    putCachedPlan(id, 1, budgetKey([500_000, 500_000], [300_000, 600_000]), {
      ...planFixture(a, b),
      objectiveValue: 700_000,
    });
    const answer = await get(plan.loader, `/api/portfolios/${id}/plan?budgetByYear=300000,%20600000`, id);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ objectiveValue: 700_000 });
  });

  it('names what is wrong with a what-if budget, by year', async () => {
    const id = await created();
    const ask = async (query: string, lang = 'zh-CN') => {
      const answer = await expectNothingChanges(() =>
        get(plan.loader, `/api/portfolios/${id}/plan?${query}`, id, planner, lang),
      );
      expect(answer.status).toBe(400);
      return expectErrorShape(answer.body).errors;
    };
    expect(await ask('budgetByYear=500000,-1')).toEqual([
      { path: 'budgetByYear.1', code: 'negative', message: '2028 年的 AI 预算：不能为负数' },
    ]);
    expect(await ask('budgetByYear=500000,lots', 'en')).toEqual([
      { path: 'budgetByYear.1', code: 'notANumber', message: 'AI budget for 2028: must be a number (CNY)' },
    ]);
    expect(await ask('budgetByYear=500000')).toEqual([
      {
        path: 'budgetByYear',
        code: 'lengthMismatch',
        message: '逐年 AI 预算：请为规划的 2 年每年填一个数（现有 1 个）',
      },
    ]);
    expect((await ask('budgetByYear='))[0]!.path).toBe('budgetByYear');
    expect((await ask('detail=yes'))[0]!.path).toBe('detail');
    expect((await ask('version=0'))[0]!.path).toBe('version');
  });

  it('answers another hospital’s portfolio and a missing version 404', async () => {
    const id = await created();
    putCachedPlan(id, 1, '', planFixture(a, b));
    const theirs = await get(plan.loader, `/api/portfolios/${id}/plan`, id, outsider);
    expect(theirs.status).toBe(404);
    expect(expectErrorShape(theirs.body).errors[0]!.code).toBe('notFound');
    expect(theirs.text).not.toContain('a-build');
    const version = await get(plan.loader, `/api/portfolios/${id}/plan?version=4`, id);
    expect(version.status).toBe(404);
    expect(expectErrorShape(version.body).errors[0]).toMatchObject({
      path: 'version',
      code: 'versionNotFound',
    });
  });
});

describe('share links', () => {
  it('makes a link to the pinned version, counts its views, lists and revokes it', async () => {
    const id = await created();
    const made = await call<{ url: string; token: string; version: number; expiresAt: string | null }>(
      share.action,
      makeRequest(`/api/portfolios/${id}/share`, {
        method: 'POST',
        as: planner,
        json: { expiresInDays: 30 },
      }),
      { id },
    );
    expect(made.status).toBe(201);
    expect(made.body.url).toBe(`http://localhost/p/${made.body.token}`);
    expect(made.body.version).toBe(1);
    expect(Date.parse(made.body.expiresAt!) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(countRows('portfolio_share_links', 'token_hash = ?', made.body.token)).toBe(0);

    const opened = resolvePortfolioShare(made.body.token, { countView: true });
    expect(opened).toMatchObject({ status: 'ok', portfolio: { id, version: 1 } });
    resolvePortfolioShare(made.body.token, { countView: true });

    const links = await call<{ id: string; views: number; status: string }[]>(
      share.loader,
      makeRequest(`/api/portfolios/${id}/share`, { as: planner }),
      { id },
    );
    expect(links.body).toEqual([
      expect.objectContaining({ views: 2, status: 'active', createdBy: 'qs-planner' }),
    ]);
    expect(links.text).not.toContain(made.body.token);

    const revoke = (as = planner) =>
      call(
        share.action,
        makeRequest(`/api/portfolios/${id}/share?link=${links.body[0]!.id}`, { method: 'DELETE', as }),
        {
          id,
        },
      );
    expect((await revoke(viewer)).status).toBe(403);
    expect((await revoke()).status).toBe(204);
    expect((await revoke()).status).toBe(410);
    expect(resolvePortfolioShare(made.body.token)).toEqual({ status: 'gone' });
    expect(resolvePortfolioShare('not-a-token')).toEqual({ status: 'unknown' });
  });

  it('refuses a version the portfolio does not have, and a viewer', async () => {
    const id = await created();
    const ask = (json: unknown, as = planner) =>
      call(share.action, makeRequest(`/api/portfolios/${id}/share`, { method: 'POST', as, json }), { id });
    expect((await ask({ version: 3 })).status).toBe(404);
    const wrong = await ask({ expiresInDays: 0 });
    expect(wrong.status).toBe(400);
    expect(expectErrorShape(wrong.body).errors[0]).toMatchObject({ path: 'expiresInDays', code: 'min' });
    expect((await ask({}, viewer)).status).toBe(403);
  });
});
