/**
 * The editor's view of a scenario: every numeric input, grouped the way a director thinks
 * (who, what it saves, what it costs, how it is paid), with a label, a unit and where the
 * number comes from.
 */
import { bySlot, collectParams } from '~/engine/params';
import type { RoleId } from '~/engine/constants';
import type { Distribution, Evidence, Scenario } from '~/engine/schema';
import { ROLE_NAMES, termLabel } from '~/i18n/terms';
import { localize, type Lang } from '~/engine/text';

/** A role's name as a label, or its id when the document names a role the product does not know. */
const roleLabel = (id: string, lang: Lang): string => {
  const term = ROLE_NAMES[id as RoleId];
  return term ? termLabel(term, lang) : id;
};

export interface InputField {
  path: string;
  label: string;
  unit: string;
  value: number;
  evidence: Evidence | null;
  /** Reference figure cited for this number, if any. */
  ref: string | null;
  /** How uncertain the number is, if the scenario says (edited in the JSON editor). */
  distribution: Distribution | null;
}

export interface InputGroup {
  id: string;
  title: string;
  fields: InputField[];
}

type Bilingual = Record<Lang, string>;

const FIELD_LABELS: Record<string, Bilingual> = {
  discountRate: { 'zh-CN': '折现率', en: 'Discount rate' },
  beds: { 'zh-CN': '床位数', en: 'Beds' },
  occupancy: { 'zh-CN': '床位使用率', en: 'Bed occupancy' },
  outpatientVisitsPerYear: { 'zh-CN': '年门急诊人次', en: 'Outpatient visits a year' },
  dischargesPerYear: { 'zh-CN': '年出院人次', en: 'Discharges a year' },
  volumeGrowthPerYear: { 'zh-CN': '业务量年增长', en: 'Volume growth a year' },
  wageGrowthPerYear: { 'zh-CN': '工资年增长', en: 'Wage growth a year' },
  headcount: { 'zh-CN': '人数', en: 'Headcount' },
  annualCostPerFte: { 'zh-CN': '人均年成本', en: 'Loaded cost per FTE a year' },
  paidHoursPerYear: { 'zh-CN': '人均年带薪工时', en: 'Paid hours per FTE a year' },
  overtimeMultiplier: { 'zh-CN': '加班费倍数', en: 'Overtime multiplier' },
  informatizationBaseAnnual: { 'zh-CN': '首年信息化预算', en: 'Informatization budget, year 1' },
  informatizationGrowthPerYear: { 'zh-CN': '信息化预算年增长', en: 'Budget growth a year' },
  aiShare: { 'zh-CN': 'AI 可占预算比例', en: 'Share AI may take' },
  aiResearchBudgetPerYear: { 'zh-CN': 'AI 科研经费（每年）', en: 'AI research budget a year' },
  tasksPerDriverUnit: { 'zh-CN': '每单位业务量的任务数', en: 'Tasks per volume unit' },
  baselineMinutesPerTask: { 'zh-CN': '现状每任务分钟', en: 'Minutes per task today' },
  scopeShare: { 'zh-CN': '覆盖范围', en: 'Share in scope' },
  ceiling: { 'zh-CN': '使用率上限', en: 'Adoption ceiling' },
  goLiveMonth: { 'zh-CN': '上线月份', en: 'Go-live month' },
  rampMonths: { 'zh-CN': '爬坡月数', en: 'Ramp months' },
  minutesWithAiPerTask: { 'zh-CN': '使用AI后每任务分钟', en: 'Minutes per task with AI' },
  verificationMinutesPerTask: { 'zh-CN': '每任务核对分钟', en: 'Verification minutes per task' },
  claimedReduction: { 'zh-CN': '声称的节省比例', en: 'Claimed reduction' },
  fit: { 'zh-CN': '本地适配度', en: 'Local fit' },
  errorRate: { 'zh-CN': '需修改的比例', en: 'Error rate' },
  correctionMinutesPerError: { 'zh-CN': '每次修改分钟', en: 'Minutes per correction' },
  amount: { 'zh-CN': '金额', en: 'Amount' },
  month: { 'zh-CN': '支付月份', en: 'Month paid' },
  startMonth: { 'zh-CN': '开始月份', en: 'Start month' },
  endMonth: { 'zh-CN': '结束月份', en: 'End month' },
  committedUntilMonth: { 'zh-CN': '合同承诺至', en: 'Committed until month' },
  usefulLifeYears: { 'zh-CN': '使用年限', en: 'Useful life' },
  resaleShareOnStop: { 'zh-CN': '停用时残值比例', en: 'Resale share on stop' },
  escalatorPerYear: { 'zh-CN': '年涨幅', en: 'Escalator a year' },
  unitPrice: { 'zh-CN': '单价', en: 'Unit price' },
  priceChangePerYear: { 'zh-CN': '价格年变化', en: 'Price change a year' },
  seatsAtFullAdoption: { 'zh-CN': '全面使用时席位数', en: 'Seats at full adoption' },
  callsPerTask: { 'zh-CN': '每任务调用次数', en: 'Calls per task' },
  tokensPerTask: { 'zh-CN': '每任务 token 数', en: 'Tokens per task' },
  fte: { 'zh-CN': '人数（FTE）', en: 'FTE' },
  hiringDelayMonths: { 'zh-CN': '招聘延迟', en: 'Hiring delay' },
  workingHoursPerDay: { 'zh-CN': '每日工作小时', en: 'Working hours a day' },
  workingDaysPerYear: { 'zh-CN': '年工作日', en: 'Working days a year' },
  peakFactor: { 'zh-CN': '峰值倍数', en: 'Peak factor' },
  tokensPerSecondPerServer: { 'zh-CN': '单台服务器吞吐', en: 'Throughput per server' },
  targetUtilization: { 'zh-CN': '目标利用率', en: 'Target utilization' },
  minServers: { 'zh-CN': '最少服务器数', en: 'Minimum servers' },
  serversOverride: { 'zh-CN': '固定服务器数', en: 'Fixed server count' },
  capexPerServer: { 'zh-CN': '单台服务器价格', en: 'Price per server' },
  purchaseMonth: { 'zh-CN': '采购月份', en: 'Purchase month' },
  kwPerServer: { 'zh-CN': '单台功率', en: 'Power per server' },
  pue: { 'zh-CN': '机房 PUE', en: 'Server-room PUE' },
  electricityPricePerKwh: { 'zh-CN': '电价', en: 'Electricity price' },
  maintenanceSharePerYear: { 'zh-CN': '年维保比例', en: 'Upkeep a year (share of capex)' },
  inputTokensPerTask: { 'zh-CN': '每任务输入 token', en: 'Input tokens per task' },
  outputTokensPerTask: { 'zh-CN': '每任务输出 token', en: 'Output tokens per task' },
  pricePerMillionInputTokens: { 'zh-CN': '输入价格（每百万 token）', en: 'Input price per million tokens' },
  pricePerMillionOutputTokens: { 'zh-CN': '输出价格（每百万 token）', en: 'Output price per million tokens' },
  priceDeclinePerYear: { 'zh-CN': '价格年降幅', en: 'Price decline a year' },
  upgradeEveryMonths: { 'zh-CN': '升级间隔', en: 'Months between upgrades' },
  firstUpgradeMonth: { 'zh-CN': '首次升级月份', en: 'First upgrade month' },
  revalidationHoursPerUpgrade: { 'zh-CN': '每次升级再验证工时', en: 'Re-validation hours per upgrade' },
  revalidationFeePerUpgrade: { 'zh-CN': '每次再验证外部费用', en: 'Outside re-validation fee' },
  retrainingCostPerUpgrade: { 'zh-CN': '每次升级再训练费用', en: 'Retraining per upgrade' },
  driftMonitoringPerMonth: { 'zh-CN': '每月漂移监测', en: 'Drift monitoring a month' },
  exitCost: { 'zh-CN': '退出成本', en: 'Exit cost' },
  exitMonth: { 'zh-CN': '退出月份', en: 'Exit month' },
  share: { 'zh-CN': '承担比例', en: 'Share paid' },
  capPerYear: { 'zh-CN': '每年上限', en: 'Cap a year' },
  checkMonth: { 'zh-CN': '检查月份', en: 'Check month' },
  minNetMinutesPerTask: { 'zh-CN': '最低净节省（分钟/任务）', en: 'Minimum net minutes saved per task' },
  durationMonths: { 'zh-CN': '试点月数', en: 'Pilot months' },
  leadMonths: { 'zh-CN': '决策到推广的月数', en: 'Months from decision to scale-up' },
  maxFte: { 'zh-CN': '最多可减少的岗位', en: 'Most FTE that can be avoided' },
  redeployedShare: { 'zh-CN': '用于诊疗的比例', en: 'Share redeployed to care' },
  minutesPerVisit: { 'zh-CN': '每次就诊分钟', en: 'Minutes per extra visit' },
  contributionMarginPerVisit: { 'zh-CN': '每次就诊边际贡献', en: 'Contribution margin per visit' },
  maxExtraVisitsPerYear: { 'zh-CN': '每年最多新增就诊', en: 'Most extra visits a year' },
  upToUnits: { 'zh-CN': '阶梯上限', en: 'Tier up to (units)' },
};

const EFFECT_SIZE = new Set([
  'claimedReduction',
  'minutesWithAiPerTask',
  'verificationMinutesPerTask',
  'errorRate',
  'correctionMinutesPerError',
]);

const SHARE_FIELDS =
  /^(occupancy|aiShare|scopeShare|ceiling|claimedReduction|fit|errorRate|share|redeployedShare|targetUtilization|maintenanceSharePerYear|resaleShareOnStop|priceDeclinePerYear|discountRate)$/;
const RATE_FIELDS = /(GrowthPerYear|escalatorPerYear|priceChangePerYear)$/;
const MONTH_FIELDS = /(Month|month)$/;
const MONEY_FIELDS =
  /(amount|annualCostPerFte|informatizationBaseAnnual|aiResearchBudgetPerYear|unitPrice|capexPerServer|electricityPricePerKwh|pricePerMillion\w*|Fee\w*|CostPerUpgrade|driftMonitoringPerMonth|exitCost|capPerYear|contributionMarginPerVisit|informatizationByYear)$/;

function unitOf(field: string, currency: string, lang: Lang): string {
  const zh = lang === 'zh-CN';
  if (SHARE_FIELDS.test(field)) return zh ? '比例 0–1' : 'share 0–1';
  if (RATE_FIELDS.test(field)) return zh ? '每年比例' : 'share a year';
  if (MONEY_FIELDS.test(field)) return currency === 'CNY' ? (zh ? '元' : 'CNY') : currency;
  if (/Minutes|minutes/.test(field)) return zh ? '分钟' : 'min';
  if (/Hours/.test(field)) return zh ? '小时' : 'h';
  if (/Months$/.test(field)) return zh ? '月' : 'months';
  if (MONTH_FIELDS.test(field)) return zh ? '第几月' : 'month #';
  if (/Years$/.test(field)) return zh ? '年' : 'years';
  if (field === 'kwPerServer') return 'kW';
  if (field === 'tokensPerSecondPerServer') return 'tokens/s';
  if (/okens/.test(field)) return 'tokens';
  if (field === 'fte' || field === 'maxFte' || field === 'headcount') return 'FTE';
  return '';
}

function splitCamel(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function describeInputs(doc: Scenario, lang: Lang): InputGroup[] {
  const zh = lang === 'zh-CN';
  const groups = new Map<string, InputGroup>();
  const group = (id: string, title: string) => {
    if (!groups.has(id)) groups.set(id, { id, title, fields: [] });
    return groups.get(id)!;
  };
  const table = collectParams(doc);
  const { paths, base } = table;
  // Sources and distributions may name an input by its index path or its id path.
  const sources = bySlot(table, doc.sources);
  const distributions = bySlot(table, doc.uncertainty?.inputs);
  paths.forEach((path, i) => {
    const parts = path.split('.');
    const field = parts[parts.length - 1]!;
    let label = FIELD_LABELS[field]?.[lang] ?? splitCamel(field);
    let evidence: Evidence | null = sources.get(i) ?? null;
    let ref: string | null = evidence && 'ref' in evidence ? (evidence.ref ?? null) : null;
    let target: InputGroup;
    const [head, a, b, c] = parts;
    if (head === 'hospital' && a === 'roles') {
      target = group('staff', zh ? '人员与工资' : 'Staff and wages');
      label = `${roleLabel(b!, lang)} · ${label}`;
    } else if (head === 'hospital' && a === 'seasonality') {
      target = group('hospital', zh ? '医院概况与业务量' : 'Hospital and volumes');
      label = `${zh ? '季节系数' : 'Seasonality'} ${Number(b) + 1}${zh ? '月' : ''}`;
    } else if (head === 'hospital' || head === 'discountRate') {
      target = group('hospital', zh ? '医院概况与业务量' : 'Hospital and volumes');
    } else if (head === 'budget') {
      target = group('budget', zh ? '信息化预算' : 'Budget');
      if (a === 'informatizationByYear')
        label = `${zh ? '信息化预算' : 'Budget'} ${doc.startYear + Number(b)}`;
    } else if (head === 'workflows') {
      const wf = doc.workflows[Number(a)]!;
      target = group('workflows', zh ? '工作流程（现状）' : 'Workflows today');
      label = `${localize(wf.name, lang)} · ${label}`;
      if (field === 'baselineMinutesPerTask') {
        evidence ??= wf.baselineEvidence;
        ref ??= 'ref' in wf.baselineEvidence ? (wf.baselineEvidence.ref ?? null) : null;
      }
    } else if (head === 'realization') {
      target = group('realization', zh ? '释放工时如何变现' : 'How freed hours become money');
      label = `${roleLabel(a!, lang)} · ${label}`;
    } else if (head === 'options') {
      const option = doc.options[Number(a)]!;
      const name = localize(option.name, lang);
      if (b === 'effects') {
        const effect = option.effects[Number(c)]!;
        const wf = doc.workflows.find((w) => w.id === effect.workflowId);
        target = group(`o${a}-saves`, `${name} — ${zh ? '节省什么' : 'what it saves'}`);
        label = `${wf ? localize(wf.name, lang) : effect.workflowId} · ${label}`;
        // The effect's evidence is about the size of the effect, not its timing or scope.
        if (EFFECT_SIZE.has(field)) {
          evidence ??= effect.evidence;
          ref ??= 'ref' in effect.evidence ? (effect.evidence.ref ?? null) : null;
        }
      } else if (b === 'costLines') {
        const line = option.costLines[Number(c)]!;
        target = group(`o${a}-costs`, `${name} — ${zh ? '花费什么' : 'what it costs'}`);
        label = `${localize(line.name, lang)} · ${label}`;
        // A line cites its source for its price, not for its months or its life.
        if (MONEY_FIELDS.test(field)) ref ??= line.ref ?? null;
      } else if (b === 'funding') {
        const line = option.funding[Number(c)]!;
        target = group(`o${a}-funding`, `${name} — ${zh ? '谁来付' : 'how it is paid'}`);
        label = `${localize(line.name, lang)} · ${label}`;
        ref ??= line.ref ?? null;
      } else {
        target = group(`o${a}-rules`, `${name} — ${zh ? '试点与停用规则' : 'pilot and stop rules'}`);
      }
    } else {
      target = group('variables', zh ? '表达式变量' : 'Expression variables');
      label = parts.slice(1).join('.');
    }
    target.fields.push({
      path,
      label,
      unit: unitOf(field, doc.currency, lang),
      value: base[i]!,
      evidence,
      ref,
      distribution: distributions.get(i) ?? null,
    });
  });
  const order = ['hospital', 'staff', 'budget', 'workflows', 'realization'];
  return [...groups.values()].sort((x, y) => {
    const ix = order.indexOf(x.id);
    const iy = order.indexOf(y.id);
    return (ix < 0 ? 99 : ix) - (iy < 0 ? 99 : iy);
  });
}

/** Each uncertain input's path with its field (label, unit, group) and the option it belongs to. */
function resolveUncertainInputs(document: Scenario, lang: Lang) {
  const paths = Object.keys(document.uncertainty?.inputs ?? {});
  if (paths.length === 0) return [];
  const { index, paths: indexPaths } = collectParams(document);
  const fields = new Map(
    describeInputs(document, lang).flatMap((g) =>
      g.fields.map((f) => [f.path, { label: f.label, unit: f.unit, group: g.title }] as const),
    ),
  );
  return paths.map((path) => {
    const slot = index.get(path);
    const indexPath = slot === undefined ? undefined : indexPaths[slot]!;
    const parts = indexPath?.split('.') ?? [];
    return {
      path,
      field: indexPath === undefined ? undefined : fields.get(indexPath),
      optionIndex: parts[0] === 'options' ? Number(parts[1]) : null,
    };
  });
}

// The unit goes with the label: tornado bars, break-even values and the two-way table read in it.
const withUnit = (label: string, unit: string, lang: Lang) =>
  !unit ? label : lang === 'zh-CN' ? `${label}（${unit}）` : `${label} (${unit})`;

export interface UncertainInputLabels {
  /** By path, for the pages that show every option's inputs together (break-even, two-way table). */
  labels: Record<string, string>;
  /**
   * By option id, then path: as that option's tornado shows them. The option's own inputs and
   * the hospital's by field alone, another option's with that option named first (a pilot's
   * scale-up's as "Scale-up"): no bar repeats the name the chart's title already gives.
   */
  byOption: Record<string, Record<string, string>>;
}

/** Labels of the uncertain inputs (named by index or id path) in the page's language. */
export function uncertainInputLabels(document: Scenario, lang: Lang): UncertainInputLabels {
  const found = resolveUncertainInputs(document, lang);
  // Two options may each have a "follow-up · adoption ceiling": name the option where labels repeat.
  const count = new Map<string, number>();
  for (const { field } of found) if (field) count.set(field.label, (count.get(field.label) ?? 0) + 1);
  const labels = Object.fromEntries(
    found.map(({ path, field: f }) => [
      path,
      !f ? path : withUnit(count.get(f.label)! > 1 ? `${f.group} · ${f.label}` : f.label, f.unit, lang),
    ]),
  );
  const byOption = Object.fromEntries(
    document.options.map((option, k) => {
      const scaleUp = option.pilot
        ? document.options.findIndex((o) => o.id === option.pilot!.scaleUpOptionId)
        : -1;
      const owner = (j: number) =>
        j === scaleUp
          ? lang === 'zh-CN'
            ? '扩大推广'
            : 'Scale-up'
          : localize(document.options[j]!.name, lang);
      const seen = found.map(({ path, field: f, optionIndex: j }) => [
        path,
        !f ? path : withUnit(j === null || j === k ? f.label : `${owner(j)} · ${f.label}`, f.unit, lang),
      ]);
      return [option.id, Object.fromEntries(seen)];
    }),
  );
  return { labels, byOption };
}
