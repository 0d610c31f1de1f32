/** The plan page's words, in both languages (kept apart from the shared ui.ts). */
import { localize, type Lang } from '~/engine/text';
import { useLang } from '~/i18n/ui';

import type { PortfolioPlan } from './portfolio';

const WORDS = {
  portfolios: { 'zh-CN': 'AI 项目组合', en: 'AI portfolios' },
  planNpv: { 'zh-CN': '组合净现值', en: 'Plan NPV' },
  planP10: { 'zh-CN': '各项 P10 净现值之和', en: 'Sum of P10 NPVs' },
  // The solver's status, in words.
  statusOptimal: { 'zh-CN': '已求得最优方案。', en: 'The best plan, proved optimal.' },
  statusFeasible: {
    'zh-CN': '在时限内找到可行方案（与最优的差距不超过 {gap}）。',
    en: 'A plan within the budget, found in the time limit ({gap} at most from the best).',
  },
  statusInfeasible: {
    'zh-CN': '无可行方案：{years} 年预算不够。',
    en: 'No plan fits: the budget of {years} is not enough.',
  },
  statusInfeasibleNoYears: {
    'zh-CN': '无可行方案：必须做的项目放不进预算。',
    en: 'No plan fits: the choices that must be made do not fit the budget.',
  },
  statusTimeLimit: {
    'zh-CN': '超时：给出的是时限内找到的最好方案（与最优的差距不超过 {gap}）。',
    en: 'Out of time: the best plan found in the time limit ({gap} at most from the best).',
  },
  statusTimeLimitNone: {
    'zh-CN': '超时：在时限内没有找到可行方案。',
    en: 'Out of time: no plan within the budget was found in the time limit.',
  },
  gapUnknown: { 'zh-CN': '未知', en: 'unknown' },
  objectiveNpv: { 'zh-CN': '目标：各项目净现值之和最大。', en: 'Aim: the largest total NPV.' },
  objectiveP10: {
    'zh-CN': '目标：各项目 P10 净现值之和最大（偏谨慎：按较差的情形算）。',
    en: 'Aim: the largest total of P10 NPVs (cautious: counts each project at its poorer outcomes).',
  },
  objectiveBreach: {
    'zh-CN': '目标：净现值之和最大，且任何一年超预算的概率不超过 {p}。',
    en: 'Aim: the largest total NPV with at most a {p} chance of breaking any year’s budget.',
  },
  notChecked: {
    'zh-CN': '注意：用模型重新核算时，这个方案有年份超出了预算，请谨慎使用。',
    en: 'Note: re-worked by the model, this plan goes over some year’s budget; use it with care.',
  },
  whatIfActive: {
    'zh-CN': '这是假设：按下面输入的预算重新求解，未保存。',
    en: 'A what-if: solved again with the budget entered below; nothing is saved.',
  },
  // The plan as a table and a timeline.
  planTitle: { 'zh-CN': '方案：做哪些、怎么做、哪年开始', en: 'The plan: which, which way, from when' },
  useCase: { 'zh-CN': '应用场景', en: 'Use case' },
  option: { 'zh-CN': '做法', en: 'Option' },
  startYear: { 'zh-CN': '开始年份', en: 'Start' },
  npv: { 'zh-CN': '净现值', en: 'NPV' },
  notNow: { 'zh-CN': '暂不实施', en: 'Not now' },
  total: { 'zh-CN': '合计', en: 'Total' },
  inUnit: { 'zh-CN': '单位：{unit}', en: 'In {unit}' },
  timelineTitle: { 'zh-CN': '时间线', en: 'Timeline' },
  timelineBar: { 'zh-CN': '{option}：{from} 年起至 {to} 年', en: '{option}: from {from} to {to}' },
  // Spend against the cap.
  spendTitle: { 'zh-CN': '每年花费与预算', en: 'Spend each year against the budget' },
  committed: { 'zh-CN': '已有合同（先占预算）', en: 'Existing contracts (come off the budget)' },
  sharedServers: { 'zh-CN': '共享服务器', en: 'Shared servers' },
  sharedServersCount: {
    'zh-CN': '共享服务器：购置 {n} 台，供自建的项目共用。',
    en: 'Shared servers: {n} bought, serving the in-house builds together.',
  },
  budgetLine: { 'zh-CN': 'AI 预算（上限）', en: 'AI budget (the cap)' },
  spendReading: {
    'zh-CN':
      '柱子自下而上按图例的顺序叠放；虚线是当年的 AI 预算。柱顶不超过虚线，即花费不超过“预算 − 已有合同”。',
    en: 'Each bar stacks the layers of the legend, first at the bottom; the dashed line is the year’s AI budget. A bar below the line keeps spend within budget less contracts.',
  },
  year: { 'zh-CN': '年份', en: 'Year' },
  budget: { 'zh-CN': '预算', en: 'Budget' },
  cap: { 'zh-CN': '可用（预算 − 已有合同）', en: 'Available (budget − contracts)' },
  spend: { 'zh-CN': '方案花费', en: 'Plan spend' },
  headroom: { 'zh-CN': '余量', en: 'Headroom' },
  showTable: { 'zh-CN': '查看数据表', en: 'Show the table' },
  // The simple plans.
  simpleTitle: { 'zh-CN': '对比：简单的做法', en: 'Beside it: the simple plans' },
  thisPlan: { 'zh-CN': '本方案', en: 'This plan' },
  positiveNpvGreedy: {
    'zh-CN': '正净现值从高到低、预算够就上',
    en: 'Positive NPV, best first, while the budget lasts',
  },
  everythingNow: { 'zh-CN': '全部马上上', en: 'Everything now' },
  objectiveValue: { 'zh-CN': '目标值', en: 'Objective' },
  againstPlan: { 'zh-CN': '比本方案', en: 'Against this plan' },
  lessBy: { 'zh-CN': '少 {amount}', en: '{amount} less' },
  moreBy: { 'zh-CN': '多 {amount}', en: '{amount} more' },
  same: { 'zh-CN': '相同', en: 'the same' },
  breachShort: { 'zh-CN': '超预算概率', en: 'Chance of a breach' },
  budgetHolds: { 'zh-CN': '每年都在预算内', en: 'within budget every year' },
  breaks: { 'zh-CN': '{years} 年超预算', en: 'over budget in {years}' },
  simpleReading: {
    'zh-CN': '“比本方案多”却超预算的做法实际上做不到：超出的年份没有钱。',
    en: 'A plan worth more that breaks the budget cannot be carried out: those years have no money for it.',
  },
  // What was left out.
  leftOutTitle: { 'zh-CN': '没有选的项目和原因', en: 'Left out, and why' },
  leftOutNone: { 'zh-CN': '所有项目都已选上。', en: 'Every use case is in the plan.' },
  // One more 万元.
  dualsTitle: {
    'zh-CN': '每年多 1 万元预算值多少',
    en: 'What CNY 10,000 more budget is worth, year by year',
  },
  dualsEstimate: {
    'zh-CN': '估计值：来自线性规划松弛（把“做或不做”放宽为可以做一部分），只对小幅增加成立。',
    en: 'An estimate from the LP relaxation (where a project may be done in part): it holds for small changes only.',
  },
  dualPerWan: { 'zh-CN': '多 1 万元预算，目标值约增加', en: 'CNY 10,000 more adds about' },
  binds: { 'zh-CN': '预算卡住了方案', en: 'The budget binds' },
  slack: { 'zh-CN': '还有余量', en: 'Room to spare' },
  bindingYears: {
    'zh-CN': '{years} 年的预算卡住了方案：在这些年多给钱，方案能更好。',
    en: 'The budget binds in {years}: more money there would make a better plan.',
  },
  noBindingYears: {
    'zh-CN': '没有哪一年的预算卡住方案：多给钱不会改变方案。',
    en: 'No year’s budget binds: more money would not change the plan.',
  },
  // The Monte Carlo.
  riskTitle: { 'zh-CN': '方案的不确定性', en: 'How sure the plan is' },
  riskSummary: {
    'zh-CN': '在 {trials} 次模拟中，组合净现值 P10 为 {p10}，P50 为 {p50}，P90 为 {p90}。',
    en: 'Over {trials} trials, the plan’s NPV has P10 {p10}, P50 {p50} and P90 {p90}.',
  },
  breachChance: {
    'zh-CN': '有 {p} 的模拟在某一年花费超过了“预算 − 已有合同”。',
    en: 'In {p} of the trials some year’s spend goes over its budget less contracts.',
  },
  breachNone: {
    'zh-CN': '在所有模拟中，没有哪一年的花费超过“预算 − 已有合同”。',
    en: 'In none of the trials does any year’s spend go over its budget less contracts.',
  },
  trials: { 'zh-CN': '模拟次数', en: 'Trials' },
  npvFixed: {
    'zh-CN': '每次模拟的组合净现值都是 {npv}：所用方案没有设不确定的输入。',
    en: 'Every trial gives the plan the same NPV, {npv}: its scenarios have no uncertain inputs.',
  },
  noMonteCarlo: {
    'zh-CN': '这个方案没有做蒙特卡洛模拟。',
    en: 'This plan has no Monte Carlo.',
  },
  // The what-if.
  whatIfTitle: { 'zh-CN': '假设：换一个预算', en: 'What if the budget were different' },
  whatIfIntro: {
    'zh-CN': '输入每年的 AI 预算（万元），重新求解。不会保存。',
    en: 'Enter each year’s AI budget (in CNY 10,000s) and solve again. Nothing is saved.',
  },
  yearBudget: { 'zh-CN': '{year} 年（万元）', en: '{year} (CNY 10,000s)' },
  solveAgain: { 'zh-CN': '按此预算重新求解', en: 'Solve with this budget' },
  backToSaved: { 'zh-CN': '回到保存的预算', en: 'Back to the saved budget' },
  badYearBudget: {
    'zh-CN': '{year} 年预算：请填写 0 到 100,000,000 之间的数（单位：万元）。',
    en: '{year} budget: enter a number from 0 to 100,000,000 (in CNY 10,000s).',
  },
  badParams: { 'zh-CN': '有些输入无法使用：', en: 'Some entries cannot be used:' },
  // Refusals.
  refusedQueueFull: {
    'zh-CN': '服务器正忙于其他计算，暂时无法求解这个组合，请 {seconds} 秒后刷新页面。',
    en: 'The server is busy with other calculations and cannot solve this portfolio now; reload the page in {seconds} seconds.',
  },
  refusedTimeout: {
    'zh-CN': '求解超过了服务器允许的时间，已停止。请减少项目或可选的开始年份后再试。',
    en: 'Solving took longer than the server allows and was stopped. Try fewer use cases or start years.',
  },
  refusedFailed: {
    'zh-CN': '求解在服务器上出错，请刷新页面重试。',
    en: 'Solving failed on the server; reload the page to try again.',
  },
  badVersion: {
    'zh-CN': '网址里的版本号应为从 1 开始的整数，例如 ?version=2。',
    en: 'The version in the address must be a whole number from 1, such as ?version=2.',
  },
  scenarioInvalid: {
    'zh-CN':
      '“{name}”第 {version} 版已不符合现行规则，无法求解。请先在该方案中修正并保存，再把组合更新为各方案的最新版本。',
    en: 'Version {version} of “{name}” no longer meets the current rules and cannot be solved. Fix and save that scenario, then update the portfolio to the latest versions.',
  },
  sharedUnavailable: {
    'zh-CN': '这个组合所用的某个方案需要先修正，暂时无法显示方案。请联系分享链接的人。',
    en: 'A scenario this portfolio uses needs fixing first, so its plan cannot be shown now. Ask whoever shared the link.',
  },
  staleForm: {
    'zh-CN': '表单已过期，请刷新页面后再试。',
    en: 'This form is out of date; reload the page and try again.',
  },
  conflict: {
    'zh-CN': '在此期间已有人保存了第 {latest} 版；未做任何更改，请刷新页面。',
    en: 'Someone saved version {latest} meanwhile; nothing was changed. Reload the page.',
  },
  repinNote: { 'zh-CN': '更新为各方案的最新版本', en: 'Updated to the scenarios’ latest versions' },
  // Versions, shares and exports.
  version: { 'zh-CN': '版本', en: 'Version' },
  versionOf: { 'zh-CN': '第 {version} 版', en: 'Version {version}' },
  viewingVersion: {
    'zh-CN': '正在查看第 {version} 版（最新为第 {latest} 版）',
    en: 'Viewing version {version} (the latest is {latest})',
  },
  versionsTitle: { 'zh-CN': '版本', en: 'Versions' },
  savedAt: { 'zh-CN': '保存时间', en: 'Saved' },
  savedBy: { 'zh-CN': '保存人', en: 'By' },
  pinned: { 'zh-CN': '所用方案版本', en: 'Scenario versions used' },
  pinnedItem: { 'zh-CN': '{name}（第 {version} 版）', en: '{name} (v{version})' },
  open: { 'zh-CN': '查看', en: 'Open' },
  current: { 'zh-CN': '当前', en: 'shown' },
  repinIntro: {
    'zh-CN': '方案保存新版本后，组合不会自动跟着变；更新后会保存为组合的新版本。',
    en: 'A scenario saved since does not change this plan; updating saves a new version of the portfolio.',
  },
  repinStale: {
    'zh-CN': '有 {count} 个方案在本版之后保存过新版本。',
    en: '{count} of its scenarios have been saved since this version.',
  },
  repinCurrent: {
    'zh-CN': '所用方案都已是最新版本。',
    en: 'Every scenario is at its latest version.',
  },
  repin: { 'zh-CN': '更新为各方案的最新版本', en: 'Update to the scenarios’ latest versions' },
  repinned: { 'zh-CN': '已保存为第 {version} 版。', en: 'Saved as version {version}.' },
  downloadPdf: { 'zh-CN': '下载 PDF（决策会用）', en: 'Download PDF (for the committee)' },
  downloadXlsx: { 'zh-CN': '下载 Excel', en: 'Download Excel' },
  sharedNote: {
    'zh-CN': '这是一个只读的分享链接，显示组合第 {version} 版的方案。',
    en: 'A read-only shared link to version {version} of this portfolio’s plan.',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type PlanWord = keyof typeof WORDS;

export function planWord(lang: Lang, key: PlanWord, params: Record<string, string | number> = {}): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function usePlanWords() {
  const lang = useLang();
  return (key: PlanWord, params?: Record<string, string | number>) => planWord(lang, key, params);
}

/** Why the plan could not be solved now (the worker pool's refusal), in the page's language. */
export function planRefusal(
  code: 'queueFull' | 'jobTimeout' | 'jobFailed',
  retryAfterSeconds: number,
  lang: Lang,
): string {
  if (code === 'queueFull') return planWord(lang, 'refusedQueueFull', { seconds: retryAfterSeconds });
  return planWord(lang, code === 'jobTimeout' ? 'refusedTimeout' : 'refusedFailed');
}

/** Calendar years as a person lists them: 2026、2027 / 2026 and 2027 / 2026, 2027 and 2028. */
export function yearList(years: number[], lang: Lang): string {
  if (lang === 'zh-CN') return years.join('、');
  if (years.length <= 1) return years.join('');
  return `${years.slice(0, -1).join(', ')} and ${years.at(-1)}`;
}

/** A use case's name as its pinned version gives it (its id only if the plan does not name it). */
export function useCaseName(plan: Pick<PortfolioPlan, 'useCases'>, scenarioId: string, lang: Lang): string {
  const found = plan.useCases.find((u) => u.scenarioId === scenarioId);
  return found ? localize(found.name, lang) : scenarioId;
}

export function optionName(
  plan: Pick<PortfolioPlan, 'useCases'>,
  scenarioId: string,
  optionId: string | null,
  lang: Lang,
): string {
  if (optionId === null) return planWord(lang, 'notNow');
  const option = plan.useCases
    .find((u) => u.scenarioId === scenarioId)
    ?.options.find((o) => o.id === optionId);
  return option ? localize(option.name, lang) : optionId;
}
