/** The words of the portfolio list and of the form that makes a portfolio, in both languages. */
import type { Lang } from '~/engine/text';
import { useLang } from '~/i18n/ui';

const WORDS = {
  portfolios: { 'zh-CN': '组合规划', en: 'Portfolios' },
  intro: {
    'zh-CN':
      '把本院的几个 AI 用例放在一起，在每年的预算之内求出：做哪些、用哪种做法、从哪一年开始，整体价值最大。',
    en: "Put several of the hospital's AI use cases together and work out which to fund, which way and from which year, for the most value inside every year's budget.",
  },
  hospitalOf: { 'zh-CN': '医院', en: 'Hospital' },
  // The list
  name: { 'zh-CN': '名称', en: 'Name' },
  useCases: { 'zh-CN': '用例', en: 'Use cases' },
  latestVersion: { 'zh-CN': '最新版本', en: 'Latest version' },
  savedAt: { 'zh-CN': '保存时间', en: 'Saved' },
  planStatus: { 'zh-CN': '求解结果', en: 'Plan' },
  versionN: { 'zh-CN': '第 {version} 版', en: 'Version {version}' },
  noPortfolios: {
    'zh-CN': '本院还没有组合规划。',
    en: 'The hospital has no portfolio yet.',
  },
  noHospital: {
    'zh-CN': '你不属于任何医院，没有可以查看的组合规划。',
    en: 'You belong to no hospital, so there is no portfolio to see.',
  },
  statusOptimal: { 'zh-CN': '已求出最优方案', en: 'Best plan found' },
  statusFeasible: {
    'zh-CN': '可行方案（与最优相差不超过 {gap}）',
    en: 'A workable plan (within {gap} of the best)',
  },
  statusInfeasible: { 'zh-CN': '预算内无法满足', en: 'Cannot fit the budget' },
  statusInfeasibleYears: { 'zh-CN': '预算内无法满足（{years} 年）', en: 'Cannot fit the budget ({years})' },
  statusTimeLimit: {
    'zh-CN': '求解超时，给出已找到的最好方案',
    en: 'Out of time: the best plan found so far',
  },
  statusNone: { 'zh-CN': '尚未求解', en: 'Not solved yet' },
  // The form
  newPortfolio: { 'zh-CN': '新建组合规划', en: 'New portfolio' },
  newIntro: {
    'zh-CN': '勾选要一起规划的用例，填好每年的 AI 预算，点“新建组合规划”。保存后进入求解页面。',
    en: "Tick the use cases to plan together, give each year's AI budget and press “New portfolio”. The plan's page opens next.",
  },
  viewerNoForm: {
    'zh-CN': '新建组合规划需要“规划者”角色；你可以查看本院已有的组合。',
    en: "Making a portfolio takes the planner role; you can look at the hospital's portfolios.",
  },
  noUseCases: {
    'zh-CN': '本院还没有可用的用例。请先在“规划”中新建或复制示例。',
    en: 'The hospital has no use case to plan yet. Make one (or copy an example) under Scenarios first.',
  },
  portfolioName: { 'zh-CN': '组合名称', en: 'Portfolio name' },
  namePlaceholder: { 'zh-CN': '如：2027–2031 年院级 AI 规划', en: 'e.g. Hospital AI plan 2027–2031' },
  chooseUseCases: { 'zh-CN': '纳入哪些用例', en: 'Use cases to include' },
  chooseUseCasesHint: {
    'zh-CN': '每个用例最多选一种做法，也可能不做；由求解决定。',
    en: 'Each use case gets at most one of its options, or none; the solver decides.',
  },
  optionsAre: { 'zh-CN': '可选做法：', en: 'Options: ' },
  yearsOfCase: { 'zh-CN': '{from}–{to} 年', en: '{from}–{to}' },
  brokenUseCase: {
    'zh-CN': '最新版本未通过检查，修改后才能纳入',
    en: 'Its latest version does not pass the checks; fix it to include it',
  },
  budgetTitle: { 'zh-CN': '每年的预算', en: 'Budget by year' },
  budgetHint: {
    'zh-CN':
      '单位万元：写 120 即 120 万元，也可写 800万、1.2亿。预填的是用例里的“信息化预算 × AI 占比”（各用例一致的年份）。只用到所选用例覆盖的年份。',
    en: "In 10,000 CNY (万元): 120 means 1.2 million CNY; 800万 and 1.2亿 also work. Prefilled from the use cases' informatization budget × AI share (in the years they agree). Only the years the chosen use cases cover count.",
  },
  year: { 'zh-CN': '年份', en: 'Year' },
  aiBudget: { 'zh-CN': 'AI 预算（万元）', en: 'AI budget (10,000 CNY)' },
  committed: { 'zh-CN': '已有合同支出（万元）', en: 'Already committed (10,000 CNY)' },
  mayStart: { 'zh-CN': '允许开始', en: 'May start' },
  aiBudgetOf: { 'zh-CN': '{year} 年的 AI 预算', en: 'AI budget for {year}' },
  committedOf: { 'zh-CN': '{year} 年的已有合同支出', en: 'Already committed in {year}' },
  mayStartIn: { 'zh-CN': '允许在 {year} 年开始', en: 'May start in {year}' },
  startYears: { 'zh-CN': '允许开始的年份', en: 'Years a use case may start' },
  objective: { 'zh-CN': '求什么', en: 'What to aim for' },
  objectiveNpv: {
    'zh-CN': '期望净现值最大（各用例净现值之和）',
    en: "The most expected net present value (the sum of the use cases' NPVs)",
  },
  objectiveP10: {
    'zh-CN': '稳妥：P10 净现值之和最大（十次里九次不低于它）',
    en: 'Cautious: the largest sum of P10 NPVs (nine times in ten at least this)',
  },
  objectiveBreachBefore: {
    'zh-CN': '净现值最大，且任何一年超预算的概率不超过',
    en: "The most NPV, with a chance of breaking any year's budget of at most",
  },
  breach: { 'zh-CN': '超预算概率上限', en: 'Largest chance of breaking the budget' },
  more: { 'zh-CN': '更多条件（可不填）', en: 'More conditions (optional)' },
  forcedTitle: { 'zh-CN': '已签约', en: 'Already contracted' },
  forcedHint: {
    'zh-CN': '已经签约的用例，选定它的做法，求解不会改动。',
    en: 'A use case already contracted: choose its option and the plan keeps it.',
  },
  notContracted: { 'zh-CN': '未签约', en: 'Not contracted' },
  needsTitle: { 'zh-CN': '需要先有…的平台', en: 'Needs the platform of…' },
  needsHint: {
    'zh-CN': '例如随访助手要用语音病历的平台：它只能在那个用例开始的当年或之后开始。',
    en: 'E.g. follow-up needs the speech-to-EMR platform: it may start only once that one has.',
  },
  needsNothing: { 'zh-CN': '无', en: 'Nothing' },
  forcedOf: { 'zh-CN': '“{name}”已签约的做法', en: 'Option contracted for “{name}”' },
  needsOf: { 'zh-CN': '“{name}”需要先有的平台', en: 'Platform “{name}” needs' },
  sharedServers: {
    'zh-CN': '自建的用例共用本地 GPU 服务器（一次采购，按负载分摊）',
    en: 'Build options share on-premises GPU servers (bought once, sized to their load)',
  },
  hires: { 'zh-CN': '每年最多新招人数', en: 'Most new hires a year' },
  hiresHint: { 'zh-CN': '不填即不限', en: 'Empty: no limit' },
  people: { 'zh-CN': '人', en: 'people' },
  create: { 'zh-CN': '新建组合规划', en: 'New portfolio' },
  createdNote: { 'zh-CN': '在组合规划页新建', en: 'Made on the portfolios page' },
  errorsTitle: {
    'zh-CN': '有 {count} 处需要填写或修改，尚未保存：',
    en: '{count} thing(s) to fill in or fix; nothing is saved yet:',
  },
  // Errors beside the fields
  nameMissing: { 'zh-CN': '组合名称：请填写名称', en: 'Portfolio name: give it a name' },
  nameTooLong: {
    'zh-CN': '组合名称：最多 {max} 个字',
    en: 'Portfolio name: at most {max} characters',
  },
  useCasesMissing: {
    'zh-CN': '纳入哪些用例：请至少勾选一个用例',
    en: 'Use cases to include: tick at least one',
  },
  useCasesTooMany: {
    'zh-CN': '纳入哪些用例：最多 {max} 个',
    en: 'Use cases to include: at most {max}',
  },
  useCaseGone: {
    'zh-CN': '纳入哪些用例：有一个用例已不在本院或已归档，请重新勾选',
    en: "Use cases to include: one of them is no longer the hospital's (or is archived); tick again",
  },
  useCaseBroken: {
    'zh-CN': '纳入哪些用例：“{name}”的最新版本未通过检查，请先修改',
    en: 'Use cases to include: the latest version of “{name}” does not pass the checks; fix it first',
  },
  ratesDisagree: {
    'zh-CN': '纳入哪些用例：所选用例的折现率不同（{values}），请选折现率相同的用例，或先在用例中统一',
    en: 'Use cases to include: their discount rates differ ({values}); choose use cases with the same rate, or make them agree first',
  },
  startNone: {
    'zh-CN': '允许开始的年份：请至少勾选所选用例年份中的一年（{from}–{to} 年）',
    en: "Years a use case may start: tick at least one of the chosen use cases' years ({from}–{to})",
  },
  breachRange: {
    'zh-CN': '超预算概率上限：应在 0% 到 100% 之间',
    en: 'Largest chance of breaking the budget: between 0% and 100%',
  },
  forcedNotChosen: {
    'zh-CN': '{field}：请先勾选这个用例',
    en: '{field}: tick this use case first',
  },
  forcedUnknown: {
    'zh-CN': '{field}：这个用例没有这种做法',
    en: '{field}: this use case has no such option',
  },
  needsNotChosen: {
    'zh-CN': '{field}：所需的平台“{needed}”也要勾选',
    en: '{field}: tick “{needed}” too',
  },
  needsItself: { 'zh-CN': '{field}：不能依赖它自己', en: '{field}: it cannot need itself' },
  objectiveUnknown: { 'zh-CN': '求什么：请选一项', en: 'What to aim for: choose one' },
  notSaved: {
    'zh-CN': '组合没有保存：{reason}',
    en: 'The portfolio is not saved: {reason}',
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type PortfolioListWord = keyof typeof WORDS;

export function portfolioListText(
  lang: Lang,
  key: PortfolioListWord,
  params: Record<string, string | number> = {},
): string {
  return WORDS[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function usePortfolioListText() {
  const lang = useLang();
  return (key: PortfolioListWord, params?: Record<string, string | number>) =>
    portfolioListText(lang, key, params);
}
