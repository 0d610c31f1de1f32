/**
 * A table of strings and a column mapping become typed rows: timed tasks (baseline or with
 * AI) or monthly volumes. Every cell that cannot be read is a problem with its row and column;
 * the caller stores nothing while there is one.
 */
import type { RoleId } from '~/engine/constants';
import type { Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';

import {
  checkMapping,
  MEANINGS,
  parseDate,
  parseMeasure,
  parseNumber,
  parsePhase,
  parseRole,
  type DatasetKind,
  type Meaning,
  type Measure,
  type Phase,
} from './columns';
import type { DatasetProblem } from './problems';

export interface Observation {
  row: number;
  workflowId: string;
  role: RoleId | null;
  department: string | null;
  date: string | null;
  phase: Phase;
  minutes: number;
  verificationMinutes: number | null;
}

export interface VolumeRow {
  row: number;
  /** First day of the month, YYYY-MM-01. */
  month: string;
  measure: Measure | null;
  workflowId: string | null;
  department: string | null;
  count: number;
}

export interface Interpretation {
  kind: DatasetKind | null;
  observations: Observation[];
  volumes: VolumeRow[];
  problems: DatasetProblem[];
  /** Problems beyond the first MAX_PROBLEMS, counted. */
  moreProblems: number;
}

const MAX_PROBLEMS = 200;

const ROLE_LIST = {
  knownEn: 'physician, nurse, technician, IT, administration',
  knownZh: '医生、护士、技师、信息科、行政',
};
const MEASURE_LIST = {
  knownEn: 'outpatient visits, discharges, inpatient days',
  knownZh: '门急诊人次、出院人次、住院床日',
};
/** A single task over a day long is a typo (hours for minutes, or a missing decimal point). */
const MAX_MINUTES_PER_TASK = 24 * 60;

interface TableLike {
  headers: string[];
  rows: string[][];
  rowNumbers: number[];
  separator: string | null;
}

/** Workflow names as a file may write them: id, Chinese or English name, any case. */
function workflowMatcher(document: Scenario): {
  match: (raw: string) => string | null;
  known: { knownZh: string; knownEn: string };
} {
  const names = new Map<string, string>();
  for (const w of document.workflows) {
    names.set(w.id.toLowerCase(), w.id);
    const name = w.name as string | Record<string, string | undefined>;
    for (const n of typeof name === 'string' ? [name] : Object.values(name)) {
      if (n) names.set(n.normalize('NFKC').trim().toLowerCase(), w.id);
    }
  }
  const list = (lang: Lang) =>
    document.workflows.map((w) => localize(w.name, lang) || w.id).join(lang === 'zh-CN' ? '、' : ', ');
  return {
    match: (raw) => names.get(raw.normalize('NFKC').trim().toLowerCase()) ?? null,
    known: { knownZh: list('zh-CN'), knownEn: list('en') },
  };
}

/** Checks a mapping (one meaning per column) before any row is read. */
export function mappingProblems(mapping: readonly Meaning[], columns: number): DatasetProblem[] {
  const problems: DatasetProblem[] = [];
  if (mapping.length !== columns) {
    problems.push({ code: 'mappingUnknownColumn', params: { column: Math.max(mapping.length, columns) } });
    return problems;
  }
  for (const meaning of MEANINGS) {
    if (meaning === 'ignore') continue;
    if (mapping.filter((m) => m === meaning).length > 1)
      problems.push({ code: 'mappingTwice', params: { meaning } });
  }
  for (const meaning of checkMapping(mapping).missing) {
    problems.push({ code: 'mappingMissing', params: { meaning } });
  }
  return problems;
}

export function interpretTable(
  table: TableLike,
  mapping: readonly Meaning[],
  document: Scenario,
): Interpretation {
  const problems: DatasetProblem[] = [];
  let moreProblems = 0;
  const problem = (p: DatasetProblem) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
    else moreProblems++;
  };
  const check = checkMapping(mapping);
  const col = (meaning: Meaning) => mapping.indexOf(meaning);
  const c = {
    workflow: col('workflow'),
    role: col('role'),
    department: col('department'),
    date: col('date'),
    phase: col('phase'),
    minutes: col('minutes'),
    minutesBaseline: col('minutesBaseline'),
    minutesWithAi: col('minutesWithAi'),
    verification: col('verificationMinutes'),
    count: col('count'),
    measure: col('measure'),
  };
  const decimalComma = table.separator === ';';
  const workflows = workflowMatcher(document);
  const observations: Observation[] = [];
  const volumes: VolumeRow[] = [];

  table.rows.forEach((cells, i) => {
    const row = table.rowNumbers[i]!;
    const text = (column: number) => (column >= 0 ? (cells[column] ?? '').trim() : '');
    let bad = false;
    const report = (
      column: number,
      code: DatasetProblem['code'],
      value: string,
      params: Record<string, string | number> = {},
    ) => {
      bad = true;
      // A cell is quoted back at most 100 characters long: 200 problems must stay readable.
      problem({
        code,
        row,
        column: column + 1,
        params: { value: value.length > 100 ? `${value.slice(0, 100)}…` : value, ...params },
      });
    };
    const number = (column: number, required: boolean): number | null => {
      const raw = text(column);
      if (column < 0 || (!required && raw === '')) return null;
      const parsed = parseNumber(raw, decimalComma);
      if (!parsed.ok) {
        report(column, parsed.code, raw);
        return null;
      }
      if (parsed.value < 0) {
        report(column, 'negative', raw);
        return null;
      }
      return parsed.value;
    };
    const minutes = (column: number, required: boolean): number | null => {
      const value = number(column, required);
      if (value !== null && value > MAX_MINUTES_PER_TASK) {
        report(column, 'tooLong', text(column), { max: MAX_MINUTES_PER_TASK });
        return null;
      }
      return value;
    };
    const date = (() => {
      if (c.date < 0 || text(c.date) === '') {
        if (check.kind === 'volumes' && c.date >= 0) report(c.date, 'emptyCell', '');
        return null;
      }
      const parsed = parseDate(text(c.date));
      if (!parsed.ok) {
        report(c.date, parsed.code, text(c.date));
        return null;
      }
      return parsed.value;
    })();
    const workflowId = (() => {
      if (c.workflow < 0) return null;
      const raw = text(c.workflow);
      if (raw === '' && check.kind === 'volumes' && c.measure >= 0) return null;
      const id = workflows.match(raw);
      if (!id) report(c.workflow, raw === '' ? 'emptyCell' : 'unknownWorkflow', raw, workflows.known);
      return id;
    })();
    const role = (() => {
      if (c.role < 0 || text(c.role) === '') return null;
      const r = parseRole(text(c.role));
      if (!r) report(c.role, 'unknownRole', text(c.role), ROLE_LIST);
      return r;
    })();
    const department = c.department >= 0 && text(c.department) !== '' ? text(c.department) : null;

    if (check.kind === 'observations') {
      const verification = minutes(c.verification, false);
      const push = (phase: Phase, value: number | null) => {
        if (value === null || bad || !workflowId) return;
        observations.push({
          row,
          workflowId,
          role,
          department,
          date,
          phase,
          minutes: value,
          verificationMinutes: phase === 'withAi' ? verification : null,
        });
      };
      if (c.minutes >= 0) {
        const raw = text(c.phase);
        const phase = parsePhase(raw);
        if (!phase.ok) report(c.phase, phase.code, raw);
        const value = minutes(c.minutes, true);
        if (phase.ok) push(phase.value, value);
      }
      // Wide files: one row holds the baseline and the with-AI timing of the same task type;
      // either may be empty, not both.
      if (
        c.minutes < 0 &&
        c.minutesBaseline >= 0 &&
        c.minutesWithAi >= 0 &&
        text(c.minutesBaseline) === '' &&
        text(c.minutesWithAi) === ''
      ) {
        report(c.minutesBaseline, 'emptyCell', '');
      }
      if (c.minutesBaseline >= 0) push('baseline', minutes(c.minutesBaseline, c.minutesWithAi < 0));
      if (c.minutesWithAi >= 0) push('withAi', minutes(c.minutesWithAi, c.minutesBaseline < 0));
    } else if (check.kind === 'volumes') {
      const count = number(c.count, true);
      const measure = (() => {
        if (c.measure < 0 || text(c.measure) === '') return null;
        const m = parseMeasure(text(c.measure));
        if (!m) report(c.measure, 'unknownMeasure', text(c.measure), MEASURE_LIST);
        return m;
      })();
      if (!bad && count !== null && date !== null && (measure !== null || workflowId !== null)) {
        volumes.push({ row, month: `${date.slice(0, 7)}-01`, measure, workflowId, department, count });
      } else if (!bad && measure === null && workflowId === null) {
        report(c.measure >= 0 ? c.measure : c.workflow, 'emptyCell', '');
      }
    }
  });
  return { kind: check.kind, observations, volumes, problems, moreProblems };
}
