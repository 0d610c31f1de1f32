/**
 * The data page's sample files and its guide of columns: every sample of every bundled scenario,
 * in both languages and both formats, reads back through the reader with every header guessed as
 * the column it is and every row taken; the guide is the reader's own words and rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { validateScenario, type Scenario } from '~/engine';
import type { Lang } from '~/engine/text';
import {
  checkMapping,
  guessMeaning,
  HEADER_WORDS,
  parseMeasure,
  parsePhase,
  parseRole,
} from '~/datasets/columns';
import { columnGuide } from '~/datasets/guide';
import { interpretTable } from '~/datasets/interpret';
import { readTableFile } from '~/datasets/read-file.server';
import { sampleXlsx } from '~/datasets/sample-xlsx.server';
import { KIND_COLUMNS, SAMPLE_KINDS, sampleCsv, sampleTable } from '~/datasets/samples';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLED = ['county-hospital-300-beds', 'tertiary-hospital-on-prem', 'township-health-centre-api'];
const LANGS: Lang[] = ['zh-CN', 'en'];

function scenario(key: string): Scenario {
  const validated = validateScenario(
    JSON.parse(readFileSync(join(ROOT, 'scenarios', `${key}.json`), 'utf8')),
  );
  if (!validated.ok) throw new Error(`${key} does not validate`);
  return validated.scenario;
}
const county = scenario('county-hospital-300-beds');

async function bytesOf(
  kind: (typeof SAMPLE_KINDS)[number],
  doc: Scenario,
  lang: Lang,
  format: 'csv' | 'xlsx',
) {
  const table = sampleTable(kind, doc, lang);
  return format === 'csv' ? new TextEncoder().encode(sampleCsv(table, lang)) : await sampleXlsx(table, lang);
}

describe('every sample reads back cleanly', () => {
  for (const key of BUNDLED)
    for (const lang of LANGS)
      for (const kind of SAMPLE_KINDS)
        for (const format of ['csv', 'xlsx'] as const)
          it(`${key} · ${lang} · ${kind} · ${format}`, async () => {
            const doc = scenario(key);
            const table = sampleTable(kind, doc, lang);
            const read = await readTableFile(await bytesOf(kind, doc, lang, format), {}, `sample.${format}`);
            if (!read.ok) throw new Error(JSON.stringify(read.problems));
            expect(read.table.format).toBe(format);
            if (format === 'csv') expect([read.table.encoding, read.table.separator]).toEqual(['utf-8', ',']);
            // Every header guessed as the column it is: nothing for the director to map by hand.
            const mapping = read.table.headers.map(guessMeaning);
            expect(mapping).toEqual(KIND_COLUMNS[kind].map((c) => c.meaning));
            expect(checkMapping(mapping)).toEqual({ kind, missing: [] });
            const interpreted = interpretTable(read.table, mapping, doc);
            expect(interpreted.problems).toEqual([]);
            expect(read.table.rows).toHaveLength(table.rows.length);
            const taken = kind === 'observations' ? interpreted.observations : interpreted.volumes;
            expect(taken).toHaveLength(table.rows.length);
            expect(taken.length).toBeGreaterThan(kind === 'observations' ? 15 : 35);
          });
});

describe('the samples are plausible for the scenario', () => {
  it('times each county workflow 8 times before and 8 times with the AI, around its minutes', async () => {
    const read = await readTableFile(
      new TextEncoder().encode(sampleCsv(sampleTable('observations', county, 'zh-CN'), 'zh-CN')),
    );
    if (!read.ok) throw new Error('unreadable');
    const mapping = read.table.headers.map(guessMeaning);
    const { observations } = interpretTable(read.table, mapping, county);
    for (const w of county.workflows) {
      const before = observations.filter((o) => o.workflowId === w.id && o.phase === 'baseline');
      const after = observations.filter((o) => o.workflowId === w.id && o.phase === 'withAi');
      expect([before.length, after.length]).toEqual([8, 8]);
      const mean = (xs: { minutes: number }[]) => xs.reduce((s, x) => s + x.minutes, 0) / xs.length;
      // Within a fifth of the scenario's minutes today; and quicker with the AI.
      expect(Math.abs(mean(before) / w.baselineMinutesPerTask - 1)).toBeLessThan(0.2);
      expect(mean(after)).toBeLessThan(mean(before));
      // Checking the AI's output is timed on with-AI rows only.
      expect(before.every((o) => o.verificationMinutes === null)).toBe(true);
      expect(after.every((o) => o.verificationMinutes !== null)).toBe(true);
      // The year before the plan: baseline in March, with AI in May.
      expect(before.every((o) => o.date!.startsWith('2026-03-'))).toBe(true);
      expect(after.every((o) => o.date!.startsWith('2026-05-'))).toBe(true);
    }
  });

  it("spreads the county hospital's yearly volumes over the twelve months before the plan", async () => {
    const read = await readTableFile(
      new TextEncoder().encode(sampleCsv(sampleTable('volumes', county, 'en'), 'en')),
    );
    if (!read.ok) throw new Error('unreadable');
    const { volumes } = interpretTable(read.table, read.table.headers.map(guessMeaning), county);
    const total = (pick: (v: (typeof volumes)[number]) => boolean) =>
      volumes.filter(pick).reduce((s, v) => s + v.count, 0);
    const months = new Set(volumes.map((v) => v.month));
    expect([...months].sort()).toEqual(
      Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`),
    );
    // 195,000 visits and 11,200 discharges a year in the scenario; 300 beds at 86 %.
    expect(total((v) => v.measure === 'outpatientVisits') / 195_000).toBeCloseTo(1, 1);
    expect(total((v) => v.measure === 'discharges') / 11_200).toBeCloseTo(1, 1);
    expect(total((v) => v.measure === 'inpatientDays') / (300 * 0.86 * 365)).toBeCloseTo(1, 1);
    // Outpatient notes: one a visit, so as many as the visits.
    expect(total((v) => v.workflowId === 'outpatient-notes')).toBe(
      total((v) => v.measure === 'outpatientVisits'),
    );
    // February (the Spring Festival) is the quietest month for visits.
    const visits = volumes.filter((v) => v.measure === 'outpatientVisits').map((v) => v.count);
    expect(visits.indexOf(Math.min(...visits))).toBe(1);
  });

  it('writes CSV as UTF-8 with a BOM and CRLF, Chinese headers on the Chinese page', () => {
    const zh = sampleCsv(sampleTable('observations', county, 'zh-CN'), 'zh-CN');
    expect(zh.charCodeAt(0)).toBe(0xfeff);
    expect(zh.split('\r\n')[0]).toBe('\ufeff日期,科室,岗位,工作流程,阶段,每任务分钟,核对修改分钟');
    expect(zh.split('\r\n')[1]).toMatch(/^2026-03-02,内科门诊,医生,门诊病历书写,使用前,\d+(\.\d)?,$/);
    const en = sampleCsv(sampleTable('volumes', county, 'en'), 'en');
    expect(en.split('\r\n').slice(0, 2)).toEqual([
      '\ufeffMonth,Measure,Workflow,Count',
      expect.stringMatching(/^2026-01,Outpatient and emergency visits,,\d+$/),
    ]);
    expect(sampleCsv(sampleTable('volumes', county, 'zh-CN'), 'zh-CN').split('\r\n')[1]).toMatch(
      /^2026年1月,门急诊人次,,\d+$/,
    );
  });
});

describe('the guide of columns', () => {
  const [observations, volumes] = columnGuide(county, 'zh-CN');

  it("lists each kind's columns with the reader's words, in both languages", () => {
    expect(observations!.columns.map((c) => c.name)).toEqual([
      '日期',
      '科室',
      '岗位',
      '工作流程',
      '阶段',
      '每任务分钟',
      '每任务分钟（基线）',
      '每任务分钟（使用 AI）',
      '核对修改分钟',
    ]);
    const workflow = observations!.columns.find((c) => c.meaning === 'workflow')!;
    expect(workflow.otherName).toBe('Workflow');
    expect(workflow.words).toEqual({
      'zh-CN': ['流程', '任务', '工作', '业务类型'],
      en: ['workflow', 'task', 'activity'],
    });
    // Every word listed makes the reader take a header as that column.
    for (const kind of [observations!, volumes!])
      for (const c of kind.columns)
        for (const lang of LANGS)
          for (const word of c.words[lang]) {
            const header = c.alongWith ? `${word} ${c.alongWith[lang][0]}` : word;
            expect(guessMeaning(header), `${header} → ${c.meaning}`).toBe(c.meaning);
          }
    expect(HEADER_WORDS.every((h) => h.words['zh-CN'].length > 0 && h.words.en.length > 0)).toBe(true);
  });

  it("says what is required as the reader's check of a mapping does", () => {
    const need = (kind: typeof observations, meaning: string) =>
      kind!.columns.find((c) => c.meaning === meaning)!.need;
    expect(need(observations, 'workflow')).toEqual({ kind: 'required' });
    expect(need(observations, 'phase')).toEqual({ kind: 'required' });
    expect(need(observations, 'minutes')).toEqual({ kind: 'required' });
    expect(need(observations, 'date')).toEqual({ kind: 'optional' });
    expect(need(observations, 'verificationMinutes')).toEqual({ kind: 'optional' });
    expect(need(observations, 'minutesBaseline')).toEqual({ kind: 'instead', of: ['阶段', '每任务分钟'] });
    expect(need(volumes, 'date')).toEqual({ kind: 'required' });
    expect(need(volumes, 'count')).toEqual({ kind: 'required' });
    expect(need(volumes, 'measure')).toEqual({ kind: 'oneOf', other: '工作流程' });
    expect(need(volumes, 'workflow')).toEqual({ kind: 'oneOf', other: '指标' });
  });

  it("gives the sample's values as examples, which the reader reads back", () => {
    const example = (kind: typeof observations, meaning: string) =>
      kind!.columns.find((c) => c.meaning === meaning)!.example;
    expect(example(observations, 'workflow')).toBe('门诊病历书写 / 护理文书记录 / 慢病患者随访');
    expect(
      example(observations, 'phase')
        .split(' / ')
        .map((p) => parsePhase(p)),
    ).toEqual([
      { ok: true, value: 'baseline' },
      { ok: true, value: 'withAi' },
    ]);
    expect(example(observations, 'role').split(' / ').map(parseRole)).toEqual(['physician', 'nurse']);
    expect(example(observations, 'date')).toBe('2026-03-02');
    expect(Number(example(observations, 'minutesBaseline'))).toBeGreaterThan(0);
    expect(example(volumes, 'measure').split(' / ').map(parseMeasure)).toEqual([
      'outpatientVisits',
      'discharges',
      'inpatientDays',
    ]);
    expect(example(volumes, 'date')).toBe('2026年1月');
    const [enObservations] = columnGuide(county, 'en');
    expect(enObservations!.columns.find((c) => c.meaning === 'workflow')!.example).toBe(
      'Outpatient note writing / Nursing documentation / Chronic-disease follow-up',
    );
    expect(enObservations!.columns.find((c) => c.meaning === 'minutes')!.unit).toBe('minutes');
  });
});
