/**
 * The report's words in both languages (figures are filled in from the engine). The names of
 * the model's measures (NPV, TCO, cash out…) are the dashboard's, from METRIC_NAMES.
 */
import type { Lang } from '~/engine/text';
import { METRIC_NAMES } from '~/i18n/terms';

export const REPORT_TEXT = {
  ...METRIC_NAMES,
  subject: {
    'zh-CN': '人工智能应用投入可行性分析报告',
    en: 'Feasibility and budget report for AI in the hospital',
  },
  coverScenario: {
    'zh-CN': '「{name}」第 {version} 版（保存于 {saved}）',
    en: '“{name}”, version {version} (saved {saved})',
  },
  coverDate: { 'zh-CN': '报告生成日期：{date}', en: 'Report made on {date}' },
  coverMoney: {
    'zh-CN': '金额单位：{unit}（{currency}，{year} 年价格）；折现率 {rate}',
    en: 'Money in {currency} ({year} prices); discount rate {rate}',
  },
  coverPreparedBy: {
    'zh-CN': '编制：医院 AI 投入规划系统（数据均由模型按本版本计算）',
    en: 'Prepared with Hospital AI Planner (every figure computed by the model for this version)',
  },
  footer: {
    'zh-CN': '{name} · 第 {version} 版 · 第 {page} / {pages} 页',
    en: '{name} · version {version} · page {page} of {pages}',
  },

  ch1: { 'zh-CN': '一、概述', en: '1. Summary' },
  decisionBest: {
    'zh-CN': '建议：采用“{option}”。规划期净现值 {npv}，{payback}。',
    en: 'Recommendation: fund "{option}". Its NPV over the horizon is {npv}; {payback}.',
  },
  decisionNone: {
    'zh-CN': '建议：按当前假设，各方案的净现值均为负，暂不投入；可先开展试点或补充本院实测数据后再决策。',
    en: 'Recommendation: on the present assumptions every option loses money (negative NPV); do not fund yet. Run a pilot or measure locally first.',
  },
  paybackMonth: { 'zh-CN': '第 {month} 个月收回投入', en: 'it pays back in month {month}' },
  // The payback counts cash as it comes, the NPV discounts it: say so when only the first is reached.
  paybackUndiscounted: {
    'zh-CN': '第 {month} 个月收回投入（按折现率计算则规划期内无法回收）',
    en: 'it pays back in month {month} (not within the horizon once discounted)',
  },
  noPayback: { 'zh-CN': '规划期内无法收回投入', en: 'it does not pay back within the horizon' },
  // One year's figures only: the peak year's spend, that year's funding, budget and share
  // (the share is that year's spend net of funding over that year's budget, as the tables say).
  costPeak: {
    'zh-CN': '“{option}”年度支出最高为 {year} 年的 {spend}',
    en: '"{option}" spends most in {year}: {spend}',
  },
  costShare: {
    'zh-CN': '，占当年 AI 预算 {budget}的 {share}。',
    en: "; that is {share} of that year's AI budget of {budget}.",
  },
  costShareNet: {
    'zh-CN': '；扣除当年资金来源 {funding}后，占当年 AI 预算 {budget}的 {share}。',
    en: "; net of that year's funding ({funding}) it uses {share} of that year's AI budget of {budget}.",
  },
  costNoBudget: { 'zh-CN': '；当年未安排 AI 预算。', en: '; there is no AI budget that year.' },
  costTightest: {
    'zh-CN': '预算占用最高的年份是 {year} 年，占当年 AI 预算 {budget}的 {share}。',
    // A second sentence: English puts a space between them, Chinese does not.
    en: " The budget is tightest in {year}, at {share} of that year's AI budget of {budget}.",
  },
  range: {
    'zh-CN':
      '考虑不确定性后，“{option}”净现值的 80% 区间为 {p10} 至 {p90}；净现值为正的概率 {positive}，规划期内回收的概率 {payback}，超出预算的概率 {breach}。',
    en: 'With the uncertainty, the NPV of "{option}" lies between {p10} and {p90} in 80 % of trials; P(NPV > 0) = {positive}, P(payback) = {payback}, P(budget breach) = {breach}.',
  },
  mainRisk: {
    'zh-CN': '主要风险：{input}。该项取 P10 与 P90 时，净现值分别为 {low} 和 {high}。',
    en: 'Main risk: {input}. At its P10 the NPV is {low}; at its P90, {high}.',
  },
  perOption: { 'zh-CN': '各方案要点', en: 'Each option in a sentence' },

  ch2: { 'zh-CN': '二、建设背景和必要性', en: '2. Why' },
  whyIntro: {
    'zh-CN': '拟由人工智能辅助的工作流程及其现状负担（每项任务用时）如下，并注明数据来源。',
    en: "The workflows AI would assist, with today's burden (minutes per task) and where each figure comes from.",
  },
  statusQuo: {
    'zh-CN': '不投入（维持现状）时，以上负担保持不变；本报告的各项收益均相对于现状计算。',
    en: 'If nothing is done (the status quo), this burden stays as it is; every benefit in this report is measured against it.',
  },
  workflow: { 'zh-CN': '工作流程', en: 'Workflow' },
  role: { 'zh-CN': '岗位', en: 'Role' },
  minutesToday: { 'zh-CN': '现状每任务分钟', en: 'Minutes a task today' },
  evidence: { 'zh-CN': '依据', en: 'Source' },

  ch3: { 'zh-CN': '三、需求分析', en: '3. Need' },
  volumes: {
    'zh-CN':
      '床位 {beds} 张，床位使用率 {occupancy}；年门急诊 {visits} 人次，年出院 {discharges} 人次；业务量年增长 {growth}。',
    en: '{beds} beds at {occupancy} occupancy; {visits} outpatient visits and {discharges} discharges a year; volumes grow {growth} a year.',
  },
  headcount: { 'zh-CN': '人数', en: 'Headcount' },
  annualCost: { 'zh-CN': '人均年成本（{unit}）', en: 'Cost per FTE a year ({unit})' },
  paidHours: { 'zh-CN': '年工作小时', en: 'Paid hours a year' },

  ch4: { 'zh-CN': '四、建设方案', en: '4. Options' },
  effectLine: {
    'zh-CN': '{workflow}：效果依据为{basis}；使用率上限 {ceiling}，第 {month} 个月上线。',
    en: '{workflow}: effect {basis}; adoption up to {ceiling}, live from month {month}.',
  },
  computeLine: {
    'zh-CN': '本地算力：{servers} 台推理服务器（峰值 {tps} token/秒），规划期内购置 {purchases} 次。',
    en: 'On-premises compute: {servers} inference servers (peak {tps} tokens a second), bought {purchases} time(s) in the horizon.',
  },
  linesLine: { 'zh-CN': '费用项目：{lines}', en: 'Cost lines: {lines}' },
  pilotLine: {
    'zh-CN':
      '试点：第 {month} 个月按规则决策（阈值每任务 {threshold} 分钟，模型预计 {measured} 分钟），结论为{decision}。',
    en: 'Pilot: decides in month {month} (threshold {threshold} minutes a task; the model expects {measured}), and would {decision}.',
  },
  scaleUp: { 'zh-CN': '推广', en: 'scale up' },
  stop: { 'zh-CN': '停止', en: 'stop' },
  measured: { 'zh-CN': '本院实测', en: 'measured here' },
  claimed: { 'zh-CN': '外部声称', en: 'claimed elsewhere' },

  ch5: { 'zh-CN': '五、运营方案', en: '5. Running it' },
  runningIntro: {
    'zh-CN':
      '各方案逐年支出（按类别，单位：{unit}），包括上线后的算力、运维、模型升级再验证、人员与退出成本。',
    en: "Each option's yearly spending by category ({unit}): compute, maintenance, re-validation at model upgrades, staff and exit cost after go-live.",
  },
  category: { 'zh-CN': '类别', en: 'Category' },

  ch6: { 'zh-CN': '六、投融资与财务方案', en: '6. Money' },
  moneyIntro: {
    'zh-CN':
      '按国家建设项目经济评价方法，第 k 年现金流以 (1+r)^k 折现，折现率 r = {rate}（与 Excel 的 NPV() 相同）。金额单位：{unit}。',
    en: "As the national appraisal method does, year k's flow is discounted by (1+r)^k with r = {rate} (the same as Excel's NPV()). Amounts in {unit}.",
  },
  flowsOf: { 'zh-CN': '{option}：逐年现金流', en: '{option}: yearly cash flows' },
  year: { 'zh-CN': '年份', en: 'Year' },
  budgetShare: { 'zh-CN': '预算占用', en: 'Budget used' },
  chartCumulative: { 'zh-CN': '图 1 累计净现金流', en: 'Figure 1. Cumulative net cash' },
  chartBudget: {
    'zh-CN': '图 2 年度预算占用（万元；虚线为 AI 预算，超出预算以红色标示）',
    en: 'Figure 2. Budget use each year (the dashed line is the AI budget; breaches in red)',
  },

  ch7: { 'zh-CN': '七、影响效果分析', en: '7. Effects' },
  // Neutral heads: each cell says whether the hours are freed or added (释放 / 增加).
  hours: { 'zh-CN': '工时变化（小时）', en: 'Hours freed or added' },
  fte: { 'zh-CN': '末年人力变化(FTE)', en: 'FTE, final year' },
  cashVsCapacity: {
    'zh-CN': '释放的工时只有在减少招聘、或用于增加诊疗量时才变成现金；其余为可用能力，不计入现金收益。',
    en: 'Freed hours become cash only where a hire is avoided or extra visits are seen; the rest is capacity, not cash.',
  },
  chartHours: { 'zh-CN': '图 3 释放工时与实际变现', en: 'Figure 3. Hours freed and cash realized' },
  legendHours: { 'zh-CN': '释放工时（左轴）', en: 'Hours freed (left axis)' },
  // When an option adds work its bar falls below zero: the legend says what that means.
  legendHoursSigned: {
    'zh-CN': '释放工时（左轴；负值为增加工时）',
    en: 'Hours freed (left axis; below zero: hours added)',
  },
  legendPaper: { 'zh-CN': '账面价值（右轴）', en: 'Paper value (right axis)' },
  legendCash: { 'zh-CN': '实际变现（右轴）', en: 'Cash realized (right axis)' },
  patientSide: {
    'zh-CN': '对患者的影响（候诊时间、随访覆盖等）在此说明但不折算为金额。',
    en: 'Effects on patients (waiting, follow-up coverage) are stated here but not turned into money.',
  },

  ch8: { 'zh-CN': '八、风险管控', en: '8. Risks' },
  noUncertainty: {
    'zh-CN': '本方案未设定不确定输入的分布，以下结果为单一估计。',
    en: 'The scenario gives no distributions for its uncertain inputs: the results above are single estimates.',
  },
  mcIntro: {
    'zh-CN': '蒙特卡洛模拟 {trials} 次（随机种子 {seed}，可复现）：各方案净现值的 P10/P50/P90 与风险概率。',
    en: 'Monte Carlo, {trials} trials (seed {seed}, reproducible): NPV percentiles and the probabilities of each risk.',
  },
  probPositive: { 'zh-CN': 'P(净现值>0)', en: 'P(NPV > 0)' },
  probBreach: { 'zh-CN': 'P(超预算)', en: 'P(breach)' },
  probBest: { 'zh-CN': 'P(最优)', en: 'P(best)' },
  evpi: {
    'zh-CN': '完全信息的期望价值 {value}；在 {none} 的模拟中，不投入是最优选择。',
    en: 'The expected value of perfect information is {value}; in {none} of the trials doing nothing is best.',
  },
  tornadoOf: { 'zh-CN': '{option}：影响最大的不确定因素', en: '{option}: the inputs that move its NPV most' },
  input: { 'zh-CN': '输入项', en: 'Input' },
  atP10: { 'zh-CN': 'P10 时净现值', en: 'NPV at its P10' },
  atP90: { 'zh-CN': 'P90 时净现值', en: 'NPV at its P90' },
  breakEvens: {
    'zh-CN': '盈亏平衡值（净现值为零时的输入值）',
    en: 'Break-even values (the input at which NPV is zero)',
  },
  breakEvenValue: { 'zh-CN': '平衡值', en: 'Break-even' },
  pilotValue: {
    'zh-CN':
      '试点“{option}”：有 {scale} 的可能推广为“{target}”；试点信息的价值 {info}，扣除试点成本与延迟后的净价值 {net}。',
    en: 'Pilot "{option}": scales up into "{target}" in {scale} of trials; what it tells is worth {info}, and {net} after its own cost and delay.',
  },

  ch9: { 'zh-CN': '九、绩效目标和考核指标', en: '9. Targets' },
  target: { 'zh-CN': '目标', en: 'Target' },
  measurement: { 'zh-CN': '考核方式', en: 'How it is measured' },
  targetMinutes: {
    'zh-CN': '{workflow}：每任务用时（含核对与纠错）不超过 {planned} 分钟（现状 {baseline} 分钟）',
    en: '{workflow}: at most {planned} minutes a task, verifying and correcting included (today {baseline})',
  },
  measureMinutes: {
    'zh-CN': '上线后第 {month} 个月计时观察（使用前后对照），导入本系统与计划对比',
    en: 'Time-motion observation in month {month} (before and with AI), imported here and compared with the plan',
  },
  targetAdoption: {
    'zh-CN': '使用率达到 {ceiling}（第 {month} 个月）',
    en: 'Adoption reaches {ceiling} (by month {month})',
  },
  measureAdoption: {
    'zh-CN': '系统日志：使用 AI 完成的任务占比',
    en: 'System logs: share of tasks done with AI',
  },
  targetCost: { 'zh-CN': '每项 AI 任务成本不高于 {cost}', en: 'Cost per AI task at most {cost}' },
  measureCost: {
    'zh-CN': '财务支出 ÷ 系统记录的 AI 任务数，按月核算',
    en: 'Spending ÷ AI tasks logged, monthly',
  },

  ch10: { 'zh-CN': '十、结论及建议', en: '10. Conclusion' },
  conclusionBest: {
    'zh-CN':
      '综合财务、预算与风险分析，建议采用“{option}”，并按第九章目标上线后复核；如实测效果低于计划，按试点规则及时调整或停止。',
    en: 'On money, budget and risk, fund "{option}" and review it against the targets of chapter 9; if measured effects fall short of the plan, adjust or stop as the pilot rule says.',
  },
  conclusionNone: {
    'zh-CN': '按当前假设不建议投入。建议先以小范围试点或本院计时观察取得实测数据，再据此重新评估。',
    en: 'On the present assumptions, do not fund. Measure first (a small pilot or a local time-motion study), then assess again.',
  },
  annex: { 'zh-CN': '附表：全部输入', en: 'Annex: every input' },
  annexIntro: {
    'zh-CN': '「{name}」第 {version} 版的全部输入，含数值、单位与来源（实测注明样本量与日期）。',
    en: 'Every input of “{name}”, version {version}, with its value, unit and source (measured ones with n and dates).',
  },
  value: { 'zh-CN': '数值', en: 'Value' },
  unit: { 'zh-CN': '单位', en: 'Unit' },
  missingGlyphs: {
    'zh-CN':
      '注：报告字体缺少以下 {count} 个字符的字形，文中以〈U+编码〉代替：{codes}。方案中保存的原文不受影响。',
    en: "Note: the report's font has no glyph for these characters ({count}), printed as 〈U+code〉 instead: {codes}. The case itself keeps them as written.",
  },
  missingGlyphsMore: { 'zh-CN': '等（另有 {more} 个）', en: ' and {more} more' },
} satisfies Record<string, Record<Lang, string>>;

export type ReportKey = keyof typeof REPORT_TEXT;
