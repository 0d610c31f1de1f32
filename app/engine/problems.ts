/**
 * Validation problems: a path into the document, a machine code and its parameters. The
 * message is rendered per language, so the web app can show it next to the field.
 */
import { localize, type Lang } from './text';

/** A parameter; a name people gave in both languages is shown in the message's. */
export type ProblemParam =
  | string
  | number
  | boolean
  | null
  | readonly (string | number)[]
  | { readonly 'zh-CN'?: string; readonly en?: string };

export interface ValidationProblem {
  /** Dotted path into the document, e.g. `hospital.beds` or `options.1.costLines.0.amount`. */
  path: string;
  code: ProblemCode;
  params: Record<string, ProblemParam>;
}

const MESSAGES = {
  invalidJson: { en: 'Not valid JSON: {detail}', 'zh-CN': '不是有效的 JSON：{detail}' },
  notAnObject: { en: 'A scenario must be a JSON object', 'zh-CN': '方案必须是一个 JSON 对象' },
  required: { en: 'Required', 'zh-CN': '必填' },
  type: { en: 'Expected {expected}', 'zh-CN': '应为{expected}' },
  integer: { en: 'Must be a whole number', 'zh-CN': '必须是整数' },
  min: { en: 'Must be at least {minimum}', 'zh-CN': '不能小于 {minimum}' },
  minExclusive: { en: 'Must be more than {minimum}', 'zh-CN': '必须大于 {minimum}' },
  max: { en: 'Must be at most {maximum}', 'zh-CN': '不能大于 {maximum}' },
  minItems: { en: 'Needs at least {minimum} item(s)', 'zh-CN': '至少需要 {minimum} 项' },
  maxItems: { en: 'At most {maximum} item(s)', 'zh-CN': '最多 {maximum} 项' },
  exactItems: { en: 'Needs exactly {expected} item(s)', 'zh-CN': '必须正好 {expected} 项' },
  minLength: { en: 'Must not be empty', 'zh-CN': '不能为空' },
  maxLength: { en: 'At most {maximum} characters', 'zh-CN': '最多 {maximum} 个字符' },
  enum: { en: 'Must be one of: {allowed}', 'zh-CN': '必须是以下之一：{allowed}' },
  unknownKind: { en: 'Unknown {field}; allowed: {allowed}', 'zh-CN': '未知的 {field}；可选：{allowed}' },
  unknownKey: { en: 'Unknown field(s): {keys}', 'zh-CN': '未知字段：{keys}' },
  idFormat: {
    en: 'An id starts with a letter and holds only letters, digits, - and _ (at most 64)',
    'zh-CN': '标识必须以字母开头，只含字母、数字、- 和 _（最多 64 个字符）',
  },
  refFormat: {
    en: 'A reference id looks like "1.20" or "2.29.v3-input"',
    'zh-CN': '参考数据编号的格式应如 "1.20" 或 "2.29.v3-input"',
  },
  currencyFormat: {
    en: 'A currency is a three-letter code such as CNY',
    'zh-CN': '币种应为三个大写字母，如 CNY',
  },
  dateFormat: { en: 'A date is written YYYY-MM-DD', 'zh-CN': '日期格式应为 YYYY-MM-DD' },
  variableName: {
    en: 'A variable name starts with a letter or _ and holds letters, digits and _',
    'zh-CN': '变量名必须以字母或 _ 开头，只含字母、数字和 _',
  },
  format: { en: 'Wrong format', 'zh-CN': '格式不正确' },
  text: {
    en: 'Expected a text, or {"zh-CN": …, "en": …}',
    'zh-CN': '应为文本，或 {"zh-CN": …, "en": …}',
  },
  textEmpty: { en: 'Give the text in at least one language', 'zh-CN': '至少填写一种语言的文本' },
  invalid: { en: 'Not a valid value', 'zh-CN': '取值无效' },
  schemaVersion: {
    en: 'Unsupported schemaVersion; this planner reads versions 1 to {max}',
    'zh-CN': '不支持的 schemaVersion；本系统支持 1 至 {max}',
  },
  schemaVersionTooNew: {
    en: 'schemaVersion {version} is newer than this planner ({max})',
    'zh-CN': 'schemaVersion {version} 比本系统支持的版本（{max}）更新',
  },
  duplicateId: { en: 'The id "{id}" is used twice', 'zh-CN': '标识 "{id}" 重复' },
  unknownWorkflow: { en: 'No workflow has the id "{id}"', 'zh-CN': '没有标识为 "{id}" 的工作流程' },
  workflowNotInOption: {
    en: 'The workflow "{id}" is not among this option\'s effects',
    'zh-CN': '工作流程 "{id}" 不在本方案的效果中',
  },
  duplicateEffect: {
    en: 'This option already has an effect on the workflow "{id}"',
    'zh-CN': '本方案对工作流程 "{id}" 已有一条效果',
  },
  roleMissing: {
    en: 'The hospital profile has no staff of the role "{role}"',
    'zh-CN': '医院概况中没有角色 "{role}" 的人员',
  },
  beyondHorizon: {
    en: 'Month {month} lies beyond the horizon ({max} months)',
    'zh-CN': '第 {month} 月超出了规划期（{max} 个月）',
  },
  endBeforeStart: { en: 'The end month comes before the start month', 'zh-CN': '结束月份早于开始月份' },
  priceOrTiers: {
    en: 'Give either a unit price or volume tiers, not both and not neither',
    'zh-CN': '单价和阶梯价格必须且只能填写一项',
  },
  tiersOrder: {
    en: 'Tier bounds must rise, and only the last tier may be open (null)',
    'zh-CN': '阶梯上限必须递增，且只有最后一档可以不设上限（null）',
  },
  tiersLastOpen: {
    en: 'The last tier must be open (upToUnits: null), so volume above it has a price',
    'zh-CN': '最后一档必须不设上限（upToUnits: null），否则超出部分没有价格',
  },
  tiersNotForUnit: {
    en: 'Volume tiers apply to tasks, calls and tokens, not to beds or seats',
    'zh-CN': '阶梯价格只适用于按任务、调用次数或 token 计价，不适用于床位或席位',
  },
  tokensPerTaskRequired: {
    en: 'Pricing per million tokens needs tokens per task',
    'zh-CN': '按百万 token 计价需要填写每个任务的 token 数',
  },
  vatNotForKind: {
    en: 'Staff costs carry no VAT',
    'zh-CN': '人员成本不含增值税',
  },
  tenderNotForPilot: {
    en: 'A pilot is not tendered; the option it scales into carries the tender',
    'zh-CN': '试点不需要招标；招标月数应设在推广的方案上',
  },
  pilotRequired: { en: 'A pilot option needs its pilot settings', 'zh-CN': '试点方案需要填写试点设置' },
  pilotOnlyForPilot: {
    en: 'Only an option of kind "pilot" has pilot settings',
    'zh-CN': '只有类型为“试点”的方案才有试点设置',
  },
  unknownOption: { en: 'No option has the id "{id}"', 'zh-CN': '没有标识为 "{id}" 的方案' },
  scaleUpKind: {
    en: 'A pilot scales up into a buy or build option, not into "{id}" of kind {kind}',
    'zh-CN': '试点只能推广为采购或自建方案，不能推广为类型为 {kind} 的 "{id}"',
  },
  pilotBeyondHorizon: {
    en: 'The pilot ends in month {month}, after the horizon ({max} months): its decision would never be made',
    'zh-CN': '试点在第 {month} 月结束，晚于规划期（{max} 个月），无法做出决策',
  },
  moreYearsThanHorizon: {
    en: '{given} yearly budgets for a plan of {maximum} years: at most one a year (years left out grow from the last one given)',
    'zh-CN':
      '填了 {given} 个年度预算，但规划期只有 {maximum} 年：每年最多一个（未填的年份按最后一个已填年份的预算和年增长率推算）',
  },
  expressionSyntax: {
    en: 'Expression error at line {line}, position {column}: {detail}',
    'zh-CN': '表达式第 {line} 行第 {column} 个字符处有错误：{detail}',
  },
  expressionUnknownSymbol: {
    en: 'Unknown name "{name}" at line {line}, position {column}',
    'zh-CN': '第 {line} 行第 {column} 个字符处的名称 "{name}" 未定义',
  },
  expressionNotAllowed: {
    en: '{what} is not allowed in an expression (line {line}, position {column})',
    'zh-CN': '表达式中不允许使用 {what}（第 {line} 行第 {column} 个字符）',
  },
  expressionArity: {
    en: '{name}() takes {expected} argument(s) (line {line}, position {column})',
    'zh-CN': '{name}() 需要 {expected} 个参数（第 {line} 行第 {column} 个字符）',
  },
  expressionTooDeep: {
    en: 'The expression nests too deeply: at most {max} levels of brackets, signs, powers, conditions or terms in one chain',
    'zh-CN': '表达式嵌套过深：括号、正负号、乘方、条件和连续运算的层数最多 {max} 层',
  },
  expressionNotFinite: {
    en: 'The cost line “{line}” of “{option}” gives no finite amount in month {month} (a division by zero, or a number too large): change its formula',
    'zh-CN':
      '方案「{option}」的成本项「{line}」在第 {month} 个月算不出有限的金额（除以零或数值过大），请修改其公式',
  },
  formulasTooLong: {
    en: "With this formula, the case's formulas hold more than {maximum} characters together: shorten them, or use fewer",
    'zh-CN': '加上此公式，本规划所有公式合计超过 {maximum} 个字符：请缩短公式或减少公式数量',
  },
  maxUncertainInputs: {
    en: 'At most {maximum} uncertain inputs',
    'zh-CN': '不确定输入最多 {maximum} 个',
  },
  trialsTooMany: {
    en: 'At most {maximum} trials for a case of this size (the simulation would take too long)',
    'zh-CN': '此规模的规划最多模拟 {maximum} 次（次数再多，模拟耗时过长）',
  },
  monteCarloTooLarge: {
    en: 'This case is too large for the uncertainty simulation to finish in reasonable time, even with 100 trials: use fewer options, cost lines, workflows or uncertain inputs, or shorter formulas',
    'zh-CN':
      '此规划规模过大，即使只模拟 100 次，不确定性模拟也无法在合理时间内完成：请减少方案、成本项、工作流程或不确定输入，或缩短公式',
  },
  distributionBounds: {
    en: 'The low value ({low}) must be below the high value ({high})',
    'zh-CN': '下限（{low}）必须小于上限（{high}）',
  },
  distributionMode: {
    en: "The input's own value ({value}) is the most likely one and must lie between low ({low}) and high ({high})",
    'zh-CN': '该输入本身的数值（{value}）是最可能值，必须在下限（{low}）和上限（{high}）之间',
  },
  distributionOutOfRange: {
    en: 'Low and high must lie within what this input allows ({min} to {max})',
    'zh-CN': '下限和上限必须在该输入允许的范围内（{min} 至 {max}）',
  },
  distributionTruncation: {
    en: "The truncation must hold the input's own value ({value}), with min below max",
    'zh-CN': '截断范围必须包含该输入本身的数值（{value}），且下界小于上界',
  },
  duplicateInput: {
    en: 'This input already has a distribution, under "{path}"',
    'zh-CN': '该输入已在 "{path}" 下设置了分布',
  },
  notUncertain: {
    en: 'Months, durations, counts and tier bounds shape the plan and cannot be uncertain',
    'zh-CN': '月份、期限、数量和阶梯上限决定规划的结构，不能设为不确定',
  },
  duplicateCorrelation: {
    en: 'These two inputs are already correlated above',
    'zh-CN': '这两个输入的相关系数已在前面给出',
  },
  correlationInput: {
    en: '"{path}" is not an uncertain input (give it a distribution that is not fixed), or is paired with itself',
    'zh-CN': '"{path}" 不是不确定输入（请先为其设置非固定的分布），或与自身配对',
  },
  correlationInvalid: {
    en: 'These correlations contradict each other (the matrix is not positive definite)',
    'zh-CN': '这些相关系数相互矛盾（相关矩阵不是正定矩阵）',
  },
  unknownInput: {
    en: 'No numeric input has the path "{path}"',
    'zh-CN': '没有路径为 "{path}" 的数值输入',
  },
  variableReserved: {
    en: 'The name "{name}" is built in; choose another',
    'zh-CN': '名称 "{name}" 是内置变量，请换一个',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type ProblemCode = keyof typeof MESSAGES;

function formatParam(value: ProblemParam | undefined, lang: Lang): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return localize(value as { 'zh-CN'?: string; en?: string }, lang);
  return String(value);
}

/** The problem as a sentence in the given language. */
export function problemMessage(problem: Pick<ValidationProblem, 'code' | 'params'>, lang: Lang): string {
  const template: string = MESSAGES[problem.code][lang];
  return template.replace(/\{(\w+)\}/g, (_, key: string) => formatParam(problem.params[key], lang));
}

/** `path: message` lines, for a terminal. */
export function formatProblems(problems: readonly ValidationProblem[], lang: Lang): string {
  return problems.map((p) => `${p.path || '(document)'}: ${problemMessage(p, lang)}`).join('\n');
}
