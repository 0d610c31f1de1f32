/**
 * Hospitals own scenarios: the bundled examples belong to 示例医院; a database from before
 * accounts gives each scenario to the hospital named in it (made once, names compared as people
 * read them); a new case goes to the hospital it names.
 */
import type Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import { validateScenario } from '~/engine';
import {
  assignScenarioHospitals,
  DEMO_HOSPITAL,
  ensureHospital,
  findHospitalByName,
  hospitalNameKey,
  listHospitals,
} from '~/models/hospitals.server';
import { createScenario } from '~/models/scenarios.server';

import { BUNDLED_KEYS, closeAndRemoveTempDatabases, readScenarioFile, useTempDatabase } from './helpers';

useTempDatabase('hospitals');
afterAll(() => closeAndRemoveTempDatabases());

const sqlite = () => (getDb() as unknown as { $client: Database.Database }).$client;
const ownerOf = (id: string) =>
  sqlite()
    .prepare('SELECT h.name FROM scenarios s JOIN hospitals h ON h.id = s.hospital_id WHERE s.id = ?')
    .pluck()
    .get(id);

describe('hospital names', () => {
  it('are one hospital however they are typed', () => {
    expect(hospitalNameKey('  某县 人民医院 ')).toBe('某县 人民医院');
    expect(hospitalNameKey('ＡＢＣ　County  Hospital')).toBe('abc county hospital');
    const a = ensureHospital(getDb(), 'ABC County  Hospital');
    expect(ensureHospital(getDb(), ' abc county hospital')).toEqual(a);
    expect(ensureHospital(getDb(), 'ＡＢＣ　County Hospital').id).toBe(a.id);
    expect(a.name).toBe('ABC County Hospital');
    expect(findHospitalByName(getDb(), 'abc COUNTY hospital')?.id).toBe(a.id);
  });
});

describe('who owns a scenario', () => {
  it('the bundled examples belong to the demo hospital', () => {
    for (const key of BUNDLED_KEYS) expect(ownerOf(key)).toBe(DEMO_HOSPITAL);
  });

  it('a new case belongs to the hospital it names', () => {
    const validated = validateScenario(readScenarioFile('township-health-centre-api.json'));
    if (!validated.ok) throw new Error('invalid');
    const doc = { ...validated.scenario, hospital: { ...validated.scenario.hospital, name: '青山镇卫生院' } };
    const { id } = createScenario(doc, { savedBy: 'test', note: '' });
    expect(ownerOf(id)).toBe('青山镇卫生院');
    const again = createScenario(
      { ...doc, hospital: { ...doc.hospital, name: ' 青山镇卫生院' } },
      { savedBy: 'test', note: '' },
    );
    expect(ownerOf(again.id)).toBe('青山镇卫生院');
    expect(listHospitals(getDb()).filter((h) => h.name === '青山镇卫生院')).toHaveLength(1);
  });

  it('an upgraded database gives each scenario to the hospital named in it, once', () => {
    sqlite().prepare('UPDATE scenarios SET hospital_id = NULL').run();
    expect(assignScenarioHospitals(getDb())).toBeGreaterThanOrEqual(BUNDLED_KEYS.length + 2);
    for (const key of BUNDLED_KEYS) expect(ownerOf(key)).toBe(DEMO_HOSPITAL);
    expect(assignScenarioHospitals(getDb())).toBe(0);
    expect(sqlite().prepare('SELECT count(*) FROM scenarios WHERE hospital_id IS NULL').pluck().get()).toBe(
      0,
    );
  });
});
