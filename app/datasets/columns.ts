/**
 * What a column of an uploaded file means, how its header is guessed (Chinese or English, as
 * hospitals write them) and how its cells read: numbers with thousands separators or full-width
 * digits, dates in the usual forms, phases in the usual words.
 */
import { ROLE_IDS, type RoleId } from '~/engine/constants';
import type { Lang } from '~/engine/text';

export const MEANINGS = [
  'workflow',
  'role',
  'department',
  'date',
  'phase',
  'minutes',
  'minutesBaseline',
  'minutesWithAi',
  'verificationMinutes',
  'count',
  'measure',
  'ignore',
] as const;
export type Meaning = (typeof MEANINGS)[number];

export const MEANING_LABELS: Record<Meaning, Record<Lang, string>> = {
  workflow: { en: 'Workflow', 'zh-CN': '工作流程' },
  role: { en: 'Role', 'zh-CN': '岗位' },
  department: { en: 'Department', 'zh-CN': '科室' },
  date: { en: 'Date', 'zh-CN': '日期' },
  phase: { en: 'Phase (baseline / with AI)', 'zh-CN': '阶段（基线 / 使用 AI）' },
  minutes: { en: 'Minutes per task', 'zh-CN': '每任务分钟' },
  minutesBaseline: { en: 'Minutes per task, baseline', 'zh-CN': '每任务分钟（基线）' },
  minutesWithAi: { en: 'Minutes per task, with AI', 'zh-CN': '每任务分钟（使用 AI）' },
  verificationMinutes: { en: 'Verification minutes', 'zh-CN': '核对修改分钟' },
  count: { en: 'Count or volume', 'zh-CN': '数量或业务量' },
  measure: { en: 'Volume measure (visits, discharges…)', 'zh-CN': '业务量指标（门诊量、出院人次等）' },
  ignore: { en: '(not used)', 'zh-CN': '（不使用）' },
};

/**
 * The words a header is recognised by, meaning by meaning, in the order they are tried (the first
 * hit wins): the parser's guess and the data page's guide of columns both read this list.
 * A header matches a word it contains, both in lower case, the header after NFKC and with every run
 * of punctuation or spaces read as one space (so "with ai" matches "With_AI" and "with-AI"); a
 * word written with a leading space must begin a word of the header ("min" must not match
 * "admin"). Where `alongWith` is given the header must also contain one of its words, in the same
 * language: a timing of one phase ("使用前耗时（分钟）").
 */
export interface HeaderWords {
  meaning: Exclude<Meaning, 'ignore'>;
  words: Record<Lang, readonly string[]>;
  alongWith?: Record<Lang, readonly string[]>;
}

const TIMING_WORDS = { 'zh-CN': ['分钟', '时长', '耗时', '用时'], en: ['min'] } as const;

export const HEADER_WORDS: readonly HeaderWords[] = [
  {
    meaning: 'verificationMinutes',
    words: {
      'zh-CN': ['核对', '审核', '校对', '修改时'],
      en: ['verification', 'verify', 'verified', 'review', 'correct'],
    },
  },
  {
    meaning: 'minutesBaseline',
    words: { 'zh-CN': ['使用前', '上线前', '基线', '人工'], en: ['baseline', 'before'] },
    alongWith: TIMING_WORDS,
  },
  {
    meaning: 'minutesWithAi',
    words: { 'zh-CN': ['使用后', '上线后', 'AI', '辅助'], en: ['with AI', 'withAI', 'after'] },
    alongWith: TIMING_WORDS,
  },
  {
    meaning: 'minutes',
    words: {
      'zh-CN': ['分钟', '时长', '耗时', '用时'],
      en: ['minute', 'duration', ' min', 'time per', 'time spent'],
    },
  },
  {
    meaning: 'phase',
    words: {
      'zh-CN': ['阶段', '组别', '分组', '前后'],
      en: ['phase', 'period', ' arm', 'group', 'condition'],
    },
  },
  {
    meaning: 'workflow',
    words: { 'zh-CN': ['流程', '任务', '工作', '业务类型'], en: ['workflow', 'task', 'activity'] },
  },
  {
    meaning: 'role',
    words: { 'zh-CN': ['岗位', '职称', '角色', '人员类别'], en: ['role', 'profession', 'staff type'] },
  },
  {
    meaning: 'department',
    words: { 'zh-CN': ['科室', '病区', '部门'], en: ['department', 'ward', 'unit', 'dept'] },
  },
  { meaning: 'date', words: { 'zh-CN': ['日期', '时间', '月份', '年月'], en: ['date', 'day', 'month'] } },
  {
    meaning: 'measure',
    words: { 'zh-CN': ['指标', '项目', '类别'], en: ['measure', 'metric', 'indicator', 'kind'] },
  },
  {
    meaning: 'count',
    words: {
      'zh-CN': ['数量', '人次', '例数', '次数', '份数', '量'],
      en: ['count', 'volume', 'number', 'visits', 'discharges', 'notes', 'cases'],
    },
  },
];

/** A header as the words are matched against it: " 每任务耗时 分钟 ", " with ai min ". */
const headerForWords = (header: string) =>
  ` ${header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;

const LANGS_OF_WORDS: readonly Lang[] = ['zh-CN', 'en'];

export function guessMeaning(header: string): Meaning {
  const h = headerForWords(header);
  const has = (words: readonly string[]) => words.some((w) => h.includes(w.toLowerCase()));
  for (const hint of HEADER_WORDS) {
    const hit = LANGS_OF_WORDS.some(
      (lang) => has(hint.words[lang]) && (!hint.alongWith || has(hint.alongWith[lang])),
    );
    if (hit) return hint.meaning;
  }
  return 'ignore';
}

/** Whether a file could be time-motion observations or volumes, and what its mapping lacks. */
export type DatasetKind = 'observations' | 'volumes';

/** Why a meaning is needed, shown when the mapping leaves it out. */
export const MISSING_WHY: Partial<Record<Meaning, Record<Lang, string>>> = {
  workflow: { en: 'which workflow each timing belongs to', 'zh-CN': '每条计时属于哪个工作流程' },
  phase: { en: 'whether each timing is baseline or with AI', 'zh-CN': '每条计时是基线还是使用 AI 后' },
  date: { en: 'the month of each count', 'zh-CN': '每个数量所属的月份' },
  measure: {
    en: 'what is counted (visits, discharges, or a workflow’s tasks)',
    'zh-CN': '统计的是什么（门诊量、出院人次或某流程的任务数）',
  },
  minutes: {
    en: 'minutes per task (time-motion) or a count (volumes)',
    'zh-CN': '每任务分钟（计时数据）或数量（业务量数据）',
  },
};

export interface MappingCheck {
  kind: DatasetKind | null;
  missing: Meaning[];
}

export function checkMapping(meanings: readonly Meaning[]): MappingCheck {
  const has = (m: Meaning) => meanings.includes(m);
  if (has('minutes') || has('minutesBaseline') || has('minutesWithAi')) {
    const missing: Meaning[] = [];
    if (!has('workflow')) missing.push('workflow');
    if (has('minutes') && !has('phase')) missing.push('phase');
    return { kind: 'observations', missing };
  }
  if (has('count')) {
    const missing: Meaning[] = [];
    if (!has('date')) missing.push('date');
    if (!has('measure') && !has('workflow')) missing.push('measure');
    return { kind: 'volumes', missing };
  }
  return { kind: null, missing: ['minutes'] };
}

export type Cell<T> =
  { ok: true; value: T } | { ok: false; code: 'badNumber' | 'badDate' | 'unknownPhase' | 'emptyCell' };

const UNIT_SUFFIX = /\s*(分钟|分|min|mins|minutes|人次|次|例|份)$/i;

/**
 * A number as spreadsheets export it: "1,234.5", "1 234", "１２３", "12 分钟"; with `decimalComma`
 * (semicolon files from European-locale Excel) "12,5" is twelve and a half.
 */
export function parseNumber(raw: string, decimalComma = false): Cell<number> {
  let s = raw
    .normalize('NFKC')
    .trim()
    .replace(UNIT_SUFFIX, '')
    .replace(/[\s\u00a0]/g, '');
  if (s === '') return { ok: false, code: 'emptyCell' };
  if (decimalComma && /^-?\d+,\d+$/.test(s) && !/^-?\d{1,3},\d{3}$/.test(s)) s = s.replace(',', '.');
  else if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return { ok: false, code: 'badNumber' };
  const value = Number(s);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false, code: 'badNumber' };
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d > days ? null : `${y}-${pad(m)}-${pad(d)}`;
}

/** Days from 1899-12-30 to 1970-01-01: Excel's serial date 25569 is 1970-01-01. */
const EXCEL_EPOCH_OFFSET = 25569;

/**
 * A date as YYYY-MM-DD from "2026-03-05", "2026/3/5", "2026.3.5", "2026年3月5日", "20260305",
 * a month "2026-03" or "2026年3月" (its first day), with or without a time after it; or an
 * Excel serial day number.
 */
export function parseDate(raw: string): Cell<string> {
  const s = raw.normalize('NFKC').trim();
  if (s === '') return { ok: false, code: 'emptyCell' };
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$/.exec(s);
  if (m) {
    const d = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { ok: true, value: d } : { ok: false, code: 'badDate' };
  }
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) {
    const d = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { ok: true, value: d } : { ok: false, code: 'badDate' };
  }
  m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
  if (m) {
    const d = isoDate(Number(m[1]), Number(m[2]), 1);
    return d ? { ok: true, value: d } : { ok: false, code: 'badDate' };
  }
  if (/^\d{5}(\.\d+)?$/.test(s)) {
    const serial = Math.floor(Number(s));
    const date = new Date((serial - EXCEL_EPOCH_OFFSET) * 86_400_000);
    const d = isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
    return d ? { ok: true, value: d } : { ok: false, code: 'badDate' };
  }
  return { ok: false, code: 'badDate' };
}

export type Phase = 'baseline' | 'withAi';

const BASELINE =
  /^(baseline|before|pre|pre-?ai|without ai|no ai|control|manual|基线|使用前|上线前|对照|对照组|人工|传统|无ai|未使用ai|前)$/;
const WITH_AI =
  /^(with ai|ai|after|post|post-?ai|pilot|intervention|使用后|上线后|试点|试点组|ai辅助|使用ai|干预|干预组|后)$/;

export function parsePhase(raw: string): Cell<Phase> {
  const s = raw.normalize('NFKC').trim().toLowerCase();
  if (s === '') return { ok: false, code: 'emptyCell' };
  if (BASELINE.test(s)) return { ok: true, value: 'baseline' };
  if (WITH_AI.test(s)) return { ok: true, value: 'withAi' };
  return { ok: false, code: 'unknownPhase' };
}

const ROLE_WORDS: Record<RoleId, RegExp> = {
  physician: /^(physician|doctor|md|医生|医师|临床医生)$/,
  nurse: /^(nurse|rn|护士|护理|护师)$/,
  technician: /^(technician|tech|技师|医技)$/,
  it: /^(it|信息科|信息|工程师)$/,
  admin: /^(admin|administration|clerk|行政|管理|文员)$/,
};

export function parseRole(raw: string): RoleId | null {
  const s = raw.normalize('NFKC').trim().toLowerCase();
  return ROLE_IDS.find((r) => ROLE_WORDS[r].test(s) || r === s) ?? null;
}

/** What a volume row counts; `notes` and other task counts attach to a workflow instead. */
export const MEASURES = ['outpatientVisits', 'discharges', 'inpatientDays'] as const;
export type Measure = (typeof MEASURES)[number];

const MEASURE_WORDS: Record<Measure, RegExp> = {
  // The English label the app itself shows is accepted too (a sample file writes it).
  outpatientVisits:
    /^(outpatient ?visits?|outpatient (and|&) emergency visits?|visits?|门急诊人次|门诊人次|门诊量|门急诊量|门诊)$/,
  discharges: /^(discharges?|出院人次|出院人数|出院)$/,
  inpatientDays: /^(inpatient ?days?|bed ?days?|住院床日|实际占用床日|床日)$/,
};

export const MEASURE_LABELS: Record<Measure, Record<Lang, string>> = {
  outpatientVisits: { en: 'Outpatient and emergency visits', 'zh-CN': '门急诊人次' },
  discharges: { en: 'Discharges', 'zh-CN': '出院人次' },
  inpatientDays: { en: 'Inpatient days', 'zh-CN': '住院床日' },
};

export function parseMeasure(raw: string): Measure | null {
  const s = raw.normalize('NFKC').trim().toLowerCase();
  return MEASURES.find((m) => MEASURE_WORDS[m].test(s) || m.toLowerCase() === s) ?? null;
}
