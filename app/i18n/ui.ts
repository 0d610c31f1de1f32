/** The interface's words in both languages. Domain terms live in terms.ts. */
import { useRouteLoaderData } from '@remix-run/react';

import type { Lang } from '~/engine/text';

const UI = {
  appName: { 'zh-CN': '医院 AI 投入规划', en: 'Hospital AI Planner' },
  scenarios: { 'zh-CN': '规划', en: 'Scenarios' },
  reference: { 'zh-CN': '参考数据', en: 'Reference figures' },
  language: { 'zh-CN': '语言', en: 'Language' },
  switchTo: { 'zh-CN': 'English', en: '中文' },
  hospital: { 'zh-CN': '医院', en: 'Hospital' },
  horizon: { 'zh-CN': '规划期', en: 'Horizon' },
  years: { 'zh-CN': '年', en: 'years' },
  bestOption: { 'zh-CN': '最优方案', en: 'Best option' },
  lastSaved: { 'zh-CN': '最近保存', en: 'Last saved' },
  newScenario: { 'zh-CN': '新建规划', en: 'New scenario' },
  duplicate: { 'zh-CN': '复制', en: 'Duplicate' },
  archive: { 'zh-CN': '归档', en: 'Archive' },
  restore: { 'zh-CN': '恢复', en: 'Restore' },
  archived: { 'zh-CN': '已归档', en: 'Archived' },
  showArchived: { 'zh-CN': '查看已归档', en: 'Show archived' },
  showActive: { 'zh-CN': '查看使用中的规划', en: 'Show active scenarios' },
  importScenario: { 'zh-CN': '导入规划 JSON 文件', en: 'Import a scenario JSON file' },
  import: { 'zh-CN': '导入', en: 'Import' },
  open: { 'zh-CN': '打开', en: 'Open' },
  dashboard: { 'zh-CN': '结果看板', en: 'Dashboard' },
  edit: { 'zh-CN': '编辑', en: 'Edit' },
  versions: { 'zh-CN': '版本', en: 'Versions' },
  version: { 'zh-CN': '版本', en: 'Version' },
  savedBy: { 'zh-CN': '保存人', en: 'Saved by' },
  note: { 'zh-CN': '说明', en: 'Note' },
  save: { 'zh-CN': '保存为新版本', en: 'Save as a new version' },
  saved: { 'zh-CN': '已保存为第 {version} 版', en: 'Saved as version {version}' },
  conflict: {
    'zh-CN': '保存失败：有人在你打开后保存了第 {latest} 版。你的修改没有覆盖它，请打开最新版本后重新修改。',
    en: 'Not saved: someone saved version {latest} after you opened this one. Nothing was overwritten; open the latest version and make your change again.',
  },
  fixErrors: {
    'zh-CN': '有 {count} 处需要修改，未保存。',
    en: '{count} problem(s) to fix; nothing was saved.',
  },
  summary: { 'zh-CN': '结论', en: 'In short' },
  comparison: { 'zh-CN': '方案比较', en: 'Comparison' },
  cumulativeCash: { 'zh-CN': '累计净现金流（标出回收月份）', en: 'Cumulative net cash (payback marked)' },
  yearlyCost: { 'zh-CN': '年度成本构成', en: 'Yearly cost by category' },
  budgetUse: { 'zh-CN': '年度预算使用（红框为超预算）', en: 'Budget use per year (red outline = breach)' },
  hoursVsCash: { 'zh-CN': '释放工时与实际变现', en: 'Hours freed against cash realized' },
  whatIf: { 'zh-CN': '假设调整（即时重算）', en: 'What if (recalculates at once)' },
  reset: { 'zh-CN': '恢复原值', en: 'Reset' },
  saveWhatIf: { 'zh-CN': '另存为新版本', en: 'Save as a new version' },
  month: { 'zh-CN': '月', en: 'month' },
  showTable: { 'zh-CN': '查看数据表', en: 'Show the data table' },
  costPerHour: { 'zh-CN': '每释放一小时成本', en: 'Cost per hour freed' },
  search: { 'zh-CN': '搜索', en: 'Search' },
  grade: { 'zh-CN': '证据等级', en: 'Evidence grade' },
  source: { 'zh-CN': '来源', en: 'Source' },
  value: { 'zh-CN': '数值', en: 'Value' },
  figure: { 'zh-CN': '数据项', en: 'Figure' },
  unit: { 'zh-CN': '单位', en: 'Unit' },
  region: { 'zh-CN': '地区', en: 'Region' },
  year: { 'zh-CN': '年份', en: 'Year' },
  usable: { 'zh-CN': '可作默认值', en: 'Usable as default' },
  notFound: { 'zh-CN': '未找到（需用户填写）', en: 'NOT FOUND (ask the user)' },
  compare: { 'zh-CN': '比较', en: 'Compare' },
  inputsChanged: { 'zh-CN': '输入变化', en: 'Inputs changed' },
  resultsChanged: { 'zh-CN': '结果变化', en: 'Results changed' },
  restoreAsNew: { 'zh-CN': '恢复为新版本', en: 'Restore as a new version' },
  notFoundPage: { 'zh-CN': '找不到该页面或方案', en: 'No such page or scenario' },
  errorPage: { 'zh-CN': '出错了，请稍后再试。', en: 'Something went wrong; please try again.' },
  yourName: { 'zh-CN': '你的姓名', en: 'Your name' },
  editJson: {
    'zh-CN': '高级：直接编辑方案 JSON（增删工作流程、方案和成本项）',
    en: 'Advanced: edit the scenario JSON (add or remove workflows, options and cost lines)',
  },
  measured: { 'zh-CN': '实测', en: 'measured' },
  claimed: { 'zh-CN': '外部数据', en: 'claimed elsewhere' },
  assumed: { 'zh-CN': '假设', en: 'assumed' },
  default: { 'zh-CN': '默认', en: 'default' },
  noScenarios: { 'zh-CN': '还没有规划。', en: 'No scenarios yet.' },
  file: { 'zh-CN': '文件', en: 'File' },
  breach: { 'zh-CN': '超预算', en: 'breach' },
  actions: { 'zh-CN': '操作', en: 'Actions' },
  restoredFrom: { 'zh-CN': '由第 {version} 版恢复', en: 'Restored from version {version}' },
  badCompare: { 'zh-CN': '请填写两个存在的版本号。', en: 'Give two versions that exist.' },
  noChanges: { 'zh-CN': '两个版本的输入相同。', en: 'The two versions have the same inputs.' },
  referenceIntro: {
    'zh-CN': '方案默认值只采用 A/B 级证据；标为“未找到”的数据需由医院自行填写，系统不会编造。',
    en: 'Only grade A/B figures may be defaults; figures marked NOT FOUND must come from the hospital, never invented.',
  },
  editingVersion: {
    'zh-CN': '基于第 {version} 版修改；保存后成为新版本，旧版本保留。',
    en: 'Editing version {version}; saving makes a new version and keeps the old one.',
  },
  trials: { 'zh-CN': '次数', en: 'trials' },
  atP10: { 'zh-CN': '取 P10 时', en: 'at its P10' },
  atP90: { 'zh-CN': '取 P90 时', en: 'at its P90' },
  uncertainty: { 'zh-CN': '不确定性（蒙特卡洛模拟）', en: 'Uncertainty (Monte Carlo)' },
  runMc: { 'zh-CN': '运行 {trials} 次模拟（种子 {seed}）', en: 'Run {trials} trials (seed {seed})' },
  cancel: { 'zh-CN': '取消', en: 'Cancel' },
  mcNeedsJs: {
    'zh-CN': '模拟在浏览器中运行，需要启用 JavaScript；也可通过结果接口 ?trials=N&seed=S 获取。',
    en: 'The simulation runs in the browser and needs JavaScript; the results API answers ?trials=N&seed=S too.',
  },
  noUncertainty: {
    'zh-CN': '本规划尚未设置不确定输入（在 JSON 编辑器的 uncertainty 中设置）。',
    en: 'This scenario has no uncertain inputs yet (set them under uncertainty in the JSON editor).',
  },
  probPositive: { 'zh-CN': '净现值>0 的概率', en: 'P(NPV > 0)' },
  probPayback: { 'zh-CN': '规划期内回收的概率', en: 'P(payback in horizon)' },
  probBreach: { 'zh-CN': '任一年超预算的概率', en: 'P(budget breach)' },
  probBest: { 'zh-CN': '最优的概率', en: 'P(best)' },
  statusQuo: { 'zh-CN': '维持现状', en: 'Status quo' },
  pilotValue: {
    'zh-CN':
      '「{name}」在 {scale} 的情形下推广为「{target}」。与现在就决定相比，试点规则提供的信息价值为 {info}；扣除试点成本和推迟后为 {net}（为负说明决策门槛偏松或试点太贵）。',
    en: '"{name}" scales up into "{target}" in {scale} of trials. Against deciding now, the information its rule buys is worth {info}; after the pilot\'s own cost and delay, {net} (negative: the rule\'s threshold is too lenient, or the pilot too dear).',
  },
  npvFixed: {
    'zh-CN': '各次模拟的净现值几乎相同（约 {npv}）：不确定输入对它没有实际影响。',
    en: 'The NPV is almost the same in every trial (about {npv}): the uncertain inputs barely move it.',
  },
  samplesCsv: { 'zh-CN': '下载模拟样本（CSV，已保存版本）', en: 'Download the samples (CSV, saved version)' },
  evpi: { 'zh-CN': '完全信息的期望价值', en: 'Expected value of perfect information' },
  fan: { 'zh-CN': '年度净现金流区间（P10–P90）', en: 'Yearly net cash, P10–P90' },
  histogram: { 'zh-CN': '净现值分布', en: 'NPV distribution' },
  tornado: {
    'zh-CN': '龙卷风图：各输入在 P10 与 P90 时净现值的变化',
    en: 'Tornado: NPV change with each input at its P10 and P90',
  },
  whoWins: {
    'zh-CN': '各输入取值范围内哪个方案最优，及盈亏平衡点',
    en: 'Which option wins across each input, and break-even values',
  },
  breakEven: { 'zh-CN': '盈亏平衡值', en: 'Break-even' },
  ties: { 'zh-CN': '两方案持平', en: 'Options tie' },
  twoWay: {
    'zh-CN': '双因素表：两个输入同时变化时的净现值',
    en: 'Two-way table: NPV as two inputs move together',
  },
  twoWayRows: { 'zh-CN': '行', en: 'Rows' },
  twoWayColumns: { 'zh-CN': '列', en: 'Columns' },
  twoWayCaption: {
    'zh-CN': '每个输入取其 P10 至 P90 的五个值，其余输入按当前假设；色块为该格中净现值最高的方案。',
    en: 'Each input at five values from its P10 to its P90, the rest as currently assumed; the swatch marks the option with the highest NPV in that cell.',
  },
  twoWaySame: { 'zh-CN': '请选择两个不同的输入。', en: 'Choose two different inputs.' },
  best: { 'zh-CN': '最优', en: 'Best' },
  input: { 'zh-CN': '输入', en: 'Input' },
  option: { 'zh-CN': '方案', en: 'Option' },
  nameNeeded: { 'zh-CN': '请填写你的姓名后再保存。', en: 'Give your name to save.' },
  whatIfNote: { 'zh-CN': '假设调整：{change}', en: 'What-if: {change}' },
  knobFit: { 'zh-CN': '本地适配度（所有声称的效果）', en: 'Local fit (every claimed effect)' },
  knobAdoption: { 'zh-CN': '使用率上限', en: 'Adoption ceiling' },
  knobTokenPrice: { 'zh-CN': 'Token 价格（倍数）', en: 'Token price (multiplier)' },
  knobWageGrowth: { 'zh-CN': '工资年增长', en: 'Wage growth a year' },
  knobDiscountRate: { 'zh-CN': '折现率', en: 'Discount rate' },
  knobBudget: { 'zh-CN': '首年信息化预算', en: 'Informatization budget, year 1' },
  recalculate: { 'zh-CN': '重新计算', en: 'Recalculate' },
  whatIfChanged: {
    'zh-CN': '以下结果使用了调整后的假设，尚未保存。',
    en: 'These results use changed assumptions, not saved yet.',
  },
  badParams: { 'zh-CN': '网址中的参数有误，已忽略：', en: 'Ignored parameters in the address:' },
  viewingVersion: {
    'zh-CN': '正在查看第 {version} 版（最新为第 {latest} 版）',
    en: 'Viewing version {version} (latest is {latest})',
  },
  downloadJson: { 'zh-CN': '结果 JSON', en: 'Results as JSON' },
  peakSpend: { 'zh-CN': '年度最高支出', en: 'Peak yearly spend' },
  stranded: { 'zh-CN': '停用后沉没', en: 'Stranded after a stop' },
  moneyNote: {
    'zh-CN': '所有金额均为与现状相比的增量；现金回报只计实际变现，账面回报把每个释放工时按工资计价。',
    en: 'All figures are against the status quo; cash ROI counts only cash realized, paper ROI values every freed hour at the loaded wage.',
  },
  paperValue: { 'zh-CN': '账面价值（工时×工资）', en: 'Paper value (hours × wage)' },
  scenarioName: { 'zh-CN': '规划名称', en: 'Scenario name' },
  statusQuoBest: {
    'zh-CN': '所有方案净现值为负：维持现状更优',
    en: 'every option loses money: the status quo is better',
  },
  irrNotes: { 'zh-CN': '内部收益率说明', en: 'About IRR' },
  path: { 'zh-CN': '输入项', en: 'Input' },
  startFrom: { 'zh-CN': '起点', en: 'Start from' },
  blankTemplate: { 'zh-CN': '空白县级医院（无方案）', en: 'Blank county hospital (no options yet)' },
  importTooLarge: {
    'zh-CN': '文件超过 {max} KB，未导入。',
    en: 'The file is over {max} KB; nothing was imported.',
  },
  importUnreadable: {
    'zh-CN': '无法读取提交的内容，未做任何修改。',
    en: 'The submission could not be read; nothing was changed.',
  },
  importEmpty: { 'zh-CN': '请选择一个非空的 JSON 文件。', en: 'Choose a JSON file that is not empty.' },
  importedFrom: { 'zh-CN': '从文件 {file} 导入', en: 'Imported from {file}' },
  anonymous: { 'zh-CN': '未署名', en: 'unnamed' },
  nameRequired: { 'zh-CN': '请填写方案名称。', en: 'Give the scenario a name.' },
  created: { 'zh-CN': '新建', en: 'Created' },
  duplicatedFrom: { 'zh-CN': '复制自 {id}', en: 'Duplicated from {id}' },
  unknownAction: { 'zh-CN': '未知操作。', en: 'Unknown action.' },
} satisfies Record<string, Record<Lang, string>>;

export type UiKey = keyof typeof UI;

export function translate(lang: Lang, key: UiKey, params: Record<string, string | number> = {}): string {
  return UI[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

export function useLang(): Lang {
  const data = useRouteLoaderData<{ lang: Lang }>('root');
  return data?.lang ?? 'zh-CN';
}

export function useT() {
  const lang = useLang();
  return (key: UiKey, params?: Record<string, string | number>) => translate(lang, key, params);
}
