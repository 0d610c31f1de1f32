/**
 * What changed between two versions of a scenario, in words a hospital director reads: each
 * change says where in the plan ("方案「SaaS 按席位」· 成本项「席位费」"), what ("单价") and the
 * value before and after with its unit ("50.00 万元", "60%", "第 13 月"). No JSON, no field
 * path, no internal id ever reaches the text.
 *
 * Things are matched by their stable ids, never by their position: workflows, options, cost
 * lines and funding lines by `id`, an option's effects by `workflowId`, a role by its key.
 * So an item present in one version only is one change ("添加了方案「云 API」"), a new name is
 * one 'renamed' change, and moving items around is one "order" change per list (decided: a
 * version that only reorders should not read "the same inputs", and one line says it all).
 *
 * Distributions (`uncertainty.inputs`) and sources (`sources`) are keyed by input paths, by
 * index or by id: both are resolved to the input they name, and reported at that input's place
 * ("本地适配度的范围：40%–80% → 50%–90%"). Those whose input exists in one version only are
 * left out: the input's own addition or removal already says it.
 *
 * Results: `compareResults` sets each option's headline metrics side by side with a direction
 * for the hospital (better, worse or the same).
 *
 * Pure: no React, no I/O. The document is walked generically, so a field this module does not
 * know (a schema change) is still reported, under a readable version of its name.
 */
import { choiceWords } from '~/catalogue/choices';
import { describeInputs } from '~/catalogue/inputs';
import { anyFieldLabel, isNamedField } from '~/catalogue/place';
import { evidenceDetail } from '~/catalogue/evidence';
import { formatMoney, formatNumber } from '~/engine/format';
import { collectParams } from '~/engine/params';
import type { OptionResult, ScenarioResult } from '~/engine/results';
import { uncertaintyOf, type Evidence, type LocalizedText, type Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { CATEGORY_NAMES, OPTION_KIND_NAMES, ROLE_NAMES, termLabel } from '~/i18n/terms';

// ————————————————————————————————————————————————————————————————— types

export type ChangeKind = 'changed' | 'added' | 'removed' | 'renamed';

export interface InputChange {
  kind: ChangeKind;
  /** Where in the plan: "医院概况", "方案「SaaS 按席位」· 成本项「席位费」". */
  where: string;
  /**
   * What changed: a field ("单价", "本地适配度的范围"); for an added or removed item the
   * whole statement ("添加了方案「云 API」"); for a new name "名称".
   */
  what: string;
  /** The value before, as display text; null for an added item. */
  before: string | null;
  /** The value after, as display text; null for a removed item. */
  after: string | null;
}

type Bilingual = Record<Lang, string>;
type Obj = Record<string, unknown>;

// ————————————————————————————————————————————————————————————————— words

const W = {
  settings: { 'zh-CN': '规划设置', en: 'Plan settings' },
  hospital: { 'zh-CN': '医院概况', en: 'Hospital' },
  staff: { 'zh-CN': '人员与工资', en: 'Staff and wages' },
  budget: { 'zh-CN': '信息化预算', en: 'Informatization budget' },
  workflows: { 'zh-CN': '工作流程', en: 'Workflows' },
  workflow: { 'zh-CN': '工作流程', en: 'workflow' },
  realization: { 'zh-CN': '释放工时如何变现', en: 'How freed hours become money' },
  options: { 'zh-CN': '方案', en: 'Options' },
  option: { 'zh-CN': '方案', en: 'option' },
  costLine: { 'zh-CN': '成本项', en: 'cost line' },
  funding: { 'zh-CN': '资金来源', en: 'funding line' },
  stopRule: { 'zh-CN': '停用规则', en: 'Stop rule' },
  pilot: { 'zh-CN': '试点', en: 'Pilot' },
  variables: { 'zh-CN': '公式变量', en: 'Formula variables' },
  uncertainty: { 'zh-CN': '不确定性分析', en: 'Uncertainty' },
  procurement: { 'zh-CN': '公开招标规则', en: 'Public tender rule' },
  item: { 'zh-CN': '条目', en: 'item' },
  name: { 'zh-CN': '名称', en: 'Name' },
  notSet: { 'zh-CN': '未设置', en: 'not set' },
  none: { 'zh-CN': '无', en: 'none' },
  yes: { 'zh-CN': '是', en: 'yes' },
  no: { 'zh-CN': '否', en: 'no' },
  fixed: { 'zh-CN': '固定值（无范围）', en: 'a fixed value (no range)' },
  notGiven: { 'zh-CN': '未注明', en: 'not given' },
  deletedWorkflow: { 'zh-CN': '已删除的工作流程', en: 'a deleted workflow' },
  deletedOption: { 'zh-CN': '已删除的方案', en: 'a deleted option' },
  otherInput: { 'zh-CN': '另一项输入', en: 'another input' },
} satisfies Record<string, Bilingual>;

/**
 * Labels of fields the catalogue does not name (the catalogue's own come first, so a field is
 * called the same here as in the forms).
 */
const OWN_LABELS: Record<string, Bilingual> = {
  name: W.name,
  currency: { 'zh-CN': '货币', en: 'Currency' },
  priceYear: { 'zh-CN': '价格基准年', en: 'Price year' },
  role: { 'zh-CN': '由谁做', en: 'Done by' },
  ref: { 'zh-CN': '参考数据', en: 'Reference figure' },
  source: { 'zh-CN': '资金来源', en: 'Source' },
};

const EVIDENCE_LABELS: Record<string, Bilingual> = {
  kind: { 'zh-CN': '依据类型', en: 'Evidence' },
  n: { 'zh-CN': '观察次数', en: 'Observations' },
  from: { 'zh-CN': '观察开始', en: 'Observed from' },
  to: { 'zh-CN': '观察结束', en: 'Observed to' },
  method: { 'zh-CN': '测量方法', en: 'Method' },
  source: { 'zh-CN': '出处', en: 'Claimed by' },
  ref: labelOf('ref')!,
  note: { 'zh-CN': '依据说明', en: 'Evidence note' },
};

/** What an absent optional field means, where "not set" would say too little. */
const ABSENT: Record<string, Bilingual> = {
  endMonth: { 'zh-CN': '直到规划期末', en: 'until the end of the plan' },
  committedUntilMonth: { 'zh-CN': '无合同承诺', en: 'no commitment' },
  exitMonth: { 'zh-CN': '仅在停用时', en: 'only if the option stops' },
  firstUpgradeMonth: { 'zh-CN': '首个升级间隔之后', en: 'after the first interval' },
  serversOverride: { 'zh-CN': '按负载测算', en: 'sized to the load' },
  capPerYear: { 'zh-CN': '不设上限', en: 'no cap' },
  maxFte: { 'zh-CN': '不设上限', en: 'no limit' },
  maxExtraVisitsPerYear: { 'zh-CN': '不设上限', en: 'no limit' },
  informatizationByYear: { 'zh-CN': '按首年预算和年增长计算', en: 'from the first year and growth' },
  seasonality: { 'zh-CN': '无季节变化', en: 'no seasonal change' },
  workflowIds: { 'zh-CN': '方案的全部工作流程', en: "all of the option's workflows" },
  workflowId: { 'zh-CN': '全部工作流程（按任务量加权）', en: 'all its workflows, weighted by tasks' },
  description: W.none,
  note: W.none,
  ref: W.none,
};

type Terms = Record<string, Bilingual>;

const HOSPITAL_TYPE_NAMES = choiceWords('hospitalType');
const HOSPITAL_GRADE_NAMES = choiceWords('hospitalGrade');
const VOLUME_DRIVER_NAMES = choiceWords('volumeDriver');
const CURVES = choiceWords('curve');
const BASES: Terms = {
  measured: { 'zh-CN': '本院实测', en: 'measured here' },
  claimed: { 'zh-CN': '外部宣称', en: 'claimed elsewhere' },
};
const EVIDENCE_KINDS: Terms = {
  measured: { 'zh-CN': '实测', en: 'measured' },
  claimed: { 'zh-CN': '外部数据', en: 'claimed elsewhere' },
  assumed: { 'zh-CN': '假设', en: 'assumed' },
};
const LINE_KINDS: Terms = {
  oneTime: { 'zh-CN': '一次性', en: 'one-time' },
  recurring: { 'zh-CN': '定期', en: 'recurring' },
  perUnit: { 'zh-CN': '按量计价', en: 'per unit' },
  staffing: { 'zh-CN': '人员', en: 'staffing' },
  onPremCompute: { 'zh-CN': '本地算力', en: 'on-premises compute' },
  cloudTokens: { 'zh-CN': '云端大模型调用', en: 'cloud model tokens' },
  modelLifecycle: { 'zh-CN': '模型升级与维护', en: 'model lifecycle' },
  custom: { 'zh-CN': '自定义公式', en: 'custom formula' },
};
const FUNDING_KINDS: Terms = {
  fixed: { 'zh-CN': '固定金额', en: 'fixed amount' },
  shareOfCost: { 'zh-CN': '按成本比例', en: 'share of a cost' },
};
const FUNDING_SOURCES = choiceWords('fundingSource');
const PERIODS: Terms = {
  month: { 'zh-CN': '每月', en: 'a month' },
  year: { 'zh-CN': '每年', en: 'a year' },
  once: { 'zh-CN': '一次', en: 'once' },
};
const UNITS: Terms = {
  bed: { 'zh-CN': '床位', en: 'bed' },
  seat: { 'zh-CN': '席位', en: 'seat' },
  task: { 'zh-CN': '任务', en: 'task' },
  call: { 'zh-CN': '调用', en: 'call' },
  millionTokens: { 'zh-CN': '百万 token', en: 'million tokens' },
};
const MODES = choiceWords('realizationMode');
const DISTRIBUTIONS: Terms = {
  fixed: { 'zh-CN': '固定', en: 'fixed' },
  sameAs: { 'zh-CN': '随另一项输入', en: 'drawn with another input' },
  uniform: { 'zh-CN': '均匀分布', en: 'uniform' },
  triangular: { 'zh-CN': '三角分布', en: 'triangular' },
  pert: { 'zh-CN': 'PERT 分布', en: 'PERT' },
  normal: { 'zh-CN': '正态分布', en: 'normal' },
  lognormal: { 'zh-CN': '对数正态分布', en: 'lognormal' },
};
const ROLES: Terms = ROLE_NAMES;

/** Enumerations whose field name says which table to read, wherever the field is. */
const ENUMS: Record<string, Terms> = {
  type: HOSPITAL_TYPE_NAMES,
  grade: HOSPITAL_GRADE_NAMES,
  volumeDriver: VOLUME_DRIVER_NAMES,
  curve: CURVES,
  basis: BASES,
  category: CATEGORY_NAMES,
  period: PERIODS,
  pricePer: PERIODS,
  tierPeriod: PERIODS,
  unit: UNITS,
  revalidationRole: ROLES,
  mode: MODES,
};

/** A field's label in both languages: this page's own where it has one, else the catalogue's. */
function labelOf(key: string): Bilingual | undefined {
  if (Object.hasOwn(OWN_LABELS, key)) return OWN_LABELS[key];
  return isNamedField(key)
    ? { 'zh-CN': anyFieldLabel(key, 'zh-CN'), en: anyFieldLabel(key, 'en') }
    : undefined;
}

// ————————————————————————————————————————————————————————————————— helpers

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const asObj = (v: unknown): Obj => (isObj(v) ? v : {});
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const join = (path: string | null, key: string | number): string | null =>
  path === null ? null : path === '' ? String(key) : `${path}.${key}`;

/** Localized text: a string, or an object with nothing but language keys. */
function isText(v: unknown): v is LocalizedText {
  if (typeof v === 'string') return true;
  return isObj(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k === 'zh-CN' || k === 'en');
}

function same(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false;
  if (Array.isArray(x) !== Array.isArray(y)) return false;
  const kx = Object.keys(x).filter((k) => (x as Obj)[k] !== undefined);
  const ky = Object.keys(y).filter((k) => (y as Obj)[k] !== undefined);
  return kx.length === ky.length && kx.every((k) => same((x as Obj)[k], (y as Obj)[k]));
}

/** A field name a person can read: "hospitalType" → "hospital type". */
export function readableKey(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
}

/** An enumeration value the tables do not know: readable rather than camelCase. */
const readableValue = (v: string) => (/^[a-z]+([A-Z][a-z0-9]*)+$/.test(v) ? readableKey(v) : v);

const LONG_TEXT = 120;
const clip = (text: string) => (text.length > LONG_TEXT ? `${text.slice(0, LONG_TEXT - 1)}…` : text);

const plainFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const plain = (v: number) => plainFormat.format(v);

type NumberKind =
  | 'money'
  | 'share'
  | 'month'
  | 'months'
  | 'years'
  | 'calendarYear'
  | 'minutes'
  | 'hours'
  | 'kw'
  | 'tokensPerSecond'
  | 'tokens'
  | 'fte'
  | 'headcount'
  | 'plain';

const SHARE_FIELDS =
  /^(occupancy|aiShare|scopeShare|ceiling|claimedReduction|fit|errorRate|share|rate|redeployedShare|targetUtilization|maintenanceSharePerYear|resaleShareOnStop|priceDeclinePerYear|discountRate)$/;
const RATE_FIELDS = /(GrowthPerYear|escalatorPerYear|priceChangePerYear|Share|Rate)$/;
const MONEY_FIELDS =
  /^(amount|annualCostPerFte|informatizationBaseAnnual|informatizationByYear|aiResearchBudgetPerYear|unitPrice|capexPerServer|electricityPricePerKwh|pricePerMillionInputTokens|pricePerMillionOutputTokens|revalidationFeePerUpgrade|retrainingCostPerUpgrade|driftMonitoringPerMonth|exitCost|capPerYear|contributionMarginPerVisit)$/;

/** How a number of this field reads: its unit, from its name (as the editor's units do). */
function numberKind(field: string): NumberKind {
  if (SHARE_FIELDS.test(field) || RATE_FIELDS.test(field)) return 'share';
  if (MONEY_FIELDS.test(field) || /(cost|price|fee|amount|budget|threshold)/i.test(field)) return 'money';
  if (/^(startYear|priceYear)$/.test(field) || (/Year$/.test(field) && !/PerYear$/.test(field)))
    return 'calendarYear';
  if (/Months$/.test(field)) return 'months';
  if (/(^month|Month)$/.test(field) && !/PerMonth$/.test(field)) return 'month';
  if (/Years$/.test(field)) return 'years';
  if (/[Mm]inutes/.test(field)) return 'minutes';
  if (/[Hh]ours/.test(field)) return 'hours';
  if (/^kw/i.test(field)) return 'kw';
  if (/PerSecond/.test(field)) return 'tokensPerSecond';
  if (/[Tt]okens/.test(field)) return 'tokens';
  if (field === 'fte' || field === 'maxFte') return 'fte';
  if (field === 'headcount') return 'headcount';
  return 'plain';
}

/** A money amount: 万元 (or whole units) for large sums, exact yuan for small prices. */
function money(v: number, currency: string, lang: Lang, exact: boolean): string {
  if (!exact) return formatMoney(v, currency, lang);
  if (lang === 'zh-CN') return currency === 'CNY' ? `${plain(v)} 元` : `${plain(v)} ${currency}`;
  return `${currency} ${plain(v)}`;
}

/** Amounts under this are shown to the yuan: 万元 with two decimals would round them away. */
const EXACT_BELOW = 10000;

/** A number with its unit; `exact`: every digit (money: to the yuan, not in 万元). */
function formatNumberAs(kind: NumberKind, v: number, lang: Lang, currency: string, exact: boolean): string {
  const zh = lang === 'zh-CN';
  const n = exact ? String(Number(v.toPrecision(12))) : plain(v);
  switch (kind) {
    case 'money':
      return money(v, currency, lang, exact);
    case 'share':
      return `${exact ? String(Number((v * 100).toPrecision(12))) : percentFormat.format(Math.round(v * 1e8) / 1e6)}%`;
    case 'month':
      return zh ? `第 ${n} 月` : `month ${n}`;
    case 'months':
      return zh ? `${n} 个月` : `${n} ${v === 1 ? 'month' : 'months'}`;
    case 'years':
      return zh ? `${n} 年` : `${n} ${v === 1 ? 'year' : 'years'}`;
    case 'calendarYear':
      return String(v);
    case 'minutes':
      return zh ? `${n} 分钟` : `${n} min`;
    case 'hours':
      return zh ? `${n} 小时` : `${n} h`;
    case 'kw':
      return `${n} kW`;
    case 'tokensPerSecond':
      return zh ? `${n} tokens/秒` : `${n} tokens/s`;
    case 'tokens':
      return `${n} tokens`;
    case 'fte':
      return `${n} FTE`;
    case 'headcount':
      return zh ? `${n} 人` : n;
    default:
      return n;
  }
}

/**
 * Two numbers of one field (either may be absent). Money keeps one scale on both sides: 万元
 * (or whole units) when either is large, exact yuan when both are small prices, so a change
 * from 8,000 to 12,000 reads "8,000 元 → 12,000 元", not "8,000 元 → 1.20 万元". Two different
 * numbers that would read the same are shown with every digit.
 */
function formatNumbers(
  field: string,
  b: number | undefined,
  a: number | undefined,
  lang: Lang,
  currency: string,
): [string | undefined, string | undefined] {
  const kind = numberKind(field);
  const small = kind === 'money' && Math.max(Math.abs(b ?? 0), Math.abs(a ?? 0)) < EXACT_BELOW;
  const show = (v: number | undefined, exact: boolean) =>
    v === undefined ? undefined : formatNumberAs(kind, v, lang, currency, exact);
  const x = show(b, small);
  const y = show(a, small);
  if (x !== undefined && x === y && b !== a) return [show(b, true), show(a, true)];
  return [x, y];
}

/** A label inside an English sentence: "Range of local fit" (an acronym stays: "HIS interfaces"). */
const inSentence = (label: string, lang: Lang) =>
  lang === 'en' && /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;

const quote = (name: string, lang: Lang) => (lang === 'zh-CN' ? `「${name}」` : `“${name}”`);
const SEP = ' · ';

// ————————————————————————————————————————————————————————————————— the walk

/** One version: its document and the editor's labels of its inputs, by index path. */
interface Side {
  doc: Obj;
  scenario: Scenario;
  labels: Map<string, string>;
  /** Input paths (index or id) → index path. */
  toIndex: (path: string) => string | undefined;
  /** Index path → id path (the same for inputs outside id'd lists). */
  toId: (path: string) => string;
}

function side(scenario: Scenario, lang: Lang): Side {
  const { paths, idPaths, index } = collectParams(scenario);
  const byIndex = new Map(paths.map((p, i) => [p, i]));
  const labels = new Map<string, string>();
  for (const group of describeInputs(scenario, lang))
    for (const field of group.fields) labels.set(field.path, field.label);
  return {
    doc: scenario as unknown as Obj,
    scenario,
    labels,
    toIndex: (path) => {
      const slot = index.get(path);
      return slot === undefined ? undefined : paths[slot];
    },
    toId: (path) => {
      const slot = byIndex.get(path);
      return slot === undefined ? path : idPaths[slot]!;
    },
  };
}

/** Where the walk is: an object found in both versions. */
interface At {
  where: string;
  /** Index path of the object in each version ('' = the document); null where none applies. */
  b: string | null;
  a: string | null;
  /** The name the editor puts before this object's field labels ("席位费 · 单价"), per version. */
  prefix?: [string, string];
  /** Put before each label ("第 2 档 · 单价"). */
  what?: string;
  /** Labels and enumerations that hold here only (an evidence's kind, a funding's source). */
  labels?: Record<string, Bilingual>;
  enums?: Record<string, Terms>;
}

type Special = (b: unknown, a: unknown, key: string) => void;

class Comparison {
  readonly changes: InputChange[] = [];
  private readonly currency: string;

  constructor(
    private readonly B: Side,
    private readonly A: Side,
    private readonly lang: Lang,
  ) {
    this.currency = A.scenario.currency ?? 'CNY';
  }

  private w(words: Bilingual): string {
    return words[this.lang];
  }

  private term(table: Terms, v: unknown): string {
    if (typeof v !== 'string') return this.value('', v);
    const t = table[v];
    return t ? termLabel(t, this.lang) : readableValue(v);
  }

  private push(kind: ChangeKind, where: string, what: string, before: string | null, after: string | null) {
    this.changes.push({ kind, where, what, before, after });
  }

  private added(where: string, noun: Bilingual, name: string, detail: string | null) {
    const what =
      this.lang === 'zh-CN'
        ? `添加了${this.w(noun)}${quote(name, this.lang)}`
        : `Added ${this.w(noun)} ${quote(name, this.lang)}`;
    this.push('added', where, what, null, detail ?? '');
  }

  private removed(where: string, noun: Bilingual, name: string, detail: string | null) {
    const what =
      this.lang === 'zh-CN'
        ? `删除了${this.w(noun)}${quote(name, this.lang)}`
        : `Removed ${this.w(noun)} ${quote(name, this.lang)}`;
    this.push('removed', where, what, detail ?? '', null);
  }

  // —— places

  private optionPlace(name: string) {
    return this.lang === 'zh-CN' ? `方案${quote(name, 'zh-CN')}` : `Option ${quote(name, 'en')}`;
  }
  private workflowPlace(name: string) {
    return this.lang === 'zh-CN' ? `工作流程${quote(name, 'zh-CN')}` : `Workflow ${quote(name, 'en')}`;
  }
  private costLinePlace(option: string, name: string) {
    return `${option}${SEP}${this.lang === 'zh-CN' ? `成本项${quote(name, 'zh-CN')}` : `Cost line ${quote(name, 'en')}`}`;
  }
  private fundingPlace(option: string, name: string) {
    return `${option}${SEP}${this.lang === 'zh-CN' ? `资金来源${quote(name, 'zh-CN')}` : `Funding ${quote(name, 'en')}`}`;
  }
  private effectPlace(option: string, workflow: string) {
    return `${option}${SEP}${this.workflowPlace(workflow)}`;
  }
  private roleName(role: string) {
    return this.term(ROLES, role);
  }

  private workflowName(s: Side, id: unknown): string {
    const wf = asList(s.doc.workflows).find((w) => asObj(w).id === id);
    return wf ? localize(asObj(wf).name as LocalizedText, this.lang) : this.w(W.deletedWorkflow);
  }
  /** The name fields.ts puts before an effect's labels: the workflow's name (or its id if it has none). */
  private effectPrefix(s: Side, id: unknown): string {
    const wf = asList(s.doc.workflows).find((w) => asObj(w).id === id);
    return wf ? localize(asObj(wf).name as LocalizedText, this.lang) : String(id);
  }
  private optionName(s: Side, id: unknown): string {
    const o = asList(s.doc.options).find((x) => asObj(x).id === id);
    return o ? localize(asObj(o).name as LocalizedText, this.lang) : this.w(W.deletedOption);
  }
  private nameOf(item: unknown): string {
    const name = asObj(item).name;
    return isText(name) ? localize(name, this.lang) : this.w(W.item);
  }

  // —— values

  /** A non-numeric value (or a lone number) as text. */
  private value(key: string, v: unknown, at?: At): string {
    if (v === undefined) return this.w(ABSENT[key] ?? W.notSet);
    if (v === null)
      return key === 'upToUnits' ? (this.lang === 'zh-CN' ? '无上限' : 'no limit') : this.w(W.none);
    if (typeof v === 'boolean') return this.w(v ? W.yes : W.no);
    if (typeof v === 'number') return formatNumbers(key, v, undefined, this.lang, this.currency)[0]!;
    const table = at?.enums?.[key] ?? ENUMS[key];
    if (table && typeof v === 'string') return this.term(table, v);
    if (isText(v)) return clip(localize(v, this.lang)) || this.w(W.none);
    if (Array.isArray(v))
      return v.length === 0 ? this.w(W.none) : v.map((x) => this.value(key, x, at)).join(this.listSep);
    if (isObj(v)) {
      const parts = Object.entries(v)
        .filter(([, x]) => x !== undefined)
        .map(([k, x]) => `${this.fieldLabel(k, undefined, undefined, undefined)} ${this.value(k, x)}`);
      return parts.join(this.listSep) || this.w(W.none);
    }
    return String(v);
  }

  private get listSep() {
    return this.lang === 'zh-CN' ? '、' : ', ';
  }

  /** A field's label: the editor's for numeric inputs, this module's for the rest, else its readable name. */
  private fieldLabel(key: string, b: unknown, a: unknown, at: At | undefined): string {
    const own = at?.labels?.[key];
    let label: string | undefined = own?.[this.lang];
    const editor = (s: Side, path: string | null, prefix: string | undefined) => {
      const found = path === null ? undefined : s.labels.get(join(path, key)!);
      if (found === undefined) return undefined;
      const field =
        prefix && found.startsWith(prefix + SEP) ? found.slice(prefix.length + SEP.length) : found;
      // The editor's own fallback (a field it has no label for): this module's label is better.
      const own = labelOf(key);
      return field === readableKey(key) && own ? own[this.lang] : field;
    };
    if (label === undefined && typeof a === 'number') label = editor(this.A, at?.a ?? null, at?.prefix?.[1]);
    if (label === undefined && typeof b === 'number') label = editor(this.B, at?.b ?? null, at?.prefix?.[0]);
    label ??= labelOf(key)?.[this.lang] ?? readableKey(key);
    return at?.what ? `${at.what}${SEP}${label}` : label;
  }

  /** One field that differs between the versions. */
  private leaf(key: string, b: unknown, a: unknown, at: At, kind: ChangeKind = 'changed', unitKey = key) {
    if (same(b, a)) return;
    let what = this.fieldLabel(key, b, a, at);
    let before: string;
    let after: string;
    const enumerated = at.enums?.[key] ?? ENUMS[key];
    if (/Ids?$/.test(key)) {
      // A reference to another item by its id: shown by that item's name.
      before = this.reference(key, b, this.B);
      after = this.reference(key, a, this.A);
    } else if (key === 'ref') {
      // A reference figure, cited as the editor cites it.
      before = typeof b === 'string' ? `#${b}` : this.value(key, b);
      after = typeof a === 'string' ? `#${a}` : this.value(key, a);
    } else if ((typeof b === 'number' || b === undefined) && (typeof a === 'number' || a === undefined)) {
      const [x, y] = formatNumbers(
        unitKey,
        b as number | undefined,
        a as number | undefined,
        this.lang,
        this.currency,
      );
      before = x ?? this.value(key, undefined);
      after = y ?? this.value(key, undefined);
    } else if (!enumerated && (isText(b) || isText(a))) {
      const texts = this.texts(b, a, key);
      if (!texts) return;
      [before, after] = texts.pair;
      if (texts.other) what += this.lang === 'zh-CN' ? '（英文）' : ' (Chinese)';
    } else {
      before = this.value(key, b, at);
      after = this.value(key, a, at);
    }
    if (before === after) return;
    this.push(kind, at.where, what, before, after);
  }

  /** An id (or ids) of a workflow or an option, as its name; an unknown id in readable words. */
  private reference(key: string, v: unknown, s: Side): string {
    if (v === undefined) return this.value(key, undefined);
    if (Array.isArray(v)) return v.map((x) => this.reference(key, x, s)).join(this.listSep) || this.w(W.none);
    const find = (list: unknown) => asList(list).find((x) => asObj(x).id === v);
    const item = find(s.doc.workflows) ?? find(s.doc.options);
    return item ? this.nameOf(item) : typeof v === 'string' ? readableKey(v) : this.value(key, v);
  }

  /**
   * Two texts in the page's language; where those are the same but the other language's
   * differ, those (`other`); null where nothing a reader could see changed.
   */
  private texts(b: unknown, a: unknown, key = ''): { pair: [string, string]; other: boolean } | null {
    const show = (v: unknown, lang: Lang) =>
      v === undefined
        ? undefined
        : typeof v === 'string'
          ? clip(key === 'expression' ? v : readableValue(v))
          : isText(v)
            ? clip(localize(v, lang))
            : this.value('', v);
    const x = show(b, this.lang);
    const y = show(a, this.lang);
    // Absent: what leaving it out means ("not set"); present but empty: "none".
    const none = (v: string | undefined) =>
      v === undefined ? this.value(key, undefined) : v || this.w(W.none);
    if (x !== y) return { pair: [none(x), none(y)], other: false };
    const other: Lang = this.lang === 'en' ? 'zh-CN' : 'en';
    const ox = show(b, other);
    const oy = show(a, other);
    if (ox !== oy) return { pair: [none(ox), none(oy)], other: true };
    return null;
  }

  /** Every field of an object found in both versions; `special` fields are handed over. */
  private fields(b: Obj, a: Obj, at: At, special: Record<string, Special | null> = {}) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const key of keys) {
      const x = b[key];
      const y = a[key];
      if (key in special) {
        special[key]?.(x, y, key);
        continue;
      }
      if (same(x, y)) continue;
      if ((isObj(x) || isObj(y)) && !isText(x) && !isText(y))
        this.fields(asObj(x), asObj(y), { ...at, b: join(at.b, key), a: join(at.a, key) });
      else if (Array.isArray(x) || Array.isArray(y)) this.array(key, x, y, at);
      else this.leaf(key, x, y, at);
    }
  }

  /** A list the module has no rule for: numbers by position, ids by id, the rest as a whole. */
  private array(key: string, x: unknown, y: unknown, at: At) {
    const bs = asList(x);
    const as = asList(y);
    const numbers = (l: unknown[]) => l.every((v) => typeof v === 'number');
    if (Array.isArray(x) && Array.isArray(y) && bs.length === as.length && numbers(bs) && numbers(as)) {
      const inner: At = { ...at, b: join(at.b, key), a: join(at.a, key) };
      bs.forEach((v, i) => {
        if (v === as[i]) return;
        const label = this.fieldLabel(String(i), v, as[i], inner);
        const fallback = `${labelOf(key)?.[this.lang] ?? readableKey(key)} ${i + 1}`;
        const what = /^\d+$/.test(label) ? fallback : label;
        const [p, q] = formatNumbers(key, v as number, as[i] as number, this.lang, this.currency);
        this.push('changed', at.where, what, p!, q!);
      });
      return;
    }
    const withIds = (l: unknown[]) => l.length > 0 && l.every((v) => typeof asObj(v).id === 'string');
    if (withIds(bs) && withIds(as)) {
      this.keyed(bs, as, (v) => asObj(v).id as string, {
        where: at.where,
        noun: labelOf(key) ?? { 'zh-CN': readableKey(key), en: readableKey(key) },
        b: join(at.b, key),
        a: join(at.a, key),
        item: (p, q, pb, pa) =>
          this.fields(p, q, { where: `${at.where}${SEP}${this.nameOf(q)}`, b: pb, a: pa }, { id: null }),
      });
      return;
    }
    const show = (v: unknown, l: unknown[]) =>
      v === undefined
        ? this.value(key, undefined)
        : numbers(l)
          ? l
              .map((n) => formatNumbers(key, n as number, undefined, this.lang, this.currency)[0])
              .join(this.listSep)
          : this.value(key, l, at);
    this.push('changed', at.where, this.fieldLabel(key, undefined, undefined, at), show(x, bs), show(y, as));
  }

  /**
   * A list whose items have stable keys: removed and added items as one change each, the
   * order as one change, then each item found in both.
   */
  private keyed(
    bs: unknown[],
    as: unknown[],
    keyOf: (item: unknown) => string | undefined,
    o: {
      where: string;
      noun: Bilingual;
      b: string | null;
      a: string | null;
      name?: (item: unknown, s: Side) => string;
      detail?: (item: unknown, s: Side) => string | null;
      order?: Bilingual;
      item: (b: Obj, a: Obj, bPath: string | null, aPath: string | null) => void;
    },
  ) {
    const index = (l: unknown[]) => {
      const m = new Map<string, number>();
      l.forEach((v, i) => {
        const k = keyOf(v);
        if (k !== undefined && !m.has(k)) m.set(k, i);
      });
      return m;
    };
    const ib = index(bs);
    const ia = index(as);
    const name = (v: unknown, s: Side) => (o.name ? o.name(v, s) : this.nameOf(v));
    for (const [k, i] of ib)
      if (!ia.has(k)) this.removed(o.where, o.noun, name(bs[i], this.B), o.detail?.(bs[i], this.B) ?? null);
    for (const [k, i] of ia)
      if (!ib.has(k)) this.added(o.where, o.noun, name(as[i], this.A), o.detail?.(as[i], this.A) ?? null);
    const common = [...ia.keys()].filter((k) => ib.has(k));
    const before = [...ib.keys()].filter((k) => ia.has(k));
    if (common.join('\n') !== before.join('\n')) {
      // Quoted: a name may hold the list's own separator ("Follow-up assistant, hospital-wide").
      const names = (keys: string[]) =>
        keys.map((k) => quote(name(as[ia.get(k)!], this.A), this.lang)).join(this.listSep);
      const what = o.order
        ? this.w(o.order)
        : this.lang === 'zh-CN'
          ? `${this.w(o.noun)}的顺序`
          : `Order of the ${this.w(o.noun)}s`;
      this.push('changed', o.where, what, names(before), names(common));
    }
    for (const k of common) {
      const i = ib.get(k)!;
      const j = ia.get(k)!;
      if (!same(bs[i], as[j])) o.item(asObj(bs[i]), asObj(as[j]), join(o.b, i), join(o.a, j));
    }
  }

  /** A new name: one 'renamed' change at the item's place. */
  private renamed(where: string, what: string): Special {
    return (b, a) => {
      if (same(b, a)) return;
      const texts = this.texts(b, a);
      if (!texts) return;
      const label = texts.other ? what + (this.lang === 'zh-CN' ? '（英文）' : ' (Chinese)') : what;
      this.push('renamed', where, label, texts.pair[0], texts.pair[1]);
    };
  }

  /** Where a number comes from (measured, claimed, assumed), field by field. */
  private evidence(where: string, what?: string): Special {
    return (b, a) => {
      if (same(b, a)) return;
      this.fields(asObj(b), asObj(a), {
        where,
        b: null,
        a: null,
        what,
        labels: EVIDENCE_LABELS,
        enums: { kind: EVIDENCE_KINDS },
      });
    };
  }

  private evidenceSummary(e: unknown): string {
    if (!isObj(e)) return this.w(W.notGiven);
    const kind = this.term(EVIDENCE_KINDS, e.kind);
    const detail = clip(evidenceDetail(e as Evidence, this.lang));
    const ref = typeof e.ref === 'string' ? `${this.w(labelOf('ref')!)} #${e.ref}` : '';
    const rest = [detail, ref].filter(Boolean).join(this.lang === 'zh-CN' ? '；' : '; ');
    return rest ? `${kind}${this.lang === 'zh-CN' ? '：' : ': '}${rest}` : kind;
  }

  /** A list of workflow ids, as their names. */
  private workflowRefs(where: string, s: { b: Side; a: Side }): Special {
    return (b, a, key) => {
      const norm = (v: unknown) => (Array.isArray(v) ? [...v].map(String).sort() : v);
      if (same(norm(b), norm(a))) return;
      const show = (v: unknown, side: Side) =>
        v === undefined
          ? this.value(key, undefined)
          : Array.isArray(v)
            ? v.map((id) => quote(this.workflowName(side, id), this.lang)).join(this.listSep) ||
              this.w(W.none)
            : this.workflowName(side, v);
      this.push('changed', where, this.fieldLabel(key, b, a, undefined), show(b, s.b), show(a, s.a));
    };
  }

  // —— the document, part by part

  run() {
    const B = this.B.doc;
    const A = this.A.doc;
    const root: At = { where: this.w(W.settings), b: '', a: '' };
    this.fields(B, A, root, {
      schemaVersion: null,
      id: null,
      name: this.renamed(this.w(W.settings), this.lang === 'zh-CN' ? '规划名称' : 'Plan name'),
      hospital: (b, a) => this.hospital(asObj(b), asObj(a)),
      budget: (b, a) =>
        this.fields(asObj(b), asObj(a), { where: this.w(W.budget), b: 'budget', a: 'budget' }),
      workflows: (b, a) => this.workflows(asList(b), asList(a)),
      realization: (b, a) => this.realization(asObj(b), asObj(a)),
      options: (b, a) => this.options(asList(b), asList(a)),
      variables: (b, a) =>
        this.fields(asObj(b), asObj(a), { where: this.w(W.variables), b: 'variables', a: 'variables' }),
      uncertainty: () => this.uncertainty(),
      sources: (b, a) => this.sources(asObj(b), asObj(a)),
      procurement: (b, a) =>
        this.fields(asObj(b), asObj(a), { where: this.w(W.procurement), b: null, a: null }),
    });
    return this.changes;
  }

  private hospital(b: Obj, a: Obj) {
    const where = this.w(W.hospital);
    this.fields(
      b,
      a,
      { where, b: 'hospital', a: 'hospital' },
      {
        name: this.renamed(where, this.lang === 'zh-CN' ? '医院名称' : 'Hospital name'),
        roles: (rb, ra) => {
          const x = asObj(rb);
          const y = asObj(ra);
          for (const role of [...new Set([...Object.keys(y), ...Object.keys(x)])]) {
            if (same(x[role], y[role])) continue;
            const label = this.roleName(role);
            const noun = { 'zh-CN': '人员', en: 'staff' };
            if (x[role] === undefined) this.added(this.w(W.staff), noun, label, null);
            else if (y[role] === undefined) this.removed(this.w(W.staff), noun, label, null);
            else
              this.fields(asObj(x[role]), asObj(y[role]), {
                where: `${this.w(W.staff)}${SEP}${label}`,
                b: `hospital.roles.${role}`,
                a: `hospital.roles.${role}`,
                prefix: [label, label],
              });
          }
        },
      },
    );
  }

  private workflows(bs: unknown[], as: unknown[]) {
    this.keyed(bs, as, (v) => asObj(v).id as string | undefined, {
      where: this.w(W.workflows),
      noun: W.workflow,
      b: 'workflows',
      a: 'workflows',
      order: { 'zh-CN': '顺序', en: 'Order' },
      detail: (v) => this.term(ROLES, asObj(v).role),
      item: (b, a, pb, pa) => {
        const nb = this.nameOf(b);
        const na = this.nameOf(a);
        const where = this.workflowPlace(na);
        this.fields(
          b,
          a,
          { where, b: pb, a: pa, prefix: [nb, na], enums: { role: ROLES } },
          {
            id: null,
            name: this.renamed(where, this.w(W.name)),
            baselineEvidence: this.evidence(where),
          },
        );
      },
    });
  }

  private realization(b: Obj, a: Obj) {
    for (const role of [...new Set([...Object.keys(a), ...Object.keys(b)])]) {
      if (same(b[role], a[role])) continue;
      const label = this.roleName(role);
      const where = `${this.w(W.realization)}${SEP}${label}`;
      if (b[role] === undefined || a[role] === undefined) {
        const mode = (v: unknown) =>
          v === undefined
            ? `${this.w(W.notSet)}（${this.term(MODES, 'notRealized')}）`
            : this.term(MODES, asObj(v).mode);
        this.push('changed', where, this.w(labelOf('mode')!), mode(b[role]), mode(a[role]));
        continue;
      }
      this.fields(asObj(b[role]), asObj(a[role]), {
        where,
        b: `realization.${role}`,
        a: `realization.${role}`,
        prefix: [label, label],
      });
    }
  }

  private options(bs: unknown[], as: unknown[]) {
    this.keyed(bs, as, (v) => asObj(v).id as string | undefined, {
      where: this.w(W.options),
      noun: W.option,
      b: 'options',
      a: 'options',
      order: { 'zh-CN': '顺序', en: 'Order' },
      detail: (v) => this.term(OPTION_KIND_NAMES, asObj(v).kind),
      item: (b, a, pb, pa) => this.option(b, a, pb, pa),
    });
  }

  private option(b: Obj, a: Obj, pb: string | null, pa: string | null) {
    const where = this.optionPlace(this.nameOf(a));
    const lines =
      (key: 'costLines' | 'funding'): Special =>
      (x, y) => {
        const cost = key === 'costLines';
        this.keyed(asList(x), asList(y), (v) => asObj(v).id as string | undefined, {
          where,
          noun: cost ? W.costLine : W.funding,
          b: join(pb, key),
          a: join(pa, key),
          detail: (v) => {
            const line = asObj(v);
            const kind = this.term(cost ? LINE_KINDS : FUNDING_KINDS, line.kind);
            const what = cost ? line.category : line.source;
            const parts = [kind];
            if (what !== undefined) parts.push(this.term(cost ? CATEGORY_NAMES : FUNDING_SOURCES, what));
            if (typeof line.amount === 'number') {
              const amount = this.value('amount', line.amount);
              const period = typeof line.period === 'string' ? PERIODS[line.period]?.[this.lang] : undefined;
              parts.push(
                !period ? amount : this.lang === 'zh-CN' ? `${period} ${amount}` : `${amount} ${period}`,
              );
            }
            return parts.join(SEP);
          },
          item: (lb, la, lpb, lpa) => {
            const nb = this.nameOf(lb);
            const na = this.nameOf(la);
            const place = cost ? this.costLinePlace(where, na) : this.fundingPlace(where, na);
            const at: At = {
              where: place,
              b: lpb,
              a: lpa,
              prefix: [nb, na],
              enums: cost ? { kind: LINE_KINDS } : { kind: FUNDING_KINDS, source: FUNDING_SOURCES },
              labels: cost
                ? { role: { 'zh-CN': '岗位', en: 'Post' } }
                : { category: { 'zh-CN': '承担的成本类别', en: 'Cost category it pays' } },
            };
            this.fields(lb, la, at, {
              id: null,
              name: this.renamed(place, this.w(W.name)),
              workflowIds: this.workflowRefs(place, { b: this.B, a: this.A }),
              tiers: (tb, ta) => this.tiers(asList(tb), asList(ta), at),
              vat: (vb, va, key) => {
                const show = (v: unknown) => {
                  const vat = asObj(v);
                  const rate = typeof vat.rate === 'number' ? this.value('rate', vat.rate) : '';
                  const zh = this.lang === 'zh-CN';
                  if (v === undefined || vat.included !== false)
                    return zh
                      ? `价格含税${rate ? `（${rate}）` : ''}`
                      : `prices include VAT${rate ? ` (${rate})` : ''}`;
                  return zh ? `价格不含税，另付 ${rate} 增值税` : `prices before VAT, ${rate} VAT on top`;
                };
                const before = show(vb);
                const after = show(va);
                if (before !== after)
                  this.push('changed', place, this.fieldLabel(key, vb, va, undefined), before, after);
              },
            });
          },
        });
      };
    this.fields(
      b,
      a,
      { where, b: pb, a: pa, enums: { kind: OPTION_KIND_NAMES } },
      {
        id: null,
        name: this.renamed(where, this.w(W.name)),
        effects: (x, y) => this.effects(asList(x), asList(y), where, pb, pa),
        costLines: lines('costLines'),
        funding: lines('funding'),
        stopRule: (x, y) => this.stopRule(x, y, where, pb, pa),
        pilot: (x, y) => this.pilot(x, y, where, pb, pa),
      },
    );
  }

  private effects(bs: unknown[], as: unknown[], where: string, pb: string | null, pa: string | null) {
    const wf = (v: unknown) => asObj(v).workflowId;
    this.keyed(bs, as, (v) => wf(v) as string | undefined, {
      where,
      noun: { 'zh-CN': '工作流程', en: 'its effect on workflow' },
      b: join(pb, 'effects'),
      a: join(pa, 'effects'),
      name: (v, s) => this.workflowName(s, wf(v)),
      order: { 'zh-CN': '各工作流程效果的顺序', en: 'Order of its effects' },
      item: (b, a, epb, epa) => {
        const place = this.effectPlace(where, this.workflowName(this.A, wf(a)));
        this.fields(
          b,
          a,
          {
            where: place,
            b: epb,
            a: epa,
            prefix: [this.effectPrefix(this.B, wf(b)), this.effectPrefix(this.A, wf(a))],
          },
          { workflowId: null, evidence: this.evidence(place) },
        );
      },
    });
  }

  private tiers(bs: unknown[], as: unknown[], at: At) {
    if (same(bs, as)) return;
    if (bs.length === as.length) {
      bs.forEach((t, i) => {
        const what = this.lang === 'zh-CN' ? `第 ${i + 1} 档` : `Tier ${i + 1}`;
        this.fields(asObj(t), asObj(as[i]), {
          ...at,
          b: join(at.b, `tiers.${i}`),
          a: join(at.a, `tiers.${i}`),
          what,
        });
      });
      return;
    }
    const show = (l: unknown[]) =>
      l.length === 0
        ? this.w(W.notSet)
        : l
            .map((t) => {
              const tier = asObj(t);
              const upTo =
                typeof tier.upToUnits === 'number'
                  ? `≤ ${plain(tier.upToUnits)}`
                  : this.value('upToUnits', null);
              const price =
                typeof tier.unitPrice === 'number'
                  ? money(tier.unitPrice, this.currency, this.lang, true)
                  : '';
              return `${upTo}${this.lang === 'zh-CN' ? '：' : ': '}${price}`;
            })
            .join(this.lang === 'zh-CN' ? '；' : '; ');
    this.push('changed', at.where, this.fieldLabel('tiers', undefined, undefined, at), show(bs), show(as));
  }

  private stopRule(x: unknown, y: unknown, where: string, pb: string | null, pa: string | null) {
    if (same(x, y)) return;
    const place = `${where}${SEP}${this.w(W.stopRule)}`;
    const summary = (v: unknown, s: Side) => {
      const r = asObj(v);
      const month = typeof r.checkMonth === 'number' ? r.checkMonth : 0;
      const min = typeof r.minNetMinutesPerTask === 'number' ? plain(r.minNetMinutesPerTask) : '0';
      const of = r.workflowId === undefined ? '' : quote(this.workflowName(s, r.workflowId), this.lang);
      return this.lang === 'zh-CN'
        ? `第 ${month} 月检查：${of}每任务净节省低于 ${min} 分钟则停用`
        : `checked in month ${month}: stops if ${of ? `${of}'s ` : ''}net minutes saved per task are below ${min}`;
    };
    if (x === undefined || y === undefined) {
      const zh = this.lang === 'zh-CN';
      const what =
        y !== undefined
          ? zh
            ? '添加了停用规则'
            : 'Added a stop rule'
          : zh
            ? '删除了停用规则'
            : 'Removed the stop rule';
      this.push(
        y !== undefined ? 'added' : 'removed',
        where,
        what,
        x === undefined ? null : summary(x, this.B),
        y === undefined ? null : summary(y, this.A),
      );
      return;
    }
    this.fields(
      asObj(x),
      asObj(y),
      { where: place, b: join(pb, 'stopRule'), a: join(pa, 'stopRule') },
      { workflowId: this.workflowRefs(place, { b: this.B, a: this.A }) },
    );
  }

  private pilot(x: unknown, y: unknown, where: string, pb: string | null, pa: string | null) {
    if (same(x, y)) return;
    const place = `${where}${SEP}${this.w(W.pilot)}`;
    const summary = (v: unknown, s: Side) => {
      const p = asObj(v);
      const months = typeof p.durationMonths === 'number' ? p.durationMonths : 0;
      const into = quote(this.optionName(s, p.scaleUpOptionId), this.lang);
      return this.lang === 'zh-CN'
        ? `试点 ${months} 个月，达标后推广为${into}`
        : `runs ${months} ${months === 1 ? 'month' : 'months'}, then scales up into ${into} if it works`;
    };
    if (x === undefined || y === undefined) {
      const zh = this.lang === 'zh-CN';
      const what =
        y !== undefined
          ? zh
            ? '添加了试点安排'
            : 'Added a pilot'
          : zh
            ? '删除了试点安排'
            : 'Removed the pilot';
      this.push(
        y !== undefined ? 'added' : 'removed',
        where,
        what,
        x === undefined ? null : summary(x, this.B),
        y === undefined ? null : summary(y, this.A),
      );
      return;
    }
    const at: At = { where: place, b: join(pb, 'pilot'), a: join(pa, 'pilot') };
    const refs = this.workflowRefs(place, { b: this.B, a: this.A });
    this.fields(asObj(x), asObj(y), at, {
      decisionRule: (rb, ra) =>
        this.fields(
          asObj(rb),
          asObj(ra),
          { ...at, b: join(at.b, 'decisionRule'), a: join(at.a, 'decisionRule') },
          { workflowId: refs },
        ),
      scaleUpOptionId: (ib, ia, key) => {
        const nb = ib === undefined ? this.value(key, undefined) : this.optionName(this.B, ib);
        const na = ia === undefined ? this.value(key, undefined) : this.optionName(this.A, ia);
        if (nb !== na) this.push('changed', place, this.fieldLabel(key, ib, ia, undefined), nb, na);
      },
    });
  }

  // —— inputs named by path: distributions and sources

  /** The input an input path names, in one version: its place, label and field; undefined if none. */
  private locate(s: Side, path: string): { where: string; what: string; field: string } | undefined {
    const indexPath = s.toIndex(path);
    if (indexPath === undefined) return undefined;
    const parts = indexPath.split('.');
    const field = [...parts].reverse().find((p) => !/^\d+$/.test(p)) ?? parts[0]!;
    const doc = s.doc;
    let where = this.w(W.settings);
    let prefix = '';
    let what: string | undefined;
    const [head, p1, p2, p3, p4, p5] = parts;
    if (head === 'hospital' && p1 === 'roles') {
      prefix = this.roleName(p2!);
      where = `${this.w(W.staff)}${SEP}${prefix}`;
    } else if (head === 'hospital') where = this.w(W.hospital);
    else if (head === 'budget') where = this.w(W.budget);
    else if (head === 'variables') where = this.w(W.variables);
    else if (head === 'realization') {
      prefix = this.roleName(p1!);
      where = `${this.w(W.realization)}${SEP}${prefix}`;
    } else if (head === 'workflows') {
      prefix = this.nameOf(asList(doc.workflows)[Number(p1)]);
      where = this.workflowPlace(prefix);
    } else if (head === 'options') {
      const option = asObj(asList(doc.options)[Number(p1)]);
      const place = this.optionPlace(this.nameOf(option));
      where = place;
      if (p2 === 'effects') {
        const effect = asObj(asList(option.effects)[Number(p3)]);
        prefix = this.effectPrefix(s, effect.workflowId);
        where = this.effectPlace(place, this.workflowName(s, effect.workflowId));
      } else if (p2 === 'costLines' || p2 === 'funding') {
        prefix = this.nameOf(asList(option[p2])[Number(p3)]);
        where = p2 === 'costLines' ? this.costLinePlace(place, prefix) : this.fundingPlace(place, prefix);
        if (p4 === 'tiers')
          what = this.lang === 'zh-CN' ? `第 ${Number(p5) + 1} 档` : `Tier ${Number(p5) + 1}`;
      } else if (p2 === 'stopRule') where = `${place}${SEP}${this.w(W.stopRule)}`;
      else if (p2 === 'pilot') where = `${place}${SEP}${this.w(W.pilot)}`;
    }
    let label = s.labels.get(indexPath);
    if (label !== undefined && prefix && label.startsWith(prefix + SEP))
      label = label.slice(prefix.length + SEP.length);
    label ??= labelOf(field)?.[this.lang] ?? readableKey(field);
    return { where, what: what ? `${what}${SEP}${label}` : label, field };
  }

  /** An input path as the same id path in both versions, where the input is in both. */
  private common(path: string, s: Side): string | undefined {
    const indexPath = s.toIndex(path);
    if (indexPath === undefined) return undefined;
    const id = s.toId(indexPath);
    const other = s === this.A ? this.B : this.A;
    return other.toIndex(id) === undefined ? undefined : id;
  }

  private byInput<T>(record: Record<string, T>, s: Side): Map<string, T> {
    const out = new Map<string, T>();
    for (const [path, v] of Object.entries(record)) {
      const id = this.common(path, s);
      if (id !== undefined && !out.has(id)) out.set(id, v);
    }
    return out;
  }

  private inputName(s: Side, path: string): string {
    const found = this.locate(s, path);
    return found ? `${found.where}${SEP}${found.what}` : this.w(W.otherInput);
  }

  private distribution(d: unknown, field: string, s: Side, withShape: boolean): string {
    if (!isObj(d) || d.kind === 'fixed') return this.w(W.fixed);
    const shape = this.term(DISTRIBUTIONS, d.kind);
    if (d.kind === 'sameAs') {
      const other = typeof d.input === 'string' ? this.inputName(s, d.input) : this.w(W.otherInput);
      return this.lang === 'zh-CN' ? `与${quote(other, 'zh-CN')}同抽` : `drawn with ${quote(other, 'en')}`;
    }
    const num = (v: unknown) => (typeof v === 'number' ? this.value(field, v) : '?');
    let text = `${num(d.low)}–${num(d.high)}`;
    const cut = [d.min, d.max].some((v) => typeof v === 'number');
    if (cut)
      text +=
        this.lang === 'zh-CN'
          ? `，截断于 ${num(d.min)}–${num(d.max)}`
          : `, cut at ${num(d.min)}–${num(d.max)}`;
    return withShape ? `${text}${this.lang === 'zh-CN' ? `（${shape}）` : ` (${shape})`}` : text;
  }

  private uncertainty() {
    const ub = uncertaintyOf(this.B.scenario);
    const ua = uncertaintyOf(this.A.scenario);
    const where = this.w(W.uncertainty);
    this.leaf('seed', ub.seed, ua.seed, { where, b: null, a: null }, 'changed', 'plain');
    this.leaf('trials', ub.trials, ua.trials, { where, b: null, a: null }, 'changed', 'plain');

    const db = this.byInput(ub.inputs, this.B);
    const da = this.byInput(ua.inputs, this.A);
    for (const path of [...new Set([...da.keys(), ...db.keys()])]) {
      const x = db.get(path);
      const y = da.get(path);
      if (same(x, y)) continue;
      const input = this.locate(this.A, path)!;
      const withShape = asObj(x).kind !== asObj(y).kind && x !== undefined && y !== undefined;
      const before = this.distribution(x, input.field, this.B, withShape);
      const after = this.distribution(y, input.field, this.A, withShape);
      if (before === after) continue;
      const what = this.lang === 'zh-CN' ? `${input.what}的范围` : `Range of ${inSentence(input.what, 'en')}`;
      this.push('changed', input.where, what, before, after);
    }

    const pairs = (list: readonly { a: string; b: string; rho: number }[], s: Side) => {
      const out = new Map<string, { a: string; b: string; rho: number }>();
      for (const c of list) {
        const a = this.common(c.a, s);
        const b = this.common(c.b, s);
        if (a === undefined || b === undefined) continue;
        const [p, q] = a < b ? [a, b] : [b, a];
        out.set(`${p}\n${q}`, { a: p, b: q, rho: c.rho });
      }
      return out;
    };
    const cb = pairs(ub.correlations, this.B);
    const ca = pairs(ua.correlations, this.A);
    for (const key of [...new Set([...ca.keys(), ...cb.keys()])]) {
      const x = cb.get(key);
      const y = ca.get(key);
      if (x?.rho === y?.rho) continue;
      const c = (y ?? x)!;
      // Two inputs of one place (an effect's fit and adoption) are named at that place.
      const p = this.locate(this.A, c.a)!;
      const q = this.locate(this.A, c.b)!;
      const zh = this.lang === 'zh-CN';
      const shared = p.where === q.where;
      const one = (i: { where: string; what: string }) => (shared ? i.what : `${i.where}${SEP}${i.what}`);
      const pair = zh
        ? `${one(p)}与${one(q)}的相关性`
        : `correlation of ${inSentence(one(p), 'en')} and ${inSentence(one(q), 'en')}`;
      const place = shared ? p.where : where;
      const rho = (v: { rho: number } | undefined) => (v ? formatNumber(v.rho, 2) : null);
      if (x && y) this.push('changed', place, zh ? pair : `C${pair.slice(1)}`, rho(x), rho(y));
      else if (y) this.push('added', place, zh ? `添加了${pair}` : `Added the ${pair}`, null, rho(y));
      else this.push('removed', place, zh ? `删除了${pair}` : `Removed the ${pair}`, rho(x), null);
    }
  }

  private sources(b: Obj, a: Obj) {
    const sb = this.byInput(b, this.B);
    const sa = this.byInput(a, this.A);
    for (const path of [...new Set([...sa.keys(), ...sb.keys()])]) {
      const x = sb.get(path);
      const y = sa.get(path);
      if (same(x, y)) continue;
      const input = this.locate(this.A, path)!;
      if (x === undefined || y === undefined) {
        const what =
          this.lang === 'zh-CN' ? `${input.what}的依据` : `Evidence for ${inSentence(input.what, 'en')}`;
        this.push('changed', input.where, what, this.evidenceSummary(x), this.evidenceSummary(y));
      } else this.evidence(input.where, input.what)(x, y, path);
    }
  }
}

/** What changed from one version to the next, in the page's language; in document order. */
export function compareVersions(before: Scenario, after: Scenario, lang: Lang): InputChange[] {
  return new Comparison(side(before, lang), side(after, lang), lang).run();
}

/** The changes in groups by place, places in the order they first appear. */
export function groupByPlace(changes: readonly InputChange[]): { where: string; changes: InputChange[] }[] {
  const groups = new Map<string, InputChange[]>();
  for (const c of changes) {
    if (!groups.has(c.where)) groups.set(c.where, []);
    groups.get(c.where)!.push(c);
  }
  return [...groups].map(([where, list]) => ({ where, changes: list }));
}

// ————————————————————————————————————————————————————————————————— results

export type Direction = 'better' | 'worse' | 'same';

export const RESULT_METRICS = ['npv', 'tco', 'cashRealized', 'hoursFreed', 'payback', 'breachYears'] as const;
export type ResultMetric = (typeof RESULT_METRICS)[number];

/** An option's headline results in one version. */
export interface OptionMetrics {
  npv: number;
  tco: number;
  cashRealized: number;
  hoursFreed: number;
  /** Month the cumulative net cash turns positive; null: never within the horizon. */
  payback: number | null;
  /** Plan years (1 = first) in which the option's net cash out exceeds the AI budget. */
  breachYears: number[];
}

export interface OptionResultChange {
  id: string;
  /** The option's name in the later version (the earlier one's if it was removed). */
  name: string;
  /** null: the option is not in that version. */
  before: OptionMetrics | null;
  after: OptionMetrics | null;
  /** For the hospital, per metric; 'same' where the option is in one version only. */
  direction: Record<ResultMetric, Direction>;
}

/** Money and hours closer than this are the same (they show the same to the yuan or the hour). */
const RESULT_TOLERANCE = 0.5;

const metricsOf = (o: OptionResult): OptionMetrics => ({
  npv: o.npv,
  tco: o.tco,
  cashRealized: o.cashRealized,
  hoursFreed: o.hoursFreed,
  payback: o.paybackMonth,
  breachYears: [...o.budgetBreachYears],
});

const higherIsBetter = (b: number, a: number): Direction =>
  Math.abs(a - b) < RESULT_TOLERANCE ? 'same' : a > b ? 'better' : 'worse';

/** Better, worse or the same for the hospital, metric by metric. */
export function directionOf(metric: ResultMetric, b: OptionMetrics, a: OptionMetrics): Direction {
  switch (metric) {
    case 'npv':
    case 'cashRealized':
    case 'hoursFreed':
      return higherIsBetter(b[metric], a[metric]);
    case 'tco':
      return higherIsBetter(a.tco, b.tco);
    case 'payback': {
      // Never paying back is the worst; earlier is better.
      if (b.payback === a.payback) return 'same';
      if (a.payback === null) return 'worse';
      if (b.payback === null) return 'better';
      return a.payback < b.payback ? 'better' : 'worse';
    }
    case 'breachYears': {
      const d = a.breachYears.length - b.breachYears.length;
      return d === 0 ? 'same' : d < 0 ? 'better' : 'worse';
    }
  }
}

/** Each option's headline results in both versions, matched by id, with a direction each. */
export function compareResults(ra: ScenarioResult, rb: ScenarioResult): OptionResultChange[] {
  const ids = [...new Set([...rb.options.map((o) => o.id), ...ra.options.map((o) => o.id)])];
  return ids.map((id) => {
    const x = ra.options.find((o) => o.id === id);
    const y = rb.options.find((o) => o.id === id);
    const before = x ? metricsOf(x) : null;
    const after = y ? metricsOf(y) : null;
    const direction = Object.fromEntries(
      RESULT_METRICS.map((m) => [m, before && after ? directionOf(m, before, after) : 'same']),
    ) as Record<ResultMetric, Direction>;
    return { id, name: (y ?? x)!.name, before, after, direction };
  });
}

/** The word beside a changed result, for readers who do not see the colour. */
export const DIRECTION_WORDS: Record<Exclude<Direction, 'same'>, Bilingual> = {
  better: { 'zh-CN': '↑ 更好', en: '↑ better' },
  worse: { 'zh-CN': '↓ 更差', en: '↓ worse' },
};
