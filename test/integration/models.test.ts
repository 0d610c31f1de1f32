/**
 * The scenario model against a real SQLite file: immutable versions, conflicts that write
 * nothing, restore, archive, duplicate; and a restart (close, open the same file) keeps it all.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { closeDb, getDb } from '~/db.server';
import { validateScenario, type Scenario } from '~/engine';
import {
  createScenario,
  duplicateScenario,
  getScenario,
  listScenarios,
  listVersions,
  restoreVersion,
  saveVersion,
  setArchived,
} from '~/models/scenarios.server';
import * as one from '~/routes/api.scenarios.$id';

import {
  BUNDLED_KEYS,
  call,
  countRows,
  expectNothingChanges,
  makeRequest,
  readScenarioFile,
  tableChecksums,
  sqlite,
  useTempDatabase,
  closeAndRemoveTempDatabases,
} from './helpers';

const dbFile = useTempDatabase('models');

function validated(doc: unknown): Scenario {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems));
  return v.scenario;
}
const county = validated(readScenarioFile('county-hospital-300-beds.json'));
const renamed = (doc: Scenario, name: string): Scenario => validated({ ...doc, name });

afterAll(() => closeAndRemoveTempDatabases());

describe('a new database', () => {
  it('is migrated and seeded: five bundled scenarios and the reference figures', () => {
    expect(sqlite().name).toBe(dbFile);
    expect(
      listScenarios()
        .map((s) => s.id)
        .sort(),
    ).toEqual([...BUNDLED_KEYS].sort());
    expect(countRows('scenarios', 'bundled_key IS NOT NULL')).toBe(5);
    expect(countRows('scenario_versions')).toBe(5);
    expect(countRows('reference_figures')).toBeGreaterThan(0);
    expect(sqlite().pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite().pragma('foreign_keys', { simple: true })).toBe(1);
  }, 20_000);

  it('the row checksum notices a change (self-test of the helper)', () => {
    const before = tableChecksums();
    const created = createScenario(county, { savedBy: 'checksum test' });
    const after = tableChecksums();
    expect(after.scenarios).not.toBe(before.scenarios);
    expect(after.scenario_versions).not.toBe(before.scenario_versions);
    expect(after.reference_figures).toBe(before.reference_figures);
    expect(setArchived(created.id, true)).toBe(true);
    expect(tableChecksums().scenarios).not.toBe(after.scenarios);
  });
});

describe('versions', () => {
  let id = '';

  it('createScenario writes the scenario and its version 1', () => {
    const created = createScenario(county, { savedBy: 'Dr. Wang', note: 'start' });
    expect(created.version).toBe(1);
    id = created.id;
    const read = getScenario(id)!;
    expect(read).toMatchObject({ id, version: 1, latestVersion: 1, archived: false, savedBy: 'Dr. Wang' });
    expect(read.document).toEqual(county);
  });

  it('saveVersion adds a version and leaves the old one as it was', () => {
    const v1Row = sqlite()
      .prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = 1')
      .get(id);
    expect(saveVersion(id, 1, renamed(county, 'Second'), { savedBy: 'Dr. Li' })).toEqual({
      status: 'saved',
      id,
      version: 2,
    });
    expect(
      sqlite().prepare('SELECT * FROM scenario_versions WHERE scenario_id = ? AND version = 1').get(id),
    ).toEqual(v1Row);
    expect(getScenario(id)!.document.name).toBe('Second');
    expect(getScenario(id, 1)!.document.name).toEqual(county.name);
    expect(listScenarios().find((s) => s.id === id)!.name).toBe('Second');
  });

  it('a save on a stale base is a conflict and writes nothing', async () => {
    await expectNothingChanges(async () => {
      expect(saveVersion(id, 1, renamed(county, 'Lost'), { savedBy: 'late' })).toEqual({
        status: 'conflict',
        latestVersion: 2,
      });
      expect(saveVersion(id, 3, renamed(county, 'Lost'), { savedBy: 'early' })).toEqual({
        status: 'conflict',
        latestVersion: 2,
      });
      expect(saveVersion('no-such-id', 1, county, { savedBy: 'x' })).toEqual({ status: 'notFound' });
    });
  });

  it('two editors on the same base: the first wins, the second gets a conflict', () => {
    const a = saveVersion(id, 2, renamed(county, 'Editor A'), { savedBy: 'A' });
    const b = saveVersion(id, 2, renamed(county, 'Editor B'), { savedBy: 'B' });
    expect(a).toEqual({ status: 'saved', id, version: 3 });
    expect(b).toEqual({ status: 'conflict', latestVersion: 3 });
    expect(getScenario(id)!.document.name).toBe('Editor A');
  });

  it('restoreVersion saves an old version as a new one', () => {
    expect(restoreVersion(id, 1, { savedBy: 'Dr. Wang', note: 'back to 1' })).toEqual({
      status: 'saved',
      id,
      version: 4,
    });
    expect(getScenario(id)!.document).toEqual(county);
    expect(listVersions(id)!.map((v) => v.version)).toEqual([4, 3, 2, 1]);
    expect(listVersions(id)![0]).toMatchObject({ savedBy: 'Dr. Wang', note: 'back to 1' });
  });

  it('unknown ids and versions read as null / false, and write nothing', async () => {
    await expectNothingChanges(async () => {
      expect(getScenario('no-such-id')).toBeNull();
      expect(getScenario(id, 99)).toBeNull();
      expect(listVersions('no-such-id')).toBeNull();
      expect(duplicateScenario('no-such-id', { savedBy: 'x' })).toBeNull();
      expect(setArchived('no-such-id', true)).toBe(false);
      expect(restoreVersion(id, 99, { savedBy: 'x' })).toEqual({ status: 'notFound' });
    });
  });

  it('archive hides a scenario from the list, restore brings it back; versions are kept', () => {
    expect(setArchived(id, true)).toBe(true);
    expect(listScenarios().map((s) => s.id)).not.toContain(id);
    expect(listScenarios({ archived: true }).map((s) => s.id)).toContain(id);
    expect(getScenario(id)!.archived).toBe(true);
    expect(setArchived(id, false)).toBe(true);
    expect(listScenarios().map((s) => s.id)).toContain(id);
    expect(listVersions(id)).toHaveLength(4);
  });

  it('duplicateScenario copies the latest version into a new scenario with one version', () => {
    const copy = duplicateScenario(id, { savedBy: 'Dr. Zhao', note: 'copy' })!;
    expect(copy.id).not.toBe(id);
    expect(copy.version).toBe(1);
    expect(getScenario(copy.id)!.document).toEqual(getScenario(id)!.document);
    expect(listVersions(copy.id)).toEqual([
      expect.objectContaining({ version: 1, savedBy: 'Dr. Zhao', note: 'copy' }),
    ]);
    expect(listVersions(id)).toHaveLength(4);
  });
});

describe('restart keeps data', () => {
  it('close and reopen the same file: every version, the archive flag and edits to bundled scenarios are there', async () => {
    const created = createScenario(county, { savedBy: 'before restart', note: 'v1' });
    expect(
      saveVersion(created.id, 1, renamed(county, 'Kept'), { savedBy: 'before restart', note: 'v2' }),
    ).toEqual({ status: 'saved', id: created.id, version: 2 });
    const bundledEdit = saveVersion('township-health-centre-api', 1, renamed(county, 'Edited bundled'), {
      savedBy: 'hospital',
    });
    expect(bundledEdit.status).toBe('saved');
    expect(setArchived('tertiary-hospital-on-prem', true)).toBe(true);

    const rows = (sql: string) => sqlite().prepare(sql).all();
    const scenariosBefore = rows('SELECT * FROM scenarios ORDER BY id');
    const versionsBefore = rows('SELECT * FROM scenario_versions ORDER BY scenario_id, version');
    const documentsBefore = listScenarios({ archived: false })
      .concat(listScenarios({ archived: true }))
      .map((s) => [s.id, listVersions(s.id)!.map((v) => getScenario(s.id, v.version)!.document)]);

    closeDb();
    getDb();
    expect(sqlite().name).toBe(dbFile);

    expect(rows('SELECT * FROM scenarios ORDER BY id')).toEqual(scenariosBefore);
    expect(rows('SELECT * FROM scenario_versions ORDER BY scenario_id, version')).toEqual(versionsBefore);
    expect(
      listScenarios({ archived: false })
        .concat(listScenarios({ archived: true }))
        .map((s) => [s.id, listVersions(s.id)!.map((v) => getScenario(s.id, v.version)!.document)]),
    ).toEqual(documentsBefore);

    expect(listVersions(created.id)).toEqual([
      expect.objectContaining({ version: 2, note: 'v2' }),
      expect.objectContaining({ version: 1, note: 'v1' }),
    ]);
    expect(getScenario(created.id)!.document.name).toBe('Kept');
    expect(getScenario('township-health-centre-api')!).toMatchObject({ version: 2 });
    expect(getScenario('township-health-centre-api')!.document.name).toBe('Edited bundled');
    expect(getScenario('tertiary-hospital-on-prem')!.archived).toBe(true);
    expect(countRows('scenarios', 'bundled_key IS NOT NULL')).toBe(5);

    // And the API reads the same thing after the restart.
    const res = await call<{ version: number; document: Scenario }>(
      one.loader,
      makeRequest(`/api/scenarios/${created.id}?version=1`),
      { id: created.id },
    );
    expect(res.status).toBe(200);
    expect(res.body.document).toEqual(county);
  });

  it('a second restart changes nothing stored (seeding is idempotent)', () => {
    const before = tableChecksums();
    closeDb();
    getDb();
    expect(tableChecksums()).toEqual(before);
  });
});
