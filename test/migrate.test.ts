/**
 * Migration of older scenario documents: one step per version, from the document's version
 * up to the target, and clear problems when that cannot be done.
 */
import { describe, expect, it, vi } from 'vitest';

import {
  CURRENT_SCHEMA_VERSION,
  MIGRATIONS,
  migrateDocument,
  validateScenario,
  type Migration,
} from '~/engine';

import { BUNDLED_SCENARIOS } from '../scenarios';
import { baseScenario } from './helpers/scenario';

describe('migrateDocument', () => {
  it('passes a current document through unchanged, with migratedFrom null', () => {
    const doc = baseScenario();
    const result = migrateDocument(doc);
    expect(result).toEqual({ ok: true, document: doc, migratedFrom: null });
    expect(CURRENT_SCHEMA_VERSION).toBe(2);
  });

  it('has one step, from version 1 to 2', () => {
    expect(Object.keys(MIGRATIONS)).toEqual(['1']);
  });

  it('walks a version 1 document to version 2 with an injected step', () => {
    const step = vi.fn<Migration>(({ title, ...rest }) => ({ ...rest, name: title }));
    const v1 = { schemaVersion: 1, title: 'Old name', horizonYears: 3 };
    const result = migrateDocument(v1, { 1: step }, 2);
    expect(result).toEqual({
      ok: true,
      document: { schemaVersion: 2, name: 'Old name', horizonYears: 3 },
      migratedFrom: 1,
    });
    expect(step).toHaveBeenCalledTimes(1);
    expect(step).toHaveBeenCalledWith(v1);
    expect(v1).toEqual({ schemaVersion: 1, title: 'Old name', horizonYears: 3 });
  });

  it('walks several steps in order', () => {
    const calls: number[] = [];
    const migrations: Record<number, Migration> = {
      1: (d) => {
        calls.push(1);
        return { ...d, trail: ['1→2'] };
      },
      2: (d) => {
        calls.push(2);
        return { ...d, trail: [...(d.trail as string[]), `2→3 at v${String(d.schemaVersion)}`] };
      },
    };
    const result = migrateDocument({ schemaVersion: 1 }, migrations, 3);
    expect(calls).toEqual([1, 2]);
    expect(result).toEqual({
      ok: true,
      document: { schemaVersion: 3, trail: ['1→2', '2→3 at v2'] },
      migratedFrom: 1,
    });
  });

  it('starts at the document version', () => {
    const first = vi.fn<Migration>((d) => d);
    const second = vi.fn<Migration>((d) => ({ ...d, touched: true }));
    const result = migrateDocument({ schemaVersion: 2 }, { 1: first, 2: second }, 3);
    expect(first).not.toHaveBeenCalled();
    expect(result).toEqual({ ok: true, document: { schemaVersion: 3, touched: true }, migratedFrom: 2 });
  });

  it('sets the version itself, whatever a step returns', () => {
    const result = migrateDocument({ schemaVersion: 1 }, { 1: (d) => ({ ...d, schemaVersion: 99 }) }, 2);
    expect(result).toMatchObject({ ok: true, document: { schemaVersion: 2 }, migratedFrom: 1 });
  });

  it('refuses a version newer than the target with schemaVersionTooNew', () => {
    expect(migrateDocument({ schemaVersion: 3 }, { 1: (d) => d, 2: (d) => d }, 2)).toEqual({
      ok: false,
      problems: [{ path: 'schemaVersion', code: 'schemaVersionTooNew', params: { version: 3, max: 2 } }],
    });
    expect(migrateDocument({ ...baseScenario(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toEqual({
      ok: false,
      problems: [
        {
          path: 'schemaVersion',
          code: 'schemaVersionTooNew',
          params: { version: CURRENT_SCHEMA_VERSION + 1, max: CURRENT_SCHEMA_VERSION },
        },
      ],
    });
  });

  it('refuses a document whose step is missing with schemaVersion', () => {
    expect(migrateDocument({ schemaVersion: 1 }, {}, 2)).toMatchObject({
      ok: false,
      problems: [{ path: 'schemaVersion', code: 'schemaVersion', params: { max: 2 } }],
    });
  });

  it('refuses a gap in the middle of the chain without running later steps', () => {
    const third = vi.fn<Migration>((d) => d);
    const result = migrateDocument({ schemaVersion: 1 }, { 1: (d) => d, 3: third }, 4);
    expect(result).toMatchObject({ ok: false, problems: [{ path: 'schemaVersion', code: 'schemaVersion' }] });
    expect(third).not.toHaveBeenCalled();
  });

  it.each([
    ['0', 0],
    ['-1', -1],
    ['1.5', 1.5],
    ['"1"', '1'],
    ['"x"', 'x'],
    ['null', null],
  ])('refuses schemaVersion %s with schemaVersion', (_label, version) => {
    expect(migrateDocument({ schemaVersion: version })).toMatchObject({
      ok: false,
      problems: [{ path: 'schemaVersion', code: 'schemaVersion' }],
    });
  });

  it('requires a schemaVersion', () => {
    expect(migrateDocument({ name: 'x' })).toEqual({
      ok: false,
      problems: [{ path: 'schemaVersion', code: 'required', params: {} }],
    });
  });

  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'scenario'],
    ['a number', 1],
    ['undefined', undefined],
  ])('refuses %s as not an object', (_label, raw) => {
    expect(migrateDocument(raw)).toEqual({
      ok: false,
      problems: [{ path: '', code: 'notAnObject', params: {} }],
    });
  });
});

describe('version 1 → 2: the hospital tier becomes a type and a grade', () => {
  const v1 = (tier: unknown) => {
    const { type: _type, grade: _grade, ...hospital } = baseScenario().hospital as Record<string, unknown>;
    return { ...baseScenario(), schemaVersion: 1, hospital: { ...hospital, tier } };
  };

  it.each([
    ['tertiary', 'city', 'level3'],
    ['secondary', 'county', 'level2'],
    ['primary', 'county', 'level1'],
    ['townshipHealthCentre', 'township', 'ungraded'],
    ['communityHealthCentre', 'community', 'ungraded'],
  ])('%s → %s, %s, and the document validates', (tier, type, grade) => {
    const result = validateScenario(v1(tier));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.migratedFrom).toBe(1);
    expect(result.scenario.schemaVersion).toBe(2);
    expect(result.scenario.hospital).toMatchObject({ type, grade });
    expect(result.scenario.hospital).not.toHaveProperty('tier');
  });

  it('asks for the type and the grade by name when the tier was not one it knows', () => {
    const result = validateScenario(v1('quaternary'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path} ${p.code}`).sort()).toEqual([
      'hospital.grade required',
      'hospital.type required',
    ]);
  });

  it('leaves the version 1 document it was given as it was', () => {
    const doc = v1('secondary');
    const before = structuredClone(doc);
    migrateDocument(doc);
    expect(doc).toEqual(before);
  });

  it('runs the bundled scenarios of version 1 (as earlier releases stored them) unchanged in results', () => {
    for (const { document } of BUNDLED_SCENARIOS) {
      const current = validateScenario(document);
      const doc = structuredClone(document) as { schemaVersion: number; hospital: Record<string, unknown> };
      const { type, grade, ...hospital } = doc.hospital;
      const tier = Object.entries({
        tertiary: ['city', 'level3'],
        secondary: ['county', 'level2'],
        townshipHealthCentre: ['township', 'ungraded'],
      }).find(([, [t, g]]) => t === type && g === grade)![0];
      const old = validateScenario({ ...doc, schemaVersion: 1, hospital: { ...hospital, tier } });
      expect(old.ok && current.ok).toBe(true);
      if (!old.ok || !current.ok) return;
      expect(old.scenario).toEqual(current.scenario);
    }
  }, 20_000);
});
