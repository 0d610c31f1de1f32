import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  FIGURE_ID_PATTERN,
  SHARE_UNITS,
  UNITS,
  findFigure,
  isUsableAsDefault,
  normalizePublishedGrade,
  parseReferenceFigures,
  resolveInputGrade,
  type ReferenceFigure,
} from '../app/reference/figures';
import { formatFigureValue, UNIT_LABELS, yearText } from '../app/reference/units';
import seed from '../seeds/reference-figures.json';
import { isModelLike, LATIN_TERMS, latinWords, REFERENCE_NAMES } from './helpers/latin-words';

const file = parseReferenceFigures(seed);
const figures = file.figures;

function fig(id: string): ReferenceFigure {
  const f = findFigure(figures, id);
  if (!f) throw new Error(`missing figure ${id}`);
  return f;
}

/** A minimal valid figure for unit tests of the helpers. */
function makeFigure(overrides: Partial<ReferenceFigure>): ReferenceFigure {
  return {
    id: '99.1',
    section: '99',
    topic: 'budget',
    label: { en: 'Test', 'zh-CN': '测试' },
    value: 1,
    unit: 'CNY',
    year: '2024',
    region: { en: 'China', 'zh-CN': '中国' },
    source: 'https://example.org',
    grade: 'A',
    gradeAsPublished: 'A',
    doNotUse: false,
    ...overrides,
  };
}

describe('seeds/reference-figures.json', () => {
  it('parses with the schema', () => {
    expect(file.schemaVersion).toBe(2);
    expect(file.currencyNote.en).toContain('7.18 CNY/USD');
    expect(file.currencyNote['zh-CN']).toContain('7.18 元/美元');
    expect(figures.length).toBeGreaterThan(300);
  });

  it('has unique ids that follow the row-number pattern', () => {
    const ids = figures.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(FIGURE_ID_PATTERN);
  });

  it('derives only from ids that exist, never from itself, with a consistent inputGrade', () => {
    const ids = new Set(figures.map((f) => f.id));
    for (const f of figures) {
      for (const ref of f.derivedFrom ?? []) {
        expect(ids.has(ref), `${f.id} → ${ref}`).toBe(true);
        expect(ref).not.toBe(f.id);
      }
      if (f.grade === 'derived') {
        expect(f.source).toBe('derived');
        expect(f.derivedFrom?.length, f.id).toBeGreaterThan(0);
        expect(f.method, f.id).toBeTruthy();
        expect(f.inputGrade, f.id).toBe(resolveInputGrade(figures, f.id));
      } else {
        expect(f.derivedFrom, f.id).toBeUndefined();
      }
    }
  });

  it.each([
    // id, value, unit, grade
    ['1.20.public', 0.86, 'share', 'B'],
    ['1.20.all-hospitals', 0.794, 'share', 'B'],
    ['1.16.beds', 10_174_000, 'beds', 'B'],
    ['1.19.visits', 4_260_000_000, 'visits/year', 'B'], // 42.6亿
    ['1.17.admissions', 39_921_000, 'admissions/year', 'B'], // 3,992.1万
    ['1.2.2018', 8100, 'CNY/bed/year', 'A'],
    ['1.1.2018', 6_376_000, 'CNY/hospital/year', 'A'],
    ['1.5', 2.76, 'persons', 'A'], // published A–
    ['2.2', 1_400_000, 'CNY/server', 'B'],
    ['2.17.power', 400, 'W', 'B'],
    ['2.29.v3-input', 2, 'CNY/1M tokens', 'B'],
    ['2.29.v3-output', 8, 'CNY/1M tokens', 'B'],
    ['2.29.r1-output', 16, 'CNY/1M tokens', 'B'],
    ['2.31.input', 20, 'CNY/1M tokens', 'A'], // 0.02 元/千 × 1000
    ['2.32.qwen-plus-input', 0.8, 'CNY/1M tokens', 'A'], // 0.0008 元/千 × 1000
    ['2.27.input-cache-miss', 0.27, 'USD/1M tokens', 'A'],
    ['2.5.h20', 1_200_000, 'CNY/server', 'C'], // published B/C
    ['3.1', 120_698, 'CNY/year', 'A'],
    ['3.9.monthly-2022', 5111, 'CNY/month', 'B'],
    ['3.18.day', 7.72, 'hours/shift', 'A'],
    ['4.14', 792_966.74, 'CNY', 'B'],
    ['4.16', 440_274_000, 'CNY', 'B'], // 44,027.4万
    ['5.1.documentation', 231, 'seconds/task', 'A'], // 3:51
    ['5.12.documentation', 0.283, 'share', 'A'],
    ['5.17.nabla-usage', 0.295, 'share', 'A'],
    ['6.1', 80_000, 'CNY', 'B'],
    ['6.8', 0.9, 'share', 'A'], // published A–
    ['10.1', 0.08, 'share/year', 'B'],
    ['10.1.public-benefit', 0.06, 'share/year', 'B'],
    ['3.11', 243_801, 'CNY/year', 'C'],
  ] as const)('%s is %d %s (grade %s)', (id, value, unit, grade) => {
    const f = fig(id);
    expect(f.value).toBe(value);
    expect(f.unit).toBe(unit);
    expect(f.grade).toBe(grade);
  });

  it.each([
    // derived figures: id, value, unit
    ['1.23.visits', 111_000, 'visits/year'],
    ['1.24', 17.4, 'ratio'],
    ['2.23.cny-2024', 0.63, 'CNY/kWh'],
    ['2.21.max', 5.8, 'kW'],
    ['3.9.annual', 61_300, 'CNY/year'],
    ['4.20.annual', 0.12, 'share/year'],
    ['5.13', 131, 'minutes/shift'],
  ] as const)('derived %s is %d %s', (id, value, unit) => {
    const f = fig(id);
    expect(f.grade).toBe('derived');
    expect(f.value).toBe(value);
    expect(f.unit).toBe(unit);
  });

  it('section 7 defaults carry their low / most likely / high columns', () => {
    expect(fig('7.1.occupancy')).toMatchObject({ value: 0.86, low: 0.794, unit: 'share' });
    expect(fig('7.1.occupancy').high).toBeUndefined();
    expect(fig('7.1.discharges')).toMatchObject({ value: 11_200, low: 9900 });
    expect(fig('7.2.informatization-spend')).toMatchObject({
      value: 2_430_000,
      low: 1_380_000,
      high: 6_380_000,
    });
    expect(fig('7.3.api-input-price')).toMatchObject({ value: 2, low: 0.8, high: 4, unit: 'CNY/1M tokens' });
    expect(fig('7.3.api-output-price')).toMatchObject({ value: 8, low: 2, high: 16 });
    expect(fig('7.3.electricity-price')).toMatchObject({
      value: 0.63,
      low: 0.6,
      high: 0.75,
      unit: 'CNY/kWh',
    });
    expect(fig('7.4.nurse-salary')).toMatchObject({ value: 61_000, low: 46_000, high: 120_000 });
    expect(fig('7.5.maintenance-share')).toMatchObject({ value: 0.12, low: 0.1, high: 0.2 });
    expect(fig('7.6.nurse-doc-minutes')).toMatchObject({ value: 131, high: 147.5, unit: 'minutes/shift' });
    expect(fig('7.7.mlps-fee')).toMatchObject({ value: 80_000, low: 50_000, high: 550_000 });
  });

  it('covers every numbered row of sections 1–6 and 10 that carries a number', () => {
    const range = (prefix: number, from: number, to: number, skip: number[] = []) =>
      Array.from({ length: to - from + 1 }, (_, i) => from + i)
        .filter((n) => !skip.includes(n))
        .map((n) => `${prefix}.${n}`);
    const rows = [
      ...range(1, 1, 26),
      '1.23a',
      ...range(2, 1, 55, [13, 14]), // 2.13, 2.14: qualitative
      ...range(3, 1, 19),
      ...range(4, 1, 24, [19]), // 4.19: qualitative
      ...range(5, 1, 31, [20, 27]), // 5.20, 5.27: no figures captured
      ...range(6, 1, 11, [4]), // 6.4: formula without numeric bases
      '10.1',
      '10.2',
    ];
    const missing = rows.filter((r) => !figures.some((f) => f.id === r || f.id.startsWith(`${r}.`)));
    expect(missing).toEqual([]);
  });

  it('covers every row of section 11 that carries a number, in sub-sections 11a–11i', () => {
    const noFigure = [10, 16, 17]; // 11.10, 11.16, 11.17: direction only, minutes not in the abstracts
    const rows = Array.from({ length: 64 }, (_, i) => i + 1)
      .filter((n) => !noFigure.includes(n))
      .map((n) => `11.${n}`);
    const missing = rows.filter((r) => !figures.some((f) => f.id === r || f.id.startsWith(`${r}.`)));
    expect(missing).toEqual([]);
    for (const n of noFigure)
      expect(figures.some((f) => f.id === `11.${n}` || f.id.startsWith(`11.${n}.`))).toBe(false);

    const section11 = figures.filter((f) => f.id.startsWith('11.'));
    expect(section11).toHaveLength(163);
    expect([...new Set(section11.map((f) => f.section))]).toEqual([
      '11a',
      '11b',
      '11c',
      '11d',
      '11e',
      '11f',
      '11g',
      '11h',
      '11i',
    ]);
    // Sub-section by row number, as in cost-figures.md.
    const subsection = (row: number) =>
      row <= 4
        ? '11a'
        : row <= 14
          ? '11b'
          : row <= 21
            ? '11c'
            : row <= 28
              ? '11d'
              : row <= 36
                ? '11e'
                : row <= 46
                  ? '11f'
                  : row <= 54
                    ? '11g'
                    : row <= 60
                      ? '11h'
                      : '11i';
    for (const f of section11) expect(f.section, f.id).toBe(subsection(Number(f.id.split('.')[1])));
  });

  it('tells a section 11 figure from outside mainland China by its region', () => {
    for (const f of figures.filter((x) => x.id.startsWith('11.'))) {
      if (/foreign/.test(f.gradeAsPublished)) {
        expect(f.region.en, f.id).toMatch(/\(foreign\)|^Foreign/);
        expect(f.region['zh-CN'], f.id).toMatch(/（国外）|^国外/);
      }
      if (/Taiwan/.test(f.gradeAsPublished)) {
        expect(f.region.en, f.id).toMatch(/^Taiwan \(outside mainland China\)/);
        expect(f.region['zh-CN'], f.id).toMatch(/^台湾（中国大陆以外）/);
      }
      expect(f.region.en, f.id).toMatch(/^(China|Taiwan|US|England|Germany|Iran|Turkey|Foreign)\b/);
    }
    expect(fig('11.15').region.en).toMatch(/^US \(foreign\)/);
    expect(fig('11.15').region['zh-CN']).toMatch(/^美国（国外）/);
    expect(fig('11.2.before').region.en).toMatch(/^Taiwan/);
    expect(fig('11.8.manual').region.en).toMatch(/^China, Pengpu CHC, Shanghai, 350/);
    expect(fig('11.8.manual').region['zh-CN']).toMatch(/^中国，上海彭浦社区卫生服务中心，350 名/);
  });

  it.each([
    // id, value, unit, grade, published tag
    ['11.8.manual', 5.24, 'minutes/call', 'A', 'A'],
    ['11.8.ai', 4.15, 'minutes/call', 'A', 'A'],
    ['11.5.follow-ups', 4, 'follow-ups/patient/year', 'B', 'B'],
    ['11.7.enrolled-hypertension', 0.654, 'share', 'A', 'A (via mirror)'],
    ['11.15', 16.6, 'minutes/inpatient-day', 'A', 'A (old, foreign)'],
    ['11.20.lectures', 26, 'sessions', 'C', 'B/C'],
    ['11.25.test-set', 0.222, 'share', 'A', 'A (Taiwan)'],
    ['11.29.consultation', 2, 'minutes/visit', 'A', 'A'],
    ['11.38', 135_457_000, 'persons', 'B', 'B'], // 13,545.7 万
    ['11.41', 0.2, 'share', 'B', 'B (abstract mirror)'],
    ['11.44', 20, 'minutes/check', 'B', 'B (foreign)'],
    ['11.47.total', 30_321_700, 'referrals/year', 'B', 'B'], // 3,032.17 万
    ['11.53', 15, 'minutes/referral', 'C', 'C (foreign)'],
    ['11.59.efficiency', 0.71, 'share', 'A', 'A (foreign, self-report)'],
    ['11.61.urban-bp-control', 0.707, 'share', 'A', 'A'],
    ['11.61.urban-cost-saving', 20.3, 'USD/patient', 'A', 'A'],
    ['11.62', -1072, 'CNY/patient/year', 'B', 'B'],
    ['11.64.outpatient', 361.6, 'CNY/visit', 'B', 'B'],
    ['11.64.inpatient', 10_315.8, 'CNY/stay', 'B', 'B'],
  ] as const)('section 11: %s is %d %s (grade %s, published %s)', (id, value, unit, grade, published) => {
    const f = fig(id);
    expect(f.value).toBe(value);
    expect(f.unit).toBe(unit);
    expect(f.grade).toBe(grade);
    expect(f.gradeAsPublished).toBe(published);
  });

  it('keeps section 11 ranges and one-sided bounds', () => {
    expect(fig('11.2.before')).toMatchObject({ value: 3.45, low: 3.45, high: 4.32 });
    expect(fig('11.44')).toMatchObject({ value: 20, low: 20, high: 30 });
    expect(fig('11.63')).toMatchObject({ value: 0, low: -0.02, high: 0.02, unit: 'risk difference' });
    expect(fig('11.5.follow-ups')).toMatchObject({ low: 4 });
    expect(fig('11.5.follow-ups').high).toBeUndefined();
    expect(fig('11.23.voice-hours')).toMatchObject({ value: 1, high: 1 });
    expect(fig('11.23.voice-hours').low).toBeUndefined();
  });

  it.each([
    // derived section 11 figures: id, value, unit, inputs, input grade
    ['11.3', 2, 'minutes/patient/handover', ['11.2.before', '11.2.after'], 'A'],
    ['11.9', 21, 'minutes/patient/year', ['11.5.follow-ups', '11.8.manual'], 'B'],
    ['11.11.hours', 3680, 'hours', ['11.11.calls', '11.11.minutes-per-call'], 'A'],
    ['11.34.saving', 1.3, 'minutes/visit', ['11.34.before', '11.34.after'], 'A'],
    ['11.39', 960, 'per 10,000 population/year', ['11.38'], 'B'],
    ['11.45.correction-share', 0.0022, 'share', ['11.45.corrected', '11.45.auxiliary-diagnoses'], 'C'],
    ['11.48.total', 215, 'per 10,000 population/year', ['11.47.total'], 'B'],
    ['11.56.results-minutes', 15, 'minutes/day', ['11.56.inbox', '11.56.results-share'], 'A'],
  ] as const)('derived %s is %d %s', (id, value, unit, inputs, inputGrade) => {
    const f = fig(id);
    expect(f).toMatchObject({ grade: 'derived', source: 'derived', value, unit, inputGrade });
    expect(f.derivedFrom).toEqual(inputs);
    expect(isUsableAsDefault(f)).toBe(inputGrade !== 'C');
  });

  it('asks the user for the NOT FOUND rows of section 11', () => {
    const f = fig('11.36');
    expect(f).toMatchObject({ value: null, grade: 'notFound', gradeAsPublished: '—', unit: 'minutes/note' });
    expect(f.label.en).toMatch(/outpatient note/);
    expect(f.notes?.en).toMatch(/NOT FOUND/);
    expect(f.notes?.['zh-CN']).toMatch(/未找到/);
    expect(isUsableAsDefault(f)).toBe(false);
    for (const row of [4, 14, 21, 28, 36, 46, 54, 60]) {
      const ids = figures.filter((x) => x.id === `11.${row}` || x.id.startsWith(`11.${row}.`));
      expect(ids.length, `11.${row}`).toBeGreaterThan(0);
      for (const x of ids) {
        expect(x, x.id).toMatchObject({ value: null, grade: 'notFound' });
        expect(x.notes?.en, x.id).toMatch(/^NOT FOUND/);
        expect(x.notes?.['zh-CN'], x.id).toMatch(/^未找到|^仍未找到/);
      }
    }
  });

  it('has every section 7 row', () => {
    const section7 = [
      '7.1.beds',
      '7.1.occupancy',
      '7.1.alos',
      '7.1.inpatient-days',
      '7.1.discharges',
      '7.1.outpatient-visits',
      '7.1.health-tech-staff',
      '7.2.informatization-spend',
      '7.2.it-share-of-revenue',
      '7.2.it-fte',
      '7.3.small-box-capex',
      '7.3.server-capex',
      '7.3.card-price',
      '7.3.h20-server-power',
      '7.3.electricity-price',
      '7.3.pue',
      '7.3.energy-kwh',
      '7.3.energy-cost',
      '7.3.api-input-price',
      '7.3.api-output-price',
      '7.3.decode-7b',
      '7.3.decode-32b',
      '7.3.throughput-8b',
      '7.3.throughput-70b-node',
      '7.4.physician-salary',
      '7.4.nurse-salary',
      '7.4.it-staff-salary',
      '7.4.ai-engineer-salary',
      '7.5.scribe-price',
      '7.5.llm-project-price',
      '7.5.interface-fee',
      '7.5.maintenance-share',
      '7.6.outpatient-doc-baseline',
      '7.6.outpatient-note-saving',
      '7.6.clinician-day-saving',
      '7.6.note-time-reduction',
      '7.6.scribe-adoption',
      '7.6.discharge-summary-minutes',
      '7.6.draft-edited-share',
      '7.6.nurse-doc-minutes',
      '7.6.nurse-doc-share',
      '7.6.verification-minutes',
      '7.7.mlps-fee',
      '7.7.llm-filing-months',
      '7.7.data-security-review',
    ];
    expect(figures.filter((f) => f.id.startsWith('7.')).map((f) => f.id)).toEqual(section7);
  });

  it('keeps NOT FOUND rows as value null with grade notFound, never usable', () => {
    const notFound = [
      '1.11',
      '1.12',
      '1.25',
      '2.21.measured',
      '2.22',
      '2.25',
      '2.55',
      '3.4',
      '3.19',
      '4.17',
      '4.22',
      '5.7',
      '5.10.per-inpatient-day',
      '5.31',
      '6.9.cost',
      '6.10',
      '6.11.cost',
      '7.6.verification-minutes',
      '7.7.data-security-review',
      '11.4.minutes-per-shift',
      '11.4.llm-effect',
      '11.14.managed-per-thc',
      '11.14.managed-per-10k',
      '11.14.follow-up-minutes',
      '11.21.session-minutes',
      '11.21.ai-effect',
      '11.28.dialect-accuracy',
      '11.28.correction-minutes',
      '11.36',
      '11.46',
      '11.54.per-alliance',
      '11.54.per-thc',
      '11.54.minutes-per-referral',
      '11.60.tests-per-visit',
      '11.60.review-minutes',
    ];
    expect(figures.filter((f) => f.grade === 'notFound').map((f) => f.id)).toEqual(notFound);
    for (const id of notFound) {
      const f = fig(id);
      expect(f.value).toBeNull();
      expect(f.low).toBeUndefined();
      expect(f.high).toBeUndefined();
      expect(isUsableAsDefault(f)).toBe(false);
    }
    for (const f of figures) expect(f.value === null, f.id).toBe(f.grade === 'notFound');
  });

  it('marks exactly the section 9 exclusions doNotUse, and never offers them', () => {
    const excluded = figures.filter((f) => f.doNotUse).map((f) => f.id);
    expect(excluded).toEqual(['2.16', '3.11', '6.6.cost', '6.6.duration']);
    expect(fig('3.11').doNotUse).toBe(true);
    expect(isUsableAsDefault(fig('3.11'))).toBe(false);
    for (const id of excluded) expect(isUsableAsDefault(fig(id))).toBe(false);
  });

  it('never offers a grade C figure, or one derived from C, as a default', () => {
    for (const f of figures) {
      if (f.grade === 'C') expect(isUsableAsDefault(f), f.id).toBe(false);
      if (f.grade === 'derived' && f.inputGrade !== 'A' && f.inputGrade !== 'B') {
        expect(isUsableAsDefault(f), f.id).toBe(false);
      }
    }
    // The section 7 server price traces to C-grade rows (2.5 B/C, 2.6 C, 2.7 C).
    expect(fig('7.3.server-capex').inputGrade).toBe('C');
    expect(isUsableAsDefault(fig('7.3.server-capex'))).toBe(false);
    // Derived only from A/B figures (transitively through 7.1.beds and 7.1.inpatient-days).
    expect(isUsableAsDefault(fig('7.1.occupancy'))).toBe(true);
    expect(isUsableAsDefault(fig('7.1.discharges'))).toBe(true);
    expect(isUsableAsDefault(fig('7.3.api-input-price'))).toBe(true);
    expect(isUsableAsDefault(fig('2.23.cny-2024'))).toBe(true);
    expect(isUsableAsDefault(fig('2.24.cny-2024'))).toBe(false);
  });

  it('normalises every published mixed grade to the weaker letter', () => {
    for (const f of figures) {
      if (/\bB\s*\/\s*C\b|\bC\s*\/\s*B\b|\bA\s*\/\s*C\b/.test(f.gradeAsPublished) && f.grade !== 'derived') {
        expect(f.grade, f.id).toBe('C');
      }
    }
    expect(fig('2.5.h20').gradeAsPublished).toBe('B/C');
    expect(fig('3.13.annual-avg')).toMatchObject({ gradeAsPublished: 'C/B', grade: 'C' });
    expect(fig('5.18.hours-saved')).toMatchObject({ gradeAsPublished: 'A/B', grade: 'B' });
    expect(fig('1.4.china')).toMatchObject({ gradeAsPublished: 'B (old)', grade: 'B' });
  });

  it('keeps shares within 0..1', () => {
    for (const f of figures.filter((x) => SHARE_UNITS.has(x.unit))) {
      for (const v of [f.value, f.low, f.high]) {
        if (typeof v === 'number') {
          expect(v, f.id).toBeGreaterThanOrEqual(0);
          expect(v, f.id).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('keeps low ≤ value ≤ high', () => {
    for (const f of figures) {
      if (f.value !== null && f.low !== undefined) expect(f.low, f.id).toBeLessThanOrEqual(f.value);
      if (f.value !== null && f.high !== undefined) expect(f.value, f.id).toBeLessThanOrEqual(f.high);
      if (f.low !== undefined && f.high !== undefined) expect(f.low, f.id).toBeLessThanOrEqual(f.high);
    }
  });

  it('labels every figure in English and simplified Chinese', () => {
    for (const f of figures) {
      expect(f.label.en.trim(), f.id).not.toBe('');
      expect(f.label['zh-CN'], f.id).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

/** Text with at least one Chinese character. */
const CHINESE = /[\u4e00-\u9fff]/;

/**
 * The Latin-script words of a Chinese text that are not allowed: a word must be a general term
 * (units, formats, products), look like a model or version name, or be a proper name (or a
 * citation's abbreviation) that the English text of the same field also has, kept as published.
 */
function englishLeftIn(zh: string, en: string): string[] {
  // A name inside a hyphenated English word ("VA-funded", "ex-DAX") is in the English text too.
  const kept = new Set(latinWords(en).flatMap((w) => [w, ...w.split('-')]));
  return latinWords(zh).filter(
    (w) => !LATIN_TERMS.has(w) && !isModelLike(w) && !(REFERENCE_NAMES.has(w) && kept.has(w)),
  );
}

describe('both languages', () => {
  const texts = figures.flatMap((f) => {
    const pairs: [string, { en: string; 'zh-CN': string }][] = [
      [`${f.id} label`, f.label],
      [`${f.id} region`, f.region],
    ];
    if (f.notes) pairs.push([`${f.id} notes`, f.notes]);
    if (typeof f.year !== 'string') pairs.push([`${f.id} year`, f.year]);
    return pairs;
  });

  it('gives every figure its region, notes and a year with words in English and Chinese', () => {
    expect(texts.length).toBeGreaterThan(figures.length * 2);
    for (const f of figures) {
      expect(f.region.en.trim(), f.id).not.toBe('');
      expect(f.region['zh-CN'], f.id).toMatch(CHINESE);
      if (f.notes) expect(f.notes.en.trim(), f.id).not.toBe('');
      if (typeof f.year === 'string') expect(f.year, f.id).not.toMatch(/[A-Za-z]/);
      else expect(f.year['zh-CN'], f.id).not.toBe(f.year.en);
    }
    // The 338 notes: a Chinese one is the English one only where the note is a bare citation.
    const notes = figures.filter((f) => f.notes).map((f) => f.notes!);
    const same = [...new Set(notes.filter((n) => n.en === n['zh-CN']).map((n) => n.en))];
    expect(same.sort()).toEqual([
      'Hendrich, Perm J 2008.',
      'Hu et al., Biomed Res 2017;28(20).',
      'J Nurs Manag 2019.',
      'JAMA Intern Med 2016.',
      'JAMIA 2021.',
      'Liang et al., JMIR Med Inform 2020;8(2):e17006.',
      'PLoS One 2015;10:e0135121.',
      'Zhang & Liu, BMC HSR 2018.',
      'Zhonghua Liu Xing Bing Xue Za Zhi.',
    ]);
    for (const n of notes.filter((x) => x.en !== x['zh-CN'])) expect(n['zh-CN'], n.en).toMatch(CHINESE);
  });

  it('leaves no English word in a Chinese text, only names, citations, units and model names', () => {
    const left = texts
      .map(([where, t]) => [where, englishLeftIn(t['zh-CN'], t.en)] as const)
      .filter(([, words]) => words.length > 0)
      .map(([where, words]) => `${where}: ${words.join(' ')}`);
    expect(left).toEqual([]);
    expect(englishLeftIn(file.currencyNote['zh-CN'], file.currencyNote.en)).toEqual([]);
  });

  it('the check finds English left in a Chinese text', () => {
    expect(englishLeftIn('CHIMA statistics quoted in press; cited 2010 (old).', 'CHIMA statistics')).toEqual([
      'statistics',
      'quoted',
      'in',
      'press',
      'cited',
      'old',
    ]);
    // A name the English text does not have is not "kept as published".
    expect(englishLeftIn('Penn Medicine 的研究', 'a US study')).toEqual(['Penn', 'Medicine']);
    expect(englishLeftIn('原文为“Published as a range”', 'Published as a range')).toEqual([
      'Published',
      'as',
      'a',
      'range',
    ]);
    expect(englishLeftIn('Qwen2.5-7B 在 1×A100 上，vLLM 0.6.3', '')).toEqual([]);
  });

  it('names every unit in both languages, Chinese in Chinese', () => {
    expect(Object.keys(UNIT_LABELS).sort()).toEqual([...UNITS].sort());
    for (const unit of UNITS) {
      const label = UNIT_LABELS[unit];
      expect(label.en, unit).toBe(unit);
      expect(englishLeftIn(label['zh-CN'], ''), unit).toEqual([]);
    }
    expect(UNIT_LABELS['CNY/year']['zh-CN']).toBe('元/年');
    expect(UNIT_LABELS['USD/1M tokens']['zh-CN']).toBe('美元/百万 tokens');
  });
});

describe('formatFigureValue', () => {
  const shown = (id: string, lang: 'zh-CN' | 'en') => formatFigureValue(fig(id), lang);

  it('writes CNY in 万元 in Chinese from 10,000 on, and in yuan below', () => {
    // 120,698 ÷ 10,000 = 12.0698
    expect(shown('3.1', 'zh-CN')).toEqual({ value: '12.0698 万元/年', range: null });
    expect(shown('3.1', 'en')).toEqual({ value: '120,698 CNY/year', range: null });
    // 2,430,000 ÷ 10,000 = 243; the range in the same unit: 138–638 万
    expect(shown('7.2.informatization-spend', 'zh-CN')).toEqual({
      value: '243 万元/年',
      range: '138–638 万元/年',
    });
    expect(shown('7.3.api-input-price', 'zh-CN')).toEqual({
      value: '2 元/百万 tokens',
      range: '0.8–4 元/百万 tokens',
    });
    expect(shown('2.27.input-cache-miss', 'zh-CN').value).toBe('0.27 美元/百万 tokens');
    expect(shown('2.27.input-cache-miss', 'en').value).toBe('0.27 USD/1M tokens');
  });

  it('writes shares as percentages, and one-sided bounds as such', () => {
    expect(shown('1.20.public', 'zh-CN').value).toBe('86%');
    expect(shown('10.1', 'zh-CN').value).toBe('8%/年');
    expect(shown('10.1', 'en').value).toBe('8%/year');
    expect(shown('11.5.follow-ups', 'zh-CN')).toEqual({
      value: '4 次随访/患者/年',
      range: '≥ 4 次随访/患者/年',
    });
    expect(shown('7.1.discharges', 'en')).toEqual({
      value: '11,200 discharges/year',
      range: '≥ 9,900 discharges/year',
    });
    expect(shown('11.63', 'zh-CN')).toEqual({ value: '0 风险差', range: '-0.02–0.02 风险差' });
    expect(shown('11.36', 'zh-CN').value).toBeNull();
  });

  it('dates a figure in the page language', () => {
    const undated = figures.find((f) => typeof f.year !== 'string' && f.year.en === 'n.d.')!;
    expect(yearText(undated.year, 'zh-CN')).toBe('未注明日期');
    expect(yearText(undated.year, 'en')).toBe('n.d.');
    expect(yearText(fig('3.1').year, 'zh-CN')).toBe('2023');
  });
});

describe('normalizePublishedGrade', () => {
  it.each([
    ['A', 'A'],
    ['A–', 'A'],
    ['A (old)', 'A'],
    ['A (label uncertain)', 'A'],
    ['B (old)', 'B'],
    ['B (vendor figure)', 'B'],
    ['A/B', 'B'],
    ['B/C', 'C'],
    ['C/B', 'C'],
    ['A / C', 'C'],
    ['C — do not use', 'C'],
    ['—', null],
    ['A (foreign)', 'A'],
    ['A (old, foreign)', 'A'],
    ['A (Taiwan)', 'A'],
    ['A (via mirror)', 'A'],
    ['A (direction only)', 'A'],
    ['A (foreign, self-report)', 'A'],
    ['B (foreign)', 'B'],
    ['B (abstract mirror)', 'B'],
    ['C (foreign)', 'C'],
    ['derived', null],
  ] as const)('%s → %s', (text, expected) => {
    expect(normalizePublishedGrade(text)).toBe(expected);
  });
});

describe('isUsableAsDefault', () => {
  it('accepts A and B, rejects C', () => {
    expect(isUsableAsDefault(makeFigure({ grade: 'A', gradeAsPublished: 'A' }))).toBe(true);
    expect(isUsableAsDefault(makeFigure({ grade: 'B', gradeAsPublished: 'B' }))).toBe(true);
    expect(isUsableAsDefault(makeFigure({ grade: 'C', gradeAsPublished: 'B/C' }))).toBe(false);
  });

  it('rejects doNotUse and null values even at grade A', () => {
    expect(isUsableAsDefault(makeFigure({ doNotUse: true }))).toBe(false);
    expect(isUsableAsDefault(makeFigure({ value: null }))).toBe(false);
    expect(isUsableAsDefault(makeFigure({ value: null, grade: 'notFound', gradeAsPublished: '—' }))).toBe(
      false,
    );
  });

  it('accepts derived figures only when every input is A or B', () => {
    const derived: Partial<ReferenceFigure> = {
      grade: 'derived',
      source: 'derived',
      derivedFrom: ['1.1'],
      method: 'x',
    };
    expect(isUsableAsDefault(makeFigure({ ...derived, inputGrade: 'A' }))).toBe(true);
    expect(isUsableAsDefault(makeFigure({ ...derived, inputGrade: 'B' }))).toBe(true);
    expect(isUsableAsDefault(makeFigure({ ...derived, inputGrade: 'C' }))).toBe(false);
    expect(isUsableAsDefault(makeFigure({ ...derived, inputGrade: 'notFound' }))).toBe(false);
    expect(isUsableAsDefault(makeFigure({ ...derived }))).toBe(false);
  });
});

describe('findFigure', () => {
  it('finds by exact id only', () => {
    expect(findFigure(figures, '3.1')?.value).toBe(120_698);
    expect(findFigure(figures, '1.20')).toBeUndefined();
    expect(findFigure(figures, 'nope')).toBeUndefined();
  });
});

describe('parseReferenceFigures', () => {
  type Loose = { schemaVersion: unknown; figures: Record<string, unknown>[] };
  const clone = (): Loose => structuredClone(seed) as unknown as Loose;

  it('lists every problem with its path', () => {
    const bad = clone();
    bad.figures[0]!.value = 'lots';
    bad.figures[1]!.id = bad.figures[2]!.id as string;
    const occupancy = bad.figures.findIndex((f) => f.id === '1.20.public');
    bad.figures[occupancy]!.value = 86; // a percentage, not a share
    const derived = bad.figures.findIndex((f) => f.id === '1.24');
    bad.figures[derived]!.derivedFrom = ['9.99'];
    const notFound = bad.figures.findIndex((f) => f.id === '1.25');
    bad.figures[notFound]!.value = 100_000; // invented number for a NOT FOUND row
    const mixed = bad.figures.findIndex((f) => f.id === '2.5.h20');
    bad.figures[mixed]!.grade = 'B'; // B/C must normalise to C

    let message = '';
    try {
      parseReferenceFigures(bad);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('figures[0] (1.1.2007).value');
    expect(message).toContain('duplicate id');
    expect(message).toContain(`figures[${occupancy}] (1.20.public).value`);
    expect(message).toContain(`figures[${derived}] (1.24).derivedFrom`);
    expect(message).toContain('unknown id "9.99"');
    expect(message).toContain(`figures[${notFound}] (1.25).value`);
    expect(message).toContain(`figures[${mixed}] (2.5.h20).grade`);
  });

  it('rejects a wrong schemaVersion and unknown units', () => {
    const bad = clone();
    bad.schemaVersion = 1;
    bad.figures[0]!.unit = 'CNY per something';
    expect(() => parseReferenceFigures(bad)).toThrow(/schemaVersion[\s\S]*figures\[0\] \(1\.1\.2007\)\.unit/);
  });

  it('rejects a derived figure whose stored inputGrade hides a C input', () => {
    const bad = clone();
    const i = bad.figures.findIndex((f) => f.id === '7.3.server-capex');
    bad.figures[i]!.inputGrade = 'B';
    expect(() => parseReferenceFigures(bad)).toThrow(/7\.3\.server-capex\)\.inputGrade/);
  });
});

describe('app/reference/figures.ts', () => {
  it('stays browser-safe: no Node or I/O imports', () => {
    const source = readFileSync(new URL('../app/reference/figures.ts', import.meta.url), 'utf8');
    const imports = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(imports).toEqual(['zod']);
  });
});
