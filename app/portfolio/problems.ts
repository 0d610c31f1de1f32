/**
 * What is wrong with a portfolio request: a path into the request (`budgetByYear.2`,
 * `forced.0.optionId`), a code and its parameters, and the words a director reads — the field
 * named as a person sees it ("2028 年的 AI 预算"), never the path.
 */
import type { Lang } from '~/engine/text';

export type ProblemValue = string | number | boolean | null | readonly (string | number)[];

export interface PortfolioProblem {
  /** Dotted path into the request, e.g. `budgetByYear.2` or `scenarioIds.1`. */
  path: string;
  code: PortfolioProblemCode;
  /** `year`: the calendar year a yearly figure is for, when known. */
  params: Record<string, ProblemValue>;
}

type Words = Record<Lang, string>;

const MESSAGES = {
  // The request's own shape (from the schema).
  invalidJson: { en: 'not valid JSON', 'zh-CN': '不是有效的 JSON' },
  notAnObject: { en: 'send the portfolio as a JSON object', 'zh-CN': '请以 JSON 对象提交组合' },
  required: { en: 'required', 'zh-CN': '必填' },
  type: { en: 'not the right kind of value', 'zh-CN': '取值类型不对' },
  integer: { en: 'must be a whole number', 'zh-CN': '必须是整数' },
  min: { en: 'must be at least {minimum}', 'zh-CN': '不能小于 {minimum}' },
  max: { en: 'must be at most {maximum}', 'zh-CN': '不能大于 {maximum}' },
  minItems: { en: 'needs at least {minimum}', 'zh-CN': '至少需要 {minimum} 项' },
  maxItems: { en: 'at most {maximum}', 'zh-CN': '最多 {maximum} 项' },
  minLength: { en: 'must not be empty', 'zh-CN': '不能为空' },
  maxLength: { en: 'at most {maximum} characters', 'zh-CN': '最多 {maximum} 个字符' },
  enum: { en: 'must be one of: {allowed}', 'zh-CN': '必须是以下之一：{allowed}' },
  unknownKey: { en: 'not a field of a portfolio: {keys}', 'zh-CN': '组合没有这些字段：{keys}' },
  idFormat: { en: 'not an id this planner gives', 'zh-CN': '不是本系统的编号' },
  invalid: { en: 'not a valid value', 'zh-CN': '取值无效' },
  notANumber: { en: 'must be a number (CNY)', 'zh-CN': '应为数字（元）' },
  // Against the scenarios.
  negative: { en: 'must not be negative', 'zh-CN': '不能为负数' },
  lengthMismatch: {
    en: 'give one figure for each of the {expected} years of the plan (given: {given})',
    'zh-CN': '请为规划的 {expected} 年每年填一个数（现有 {given} 个）',
  },
  scenariosDisagree: {
    en: 'the use cases chosen differ here ({values}); give it for the portfolio',
    'zh-CN': '所选用例在这一项上不一致（{values}），请为组合填写',
  },
  budgetUnknown: {
    en: 'the use cases chosen do not give a budget for {year}; give the budget year by year',
    'zh-CN': '所选用例没有 {year} 年的预算，请逐年填写预算',
  },
  offsetBeyondHorizon: {
    en: 'must start within the {horizon} years of the plan',
    'zh-CN': '必须在规划的 {horizon} 年之内开始',
  },
  offsetNotAllowed: {
    en: 'is not among the start years allowed',
    'zh-CN': '不在允许的开始年份之中',
  },
  duplicateScenario: { en: 'this use case is chosen twice', 'zh-CN': '这个用例选了两次' },
  scenarioNotFound: {
    en: 'no use case of this hospital has this id',
    'zh-CN': '本院没有这个用例',
  },
  scenarioArchived: {
    en: 'this use case is archived; restore it first',
    'zh-CN': '这个用例已归档，请先恢复',
  },
  scenarioInvalid: {
    en: 'the latest version of this use case no longer passes the checks; fix it first',
    'zh-CN': '这个用例的最新版本未通过检查，请先修改',
  },
  notInPortfolio: {
    en: 'this use case is not in the portfolio',
    'zh-CN': '这个用例不在组合中',
  },
  unknownOption: {
    en: 'this use case has no such option',
    'zh-CN': '这个用例没有这个方案',
  },
  forcedTwice: {
    en: 'a use case can be fixed to one option only',
    'zh-CN': '一个用例只能指定一个方案',
  },
  dependsOnItself: { en: 'a use case cannot need itself', 'zh-CN': '用例不能依赖它自己' },
  dependencyCycle: {
    en: 'these use cases need each other in a circle, so none could start',
    'zh-CN': '这些用例相互依赖成环，哪个都无法开始',
  },
  serverSpecMissing: {
    en: 'no use case has on-premises servers to take the specification from; give {fields}',
    'zh-CN': '没有用例含本地服务器可供参照，请填写{fields}',
  },
} as const satisfies Record<string, Words>;

export type PortfolioProblemCode = keyof typeof MESSAGES;

/** Fields of the request as a person names them. */
const FIELDS: Record<string, Words> = {
  name: { en: 'Name', 'zh-CN': '名称' },
  scenarioIds: { en: 'Use cases', 'zh-CN': '用例' },
  startOffsets: { en: 'Start years allowed', 'zh-CN': '允许的开始年份' },
  startYear: { en: 'First year of the plan', 'zh-CN': '规划首年' },
  horizonYears: { en: 'Years of the plan', 'zh-CN': '规划年数' },
  discountRate: { en: 'Discount rate', 'zh-CN': '折现率' },
  budgetByYear: { en: 'AI budget by year', 'zh-CN': '逐年 AI 预算' },
  committedByYear: { en: 'Existing commitments by year', 'zh-CN': '逐年已有承诺支出' },
  researchBudgetByYear: { en: 'AI research budget by year', 'zh-CN': '逐年 AI 科研经费' },
  forced: { en: 'Fixed choices', 'zh-CN': '指定的选择' },
  dependencies: { en: 'Dependencies', 'zh-CN': '依赖关系' },
  objective: { en: 'Goal', 'zh-CN': '优化目标' },
  breachProbability: { en: 'Accepted chance of breaking the budget', 'zh-CN': '可接受的超预算概率' },
  resources: { en: 'Shared resources', 'zh-CN': '共享资源' },
  'resources.sharedServers': { en: 'Shared on-premises servers', 'zh-CN': '共享本地服务器' },
  'resources.hiresPerYear': { en: 'New hires per year', 'zh-CN': '每年新增人员上限' },
  baseVersion: { en: 'Version edited', 'zh-CN': '所编辑的版本' },
  note: { en: 'Note', 'zh-CN': '备注' },
  version: { en: 'Version', 'zh-CN': '版本' },
  expiresInDays: { en: 'Days the link stays open', 'zh-CN': '链接有效天数' },
  request: { en: 'The portfolio', 'zh-CN': '组合' },
};

/** A yearly figure's name for one year: "2028 年的 AI 预算". */
const YEARLY: Record<string, Words> = {
  budgetByYear: { en: 'AI budget for {year}', 'zh-CN': '{year} 年的 AI 预算' },
  committedByYear: { en: 'Existing commitments in {year}', 'zh-CN': '{year} 年的已有承诺支出' },
  researchBudgetByYear: { en: 'AI research budget for {year}', 'zh-CN': '{year} 年的 AI 科研经费' },
};

const SERVER_FIELDS: Record<string, Words> = {
  tokensPerSecondPerServer: { en: 'throughput per server', 'zh-CN': '每台服务器吞吐量' },
  targetUtilization: { en: 'target utilisation', 'zh-CN': '目标利用率' },
  capexPerServer: { en: 'price per server', 'zh-CN': '每台服务器价格' },
  usefulLifeYears: { en: 'useful life', 'zh-CN': '使用年限' },
  kwPerServer: { en: 'power per server', 'zh-CN': '每台服务器功率' },
  pue: { en: 'PUE', 'zh-CN': 'PUE' },
  electricityPricePerKwh: { en: 'electricity price', 'zh-CN': '电价' },
  maintenanceSharePerYear: { en: 'yearly maintenance share', 'zh-CN': '年维保比例' },
  maxServers: { en: 'most servers', 'zh-CN': '服务器数量上限' },
};

const fill = (text: string, params: Record<string, ProblemValue>) =>
  text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    return Array.isArray(value) ? value.join(', ') : String(value ?? '');
  });

const ordinal = (n: number, lang: Lang, what: Words) =>
  lang === 'en' ? `${what.en} ${n}` : `第 ${n} 个${what['zh-CN']}`;

/**
 * A path of the request in people's words: `budgetByYear.2` with the year 2028 is "2028 年的 AI
 * 预算" / "AI budget for 2028" (without a year: "第 3 年的…" / "…for plan year 3");
 * `forced.0.optionId` is "第 1 个指定的选择：方案". Never the path itself.
 */
export function portfolioFieldName(path: string, lang: Lang, params: { year?: ProblemValue } = {}): string {
  // A saved version's request sits under `request.` in the body: named as a new one's fields.
  if (path.startsWith('request.')) return portfolioFieldName(path.slice('request.'.length), lang, params);
  const parts = path.split('.');
  const [head = '', second, third] = parts;
  const index = second !== undefined && /^\d+$/.test(second) ? Number(second) : null;
  if (YEARLY[head] && index !== null) {
    const year =
      typeof params.year === 'number'
        ? String(params.year)
        : lang === 'en'
          ? `plan year ${index + 1}`
          : `第 ${index + 1}`;
    return YEARLY[head][lang].replace('{year}', year);
  }
  if (head === 'scenarioIds' && index !== null)
    return ordinal(index + 1, lang, { en: 'Use case', 'zh-CN': '用例' });
  if (head === 'startOffsets' && index !== null)
    return ordinal(index + 1, lang, { en: 'Start year allowed', 'zh-CN': '允许的开始年份' });
  if ((head === 'forced' || head === 'dependencies') && index !== null) {
    const item = ordinal(
      index + 1,
      lang,
      head === 'forced'
        ? { en: 'Fixed choice', 'zh-CN': '指定的选择' }
        : { en: 'Dependency', 'zh-CN': '依赖关系' },
    );
    const part: Record<string, Words> = {
      scenarioId: { en: 'use case', 'zh-CN': '用例' },
      optionId: { en: 'option', 'zh-CN': '方案' },
      startOffsetYears: { en: 'start year', 'zh-CN': '开始年份' },
      needsScenarioId: { en: 'use case needed', 'zh-CN': '所依赖的用例' },
    };
    const sub = third ? part[third] : undefined;
    return sub ? `${item}${lang === 'en' ? ': ' : '：'}${sub[lang]}` : item;
  }
  if (head === 'resources' && second === 'sharedServers' && third && SERVER_FIELDS[third]) {
    const pool = FIELDS['resources.sharedServers']![lang];
    return `${pool}${lang === 'en' ? ': ' : '：'}${SERVER_FIELDS[third][lang]}`;
  }
  const whole = FIELDS[parts.slice(0, 2).join('.')] ?? FIELDS[head];
  if (whole) return whole[lang];
  return lang === 'en' ? 'The portfolio' : '组合';
}

/** How a value the scenarios disagree on reads: years as years, rates in %, money in 万元 / CNY. */
function formatValues(path: string, values: ProblemValue, lang: Lang): string {
  if (!Array.isArray(values)) return String(values ?? '');
  return values
    .map((v) => {
      if (typeof v !== 'number') return v;
      if (path === 'discountRate') return `${Number((v * 100).toFixed(2))} %`;
      if (path.endsWith('ByYear'))
        return lang === 'zh-CN'
          ? `${Number((v / 10_000).toFixed(1)).toLocaleString('zh-CN')} 万元`
          : `${Math.round(v).toLocaleString('en')} CNY`;
      return String(v);
    })
    .join(lang === 'en' ? ', ' : '、');
}

/** The words of a problem: the field as a person names it, then what is wrong with it. */
export function portfolioProblemMessage(problem: PortfolioProblem, lang: Lang): string {
  const params: Record<string, ProblemValue> = { ...problem.params };
  if (problem.code === 'scenariosDisagree')
    params.values = formatValues(problem.path, params.values ?? [], lang);
  if (problem.code === 'serverSpecMissing' && Array.isArray(params.fields))
    params.fields = params.fields
      .map((f) => SERVER_FIELDS[String(f)]?.[lang] ?? String(f))
      .join(lang === 'en' ? ', ' : '、');
  const text = fill(MESSAGES[problem.code][lang], params);
  if (problem.path === '') return lang === 'en' ? text.charAt(0).toUpperCase() + text.slice(1) : text;
  const field = portfolioFieldName(problem.path, lang, params);
  return lang === 'en' ? `${field}: ${text}` : `${field}：${text}`;
}
