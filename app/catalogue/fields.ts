/**
 * The catalogue of a scenario's inputs: for every field, its label in both languages, how it
 * is typed (money, a percentage, minutes, a month …), its unit and a hint. The editor, the
 * new-case flow, the dashboard, the report and the versions page read their words from here,
 * so one field is called the same everywhere.
 */
import type { NumberKind } from '~/forms/number';
import { formatMoney, formatNumber, formatUnitPrice } from '~/engine/format';
import type { Lang } from '~/engine/text';
import { bilingual as hint, type Bilingual } from '~/i18n/bilingual';

export type { Bilingual };

/** How a field is typed and shown: a NumberKind, or a month of the plan (1 = first month). */
export type FieldKind = NumberKind | 'month';

export interface FieldSpec {
  label: Bilingual;
  kind: FieldKind;
  /** Negative values make sense (a growth rate, a threshold of net minutes). */
  signed?: boolean;
  hint?: Bilingual;
  /** The field may carry a low–high range for the Monte Carlo. */
  uncertain?: boolean;
  /** Shown without thousands separators (a year). */
  plain?: boolean;
}

const f = (
  zh: string,
  en: string,
  kind: FieldKind,
  more: Omit<FieldSpec, 'label' | 'kind'> = {},
): FieldSpec => ({
  label: { 'zh-CN': zh, en },
  kind,
  ...more,
});

export const FIELDS: Readonly<Record<string, FieldSpec>> = {
  // The case and the hospital
  discountRate: f('折现率', 'Discount rate', 'percent', {
    hint: hint(
      '国家建设项目经济评价推荐的社会折现率为 8%（10.1）',
      'The national social discount rate for appraisals is 8 % (10.1)',
    ),
  }),
  beds: f('床位数', 'Beds', 'integer', { hint: hint('实际开放床位', 'Staffed beds') }),
  occupancy: f('床位使用率', 'Bed occupancy', 'percent'),
  outpatientVisitsPerYear: f('年门急诊人次', 'Outpatient visits a year', 'count'),
  dischargesPerYear: f('年出院人次', 'Discharges a year', 'count'),
  volumeGrowthPerYear: f('业务量年增长', 'Volume growth a year', 'percent', { signed: true }),
  wageGrowthPerYear: f('工资年增长', 'Wage growth a year', 'percent', { signed: true }),
  seasonality: f('季节系数', 'Seasonal factor', 'decimal'),
  headcount: f('人数', 'Headcount', 'count', { hint: hint('按全时当量（FTE）计', 'Full-time equivalents') }),
  annualCostPerFte: f('人均年成本', 'Loaded cost per FTE a year', 'money', {
    hint: hint('工资加单位承担的社保、公积金等', 'Salary plus employer contributions'),
  }),
  paidHoursPerYear: f('人均年带薪工时', 'Paid hours per FTE a year', 'count'),
  overtimeMultiplier: f('加班费倍数', 'Overtime multiplier', 'decimal', {
    hint: hint('加班每小时费用是正常工时成本的几倍', 'Overtime pay as a multiple of the hourly cost'),
  }),
  // Budget
  informatizationBaseAnnual: f('每年信息化预算', 'Informatization budget a year', 'money', {
    hint: hint('医院全年信息化（信息科）预算，含软硬件与运维', "The hospital's whole yearly IT budget"),
  }),
  informatizationGrowthPerYear: f('信息化预算年增长', 'Budget growth a year', 'percent', { signed: true }),
  informatizationByYear: f('信息化预算', 'Informatization budget', 'money'),
  aiShare: f('AI 可占预算比例', 'Share AI may take', 'percent', {
    hint: hint('信息化预算中可用于 AI 的比例，如 15%', 'Share of the IT budget AI may use, e.g. 15%'),
  }),
  aiResearchBudgetPerYear: f('AI 科研经费（每年）', 'AI research budget a year', 'money'),
  tenderThreshold: f('公开招标限额', 'Public tender threshold', 'money', {
    hint: hint(
      '合同金额达到此数须公开招标。中央预算单位为 400 万元（政府集中采购目录及标准 2020 年版），各省可能不同',
      'Contracts from this value go to public tender: 4 million CNY for central budget units; provinces may differ',
    ),
  }),
  tenderMonths: f('招标所需月数', 'Months a tender takes', 'integer'),
  // Workflows
  tasksPerDriverUnit: f('每单位业务量的任务数', 'Tasks per volume unit', 'count'),
  baselineMinutesPerTask: f('现状每任务分钟', 'Minutes per task today', 'minutes', { uncertain: true }),
  // Effects
  scopeShare: f('覆盖范围', 'Share in scope', 'percent', {
    hint: hint(
      '该方案覆盖的任务比例，如两个病区占全院的 20%',
      "Share of the workflow's tasks the option covers",
    ),
  }),
  ceiling: f('使用率上限', 'Adoption ceiling', 'percent', {
    hint: hint(
      '推广完成后实际用 AI 完成的任务比例',
      'Share of tasks done with AI once adoption has ramped up',
    ),
    uncertain: true,
  }),
  goLiveMonth: f('上线月份', 'Go-live month', 'month'),
  rampMonths: f('爬坡月数', 'Ramp months', 'integer'),
  minutesWithAiPerTask: f('使用 AI 后每任务分钟', 'Minutes per task with AI', 'minutes', { uncertain: true }),
  verificationMinutesPerTask: f('每任务核对分钟', 'Verification minutes per task', 'minutes', {
    hint: hint('医护人员检查、修改 AI 草稿所花的时间', 'Time staff spend checking the AI draft'),
    uncertain: true,
  }),
  claimedReduction: f('声称的节省比例', 'Claimed reduction', 'percent', {
    hint: hint('厂商或其他医院报告的每任务节省时间比例', 'Reduction of task time reported elsewhere'),
    uncertain: true,
  }),
  fit: f('本地适配度', 'Local fit', 'percent', {
    hint: hint(
      '在本院能实现声称效果的程度：方言、数据完整度、病种是否匹配。100% = 与原医院一样',
      'How much of the claimed effect holds here: dialect, data completeness, disease mix. 100% = as where it was proven',
    ),
    uncertain: true,
  }),
  errorRate: f('需修改的比例', 'Share needing correction', 'percent', { uncertain: true }),
  correctionMinutesPerError: f('每次修改分钟', 'Minutes per correction', 'minutes', { uncertain: true }),
  // Cost lines
  amount: f('金额', 'Amount', 'money', { uncertain: true }),
  month: f('支付月份', 'Month paid', 'month'),
  startMonth: f('开始月份', 'Start month', 'month'),
  endMonth: f('结束月份', 'End month', 'month', {
    hint: hint('留空表示到规划期末', 'Leave empty for the end of the plan'),
  }),
  committedUntilMonth: f('合同承诺至', 'Committed until month', 'month', {
    hint: hint(
      '停用后仍须付款到哪个月（合同最短期限）',
      'Last month still paid if the option stops (contract minimum)',
    ),
  }),
  usefulLifeYears: f('使用年限', 'Useful life', 'integer'),
  resaleShareOnStop: f('停用时残值比例', 'Resale share on stop', 'percent'),
  escalatorPerYear: f('年涨幅', 'Escalator a year', 'percent', { signed: true }),
  maintenanceSharePerYear: f('年维保比例', 'Yearly maintenance (share of price)', 'percent', {
    uncertain: true,
  }),
  unitPrice: f('单价', 'Unit price', 'money', { uncertain: true }),
  priceChangePerYear: f('价格年变化', 'Price change a year', 'percent', { signed: true }),
  seatsAtFullAdoption: f('全面使用时席位数', 'Seats at full adoption', 'count'),
  callsPerTask: f('每任务调用次数', 'Calls per task', 'count'),
  tokensPerTask: f('每任务 token 数', 'Tokens per task', 'count', {
    hint: hint(
      '输入加输出，约 1 个汉字 1 个 token（2.41）',
      'Input plus output; about one token per Chinese character (2.41)',
    ),
    uncertain: true,
  }),
  fte: f('人数（FTE）', 'FTE', 'count'),
  hiringDelayMonths: f('招聘延迟', 'Hiring delay', 'integer', {
    hint: hint('从设岗到第一个月发薪的月数', 'Months from opening the post to the first pay'),
  }),
  workingHoursPerDay: f('每日工作小时', 'Working hours a day', 'decimal'),
  workingDaysPerYear: f('年工作日', 'Working days a year', 'count'),
  peakFactor: f('峰值倍数', 'Peak factor', 'decimal', {
    hint: hint('高峰时段负载是平均负载的几倍', 'Peak load as a multiple of the average'),
  }),
  tokensPerSecondPerServer: f('单台服务器吞吐', 'Throughput per server', 'count', { uncertain: true }),
  targetUtilization: f('目标利用率', 'Target utilization', 'percent'),
  minServers: f('最少服务器数', 'Minimum servers', 'integer'),
  serversOverride: f('固定服务器数', 'Fixed server count', 'integer', {
    hint: hint('留空则按负载自动测算', 'Leave empty to size from the load'),
  }),
  capexPerServer: f('单台服务器价格', 'Price per server', 'money', { uncertain: true }),
  purchaseMonth: f('采购月份', 'Purchase month', 'month'),
  kwPerServer: f('单台功率', 'Power per server', 'decimal'),
  pue: f('机房 PUE', 'Server-room PUE', 'decimal', {
    hint: hint('机房总耗电 ÷ 设备耗电，常见 1.2–1.5', 'Room power ÷ equipment power, often 1.2–1.5'),
  }),
  electricityPricePerKwh: f('电价', 'Electricity price', 'money'),
  inputTokensPerTask: f('每任务输入 token', 'Input tokens per task', 'count', { uncertain: true }),
  outputTokensPerTask: f('每任务输出 token', 'Output tokens per task', 'count', { uncertain: true }),
  pricePerMillionInputTokens: f('输入价格（每百万 token）', 'Input price per million tokens', 'money', {
    uncertain: true,
  }),
  pricePerMillionOutputTokens: f('输出价格（每百万 token）', 'Output price per million tokens', 'money', {
    uncertain: true,
  }),
  priceDeclinePerYear: f('价格年降幅', 'Price decline a year', 'percent', { uncertain: true }),
  upgradeEveryMonths: f('升级间隔（月）', 'Months between upgrades', 'integer'),
  firstUpgradeMonth: f('首次升级月份', 'First upgrade month', 'month'),
  revalidationHoursPerUpgrade: f('每次升级再验证工时', 'Re-validation hours per upgrade', 'count'),
  revalidationFeePerUpgrade: f('每次再验证外部费用', 'Outside re-validation fee', 'money'),
  retrainingCostPerUpgrade: f('每次升级再训练费用', 'Retraining per upgrade', 'money'),
  driftMonitoringPerMonth: f('每月漂移监测', 'Drift monitoring a month', 'money'),
  exitCost: f('退出成本', 'Exit cost', 'money', {
    hint: hint(
      '更换厂商时的数据导出、重新对接费用',
      'Data export and re-integration when leaving the vendor',
    ),
  }),
  exitMonth: f('退出月份', 'Exit month', 'month'),
  upToUnits: f('阶梯上限', 'Tier up to (units)', 'count'),
  rate: f('增值税税率', 'VAT rate', 'percent', {
    hint: hint('软件和服务一般 6%，设备 13%', 'Usually 6 % for software and services, 13 % for equipment'),
  }),
  // Funding
  share: f('承担比例', 'Share paid', 'percent'),
  capPerYear: f('每年上限', 'Cap a year', 'money'),
  // Rules
  checkMonth: f('检查月份', 'Check month', 'month'),
  minNetMinutesPerTask: f('最低净节省（分钟/任务）', 'Minimum net minutes saved per task', 'minutes', {
    signed: true,
  }),
  durationMonths: f('试点月数', 'Pilot months', 'integer'),
  leadMonths: f('决策到推广的月数', 'Months from decision to scale-up', 'integer'),
  // Realization
  maxFte: f('最多可减少的岗位', 'Most FTE that can be avoided', 'count', {
    hint: hint(
      '空缺不补、减少加班和外聘，可折算为多少全职岗位',
      'Vacancies not refilled, overtime and agency hours, in FTE',
    ),
  }),
  redeployedShare: f('用于诊疗的比例', 'Share redeployed to care', 'percent'),
  minutesPerVisit: f('每次新增就诊分钟', 'Minutes per extra visit', 'minutes'),
  contributionMarginPerVisit: f('每次就诊边际贡献', 'Contribution margin per visit', 'money'),
  maxExtraVisitsPerYear: f('每年最多新增就诊', 'Most extra visits a year', 'count'),
  // The case
  horizonYears: f('规划期（年）', 'Horizon (years)', 'integer'),
  startYear: f('起始年份', 'Start year', 'integer', { plain: true }),
  n: f('样本数', 'Observations', 'integer'),
  trials: f('模拟次数', 'Trials', 'integer'),
  seed: f('随机种子', 'Seed', 'integer'),
};

const splitCamel = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

/**
 * The catalogue name of the field at a path: its last part, or for an item of a list without
 * ids (a year's budget, a month's seasonal factor) the list's name.
 */
export function fieldNameOf(path: string): string {
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) if (!/^[0-9]+$/.test(parts[i]!)) return parts[i]!;
  return '';
}

/** The spec of a field by its name (the last part of its path); a readable fallback for unknown names. */
export function fieldSpec(name: string): FieldSpec {
  return FIELDS[name] ?? { label: { 'zh-CN': splitCamel(name), en: splitCamel(name) }, kind: 'decimal' };
}

export const fieldLabel = (name: string, lang: Lang): string => fieldSpec(name).label[lang];

/** The unit shown after a field: 元, %, 分钟, 第几月 … */
export function unitOf(name: string, currency: string, lang: Lang): string {
  const zh = lang === 'zh-CN';
  const spec = fieldSpec(name);
  switch (spec.kind) {
    case 'percent':
      return '%';
    case 'money':
      if (name === 'electricityPricePerKwh') return zh ? '元/千瓦时' : 'CNY/kWh';
      return currency === 'CNY' ? (zh ? '元' : 'CNY') : currency;
    case 'minutes':
      return zh ? '分钟' : 'min';
    case 'month':
      return zh ? '第几月' : 'month #';
  }
  if (/Months$/.test(name)) return zh ? '月' : 'months';
  if (/Years$/.test(name)) return zh ? '年' : 'years';
  if (/Hours/.test(name)) return zh ? '小时' : 'h';
  if (name === 'kwPerServer') return 'kW';
  if (name === 'tokensPerSecondPerServer') return zh ? 'tokens/秒' : 'tokens/s';
  if (/okens/.test(name)) return 'tokens';
  if (name === 'fte' || name === 'maxFte' || name === 'headcount') return 'FTE';
  if (name === 'beds') return zh ? '张' : 'beds';
  return '';
}

/**
 * A field's value as a page or a report shows it, with its unit: "86%", "243.00 万元",
 * "第 13 月", "12 分钟", "300 张". Not for input boxes (see formatForInput).
 */
export function formatFieldValue(name: string, value: number, currency: string, lang: Lang): string {
  const zh = lang === 'zh-CN';
  const spec = fieldSpec(name);
  switch (spec.kind) {
    case 'percent':
      // Two decimals at most, trailing zeros dropped: 15%, 28.3%, 0.15%.
      return `${Number((value * 100).toFixed(2))}%`;
    case 'money':
      // Small prices (per kWh, per seat, per million tokens) read in 元; budgets and prices of things in 万元.
      return Math.abs(value) < 10000
        ? formatUnitPrice(value, currency, lang)
        : formatMoney(value, currency, lang);
    case 'month':
      return zh ? `第 ${formatNumber(value)} 月` : `month ${formatNumber(value)}`;
  }
  const digits = Number.isInteger(value) ? 0 : Math.abs(value) < 10 ? 2 : 1;
  const unit = unitOf(name, currency, lang);
  const number = formatNumber(value, digits);
  return unit ? `${number} ${unit}` : number;
}
