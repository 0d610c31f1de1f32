/**
 * Sample files for the data page: what a file of each kind the app reads looks like, with this
 * scenario's workflows, in the page's language. The rows are made up but plausible for the
 * scenario (its workflows' minutes today and with the AI its options claim, its hospital's yearly
 * volumes spread over twelve months), and the same every time; every sample must upload cleanly,
 * with every column's meaning guessed from its header (a test uploads each one).
 */
import type { RoleId } from '~/engine/constants';
import type { Effect, Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';

import {
  MEANING_LABELS,
  MEASURE_LABELS,
  MEASURES,
  type DatasetKind,
  type Meaning,
  type Measure,
} from './columns';

export const SAMPLE_KINDS = ['observations', 'volumes'] as const satisfies readonly DatasetKind[];
export const SAMPLE_FORMATS = ['csv', 'xlsx'] as const;
export type SampleFormat = (typeof SAMPLE_FORMATS)[number];

/** A column as a sample writes it and the guide lists it. */
export interface SampleColumn {
  meaning: Meaning;
  header: Record<Lang, string>;
  /** What a cell holds, where it is a quantity or a date; null for names. */
  unit: Record<Lang, string> | null;
}

const MINUTES = { 'zh-CN': '分钟', en: 'minutes' };

/** Each kind's columns, in the samples' order; the headers are the names the mapping shows. */
export const KIND_COLUMNS: Record<DatasetKind, readonly SampleColumn[]> = {
  observations: [
    { meaning: 'date', header: MEANING_LABELS.date, unit: { 'zh-CN': '年-月-日', en: 'year-month-day' } },
    { meaning: 'department', header: MEANING_LABELS.department, unit: null },
    { meaning: 'role', header: MEANING_LABELS.role, unit: null },
    { meaning: 'workflow', header: MEANING_LABELS.workflow, unit: null },
    { meaning: 'phase', header: { 'zh-CN': '阶段', en: 'Phase' }, unit: null },
    { meaning: 'minutes', header: MEANING_LABELS.minutes, unit: MINUTES },
    { meaning: 'verificationMinutes', header: MEANING_LABELS.verificationMinutes, unit: MINUTES },
  ],
  volumes: [
    {
      meaning: 'date',
      header: { 'zh-CN': '月份', en: 'Month' },
      unit: { 'zh-CN': '年-月', en: 'year-month' },
    },
    { meaning: 'measure', header: { 'zh-CN': '指标', en: 'Measure' }, unit: null },
    { meaning: 'workflow', header: MEANING_LABELS.workflow, unit: null },
    {
      meaning: 'count',
      header: { 'zh-CN': '数量', en: 'Count' },
      unit: { 'zh-CN': '当月人次、床日或任务数', en: 'visits, days or tasks in the month' },
    },
  ],
};

/** Another way to write timings: both of a task type on one row, in place of phase and minutes. */
export const WIDE_TIMING_COLUMNS: readonly SampleColumn[] = [
  { meaning: 'minutesBaseline', header: MEANING_LABELS.minutesBaseline, unit: MINUTES },
  { meaning: 'minutesWithAi', header: MEANING_LABELS.minutesWithAi, unit: MINUTES },
];

/** A cell: text, a number, a day (YYYY-MM-DD) or a month (YYYY-MM). */
export type SampleCell = string | number | { day: string } | { month: string };

export interface SampleTable {
  kind: DatasetKind;
  columns: readonly SampleColumn[];
  rows: SampleCell[][];
}

/** A month as the language's HIS exports write it: "2026年1月", "2026-01". */
export function monthText(month: string, lang: Lang): string {
  const [y, m] = month.split('-');
  return lang === 'zh-CN' ? `${y}年${Number(m)}月` : month;
}

/** A cell as text, as a CSV holds it. */
export function cellText(cell: SampleCell, lang: Lang): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  return 'day' in cell ? cell.day : monthText(cell.month, lang);
}

/** A small seeded generator (mulberry32): the same sample every time. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A factor around 1 with a spread of about `spread` (a sum of uniforms: bell-shaped, bounded). */
const jitter = (next: () => number, spread: number) => 1 + spread * (next() + next() + next() - 1.5) * 1.4;

const round1 = (x: number) => Math.round(x * 10) / 10;

/** The role as a time-motion sheet writes it (words the reader knows: see parseRole). */
const ROLE_WORDS: Record<RoleId, Record<Lang, string>> = {
  physician: { 'zh-CN': '医生', en: 'physician' },
  nurse: { 'zh-CN': '护士', en: 'nurse' },
  technician: { 'zh-CN': '技师', en: 'technician' },
  it: { 'zh-CN': '信息科', en: 'IT' },
  admin: { 'zh-CN': '行政', en: 'administration' },
};

const PHASE_WORDS = {
  baseline: { 'zh-CN': '使用前', en: 'baseline' },
  withAi: { 'zh-CN': '使用后', en: 'with AI' },
};

/** Where a workflow's tasks are timed, by what drives them. */
const DEPARTMENTS: Record<'clinic' | 'ward' | 'community', Record<Lang, string[]>> = {
  clinic: {
    'zh-CN': ['内科门诊', '外科门诊', '儿科门诊'],
    en: ['Internal medicine clinic', 'Surgical clinic', 'Paediatric clinic'],
  },
  ward: {
    'zh-CN': ['内科一病区', '外科病区', '妇产科病区'],
    en: ['Medical ward 1', 'Surgical ward', 'Obstetrics ward'],
  },
  community: {
    'zh-CN': ['慢病管理科', '公共卫生科'],
    en: ['Chronic disease clinic', 'Public health office'],
  },
};

const departmentsFor = (driver: Scenario['workflows'][number]['volumeDriver']) =>
  driver === 'outpatientVisit'
    ? DEPARTMENTS.clinic
    : driver === 'month'
      ? DEPARTMENTS.community
      : DEPARTMENTS.ward;

/**
 * Minutes a task with the AI and minutes checking it, as the first option acting on the workflow
 * expects them (measured, or the claim with its fit and error rate); a third off where none does.
 */
function withAiMinutes(document: Scenario, workflow: Scenario['workflows'][number]) {
  const base = workflow.baselineMinutesPerTask;
  const effect: Effect | undefined = document.options
    .flatMap((o) => o.effects)
    .find((e) => e.workflowId === workflow.id);
  if (!effect) return { minutes: base * 0.67, verification: base * 0.05 };
  if (effect.basis === 'measured')
    return { minutes: effect.minutesWithAiPerTask, verification: effect.verificationMinutesPerTask };
  return {
    minutes: base * (1 - effect.claimedReduction * effect.fit),
    verification: effect.verificationMinutesPerTask + effect.errorRate * effect.correctionMinutesPerError,
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The first `count` weekdays of a month, from its `from`th day, as YYYY-MM-DD. */
function weekdays(year: number, month: number, count: number, from = 1): string[] {
  const days: string[] = [];
  for (let d = from; days.length < count && d <= 31; d++) {
    const date = new Date(Date.UTC(year, month - 1, d));
    if (date.getUTCMonth() !== month - 1) break;
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(`${year}-${pad(month)}-${pad(d)}`);
  }
  return days;
}

/** Timings per workflow and phase: enough for a mean and its interval, few enough to read. */
const TIMINGS_PER_PHASE = 8;

/**
 * Time-motion observations: each workflow timed before the AI (in March of the year before the
 * plan starts) and with it (in May), one task a row, with the minutes checking the AI's output.
 */
function observationRows(document: Scenario, lang: Lang): SampleCell[][] {
  const year = document.startYear - 1;
  const rows: SampleCell[][] = [];
  document.workflows.forEach((workflow, w) => {
    const next = random(1000 + w);
    const departments = departmentsFor(workflow.volumeDriver)[lang];
    const name = localize(workflow.name, lang);
    const role = ROLE_WORDS[workflow.role][lang];
    const ai = withAiMinutes(document, workflow);
    const phases = [
      {
        phase: 'baseline' as const,
        days: weekdays(year, 3, TIMINGS_PER_PHASE, 2),
        minutes: workflow.baselineMinutesPerTask,
      },
      { phase: 'withAi' as const, days: weekdays(year, 5, TIMINGS_PER_PHASE, 6), minutes: ai.minutes },
    ];
    for (const { phase, days, minutes } of phases)
      days.forEach((day, i) => {
        rows.push([
          { day },
          departments[i % departments.length]!,
          role,
          name,
          PHASE_WORDS[phase][lang],
          Math.max(0.1, round1(minutes * jitter(next, 0.2))),
          phase === 'withAi' ? Math.max(0, round1(ai.verification * jitter(next, 0.4))) : '',
        ]);
      });
  });
  // As a sheet filled in day by day: by date, then as timed.
  return rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => cellText(a.row[0]!, 'en').localeCompare(cellText(b.row[0]!, 'en')) || a.i - b.i)
    .map((x) => x.row);
}

/**
 * A county hospital's months: the Spring Festival (February) quiet, winter and summer busier.
 * Shares of an average month; they sum to 12.
 */
const SEASON = [1.02, 0.82, 1.03, 1.0, 0.99, 1.01, 1.05, 1.04, 0.98, 0.96, 1.03, 1.07];

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Monthly HIS volumes for the twelve months before the plan starts: visits, discharges and
 * inpatient days from the hospital's yearly figures, and each workflow's tasks from its driver.
 */
function volumeRows(document: Scenario, lang: Lang): SampleCell[][] {
  const h = document.hospital;
  const year = document.startYear - 1;
  const next = random(2000);
  const rows: SampleCell[][] = [];
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${pad(m)}`;
    const season = SEASON[m - 1]!;
    const measured: Record<Measure, number> = {
      outpatientVisits: (h.outpatientVisitsPerYear / 12) * season * jitter(next, 0.03),
      discharges: (h.dischargesPerYear / 12) * season * jitter(next, 0.03),
      inpatientDays: h.beds * h.occupancy * daysIn(year, m) * (0.7 + 0.3 * season),
    };
    for (const measure of MEASURES) {
      if (measured[measure] <= 0) continue;
      rows.push([{ month }, MEASURE_LABELS[measure][lang], '', Math.round(measured[measure])]);
    }
    const perMonth = {
      outpatientVisit: measured.outpatientVisits,
      discharge: measured.discharges,
      inpatientDay: measured.inpatientDays,
      bed: h.beds,
      month: 1,
    };
    for (const workflow of document.workflows) {
      const tasks = perMonth[workflow.volumeDriver] * workflow.tasksPerDriverUnit;
      // A workflow driven by the calendar still varies a little from month to month.
      const count = Math.round(workflow.volumeDriver === 'month' ? tasks * jitter(next, 0.04) : tasks);
      rows.push([{ month }, '', localize(workflow.name, lang), count]);
    }
  }
  return rows;
}

export function sampleTable(kind: DatasetKind, document: Scenario, lang: Lang): SampleTable {
  return {
    kind,
    columns: KIND_COLUMNS[kind],
    rows: kind === 'observations' ? observationRows(document, lang) : volumeRows(document, lang),
  };
}

/** A CSV field, quoted where it must be. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The sample as CSV: UTF-8 with a BOM (so Excel reads the Chinese), lines ending CRLF. */
export function sampleCsv(table: SampleTable, lang: Lang): string {
  const lines = [
    table.columns.map((c) => csvField(c.header[lang])).join(','),
    ...table.rows.map((row) => row.map((cell) => csvField(cellText(cell, lang))).join(',')),
  ];
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

const FILE_NAMES: Record<DatasetKind, Record<Lang, string>> = {
  observations: { 'zh-CN': '计时观察样例', en: 'time-motion-sample' },
  volumes: { 'zh-CN': '月度业务量样例', en: 'monthly-volumes-sample' },
};

export const sampleFileName = (kind: DatasetKind, format: SampleFormat, lang: Lang) =>
  `${FILE_NAMES[kind][lang]}.${format}`;
