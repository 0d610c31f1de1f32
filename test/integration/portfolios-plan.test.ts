/**
 * GET /api/portfolios/:id/plan with the real solver in the worker pool, on two hand-worked use
 * cases. Each: 4,000 nurse tasks a month, 6 minutes freed each, avoided staffing; buying costs
 * 150,000 in month 1 (year cash −40,000 then +240,000: NPV at 8 % = −40,000/1.08 +
 * 240,000/1.08² = 168,724.28); building costs 250,000 (NPV 168,724.28 − 100,000/1.08 =
 * 76,131.69). Started a year later, buying leaves only the first year's −40,000 inside the
 * two-year plan: NPV −40,000/1.08² = −34,293.55, so no later start is worth it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import { closeJobPool } from '~/jobs/pool.server';
import { ensureHospital } from '~/models/hospitals.server';
import { createScenario } from '~/models/scenarios.server';
import type { PortfolioPlan } from '~/portfolio/portfolio';
import * as list from '~/routes/api.portfolios';
import * as plan from '~/routes/api.portfolios.$id.plan';
import * as page from '~/routes/portfolios.$id';

import { option } from '../helpers/scenario';
import { useCase } from '../portfolio/scenarios';
import {
  call,
  closeAndRemoveTempDatabases,
  countRows,
  expectErrorShape,
  makeRequest,
  signInAs,
  type TestIdentity,
  useJobPool,
  useTempDatabase,
} from './helpers';

useTempDatabase('portfolios-plan');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const BUY_NPV = -40_000 / 1.08 + 240_000 / 1.08 ** 2;

const oneTime = (amount: number) => [
  { kind: 'oneTime', id: 'licence', name: 'Licence', category: 'vendor', month: 1, amount },
];

function handWorked(id: string) {
  return useCase(id, {
    workflows: [
      {
        id: 'notes',
        name: 'Nursing notes',
        role: 'nurse',
        volumeDriver: 'month',
        tasksPerDriverUnit: 4000,
        baselineMinutesPerTask: 10,
        baselineEvidence: { kind: 'measured', n: 40 },
      },
    ],
    realization: { nurse: { mode: 'avoidedStaffing' } },
    options: [
      option(`${id}-buy`, { costLines: oneTime(150_000) }),
      option(`${id}-build`, { kind: 'build', costLines: oneTime(250_000) }),
    ],
  });
}

let planner: TestIdentity;
let a: string;
let b: string;

beforeAll(() => {
  const hospital = ensureHospital(getDb(), '青山县人民医院').id;
  a = createScenario(handWorked('a'), { savedBy: 'fixture', hospitalId: hospital }).id;
  b = createScenario(handWorked('b'), { savedBy: 'fixture', hospitalId: hospital }).id;
  planner = signInAs('qs-planner', { hospital: '青山县人民医院', role: 'planner' });
});

async function portfolio(changes: Record<string, unknown> = {}): Promise<string> {
  const answer = await call<{ id: string }>(
    list.action,
    makeRequest('/api/portfolios', {
      method: 'POST',
      as: planner,
      json: { name: '护理文书两院区', scenarioIds: [a, b], ...changes },
    }),
  );
  expect(answer.status, answer.text).toBe(201);
  return answer.body.id;
}

const solve = (id: string, query = '') =>
  call<PortfolioPlan & { id: string; version: number }>(
    plan.loader,
    makeRequest(`/api/portfolios/${id}/plan${query}`, { as: planner }),
    { id },
  );

describe('the plan, solved', () => {
  it(
    'buys both now when the budget (500,000 a year) allows, worth 2 × 168,724.28; kept after',
    { timeout: 120_000 },
    async () => {
      const id = await portfolio();
      const answer = await solve(id);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toMatchObject({
        id,
        version: 1,
        status: 'optimal',
        objective: 'npv',
        infeasibleYears: [],
      });
      expect(answer.body.gap).toBeCloseTo(0, 6);
      expect(answer.body.objectiveValue).toBeCloseTo(2 * BUY_NPV, 2);
      expect(answer.body.choices).toEqual([
        { scenarioId: a, optionId: 'a-buy', startOffsetYears: 0 },
        { scenarioId: b, optionId: 'b-buy', startOffsetYears: 0 },
      ]);
      expect(answer.body.years).toEqual([
        { year: 2027, spend: 300_000, budget: 500_000, headroom: 200_000 },
        { year: 2028, spend: 0, budget: 500_000, headroom: 500_000 },
      ]);
      expect(answer.body.alternatives.map((x) => x.name).sort()).toEqual([
        'everythingNow',
        'positiveNpvGreedy',
      ]);
      expect(countRows('portfolio_plans', 'portfolio_id = ?', id)).toBe(1);
      // Asked again: the kept plan, the same answer.
      const again = await solve(id);
      expect(again.body).toEqual(answer.body);
      expect(countRows('portfolio_plans', 'portfolio_id = ?', id)).toBe(1);
    },
  );

  it(
    'funds one when a what-if leaves 200,000 in 2027: a later start would lose 34,293.55',
    { timeout: 120_000 },
    async () => {
      const id = await portfolio();
      const answer = await solve(id, '?budgetByYear=200000,500000&detail=1');
      expect(answer.status, answer.text).toBe(200);
      const body = answer.body;
      expect(body.status).toBe('optimal');
      expect(body.budgetByYear).toEqual([200_000, 500_000]);
      expect(body.objectiveValue).toBeCloseTo(BUY_NPV, 2);
      const funded = body.choices.filter((c) => c.optionId !== null);
      expect(funded).toHaveLength(1);
      expect(funded[0]).toMatchObject({ startOffsetYears: 0, optionId: expect.stringMatching(/-buy$/) });
      expect(funded[0]!.npv).toBeCloseTo(BUY_NPV, 2);
      expect(body.years[0]).toMatchObject({ year: 2027, spend: 150_000, budget: 200_000, headroom: 50_000 });
      // Buying both now breaks 2027's budget.
      const now = body.alternatives.find((x) => x.name === 'everythingNow')!;
      expect(now.breachYears).toEqual([2027]);
      // The what-if is kept apart from the version's own plan.
      expect(countRows('portfolio_plans', "portfolio_id = ? AND budget_key <> ''", id)).toBe(1);
    },
  );

  it(
    'reports a fixed choice that cannot fit as infeasible, naming the year',
    { timeout: 120_000 },
    async () => {
      const id = await portfolio({
        budgetByYear: [200_000, 500_000],
        startOffsets: [0],
        forced: [
          { scenarioId: a, optionId: 'a-buy' },
          { scenarioId: b, optionId: 'b-build' },
        ],
      });
      const answer = await solve(id);
      expect(answer.status, answer.text).toBe(200);
      expect(answer.body).toMatchObject({
        status: 'infeasible',
        objectiveValue: null,
        infeasibleYears: [2027],
      });
    },
  );
});

describe('the plan page', () => {
  it('refuses a version in the address that is not a whole number from 1, in words, solving nothing', async () => {
    const id = await portfolio();
    for (const bad of ['abc', '0', '-1', '1.5']) {
      const thrown = await Promise.resolve(
        page.loader({
          request: makeRequest(`/portfolios/${id}?version=${bad}`, { as: planner }),
          params: { id },
          context: {},
        } as never),
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(400);
      expect(await (thrown as Response).text()).toContain('版本号');
    }
  });
});

describe('when the pool cannot take the solve', () => {
  it(
    'answers 503 queueFull with Retry-After, in the caller’s language, keeping nothing',
    { timeout: 120_000 },
    async () => {
      const saved = { ...process.env };
      await closeJobPool();
      Object.assign(process.env, { PLANNER_JOB_WORKERS: '1', PLANNER_JOB_QUEUE: '1' });
      try {
        const id = await portfolio();
        // Three what-ifs at once: one solving, one waiting, the third with no place.
        const answers = await Promise.all(
          ['300000,500000', '310000,500000', '320000,500000'].map((budget) =>
            solve(id, `?budgetByYear=${budget}`),
          ),
        );
        const refused = answers.filter((x) => x.status === 503);
        expect(answers.filter((x) => x.status === 200)).toHaveLength(2);
        expect(refused).toHaveLength(1);
        const { errors } = expectErrorShape(refused[0]!.body);
        expect(errors[0]).toMatchObject({ code: 'queueFull' });
        expect(errors[0]!.message).toMatch(/服务器正忙.*秒后重试/);
        expect(Number(refused[0]!.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
        expect(countRows('portfolio_plans', 'portfolio_id = ?', id)).toBe(2);
      } finally {
        await closeJobPool();
        for (const key of ['PLANNER_JOB_WORKERS', 'PLANNER_JOB_QUEUE'])
          if (saved[key] === undefined) delete process.env[key];
          else process.env[key] = saved[key];
      }
    },
  );
});
