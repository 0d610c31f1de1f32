/**
 * Seeds a database: the reference figures (replaced on every run, they are reference data),
 * the bundled scenarios (added once each; a hospital's edits to them are never overwritten) and
 * the example portfolio of the county hospital's use cases (added once, like them).
 */
import { and, eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

import * as schema from '../db/schema';
import { validateScenario } from '../app/engine';
import { isUsableAsDefault, parseReferenceFigures } from '../app/reference/figures';
import { assignScenarioHospitals, DEMO_HOSPITAL, findHospitalByName } from '../app/models/hospitals.server';
import { createPortfolio } from '../app/models/portfolios.server';
import { summarizeVersion } from '../app/models/version-summary';
import { BUNDLED_NOTE, BUNDLED_SAVED_BY } from '../app/versions/bundled';
import { BUNDLED_SCENARIOS, EXAMPLE_PORTFOLIO_NAME, EXAMPLE_PORTFOLIO_SCENARIOS } from '../scenarios';
import referenceJson from './reference-figures.json';

export type Db = BetterSQLite3Database<typeof schema>;

export interface SeedReport {
  figures: number;
  scenariosAdded: string[];
  /** The example portfolio's id, when this run added it. */
  portfolioAdded: string | null;
}

/**
 * The example portfolio: the county hospital's three use cases on one budget, every start
 * year allowed, the most total NPV. Added once: a portfolio of the demo hospital whose first
 * version the planner saved (the bundled marker, which no person's user name can be) means it
 * is there, archived or edited as the hospital left it. Skipped where the hospital has changed
 * the use cases so that they no longer go together (another start year, one archived): the
 * example is not worth refusing to open a database for. On a new database it must work.
 */
function seedExamplePortfolio(db: Db, scenariosJustAdded: readonly string[]): string | null {
  const hospital = findHospitalByName(db, DEMO_HOSPITAL);
  if (!hospital) return null;
  const seeded = db
    .select({ id: schema.portfolios.id })
    .from(schema.portfolios)
    .innerJoin(schema.portfolioVersions, eq(schema.portfolioVersions.portfolioId, schema.portfolios.id))
    .where(
      and(
        eq(schema.portfolios.hospitalId, hospital.id),
        eq(schema.portfolioVersions.version, 1),
        eq(schema.portfolioVersions.savedBy, BUNDLED_SAVED_BY),
      ),
    )
    .get();
  if (seeded) return null;
  const created = createPortfolio(
    {
      hospitalId: hospital.id,
      request: {
        name: EXAMPLE_PORTFOLIO_NAME['zh-CN'],
        scenarioIds: [...EXAMPLE_PORTFOLIO_SCENARIOS],
        objective: 'npv',
      },
      savedBy: BUNDLED_SAVED_BY,
      note: BUNDLED_NOTE,
    },
    db,
  );
  if (created.status === 'created') return created.id;
  if (EXAMPLE_PORTFOLIO_SCENARIOS.every((key) => scenariosJustAdded.includes(key)))
    throw new Error(`The example portfolio is invalid: ${JSON.stringify(created.problems)}`);
  return null;
}

export function seedDatabase(db: Db): SeedReport {
  const { figures } = parseReferenceFigures(referenceJson);
  const added: string[] = [];
  db.transaction((tx) => {
    tx.delete(schema.referenceFigures).run();
    for (const f of figures) {
      tx.insert(schema.referenceFigures)
        .values({
          id: f.id,
          section: f.section,
          topic: f.topic,
          labelEn: f.label.en,
          labelZh: f.label['zh-CN'],
          value: f.value,
          low: f.low ?? null,
          high: f.high ?? null,
          unit: f.unit,
          // Text in both languages is kept as JSON of { zh-CN, en }, as a scenario's name is.
          year: typeof f.year === 'string' ? f.year : JSON.stringify(f.year),
          region: JSON.stringify(f.region),
          source: f.source,
          grade: f.grade,
          usableAsDefault: isUsableAsDefault(f),
          notes: f.notes ? JSON.stringify(f.notes) : null,
          data: JSON.stringify(f),
        })
        .run();
    }
    for (const bundled of BUNDLED_SCENARIOS) {
      const exists = tx
        .select({ id: schema.scenarios.id })
        .from(schema.scenarios)
        .where(eq(schema.scenarios.bundledKey, bundled.key))
        .get();
      if (exists) continue;
      const validated = validateScenario(bundled.document);
      if (!validated.ok) throw new Error(`Bundled scenario ${bundled.key} is invalid`);
      const scenario = validated.scenario;
      tx.insert(schema.scenarios)
        .values({
          id: bundled.key,
          name: JSON.stringify(scenario.name),
          hospitalName: JSON.stringify(scenario.hospital.name),
          latestVersion: 1,
          bundledKey: bundled.key,
        })
        .run();
      tx.insert(schema.scenarioVersions)
        .values({
          scenarioId: bundled.key,
          version: 1,
          document: JSON.stringify(scenario),
          // Markers, shown in the reader's language (app/versions/bundled.ts).
          savedBy: BUNDLED_SAVED_BY,
          note: BUNDLED_NOTE,
          summary: JSON.stringify(summarizeVersion(scenario)),
        })
        .run();
      added.push(bundled.key);
    }
    // Scenarios from before accounts, and the examples just added, get their owning hospital.
    assignScenarioHospitals(tx);
  });
  // After the scenarios are committed: the portfolio pins their stored versions.
  const portfolioAdded = seedExamplePortfolio(db, added);
  return { figures: figures.length, scenariosAdded: added, portfolioAdded };
}
