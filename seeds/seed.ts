/**
 * Seeds a database: the reference figures (replaced on every run, they are reference data)
 * and the bundled scenarios (added once each; a hospital's edits to them are never overwritten).
 */
import { eq } from 'drizzle-orm';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';

import * as schema from '../db/schema';
import { validateScenario } from '../app/engine';
import { isUsableAsDefault, parseReferenceFigures } from '../app/reference/figures';
import { assignScenarioHospitals } from '../app/models/hospitals.server';
import { summarizeVersion } from '../app/models/version-summary';
import { BUNDLED_NOTE, BUNDLED_SAVED_BY } from '../app/versions/bundled';
import { BUNDLED_SCENARIOS } from '../scenarios';
import referenceJson from './reference-figures.json';

export type Db = BetterSQLite3Database<typeof schema>;

export interface SeedReport {
  figures: number;
  scenariosAdded: string[];
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
  return { figures: figures.length, scenariosAdded: added };
}
