/**
 * The portfolio exports' words (the committee PDF chapter and the XLSX sheet), in both
 * languages, and the sentences both files say alike: the solver's status, what each use case is
 * given, why one is left out. Figures are filled in by the caller, already formatted.
 */
import { formatMoney, formatNumber, formatPercent } from '~/engine/format';
import type { LocalizedText } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { OPTION_KIND_NAMES, termLabel } from '~/i18n/terms';

import type {
  AlternativeName,
  LeftOutReason,
  PlanChoice,
  PlanMonteCarlo,
  PortfolioObjective,
  PortfolioPlan,
} from './portfolio';

const WORDS = {
  chapter: { 'zh-CN': 'AI 投入组合规划', en: 'AI portfolio plan' },
  coverVersion: {
    'zh-CN': '「{name}」第 {version} 版{saved}',
    en: '"{name}", version {version}{saved}',
  },
  coverSaved: { 'zh-CN': '（保存于 {date}）', en: ' (saved {date})' },
  coverDate: { 'zh-CN': '报告生成日期：{date}', en: 'Report made on {date}' },
  coverMoney: {
    'zh-CN': '金额单位：万元（人民币，{year} 年价格）；折现率 {rate}，折现到 {year} 年',
    en: 'Money in CNY ({year} prices); discount rate {rate}, to {year}',
  },
  coverPreparedBy: {
    'zh-CN': '编制：医院 AI 投入规划系统（方案由混合整数规划求解，数据均由模型按引用的版本计算）',
    en: 'Prepared with Hospital AI Planner (the plan solved as a mixed-integer program; every figure computed by the model for the versions cited)',
  },
  footer: {
    'zh-CN': '{name} · 第 {version} 版 · 第 {page} / {pages} 页',
    en: '{name} · version {version} · page {page} of {pages}',
  },

  question: { 'zh-CN': '决策问题', en: 'The question' },
  questionText: {
    'zh-CN':
      '在 {first}—{last} 年每年的 AI 预算（扣除已有合同后）以内，{count} 个 AI 用例中应投入哪些、各采用哪种方式、从哪一年开始，才能使{objective}最大？',
    en: "Within each year's AI budget (less existing contracts) from {first} to {last}, which of {count} AI use cases should the hospital fund, which way, and from which year, to get {objective}?",
  },
  answer: { 'zh-CN': '结论', en: 'The answer' },
  answerFund: { 'zh-CN': '建议投入 {count} 个用例：{list}。', en: 'Fund {count} {cases}: {list}.' },
  // English counts its use cases; Chinese needs no plural.
  casesOne: { 'zh-CN': '', en: 'use case' },
  casesMany: { 'zh-CN': '', en: 'use cases' },
  answerItem: { 'zh-CN': '{useCase}——{option}，{year} 年起', en: '{useCase}: {option}, from {year}' },
  answerNone: {
    'zh-CN': '按当前预算与假设，不建议投入任何用例。',
    en: 'On the present budget and assumptions, fund none of the use cases.',
  },
  answerNotNow: { 'zh-CN': '暂不投入：{list}（原因见下文）。', en: 'Not now: {list} (why below).' },
  answerTotal: {
    'zh-CN': '组合净现值合计 {npv}（折现率 {rate}，折现到 {year} 年）。',
    en: "The plan's NPV adds up to {npv} (at {rate}, to {year}).",
  },
  answerObjective: {
    'zh-CN': '求解目标为{objective}，目标值 {value}。',
    en: 'The solver maximised the {objective}: {value}.',
  },
  statusOptimal: {
    'zh-CN': '已证明为最优方案（与最优解的差距为 0）。',
    en: 'proved optimal (no gap to the optimum).',
  },
  statusFeasible: {
    'zh-CN': '找到可行方案，与最优解的差距不超过 {gap}。',
    en: 'a plan that fits, within {gap} of the optimum.',
  },
  statusTimeLimit: {
    'zh-CN': '在时限内未能证明最优，以下为已找到的最好方案，与最优解的差距不超过 {gap}。',
    en: 'the time limit came before the optimum was proved; this is the best plan found, within {gap} of the optimum.',
  },
  statusTimeLimitNoGap: {
    'zh-CN': '在时限内未能证明最优，以下为已找到的最好方案，与最优解的差距未知。',
    en: 'the time limit came before the optimum was proved; this is the best plan found, its gap to the optimum unknown.',
  },
  statusInfeasible: {
    'zh-CN':
      '无可行方案。{years} 年的预算扣除已有合同后，不足以支付已确定必须投入的选择；请调整预算或已确定的选择。',
    en: 'no plan fits. In {years} the budget less existing contracts cannot pay for the choices fixed in advance; change the budget or those choices.',
  },
  statusInfeasibleNoYear: {
    'zh-CN': '无可行方案，已确定的选择或资源限制无法同时满足；请调整预算或已确定的选择。',
    en: 'no plan fits: the fixed choices and the resource limits cannot all be met; change the budget or those choices.',
  },
  checked: {
    'zh-CN': '本方案已由模型逐年重新核算：每年支出均未超过预算上限。',
    en: "The model re-added the plan's flows year by year: no year goes over its cap.",
  },
  notChecked: {
    'zh-CN': '注意：由模型逐年重新核算时，本方案有年份超过预算上限，请核对下表。',
    en: 'Note: re-added by the model year by year, the plan goes over the cap in some year; check the table below.',
  },
  whatIfBudget: {
    'zh-CN': '本报告按假设的预算计算，与第 {version} 版保存的预算不同（逐年预算见下表）。',
    en: "This report uses a what-if budget, not the one saved in version {version} (each year's figure is in the table below).",
  },

  planTable: { 'zh-CN': '投入方案', en: 'The plan' },
  useCase: { 'zh-CN': '用例', en: 'Use case' },
  option: { 'zh-CN': '方案', en: 'Option' },
  way: { 'zh-CN': '方式', en: 'Way' },
  startYear: { 'zh-CN': '起始年份', en: 'Starts' },
  npvIn: { 'zh-CN': '净现值（{unit}）', en: 'NPV ({unit})' },
  p10In: { 'zh-CN': 'P10 净现值（{unit}）', en: 'NPV P10 ({unit})' },
  notNow: { 'zh-CN': '暂不投入', en: 'Not now' },
  total: { 'zh-CN': '合计', en: 'Total' },

  spendTable: { 'zh-CN': '逐年支出与预算上限', en: 'Spend each year against the cap' },
  spendIntro: {
    'zh-CN':
      '单位：{unit}。支出为各用例当年现金支出减去资金来源；上限 = AI 预算 − 已有合同；余量 = 上限 − 支出。标 * 的年份预算约束起作用。',
    en: "In {unit}. Spend is each use case's cash out less its funding; the cap is the AI budget less existing contracts; headroom is the cap less spend. Years marked * bind the plan.",
  },
  item: { 'zh-CN': '项目', en: 'Line' },
  sharedServers: { 'zh-CN': '共享推理服务器', en: 'Shared servers' },
  spendTotal: { 'zh-CN': '支出合计', en: 'Total spend' },
  budget: { 'zh-CN': 'AI 预算', en: 'AI budget' },
  committed: { 'zh-CN': '已有合同', en: 'Existing contracts' },
  cap: { 'zh-CN': '预算上限', en: 'Cap' },
  headroom: { 'zh-CN': '余量', en: 'Headroom' },
  researchDraw: { 'zh-CN': '科研经费使用', en: 'Research funds drawn' },
  researchBudget: { 'zh-CN': '科研经费预算', en: 'Research budget' },
  newHires: { 'zh-CN': '新增人员（FTE）', en: 'New hires (FTE)' },
  chartSpend: {
    'zh-CN': '图 1 逐年支出（按用例堆叠）与预算上限（万元）',
    en: 'Figure 1. Spend each year, stacked by use case, against the cap (CNY)',
  },
  capLine: { 'zh-CN': '预算上限（虚线）', en: 'Cap (dashed)' },

  alternatives: { 'zh-CN': '与简单方案比较', en: 'Against the simple plans' },
  alternativesIntro: {
    'zh-CN': '委员会常用的两种简单做法，按同样的预算与假设计算：',
    en: 'The two rules of thumb a committee would otherwise use, worked out on the same budget and assumptions:',
  },
  thisPlan: { 'zh-CN': '本方案（最优化）', en: 'This plan (optimised)' },
  positiveNpvGreedy: { 'zh-CN': '正净现值优先', en: 'Positive NPV, best first' },
  positiveNpvGreedyRule: {
    'zh-CN': '按净现值从高到低，投入每个净现值为正的方案，直到预算用完',
    en: 'fund every option with a positive NPV, best first, while the budget lasts',
  },
  everythingNow: { 'zh-CN': '全部立即投入', en: 'Everything now' },
  everythingNowRule: {
    'zh-CN': '每个用例都立即投入其净现值最高的方案',
    en: "every use case's best option, all starting now",
  },
  plan: { 'zh-CN': '方案', en: 'Plan' },
  choices: { 'zh-CN': '投入内容', en: 'What it funds' },
  npvTotalIn: { 'zh-CN': '净现值合计（{unit}）', en: 'Total NPV ({unit})' },
  breachYears: { 'zh-CN': '超预算年份', en: 'Over the cap in' },
  loss: { 'zh-CN': '比本方案少（{unit}）', en: 'Less than this plan ({unit})' },
  none: { 'zh-CN': '无', en: 'none' },
  choiceShort: { 'zh-CN': '{useCase}：{kind}，{year} 年', en: '{useCase}: {kind}, {year}' },
  lossLine: {
    'zh-CN': '「{name}」（{rule}）的{objective}比本方案少 {loss}。',
    en: '"{name}" ({rule}) gets {loss} less {objective} than this plan.',
  },
  lossLineEqual: {
    'zh-CN': '「{name}」（{rule}）与本方案的{objective}相同。',
    en: '"{name}" ({rule}) gets as much {objective} as this plan.',
  },
  lossLineBreach: {
    'zh-CN': '「{name}」（{rule}）的{objective}为 {value}，但在 {years} 年超过预算上限，不可行。',
    en: '"{name}" ({rule}) reaches {value} of {objective} but goes over the cap in {years}: it does not fit.',
  },

  leftOut: { 'zh-CN': '未投入的用例及原因', en: 'Left out, and why' },
  leftOutNone: { 'zh-CN': '所有用例均已投入。', en: 'Every use case is funded.' },
  notWorthIt: {
    'zh-CN': '{useCase}：各方案的净现值均不为正（最好的“{option}”为 {npv}），不值得投入。',
    en: '{useCase}: no option has a positive NPV (the best, "{option}", has {npv}); not worth funding.',
  },
  notWorthItNoOption: {
    'zh-CN': '{useCase}：没有可选的方案。',
    en: '{useCase}: it has no option to choose.',
  },
  leftOutBudget: {
    'zh-CN': '{useCase}：“{option}”净现值 {npv}，但 {years} 年的预算上限容纳不下。',
    en: '{useCase}: "{option}" has an NPV of {npv}, but the cap of {years} has no room for it.',
  },
  leftOutDependency: {
    'zh-CN': '{useCase}：需要“{needs}”的平台先建成，而后者未投入。',
    en: '{useCase}: it needs the platform of "{needs}", which is not funded.',
  },
  leftOutResources: {
    'zh-CN': '{useCase}：“{option}”净现值 {npv}，但共享服务器或新增人员名额不够。',
    en: '{useCase}: "{option}" has an NPV of {npv}, but the shared servers or the hires allowed run short.',
  },
  leftOutDisplaced: {
    'zh-CN': '{useCase}：“{option}”净现值 {npv}，但同样的预算投给其他用例价值更高。',
    en: '{useCase}: "{option}" has an NPV of {npv}, but the same money is worth more in the other use cases.',
  },

  duals: {
    'zh-CN': '每多 1 万元预算的价值（估计）',
    en: 'What one more CNY 10,000 a year is worth (an estimate)',
  },
  dualsIntro: {
    'zh-CN':
      '下表为线性松弛的对偶值：某一年的预算上限增加 1 万元时，{objective}约增加的金额。这是估计值：方案的取舍是整数的，实际增加可能为零，也可能成块出现。',
    en: "From the LP relaxation's duals: about how much {objective} one more CNY 10,000 of a year's cap would add. An estimate: the choices are whole, so the real gain may be nothing, or come in steps.",
  },
  year: { 'zh-CN': '年份', en: 'Year' },
  dualValue: { 'zh-CN': '每多 1 万元约增加（{unit}）', en: 'Gain per extra CNY 10,000 ({unit})' },
  binds: { 'zh-CN': '预算约束起作用', en: 'Budget binds' },
  yes: { 'zh-CN': '是', en: 'yes' },
  no: { 'zh-CN': '否', en: 'no' },
  bindingYears: {
    'zh-CN': '预算约束起作用的年份：{years} 年。',
    en: 'The budget binds in {years}.',
  },
  noBindingYear: {
    'zh-CN': '没有年份的预算约束起作用：预算增加不会改变方案。',
    en: "No year's budget binds: more money would not change the plan.",
  },

  monteCarlo: { 'zh-CN': '不确定性（蒙特卡洛模拟）', en: 'Uncertainty (Monte Carlo)' },
  monteCarloNone: {
    'zh-CN': '本方案未进行蒙特卡洛模拟，以上结果为单一估计。',
    en: 'No Monte Carlo was run for this plan: the figures above are single estimates.',
  },
  monteCarloText: {
    'zh-CN':
      '按各用例的随机种子模拟 {trials} 次（可复现）：组合净现值的 80% 区间为 {p10} 至 {p90}，中位数 {p50}；任一年支出超过预算上限的概率为 {breach}。',
    en: "Over {trials} trials (each use case's own seed, reproducible) the plan's NPV lies between {p10} and {p90} in 80 % of them, median {p50}; the chance that some year's spend goes over its cap is {breach}.",
  },
  monteCarloFixed: {
    'zh-CN':
      '按各用例的随机种子模拟 {trials} 次：组合净现值每次均为 {npv}（引用的用例没有设定不确定的输入）；任一年支出超过预算上限的概率为 {breach}。',
    en: "Over {trials} trials (each use case's own seed) the plan's NPV is {npv} every time (the use cases cited give no uncertain inputs); the chance that some year's spend goes over its cap is {breach}.",
  },
  mean: { 'zh-CN': '均值', en: 'Mean' },
  probBreach: { 'zh-CN': 'P(超预算)', en: 'P(over the cap)' },

  assumptions: { 'zh-CN': '假设与参数', en: 'Assumptions' },
  horizon: {
    'zh-CN': '规划期：{first}—{last} 年，共 {years} 年。',
    en: 'Horizon: {first} to {last}, {years} years.',
  },
  rate: {
    'zh-CN': '折现率：{rate}；第 k 年现金流除以 (1+r)^k，折现到 {year} 年（与 Excel 的 NPV() 相同）。',
    en: "Discount rate: {rate}; year k's flow is divided by (1+r)^k, to {year} (as Excel's NPV() does).",
  },
  starts: { 'zh-CN': '允许的起始年份：{years}。', en: 'Start years allowed: {years}.' },
  objective: { 'zh-CN': '求解目标：使{objective}最大。', en: 'Objective: {objective}.' },
  objectiveNpv: { 'zh-CN': '净现值合计', en: 'the largest total NPV' },
  objectiveP10: { 'zh-CN': '各用例净现值 P10 之和（审慎）', en: 'the largest sum of P10 NPVs (cautious)' },
  objectiveBreach: {
    'zh-CN': '净现值合计（任一年超预算的概率不超过 {p}）',
    en: "the largest total NPV with at most a {p} chance of going over any year's cap",
  },
  objectiveNpvNoun: { 'zh-CN': '净现值合计', en: 'total NPV' },
  objectiveP10Noun: { 'zh-CN': '净现值 P10 之和', en: 'sum of P10 NPVs' },
  versions: { 'zh-CN': '引用的用例版本：{list}。', en: 'Use case versions cited: {list}.' },
  versionItem: { 'zh-CN': '「{name}」第 {version} 版', en: '"{name}" version {version}' },
  forced: { 'zh-CN': '已确定必须投入：{list}。', en: 'Fixed in advance: {list}.' },
  forcedItem: { 'zh-CN': '{useCase}——{option}{year}', en: '{useCase}: {option}{year}' },
  forcedYear: { 'zh-CN': '（{year} 年起）', en: ' (from {year})' },
  dependencies: { 'zh-CN': '依赖关系：{list}。', en: 'Dependencies: {list}.' },
  dependencyItem: {
    'zh-CN': '「{useCase}」需要「{needs}」先开始',
    en: '"{useCase}" needs "{needs}" to have started',
  },
  sharedServersOn: {
    'zh-CN':
      '共享推理服务器：每台 {tps} token/秒，目标利用率 {utilization}，单价 {capex}，使用 {life} 年，功率 {kw} kW，PUE {pue}，电价 {price} 元/千瓦时，年维护费率 {maintenance}{max}；本方案购置 {servers} 台。',
    en: 'Shared inference servers: {tps} tokens a second each at {utilization} utilisation, {capex} each, {life} years of use, {kw} kW, PUE {pue}, CNY {price} a kWh, maintenance {maintenance} a year{max}; this plan buys {servers}.',
  },
  sharedServersMax: { 'zh-CN': '，最多 {max} 台', en: ', at most {max}' },
  sharedServersOff: {
    'zh-CN': '共享推理服务器：不共享，各方案自行配置算力。',
    en: 'Shared inference servers: none; each option brings its own compute.',
  },
  hires: { 'zh-CN': '每年新增人员上限：{hires} 人（FTE）。', en: 'New hires allowed a year: {hires} FTE.' },
  hiresNone: { 'zh-CN': '未设每年新增人员上限。', en: 'No cap on new hires a year.' },
  research: {
    'zh-CN': '科研经费为一个共用资金池，各年合计使用不超过当年科研经费预算。',
    en: "The research budget is one pot: what the chosen options draw on it each year stays within that year's research budget.",
  },
  solver: {
    'zh-CN': '求解：HiGHS 混合整数规划，用时 {seconds} 秒。',
    en: 'Solved with HiGHS (mixed-integer programming) in {seconds} s.',
  },

  // The download routes' refusals, as plain text in the caller's language.
  downloadRefused: { 'zh-CN': '无法导出：', en: 'Cannot export: ' },
  badLang: { 'zh-CN': '文件语言 lang 只能是 zh-CN 或 en。', en: 'The file language (lang) is zh-CN or en.' },
  badVersion: { 'zh-CN': '版本号 version 必须是正整数。', en: 'The version must be a whole number from 1.' },
  noVersion: { 'zh-CN': '该投入组合没有第 {version} 版。', en: 'This portfolio has no version {version}.' },
  scenarioInvalid: {
    'zh-CN':
      '引用的用例「{name}」第 {version} 版已不符合当前的校验规则，请修正该用例并重新保存投入组合后再导出。',
    en: 'The use case “{name}”, version {version}, no longer passes the current checks: fix it and save the portfolio again, then export.',
  },
  busy: {
    'zh-CN': '服务器正忙于其他计算，请 {seconds} 秒后重试。',
    en: 'The server is busy with other calculations; please try again in {seconds} seconds.',
  },
  tooLong: {
    'zh-CN': '求解或生成文件超过 {limit} 秒，已停止；请稍后重试。',
    en: 'Solving or making the file took longer than {limit} seconds and was stopped; please try again later.',
  },
  failed: {
    'zh-CN': '文件在服务器上生成失败，请重试。',
    en: 'The file could not be made on the server; please try again.',
  },

  // The XLSX sheet.
  sheet: { 'zh-CN': '组合规划', en: 'Portfolio plan' },
  version: { 'zh-CN': '版本', en: 'Version' },
  status: { 'zh-CN': '求解状态', en: 'Solver status' },
  objectiveLabel: { 'zh-CN': '求解目标', en: 'Objective' },
  totalNpvLabel: { 'zh-CN': '净现值合计（{unit}）', en: 'Total NPV ({unit})' },
  monteCarloLabel: { 'zh-CN': '蒙特卡洛', en: 'Monte Carlo' },
  sheetNote: {
    'zh-CN':
      '金额单位：万元。上方各表的金额均为公式（= 元 ÷ 10000），引用下方“数据区（元）”；数据区中各用例逐年支出、预算与已有合同为模型数值，合计、上限与余量为公式。改动数据区的数值，上方各表随之变化。',
    en: 'Amounts in CNY. Every amount in the tables above is a formula over the "data (CNY)" area below, where each use case\'s spend, the budget and the contracts are the model\'s values and the totals, the cap and the headroom are formulas: change a value there and the tables move.',
  },
  displayHead: { 'zh-CN': '逐年支出与预算上限（万元）', en: 'Spend each year against the cap (CNY)' },
  planHead: { 'zh-CN': '投入方案（万元）', en: 'The plan (CNY)' },
  alternativesHead: { 'zh-CN': '与简单方案比较（万元）', en: 'Against the simple plans (CNY)' },
  dataHead: {
    'zh-CN': '数据区（元）：模型数值与合计公式',
    en: "Data (CNY): the model's values and the total formulas",
  },
  dualRow: {
    'zh-CN': '每多 1 万元预算约增加（万元，估计）',
    en: 'Gain per extra CNY 10,000 of cap (CNY, an estimate)',
  },
  bindingRow: { 'zh-CN': '预算约束起作用', en: 'Budget binds' },
} as const satisfies Record<string, Record<Lang, string>>;

export type ExportWord = keyof typeof WORDS;

export function exportWord(
  lang: Lang,
  key: ExportWord,
  params: Record<string, string | number> = {},
): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** A list as a sentence says it: 、 in Chinese, commas in English. */
export function listOf(items: readonly (string | number)[], lang: Lang): string {
  return items.join(lang === 'zh-CN' ? '、' : ', ');
}

/** The plan's use cases and options by id, named in the page's language. */
export function planNames(plan: PortfolioPlan, lang: Lang) {
  const useCase = new Map(plan.useCases.map((u) => [u.scenarioId, u]));
  const name = (text: LocalizedText) => localize(text, lang);
  return {
    useCase: (id: string) => {
      const u = useCase.get(id);
      return u ? name(u.name) : id;
    },
    option: (scenarioId: string, optionId: string) => {
      const o = useCase.get(scenarioId)?.options.find((x) => x.id === optionId);
      return o ? name(o.name) : optionId;
    },
    /** The way, inside a sentence ("build"). */
    kind: (scenarioId: string, optionId: string) => {
      const o = useCase.get(scenarioId)?.options.find((x) => x.id === optionId);
      return o ? OPTION_KIND_NAMES[o.kind][lang] : '';
    },
    /** The way, standing alone in a table cell ("Build"). */
    kindLabel: (scenarioId: string, optionId: string) => {
      const o = useCase.get(scenarioId)?.options.find((x) => x.id === optionId);
      return o ? termLabel(OPTION_KIND_NAMES[o.kind], lang) : '';
    },
  };
}

/** The calendar year a choice starts in, or null for none. */
export const startYearOf = (choice: Pick<PlanChoice, 'startOffsetYears'>, startYear: number) =>
  choice.startOffsetYears === null ? null : startYear + choice.startOffsetYears;

/** The gap as a person reads it: 0.4 %, never 0.004. */
const gapText = (gap: number) => `${(gap * 100).toFixed(gap < 0.001 ? 2 : 1)}%`;

/** The solver's status in one sentence, its label before it (求解状态：…). */
export function statusSentence(plan: PortfolioPlan, lang: Lang): string {
  return `${exportWord(lang, 'status')}${lang === 'zh-CN' ? '：' : ': '}${statusWords(plan, lang)}`;
}

/** The solver's status, as a table cell beside its label says it. */
export function statusWords(plan: PortfolioPlan, lang: Lang): string {
  switch (plan.status) {
    case 'optimal':
      return exportWord(lang, 'statusOptimal');
    case 'feasible':
      return exportWord(lang, 'statusFeasible', { gap: gapText(plan.gap ?? 0) });
    case 'timeLimit':
      return plan.gap === null
        ? exportWord(lang, 'statusTimeLimitNoGap')
        : exportWord(lang, 'statusTimeLimit', { gap: gapText(plan.gap) });
    case 'infeasible':
      return plan.infeasibleYears.length > 0
        ? exportWord(lang, 'statusInfeasible', { years: listOf(plan.infeasibleYears, lang) })
        : exportWord(lang, 'statusInfeasibleNoYear');
  }
}

/** What the objective maximises, as the question's last words say it. */
export function objectiveWords(objective: PortfolioObjective, breachProbability: number, lang: Lang): string {
  if (objective === 'p10') return exportWord(lang, 'objectiveP10');
  if (objective === 'npvWithBreachLimit')
    return exportWord(lang, 'objectiveBreach', { p: `${(breachProbability * 100).toFixed(0)}%` });
  return exportWord(lang, 'objectiveNpv');
}

/** The objective's value as a noun ("total NPV"), for a comparison of plans. */
export const objectiveNoun = (objective: PortfolioObjective, lang: Lang) =>
  exportWord(lang, objective === 'p10' ? 'objectiveP10Noun' : 'objectiveNpvNoun');

export function alternativeName(name: AlternativeName, lang: Lang): { name: string; rule: string } {
  return {
    name: exportWord(lang, name),
    rule: exportWord(lang, name === 'positiveNpvGreedy' ? 'positiveNpvGreedyRule' : 'everythingNowRule'),
  };
}

/** Why a use case is left out, in one sentence; money already formatted by `money`. */
export function leftOutSentence(
  plan: PortfolioPlan,
  scenarioId: string,
  reason: LeftOutReason,
  lang: Lang,
  money: (v: number) => string,
): string {
  const names = planNames(plan, lang);
  const useCase = names.useCase(scenarioId);
  switch (reason.kind) {
    case 'notWorthIt':
      return reason.bestOptionId === null
        ? exportWord(lang, 'notWorthItNoOption', { useCase })
        : exportWord(lang, 'notWorthIt', {
            useCase,
            option: names.option(scenarioId, reason.bestOptionId),
            npv: money(reason.bestNpv),
          });
    case 'budget':
      return exportWord(lang, 'leftOutBudget', {
        useCase,
        option: names.option(scenarioId, reason.optionId),
        npv: money(reason.npv),
        years: listOf(reason.years, lang),
      });
    case 'dependency':
      return exportWord(lang, 'leftOutDependency', { useCase, needs: names.useCase(reason.needsScenarioId) });
    case 'resources':
      return exportWord(lang, 'leftOutResources', {
        useCase,
        option: names.option(scenarioId, reason.optionId),
        npv: money(reason.npv),
      });
    case 'displaced':
      return exportWord(lang, 'leftOutDisplaced', {
        useCase,
        option: names.option(scenarioId, reason.optionId),
        npv: money(reason.npv),
      });
  }
}

/** What a plan funds, one line per use case: "护理文书助手：自建，2027 年". */
export function fundedLines(
  plan: PortfolioPlan,
  choices: readonly PlanChoice[],
  startYear: number,
  lang: Lang,
): string[] {
  const names = planNames(plan, lang);
  return choices
    .filter((c) => c.optionId !== null)
    .map((c) =>
      exportWord(lang, 'choiceShort', {
        useCase: names.useCase(c.scenarioId),
        kind: names.kind(c.scenarioId, c.optionId!),
        year: startYearOf(c, startYear)!,
      }),
    );
}

/** Whether the trials give the plan one NPV (a spread of a few yuan is no distribution). */
export const monteCarloFixed = (mc: PlanMonteCarlo) => mc.p90 - mc.p10 < 1e-3 * Math.max(1, Math.abs(mc.p50));

/** The plan's Monte Carlo in one sentence: its 80 % range and the chance of a breach. */
export function monteCarloSentence(mc: PlanMonteCarlo | null, lang: Lang): string {
  if (!mc) return exportWord(lang, 'monteCarloNone');
  const money = (v: number) => formatMoney(v, 'CNY', lang);
  const common = { trials: formatNumber(mc.trials), breach: formatPercent(mc.breachProbability, lang) };
  return monteCarloFixed(mc)
    ? exportWord(lang, 'monteCarloFixed', { ...common, npv: money(mc.p50) })
    : exportWord(lang, 'monteCarloText', {
        ...common,
        p10: money(mc.p10),
        p50: money(mc.p50),
        p90: money(mc.p90),
      });
}
