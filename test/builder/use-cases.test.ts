/**
 * The use-case library: every number is sourced from a usable reference figure, assumed with a
 * reason, or asked for (NOT FOUND in the reference), and local fit falls from a top city hospital
 * to the grassroots, speech-to-EMR most of all.
 */
import { describe, expect, it } from 'vitest';

import type { Bilingual, Suggestion } from '~/builder/suggestion';
import { USE_CASE_KEYS, USE_CASES, useCase, type UseCaseWorkflow } from '~/builder/use-cases';
import { HOSPITAL_GRADES, HOSPITAL_TYPES, ROLE_IDS, VOLUME_DRIVERS } from '~/engine/constants';
import {
  findFigure,
  isUsableAsDefault,
  parseReferenceFigures,
  type ReferenceFigure,
} from '~/reference/figures';

import seed from '../../seeds/reference-figures.json';

const figures = parseReferenceFigures(seed).figures;

function fig(id: string): ReferenceFigure {
  const f = findFigure(figures, id);
  if (!f) throw new Error(`unknown figure ${id}`);
  return f;
}

const SUGGESTION_FIELDS = [
  'tasksPerDriverUnit',
  'baselineMinutesPerTask',
  'claimedReduction',
  'verificationMinutesPerTask',
  'errorRate',
  'correctionMinutesPerError',
  'adoptionCeiling',
  'inputTokensPerTask',
  'outputTokensPerTask',
] as const satisfies readonly (keyof UseCaseWorkflow)[];
type SuggestionField = (typeof SUGGESTION_FIELDS)[number];

const SHARE_FIELDS: ReadonlySet<SuggestionField> = new Set([
  'claimedReduction',
  'errorRate',
  'adoptionCeiling',
]);

const LEVELS = HOSPITAL_TYPES.flatMap((type) => HOSPITAL_GRADES.map((grade) => ({ type, grade })));

interface Entry {
  where: string;
  field: SuggestionField | 'fit';
  s: Suggestion;
}

/** Every suggestion in the library, fit at every level included, with where it sits. */
const entries: Entry[] = USE_CASES.flatMap((u) => [
  ...u.workflows.flatMap((w, i) =>
    SUGGESTION_FIELDS.map((field) => ({ where: `${u.key}[${i}].${field}`, field, s: w[field] })),
  ),
  ...LEVELS.map((level) => ({
    where: `${u.key}.fit(${level.type}/${level.grade})`,
    field: 'fit' as const,
    s: u.fit(level),
  })),
]);

const filled = (t: Bilingual | undefined) =>
  t !== undefined && t['zh-CN'].trim().length > 0 && t.en.trim().length > 0;

describe('the use-case library', () => {
  it('has exactly the 8 use cases, in key order, found by key', () => {
    expect(USE_CASES.map((u) => u.key)).toEqual([...USE_CASE_KEYS]);
    expect(USE_CASE_KEYS).toHaveLength(8);
    for (const key of USE_CASE_KEYS) expect(useCase(key).key).toBe(key);
  });

  it('names, summarises and places each use case in both languages', () => {
    for (const u of USE_CASES) {
      expect(filled(u.name), u.key).toBe(true);
      expect(filled(u.summary), u.key).toBe(true);
      expect(u.section, u.key).toMatch(/^11[a-h]$/);
    }
    expect(new Set(USE_CASES.map((u) => u.section)).size).toBe(8);
    expect(useCase('nursingDocumentation').name['zh-CN']).toBe('护理文书辅助书写');
    expect(useCase('allianceReferral').name['zh-CN']).toBe('医共体转诊协同');
  });

  it('gives each use case workflows with a valid role, driver, names and ramp', () => {
    for (const u of USE_CASES) {
      expect(u.workflows.length, u.key).toBeGreaterThanOrEqual(1);
      for (const w of u.workflows) {
        expect(filled(w.name), u.key).toBe(true);
        expect(filled(w.taskName), u.key).toBe(true);
        expect(filled(w.claimedBy), u.key).toBe(true);
        expect(ROLE_IDS).toContain(w.role);
        expect(VOLUME_DRIVERS).toContain(w.volumeDriver);
        expect(Number.isInteger(w.rampMonths) && w.rampMonths >= 0 && w.rampMonths <= 36).toBe(true);
      }
      const names = u.workflows.map((w) => w.name['zh-CN']);
      expect(new Set(names).size, u.key).toBe(names.length);
    }
  });

  it('cites only figures that exist in the seed file', () => {
    for (const { where, s } of entries) {
      const ids = s.kind === 'ask' ? s.refs : s.ref === undefined ? [] : [s.ref];
      for (const id of ids) expect(findFigure(figures, id), `${where} → ${id}`).toBeDefined();
    }
  });

  it('names only existing figure ids in its notes and hints', () => {
    // Full ids with a suffix (11.5.follow-ups); bare row numbers (11.4) point at cost-figures.md rows.
    const idPattern = /\b\d+\.\d+[a-z]?\.[a-z][a-z0-9-]*\b/g;
    for (const { where, s } of entries) {
      const t = s.kind === 'ask' ? s.hint : s.note;
      for (const id of `${t?.['zh-CN'] ?? ''} ${t?.en ?? ''}`.match(idPattern) ?? [])
        expect(findFigure(figures, id), `${where} mentions ${id}`).toBeDefined();
    }
  });

  it("sources only usable figures, with the figure's own value", () => {
    const sourcedEntries = entries.filter((e) => e.s.kind === 'sourced');
    expect(sourcedEntries.length).toBeGreaterThan(0);
    for (const { where, s } of sourcedEntries) {
      if (s.kind !== 'sourced') continue;
      const f = fig(s.ref);
      expect(isUsableAsDefault(f), `${where} → ${s.ref}`).toBe(true);
      // Every sourced value here is in the figure's own unit (minutes, share, tasks per visit).
      expect(s.value, `${where} → ${s.ref}`).toBe(f.value);
      expect(filled(s.note), where).toBe(true);
    }
  });

  it('derives assumptions that cite a figure only from usable figures, and gives a reason', () => {
    for (const { where, s } of entries) {
      if (s.kind !== 'assumed') continue;
      expect(filled(s.note), where).toBe(true);
      if (s.ref !== undefined) expect(isUsableAsDefault(fig(s.ref)), `${where} → ${s.ref}`).toBe(true);
    }
  });

  it('says where a figure is from when it is foreign or Taiwanese', () => {
    const zhPlace = /台湾|美国|德国|英国|国外|伊朗|土耳其/;
    const enPlace = /Taiwan|US|German|England|foreign|Iran|Turk/;
    for (const { where, s } of entries) {
      if (s.kind === 'ask' || s.ref === undefined) continue;
      if (fig(s.ref).region.en.startsWith('China')) continue;
      expect(s.note?.['zh-CN'], where).toMatch(zhPlace);
      expect(s.note?.en, where).toMatch(enPlace);
    }
  });

  it('gives every ask a hint in both languages and figures to show', () => {
    for (const { where, s } of entries) {
      if (s.kind !== 'ask') continue;
      expect(filled(s.hint), where).toBe(true);
      expect(s.refs.length, where).toBeGreaterThan(0);
    }
  });

  // Workflows whose Chinese minutes per task the reference marks NOT FOUND, with the row that says so.
  const NOT_FOUND_BASELINES: readonly [string, number, string][] = [
    ['nursingDocumentation', 0, '11.4.minutes-per-shift'], // nursing records
    ['nursingDocumentation', 1, '11.4.minutes-per-shift'], // admission assessment
    ['chronicFollowUp', 1, '11.14.follow-up-minutes'], // face-to-face follow-up
    ['patientEducation', 0, '11.21.session-minutes'], // inpatient education
    ['patientEducation', 1, '11.21.session-minutes'], // health advice in clinic
    ['speechToEmr', 0, '11.36'], // outpatient note
    ['speechToEmr', 1, '11.4.minutes-per-shift'], // nursing record
    ['outpatientRecord', 0, '11.36'], // outpatient note (also 5.7)
    ['riskScreening', 0, '11.46'], // risk assessment
    ['allianceReferral', 0, '11.54.minutes-per-referral'], // referral paperwork
    ['resultInterpretation', 0, '11.60.review-minutes'], // outpatient result review
    ['resultInterpretation', 1, '11.60.review-minutes'], // inpatient result review
  ];

  it.each(NOT_FOUND_BASELINES)('asks for the baseline minutes of %s[%i] (NOT FOUND: %s)', (key, i, id) => {
    const f = fig(id);
    expect(f.grade).toBe('notFound');
    expect(f.value).toBeNull();
    const w = useCase(key as (typeof USE_CASE_KEYS)[number]).workflows[i];
    expect(w, `${key}[${i}]`).toBeDefined();
    const s = w!.baselineMinutesPerTask;
    expect(s.kind).toBe('ask');
    if (s.kind !== 'ask') return;
    expect(filled(s.hint)).toBe(true);
    expect(s.refs.length).toBeGreaterThan(0);
    for (const ref of s.refs) expect(findFigure(figures, ref), ref).toBeDefined();
  });

  it('never offers a default for a baseline except from a usable Chinese figure', () => {
    for (const u of USE_CASES)
      u.workflows.forEach((w, i) => {
        const s = w.baselineMinutesPerTask;
        if (s.kind === 'ask') return;
        expect(s.kind, `${u.key}[${i}]`).toBe('sourced');
        if (s.kind === 'sourced') expect(fig(s.ref).region.en, `${u.key}[${i}]`).toMatch(/^China/);
      });
  });

  it('asks for verification minutes everywhere (5.31 NOT FOUND), with the 5.28 editing window', () => {
    expect(fig('5.31').grade).toBe('notFound');
    for (const u of USE_CASES)
      for (const w of u.workflows) {
        const s = w.verificationMinutesPerTask;
        expect(s.kind, u.key).toBe('ask');
        if (s.kind === 'ask') expect(s.refs).toContain('5.28.editing-window');
      }
  });

  it('holds no NaN or out-of-range value', () => {
    for (const { where, field, s } of entries) {
      if (s.kind === 'ask') continue;
      expect(Number.isFinite(s.value), where).toBe(true);
      expect(s.value, where).toBeGreaterThanOrEqual(0);
      if (field === 'fit' || SHARE_FIELDS.has(field)) expect(s.value, where).toBeLessThanOrEqual(1);
      if (field === 'baselineMinutesPerTask' || field === 'correctionMinutesPerError')
        expect(s.value, where).toBeLessThanOrEqual(24 * 60);
      if (field === 'inputTokensPerTask' || field === 'outputTokensPerTask') {
        expect(Number.isInteger(s.value), where).toBe(true);
        expect(s.value, where).toBeLessThanOrEqual(100_000);
      }
    }
  });
});

describe('local fit by hospital level', () => {
  const fitOf = (key: (typeof USE_CASE_KEYS)[number], type: string, grade: string): number => {
    const s = useCase(key).fit({
      type: type as (typeof HOSPITAL_TYPES)[number],
      grade: grade as (typeof HOSPITAL_GRADES)[number],
    });
    if (s.kind !== 'assumed') throw new Error('fit must be assumed');
    return s.value;
  };

  it('is an assumption in (0, 1] with a reason, at every type and grade', () => {
    for (const u of USE_CASES)
      for (const level of LEVELS) {
        const s = u.fit(level);
        expect(s.kind, `${u.key} ${level.type}/${level.grade}`).toBe('assumed');
        if (s.kind !== 'assumed') continue;
        expect(s.value).toBeGreaterThan(0);
        expect(s.value).toBeLessThanOrEqual(1);
        expect(filled(s.note)).toBe(true);
        expect(s.note['zh-CN']).toContain('试点');
        expect(s.note.en).toContain('pilot');
      }
  });

  it('does not rise from a grade 3 city hospital down to a township health centre', () => {
    const chain: [string, string][] = [
      ['city', 'level3'],
      ['city', 'level2'],
      ['county', 'level2'],
      ['county', 'level1'],
      ['township', 'level1'],
      ['township', 'ungraded'],
    ];
    for (const key of USE_CASE_KEYS) {
      const values = chain.map(([t, g]) => fitOf(key, t, g));
      for (let i = 1; i < values.length; i++) expect(values[i], key).toBeLessThanOrEqual(values[i - 1]!);
      expect(fitOf(key, 'city', 'level3'), key).toBeGreaterThan(fitOf(key, 'township', 'ungraded'));
      expect(fitOf(key, 'county', 'level3'), key).toBeLessThanOrEqual(fitOf(key, 'city', 'level3'));
    }
  });

  it('does not rise down the types at any grade, nor down the grades of any type', () => {
    const typeOrder = ['city', 'county', 'community', 'township', 'village'];
    const gradeOrder = ['level3', 'level2', 'level1', 'ungraded'];
    for (const key of USE_CASE_KEYS) {
      for (const grade of gradeOrder) {
        const v = typeOrder.map((t) => fitOf(key, t, grade));
        for (let i = 1; i < v.length; i++) expect(v[i], `${key} ${grade}`).toBeLessThanOrEqual(v[i - 1]!);
      }
      for (const type of typeOrder) {
        const v = gradeOrder.map((g) => fitOf(key, type, g));
        for (let i = 1; i < v.length; i++) expect(v[i], `${key} ${type}`).toBeLessThanOrEqual(v[i - 1]!);
      }
    }
  });

  it('is lowest for speech-to-EMR at a township health centre (dialect)', () => {
    for (const grade of HOSPITAL_GRADES) {
      const speech = fitOf('speechToEmr', 'township', grade);
      expect(speech).toBeLessThanOrEqual(0.5);
      for (const key of USE_CASE_KEYS) {
        if (key === 'speechToEmr') continue;
        expect(fitOf(key, 'township', grade), key).toBeGreaterThan(speech);
      }
    }
  });
});
