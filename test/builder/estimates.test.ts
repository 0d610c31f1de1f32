/**
 * Estimates from beds, hospital type and the reference figures (app/builder/estimates.ts): the
 * figures they quote are the seed file's and usable as defaults; the numbers are worked out by
 * hand for a county hospital of 200 beds and a township centre of 45; an input marked estimated
 * follows beds until the user types their own number; a draft without beds has no estimate and
 * no NaN; explanations quote the case's own numbers in both languages.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  ESTIMATE_FIGURES,
  estimate,
  estimateAt,
  estimatedBy,
  markEstimated,
  refreshEstimates,
  ruleFor,
} from '~/builder/estimates';
import { getAt, setAt } from '~/builder/paths';
import { blankCase } from '~/builder/templates';
import { HOSPITAL_TYPES, ROLE_IDS, type HospitalType } from '~/engine/constants';
import type { ScenarioInput } from '~/engine/schema';
import { LANGUAGES } from '~/engine/text';
import { findFigure, isUsableAsDefault, parseReferenceFigures } from '~/reference/figures';

import seed from '../../seeds/reference-figures.json';

type Doc = ScenarioInput;

const figures = parseReferenceFigures(seed).figures;

/** Every path an estimate rule may fill, with its rule. */
const ESTIMATED_PATHS = [
  'discountRate',
  'hospital.occupancy',
  'hospital.dischargesPerYear',
  'hospital.outpatientVisitsPerYear',
  'budget.informatizationBaseAnnual',
  ...ROLE_IDS.flatMap((r) => [
    `hospital.roles.${r}.annualCostPerFte`,
    `hospital.roles.${r}.paidHoursPerYear`,
  ]),
];

/** A new case with the given type and beds, its estimates worked out. */
function caseOf(type: HospitalType, beds?: number): Doc {
  let doc = setAt(blankCase(2027), 'hospital.type', type);
  if (beds !== undefined) doc = setAt(doc, 'hospital.beds', beds);
  return refreshEstimates(doc);
}

/** Every number anywhere in a value. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('the figures the estimates quote', () => {
  it('are the values of the seed file, and each is usable as a default', () => {
    for (const [id, value] of Object.entries(ESTIMATE_FIGURES)) {
      const figure = findFigure(figures, id);
      expect(figure, id).toBeDefined();
      expect(figure!.value, id).toBe(value);
      expect(isUsableAsDefault(figure!), id).toBe(true);
    }
  });

  it('are the only figures any estimate rests on, for every type and role', () => {
    for (const type of HOSPITAL_TYPES) {
      let doc = caseOf(type, 120);
      for (const role of ROLE_IDS) doc = setAt(doc, `hospital.roles.${role}`, {});
      for (const path of ESTIMATED_PATHS) {
        expect(ruleFor(path), path).not.toBeNull();
        const e = estimateAt(doc, path);
        for (const ref of e?.refs ?? [])
          expect(Object.keys(ESTIMATE_FIGURES), `${type} ${path}`).toContain(ref);
      }
    }
  });

  it('no rule exists for what the hospital alone knows (beds, headcounts, the AI share)', () => {
    for (const path of ['hospital.beds', 'hospital.roles.nurse.headcount', 'budget.aiShare', 'name'])
      expect(ruleFor(path)).toBeNull();
    expect(estimate(blankCase(2027), 'noSuchRule')).toBeNull();
    // A name inherited from Object.prototype is no rule either.
    expect(estimate(blankCase(2027), 'toString')).toBeNull();
  });
});

describe('hand-worked estimates', () => {
  it('a county hospital of 200 beds', () => {
    const doc = caseOf('county', 200);
    const h = doc.hospital;
    expect(h.occupancy).toBe(0.86);
    // 200 × 365 × 0.86 = 62,780 bed-days ÷ 8.4 days a stay = 7,473.8 → 7,474.
    expect(h.dischargesPerYear).toBe(Math.round((200 * 365 * 0.86) / 8.4));
    expect(h.dischargesPerYear).toBe(7474);
    // 7,474 × 17.4 = 130,047.6 → 130,048.
    expect(h.outpatientVisitsPerYear).toBe(Math.round(7474 * 17.4));
    expect(h.outpatientVisitsPerYear).toBe(130048);
    // 200 beds × 8,100 a bed.
    expect(doc.budget.informatizationBaseAnnual).toBe(200 * 8100);
    expect(doc.budget.informatizationBaseAnnual).toBe(1_620_000);
    // A nurse's day shift of 7.72 h × 250 working days = 1,930; others 8 h × 250.
    expect(h.roles.nurse!.paidHoursPerYear).toBe(Math.round(7.72 * 250));
    expect(h.roles.nurse!.paidHoursPerYear).toBe(1930);
    expect(h.roles.physician!.paidHoursPerYear).toBe(2000);
    // Wages: the 2023 urban non-private average for physicians, new nurses' pay × 12.
    expect(h.roles.physician!.annualCostPerFte).toBe(120698);
    expect(h.roles.nurse!.annualCostPerFte).toBe(61300);
    expect(doc.discountRate).toBe(0.08);
    // Each estimate names the figure it rests on.
    expect(doc.sources).toMatchObject({
      'hospital.occupancy': { kind: 'assumed', estimate: 'occupancyByType', ref: '1.20.public' },
      'hospital.dischargesPerYear': { estimate: 'dischargesFromBeds', ref: '1.21.public' },
      'hospital.outpatientVisitsPerYear': { estimate: 'visitsFromDischarges', ref: '1.24' },
      'budget.informatizationBaseAnnual': { estimate: 'budgetPerBed', ref: '1.2.2018' },
      'hospital.roles.nurse.paidHoursPerYear': { estimate: 'hoursNurse', ref: '3.18.day' },
    });
  });

  it('wages of the other roles, and hours of 8 a day', () => {
    let doc = caseOf('county', 200);
    for (const role of ['technician', 'it', 'admin'] as const) doc = setAt(doc, `hospital.roles.${role}`, {});
    const wage = (role: string) => estimateAt(doc, `hospital.roles.${role}.annualCostPerFte`)!.value;
    expect(wage('technician')).toBe(120698);
    expect(wage('admin')).toBe(120698);
    expect(wage('it')).toBe(129215);
    for (const role of ['technician', 'it', 'admin'])
      expect(estimateAt(doc, `hospital.roles.${role}.paidHoursPerYear`)!.value).toBe(2000);
  });

  it('a city hospital is worked out as a county one', () => {
    const city = caseOf('city', 200);
    const county = caseOf('county', 200);
    expect(city.hospital.dischargesPerYear).toBe(county.hospital.dischargesPerYear);
    expect(city.hospital.outpatientVisitsPerYear).toBe(county.hospital.outpatientVisitsPerYear);
    expect(city.budget.informatizationBaseAnnual).toBe(county.budget.informatizationBaseAnnual);
  });

  it('a township centre of 45 beds, from the national township averages (1.23a)', () => {
    const doc = caseOf('township', 45);
    // 1,180 admissions ÷ 44.6 beds = 26.457 a bed × 45 = 1,190.6 → 1,191.
    expect(doc.hospital.dischargesPerYear).toBe(Math.round(45 * (1180 / 44.6)));
    expect(doc.hospital.dischargesPerYear).toBe(1191);
    // 38,800 visits ÷ 44.6 beds = 869.96 a bed × 45 = 39,148.0 → 39,148.
    expect(doc.hospital.outpatientVisitsPerYear).toBe(Math.round(45 * (38800 / 44.6)));
    expect(doc.hospital.outpatientVisitsPerYear).toBe(39148);
    // The figure behind them is the township one now.
    expect(doc.sources!['hospital.dischargesPerYear']).toMatchObject({ ref: '1.23a.admissions' });
    expect(doc.sources!['hospital.outpatientVisitsPerYear']).toMatchObject({ ref: '1.23a.visits' });
    // No occupancy figure and no budget figure (1.12 NOT FOUND) fits a township centre.
    expect(estimateAt(doc, 'hospital.occupancy')).toBeNull();
    expect(estimateAt(doc, 'budget.informatizationBaseAnnual')).toBeNull();
    expect(doc.budget.informatizationBaseAnnual).toBeUndefined();
  });

  it('a community centre gets no discharge, visit, occupancy or budget estimate', () => {
    const doc = caseOf('community', 60);
    for (const path of [
      'hospital.dischargesPerYear',
      'hospital.outpatientVisitsPerYear',
      'hospital.occupancy',
      'budget.informatizationBaseAnnual',
    ]) {
      expect(estimateAt(doc, path), path).toBeNull();
    }
    expect(doc.hospital.dischargesPerYear).toBeUndefined();
    expect(doc.hospital.outpatientVisitsPerYear).toBeUndefined();
    // Wages and hours do not depend on the type.
    expect(doc.hospital.roles.nurse!.paidHoursPerYear).toBe(1930);
  });

  it('an estimate no figure fits any more is emptied for the user, still marked (a county hospital becomes a community centre)', () => {
    const county = caseOf('county', 200);
    const community = refreshEstimates(setAt(county, 'hospital.type', 'community'));
    expect(community.hospital.dischargesPerYear).toBeUndefined();
    expect(community.budget.informatizationBaseAnnual).toBeUndefined();
    expect(estimatedBy(community, 'budget.informatizationBaseAnnual')).toBe('budgetPerBed');
    // Still marked: back to a county hospital with more beds, it follows again.
    const back = refreshEstimates(setAt(setAt(community, 'hospital.type', 'county'), 'hospital.beds', 300));
    expect(back.budget.informatizationBaseAnnual).toBe(2_430_000);
  });
});

describe('marked estimates follow beds until the user types their own', () => {
  it('beds 200 → 300: every estimated input is worked out again', () => {
    const doc = caseOf('county', 200);
    const more = refreshEstimates(setAt(doc, 'hospital.beds', 300));
    // 300 × 365 × 0.86 ÷ 8.4 = 11,210.7 → 11,211; × 17.4 = 195,071.4 → 195,071.
    expect(more.hospital.dischargesPerYear).toBe(11211);
    expect(more.hospital.outpatientVisitsPerYear).toBe(195071);
    expect(more.budget.informatizationBaseAnnual).toBe(2_430_000);
  });

  it('an input marked the user’s keeps its number; what rests on it follows it', () => {
    const doc = caseOf('county', 200);
    const typed = markEstimated(
      setAt(doc, 'hospital.dischargesPerYear', 9000),
      'hospital.dischargesPerYear',
      false,
    );
    expect(estimatedBy(typed, 'hospital.dischargesPerYear')).toBeNull();
    expect(typed.sources!['hospital.dischargesPerYear']).toBeUndefined();
    const more = refreshEstimates(setAt(typed, 'hospital.beds', 300));
    expect(more.hospital.dischargesPerYear).toBe(9000);
    // Visits are still estimated, from the user's discharges: 9,000 × 17.4.
    expect(more.hospital.outpatientVisitsPerYear).toBe(156600);
    expect(more.budget.informatizationBaseAnnual).toBe(2_430_000);
  });

  it('marking it estimated again puts the estimate back', () => {
    const doc = caseOf('county', 200);
    const typed = markEstimated(setAt(doc, 'hospital.occupancy', 0.7), 'hospital.occupancy', false);
    const again = markEstimated(typed, 'hospital.occupancy', true);
    expect(again.hospital.occupancy).toBe(0.86);
    expect(estimatedBy(again, 'hospital.occupancy')).toBe('occupancyByType');
    expect(again.sources!['hospital.occupancy']).toEqual({
      kind: 'assumed',
      estimate: 'occupancyByType',
      ref: '1.20.public',
    });
  });

  it('a measured number is never treated as an estimate', () => {
    const doc = caseOf('county', 200);
    const measured = {
      ...doc,
      hospital: { ...doc.hospital, dischargesPerYear: 8000 },
      sources: { ...doc.sources, 'hospital.dischargesPerYear': { kind: 'measured', n: 12 } },
    } as Doc;
    expect(estimatedBy(measured, 'hospital.dischargesPerYear')).toBeNull();
    const more = refreshEstimates(setAt(measured, 'hospital.beds', 300));
    expect(more.hospital.dischargesPerYear).toBe(8000);
    // Marking it the user's does not drop the measurement.
    expect(markEstimated(measured, 'hospital.dischargesPerYear', false).sources).toEqual(measured.sources);
  });

  it('a path without a rule cannot be marked estimated', () => {
    const doc = caseOf('county', 200);
    expect(markEstimated(doc, 'hospital.beds', true)).toEqual(doc);
  });

  it('property: for any beds and type, estimates are finite whole numbers where they are counts, refreshing twice changes nothing, and more beds never give less', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...HOSPITAL_TYPES),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 1, max: 5000 }),
        (type, a, b) => {
          const [small, large] = a <= b ? [a, b] : [b, a];
          const one = caseOf(type, small);
          const other = caseOf(type, large);
          expect(numbersIn(one).every(Number.isFinite)).toBe(true);
          expect(refreshEstimates(one)).toEqual(one);
          for (const path of [
            'hospital.dischargesPerYear',
            'hospital.outpatientVisitsPerYear',
            'budget.informatizationBaseAnnual',
          ]) {
            const x = getAt(one, path) as number | undefined;
            const y = getAt(other, path) as number | undefined;
            expect(x === undefined).toBe(y === undefined);
            if (x === undefined || y === undefined) continue;
            expect(Number.isInteger(x)).toBe(true);
            expect(y).toBeGreaterThanOrEqual(x);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a draft without beds', () => {
  it('has no estimate for what rests on beds, and no NaN anywhere', () => {
    const doc = refreshEstimates(blankCase(2027));
    expect(numbersIn(doc).every(Number.isFinite)).toBe(true);
    expect(JSON.stringify(doc)).not.toMatch(/NaN|null/);
    for (const path of [
      'hospital.dischargesPerYear',
      'hospital.outpatientVisitsPerYear',
      'budget.informatizationBaseAnnual',
    ]) {
      expect(estimateAt(doc, path), path).toBeNull();
      expect(getAt(doc, path), path).toBeUndefined();
      // Still marked, so it is filled in once it can be.
      expect(estimatedBy(doc, path), path).not.toBeNull();
    }
    // What does not rest on beds is there from the start.
    expect(doc.hospital.occupancy).toBe(0.86);
    expect(doc.hospital.roles.nurse!.annualCostPerFte).toBe(61300);
  });

  it('gets its estimates once beds are set', () => {
    const doc = refreshEstimates(setAt(refreshEstimates(blankCase(2027)), 'hospital.beds', 200));
    expect(doc.hospital.dischargesPerYear).toBe(7474);
    expect(doc.hospital.outpatientVisitsPerYear).toBe(130048);
    expect(doc.budget.informatizationBaseAnnual).toBe(1_620_000);
  });

  it('a draft without occupancy (beds set) gives no discharge estimate rather than NaN', () => {
    const doc = setAt(setAt(blankCase(2027), 'hospital.beds', 200), 'hospital.occupancy', undefined);
    expect(estimateAt(doc, 'hospital.dischargesPerYear')).toBeNull();
    const refreshed = refreshEstimates(markEstimated(doc, 'hospital.occupancy', false));
    expect(refreshed.hospital.dischargesPerYear).toBeUndefined();
    expect(numbersIn(refreshed).every(Number.isFinite)).toBe(true);
  });
});

describe('explanations quote the case’s own numbers', () => {
  it('a county hospital of 200 beds, in both languages', () => {
    const doc = caseOf('county', 200);
    const say = (path: string, lang: (typeof LANGUAGES)[number]) => estimateAt(doc, path)!.explain[lang];
    expect(say('hospital.dischargesPerYear', 'zh-CN')).toContain('200 张床');
    expect(say('hospital.dischargesPerYear', 'zh-CN')).toContain('86%');
    expect(say('hospital.dischargesPerYear', 'zh-CN')).toContain('8.4');
    expect(say('hospital.dischargesPerYear', 'zh-CN')).toContain('7,474');
    expect(say('hospital.dischargesPerYear', 'en')).toContain('200 beds');
    expect(say('hospital.dischargesPerYear', 'en')).toContain('86%');
    expect(say('hospital.dischargesPerYear', 'en')).toContain('7,474');
    expect(say('hospital.outpatientVisitsPerYear', 'zh-CN')).toContain('7,474 人次出院');
    expect(say('hospital.outpatientVisitsPerYear', 'en')).toContain('7,474 discharges');
    expect(say('hospital.outpatientVisitsPerYear', 'en')).toContain('17.4');
    expect(say('budget.informatizationBaseAnnual', 'zh-CN')).toContain('200 张床');
    expect(say('budget.informatizationBaseAnnual', 'zh-CN')).toContain('162.00 万元');
    expect(say('budget.informatizationBaseAnnual', 'en')).toContain('200 beds');
    expect(say('budget.informatizationBaseAnnual', 'en')).toContain('CNY 1,620,000');
    expect(say('hospital.roles.nurse.paidHoursPerYear', 'zh-CN')).toContain('7.72');
    expect(say('hospital.roles.nurse.paidHoursPerYear', 'en')).toContain('250');
    expect(say('hospital.occupancy', 'en')).toContain('86%');
    expect(say('discountRate', 'zh-CN')).toContain('8%');
  });

  it('a township centre of 45 beds', () => {
    const doc = caseOf('township', 45);
    const e = estimateAt(doc, 'hospital.dischargesPerYear')!;
    expect(e.explain['zh-CN']).toContain('45 张床');
    expect(e.explain['zh-CN']).toContain('26.5');
    expect(e.explain.en).toContain('45 beds');
    expect(estimateAt(doc, 'hospital.outpatientVisitsPerYear')!.explain.en).toContain('870 visits a bed');
  });

  it('property: the explanation names the beds and the figures of this case, in each language, with Chinese in Chinese only', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<HospitalType>('county', 'city', 'township'),
        fc.integer({ min: 1, max: 3000 }),
        (type, beds) => {
          const doc = caseOf(type, beds);
          const grouped = beds.toLocaleString('en-US');
          const e = estimateAt(doc, 'hospital.dischargesPerYear')!;
          expect(e.explain['zh-CN']).toContain(`${grouped} 张床`);
          expect(e.explain.en).toContain(`${grouped} beds`);
          expect(e.explain['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
          expect(e.explain.en).not.toMatch(/[\u4e00-\u9fff]/);
        },
      ),
      { numRuns: 100 },
    );
  });
});
