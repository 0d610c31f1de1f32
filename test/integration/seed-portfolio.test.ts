/**
 * The example portfolio a new database is seeded with: the county hospital's three bundled use
 * cases on their common budget, added once (not again after an archive or a restart), pinned to
 * the latest versions when it is added, and left out without an error where the hospital has
 * changed a use case so that they no longer go together.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { closeDb, getDb } from '~/db.server';
import { DEMO_HOSPITAL, findHospitalByName } from '~/models/hospitals.server';
import { listPortfolios, readPortfolio, setPortfolioArchived } from '~/models/portfolios.server';
import { getScenario, saveVersion } from '~/models/scenarios.server';
import { BUNDLED_NOTE, BUNDLED_SAVED_BY } from '~/versions/bundled';

import { EXAMPLE_PORTFOLIO_NAME } from '../../scenarios';
import { seedDatabase } from '../../seeds/seed';

import { closeAndRemoveTempDatabases, countRows, sqlite, useTempDatabase } from './helpers';

useTempDatabase('seed-portfolio');

afterAll(() => closeAndRemoveTempDatabases());

const COUNTY = [
  'county-hospital-300-beds',
  'county-hospital-nursing-assistant',
  'county-hospital-chronic-risk',
];
const demoPortfolios = () => listPortfolios([findHospitalByName(getDb(), DEMO_HOSPITAL)!.id]);
/** What a database from before the example had: no portfolio at all. */
const forgetPortfolios = () => sqlite().prepare('DELETE FROM portfolios').run();

describe('the example portfolio', () => {
  it('is in a new database: the county hospital’s three use cases, every start year, the most NPV', () => {
    const [row, ...others] = demoPortfolios();
    expect(others).toEqual([]);
    const stored = readPortfolio(row!.id)!;
    expect(stored).toMatchObject({
      name: '县医院 AI 投入组合（示例）',
      version: 1,
      savedBy: BUNDLED_SAVED_BY,
      note: BUNDLED_NOTE,
    });
    expect(stored.name).toBe(EXAMPLE_PORTFOLIO_NAME['zh-CN']);
    expect(stored.request).toEqual({
      name: '县医院 AI 投入组合（示例）',
      scenarioIds: COUNTY,
      objective: 'npv',
    });
    const doc = stored.document;
    expect(doc.members).toEqual(COUNTY.map((scenarioId) => ({ scenarioId, version: 1 })));
    expect([doc.startYear, doc.horizonYears, doc.discountRate]).toEqual([2027, 5, 0.08]);
    expect(doc.startOffsets).toEqual([0, 1, 2, 3, 4]);
    // The scenarios' AI budget: informatization 2,430,000 × AI share 0.25, no growth.
    expect(doc.budgetByYear).toEqual([607500, 607500, 607500, 607500, 607500]);
    expect(doc.committedByYear).toEqual([0, 0, 0, 0, 0]);
    expect(doc.objective).toBe('npv');
  });

  it('is added once: seeding again, after an archive and after a restart adds no other', () => {
    expect(seedDatabase(getDb())).toMatchObject({ scenariosAdded: [], portfolioAdded: null });
    const [row] = demoPortfolios();
    setPortfolioArchived(row!.id, true);
    closeDb();
    expect(countRows('portfolios')).toBe(1);
    expect(seedDatabase(getDb()).portfolioAdded).toBeNull();
    expect(countRows('portfolios')).toBe(1);
    expect(countRows('portfolio_versions')).toBe(1);
  });

  it('pins the latest versions when a database gets it after a use case was edited', () => {
    forgetPortfolios();
    const county = getScenario('county-hospital-300-beds')!;
    const saved = saveVersion(county.id, 1, { ...county.document, discountRate: 0.08 }, { savedBy: 'wang' });
    expect(saved).toMatchObject({ status: 'saved', version: 2 });
    const added = seedDatabase(getDb()).portfolioAdded;
    expect(added).not.toBeNull();
    expect(readPortfolio(added!)!.document.members).toEqual([
      { scenarioId: 'county-hospital-300-beds', version: 2 },
      { scenarioId: 'county-hospital-nursing-assistant', version: 1 },
      { scenarioId: 'county-hospital-chronic-risk', version: 1 },
    ]);
  });

  it('is left out, without stopping the database from opening, where the use cases no longer agree', () => {
    forgetPortfolios();
    const risk = getScenario('county-hospital-chronic-risk')!;
    saveVersion(risk.id, 1, { ...risk.document, startYear: 2028 }, { savedBy: 'wang' });
    expect(seedDatabase(getDb()).portfolioAdded).toBeNull();
    expect(countRows('portfolios')).toBe(0);
    closeDb();
    expect(getDb()).toBeDefined();
    expect(countRows('portfolios')).toBe(0);
  });
});
