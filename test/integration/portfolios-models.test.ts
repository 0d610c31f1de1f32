/**
 * The portfolio model against a real SQLite file: version 1 pins each scenario's latest version;
 * a save re-pins; a stale save writes nothing; another hospital's or an archived scenario is a
 * problem naming its place; the plan cache keeps a plan per version and budget; a restart keeps it all.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { portfolioPlans } from '../../db/schema';
import { closeDb, getDb } from '~/db.server';
import { ensureHospital } from '~/models/hospitals.server';
import {
  createPortfolio,
  getCachedPlan,
  MAX_KEPT_WHAT_IFS,
  getPortfolioRow,
  listPortfolios,
  listPortfolioVersions,
  putCachedPlan,
  readPortfolio,
  savePortfolioVersion,
  setPortfolioArchived,
} from '~/models/portfolios.server';
import { createScenario, saveVersion, setArchived } from '~/models/scenarios.server';
import { SOLVER_REVISION, type PortfolioPlan, type PortfolioRequest } from '~/portfolio/portfolio';

import { budget, useCase } from '../portfolio/scenarios';
import { closeAndRemoveTempDatabases, countRows, tableChecksums, useTempDatabase } from './helpers';

useTempDatabase('portfolio-models');
afterAll(() => closeAndRemoveTempDatabases());

let hospital: string;
let other: string;
let a: string;
let b: string;
let foreign: string;

beforeAll(() => {
  const db = getDb();
  hospital = ensureHospital(db, '青山县人民医院').id;
  other = ensureHospital(db, '邻县中医院').id;
  a = createScenario(useCase('a'), { savedBy: 'fixture', hospitalId: hospital }).id;
  b = createScenario(useCase('b'), { savedBy: 'fixture', hospitalId: hospital }).id;
  foreign = createScenario(useCase('f'), { savedBy: 'fixture', hospitalId: other }).id;
});

const request = (changes: Partial<PortfolioRequest> = {}): PortfolioRequest => ({
  name: '护理与随访',
  scenarioIds: [a, b],
  ...changes,
});

function created(changes: Partial<PortfolioRequest> = {}): string {
  const made = createPortfolio({ hospitalId: hospital, request: request(changes), savedBy: '王主任' });
  if (made.status !== 'created') throw new Error(JSON.stringify(made));
  return made.id;
}

describe('creating a portfolio', () => {
  it('stores version 1 with the request as sent and the document pinning the latest versions', () => {
    // b is at version 2 when the portfolio is made.
    saveVersion(b, 1, useCase('b', { name: 'Use case b, revised' }), { savedBy: 'fixture' });
    const id = created();
    const read = readPortfolio(id)!;
    expect(read).toMatchObject({
      id,
      hospitalId: hospital,
      name: '护理与随访',
      version: 1,
      latestVersion: 1,
      archived: false,
      savedBy: '王主任',
      note: '',
      request: request(),
    });
    expect(read.document.members).toEqual([
      { scenarioId: a, version: 1 },
      { scenarioId: b, version: 2 },
    ]);
    expect(read.document.budgetByYear).toEqual([500_000, 500_000]);
    expect(listPortfolios([hospital]).map((p) => p.id)).toContain(id);
    expect(listPortfolios([other]).map((p) => p.id)).not.toContain(id);
    expect(listPortfolios([])).toEqual([]);
  });

  it('refuses another hospital’s scenario as one that does not exist, and stores nothing', () => {
    const before = tableChecksums();
    const made = createPortfolio({
      hospitalId: hospital,
      request: request({ scenarioIds: [a, foreign, 'no-such-case'] }),
      savedBy: '王主任',
    });
    expect(made).toEqual({
      status: 'invalid',
      problems: [
        { path: 'scenarioIds.1', code: 'scenarioNotFound', params: {} },
        { path: 'scenarioIds.2', code: 'scenarioNotFound', params: {} },
      ],
    });
    expect(tableChecksums()).toEqual(before);
  });

  it('refuses an archived scenario', () => {
    const archived = createScenario(useCase('z'), { savedBy: 'fixture', hospitalId: hospital }).id;
    setArchived(archived, true);
    const made = createPortfolio({
      hospitalId: hospital,
      request: request({ scenarioIds: [a, archived] }),
      savedBy: '王主任',
    });
    expect(made).toMatchObject({
      status: 'invalid',
      problems: [{ path: 'scenarioIds.1', code: 'scenarioArchived' }],
    });
  });

  it('refuses a request the scenarios cannot resolve, storing nothing', () => {
    const rows = countRows('portfolio_versions');
    const made = createPortfolio({
      hospitalId: hospital,
      request: request({ budgetByYear: [-1, 0] }),
      savedBy: '王主任',
    });
    expect(made).toEqual({
      status: 'invalid',
      problems: [{ path: 'budgetByYear.0', code: 'negative', params: { year: 2027 } }],
    });
    expect(countRows('portfolio_versions')).toBe(rows);
  });
});

describe('saving a version', () => {
  it('re-pins every scenario to its latest version and keeps the old version as it was', () => {
    const id = created();
    const first = readPortfolio(id)!;
    const aNow = saveVersion(a, 1, useCase('a', { budget: budget({}) }), { savedBy: 'fixture' });
    expect(aNow.status).toBe('saved');
    const saved = savePortfolioVersion(id, {
      request: request({ name: '护理与随访（第二稿）', committedByYear: [100_000, 0] }),
      baseVersion: 1,
      savedBy: '李科长',
      note: '加上已签合同',
    });
    expect(saved).toEqual({ status: 'saved', id, version: 2 });
    const second = readPortfolio(id)!;
    expect(second).toMatchObject({
      version: 2,
      latestVersion: 2,
      name: '护理与随访（第二稿）',
      savedBy: '李科长',
    });
    expect(second.document.members[0]).toEqual({ scenarioId: a, version: 2 });
    expect(second.document.committedByYear).toEqual([100_000, 0]);
    // Version 1 still pins a's version 1.
    expect(readPortfolio(id, 1)).toEqual({
      ...first,
      name: second.name,
      latestVersion: 2,
      updatedAt: second.updatedAt,
    });
    expect(readPortfolio(id, 1)!.document.members[0]).toEqual({ scenarioId: a, version: 1 });
    expect(listPortfolioVersions(id)).toEqual([
      expect.objectContaining({
        version: 2,
        name: '护理与随访（第二稿）',
        savedBy: '李科长',
        note: '加上已签合同',
      }),
      expect.objectContaining({ version: 1, name: '护理与随访', savedBy: '王主任', note: '' }),
    ]);
  });

  it('refuses a stale base version and writes nothing', () => {
    const id = created();
    expect(savePortfolioVersion(id, { request: request(), baseVersion: 1, savedBy: 'x' }).status).toBe(
      'saved',
    );
    const before = tableChecksums();
    expect(savePortfolioVersion(id, { request: request(), baseVersion: 1, savedBy: 'y' })).toEqual({
      status: 'conflict',
      latestVersion: 2,
    });
    expect(tableChecksums()).toEqual(before);
  });

  it('answers notFound for no such portfolio, and invalid with the problems', () => {
    expect(savePortfolioVersion('nope', { request: request(), baseVersion: 1, savedBy: 'x' })).toEqual({
      status: 'notFound',
    });
    const id = created();
    expect(
      savePortfolioVersion(id, { request: request({ startOffsets: [3] }), baseVersion: 1, savedBy: 'x' }),
    ).toMatchObject({
      status: 'invalid',
      problems: [{ path: 'startOffsets.0', code: 'offsetBeyondHorizon' }],
    });
    expect(readPortfolio('nope')).toBeNull();
    expect(readPortfolio(id, 9)).toBeNull();
    expect(listPortfolioVersions('nope')).toBeNull();
  });

  it('archives: out of the list in use, in the archived list', () => {
    const id = created();
    expect(setPortfolioArchived(id, true)).toBe(true);
    expect(listPortfolios([hospital]).map((p) => p.id)).not.toContain(id);
    expect(listPortfolios([hospital], { archived: true }).map((p) => p.id)).toContain(id);
    expect(getPortfolioRow(id)!.archived).toBe(true);
  });
});

describe('the plan cache', () => {
  const plan = (objectiveValue: number) =>
    ({ status: 'optimal', objectiveValue }) as unknown as PortfolioPlan;

  it('keeps a plan per version and budget key, the latest put winning', () => {
    const id = created();
    expect(getCachedPlan(id, 1, '')).toBeNull();
    putCachedPlan(id, 1, '', plan(1));
    putCachedPlan(id, 1, 'what-if', plan(2));
    expect(getCachedPlan(id, 1, '')).toEqual(plan(1));
    expect(getCachedPlan(id, 1, 'what-if')).toEqual(plan(2));
    putCachedPlan(id, 1, '', plan(3));
    expect(getCachedPlan(id, 1, '')).toEqual(plan(3));
    expect(getCachedPlan(id, 2, '')).toBeNull();
  });

  it('keeps the latest 20 what-ifs of a version and always its own plan', () => {
    const id = created();
    putCachedPlan(id, 1, '', plan(0));
    for (let k = 1; k <= MAX_KEPT_WHAT_IFS + 5; k++) putCachedPlan(id, 1, `what-if-${k}`, plan(k));
    const kept = getDb()
      .select({ key: portfolioPlans.budgetKey })
      .from(portfolioPlans)
      .where(eq(portfolioPlans.portfolioId, id))
      .all()
      .map((r) => r.key);
    expect(kept).toHaveLength(MAX_KEPT_WHAT_IFS + 1);
    expect(getCachedPlan(id, 1, '')).toEqual(plan(0));
    expect(getCachedPlan(id, 1, `what-if-${MAX_KEPT_WHAT_IFS + 5}`)).toEqual(plan(MAX_KEPT_WHAT_IFS + 5));
  });

  it('solves again a plan an older solver kept (its revision is not this one)', () => {
    const id = created();
    putCachedPlan(id, 1, '', plan(1));
    getDb()
      .update(portfolioPlans)
      .set({ plan: JSON.stringify({ ...plan(1), solverRevision: SOLVER_REVISION - 1 }) })
      .run();
    expect(getCachedPlan(id, 1, '')).toBeNull();
  });
});

describe('a restart', () => {
  it('keeps portfolios, versions and plans', () => {
    const id = created();
    putCachedPlan(id, 1, '', { status: 'infeasible' } as unknown as PortfolioPlan);
    const before = readPortfolio(id);
    closeDb();
    expect(readPortfolio(id)).toEqual(before);
    expect(getCachedPlan(id, 1, '')).toEqual({ status: 'infeasible' });
  });
});
