/**
 * Cost lines from plain choices: how a vendor prices (per seat, per bed, per use, a yearly
 * subscription, a one-time licence with yearly maintenance), what building takes (servers on
 * the premises or a cloud API, staff, integration and data work), what every hospital system
 * pays (等保测评, a data-security assessment), and the engine's own kinds for anything else.
 * Each choice gives lines with the defaults the reference figures support; a price nobody has
 * published (a Chinese vendor's price per seat, 4.17) is left empty for the user, with the
 * nearest figures as a hint (`LINE_HINTS`).
 */
import type { RoleId } from '~/engine/constants';
import type { ScenarioInput } from '~/engine/schema';
import type { Lang } from '~/engine/text';

import type { CostLineInput, New } from './structure';
import type { Bilingual } from './suggestion';
import { useCaseWorkflowOf } from './use-cases';
import { bilingual as both } from '~/i18n/bilingual';

type Doc = ScenarioInput;

/**
 * Aggregate output of a 7–8B model on one A100-class card, tokens/s (reference 2.45, 7.3): the
 * server the forms suggest for a county hospital's assistant.
 */
export const ONE_CARD_8B_TOKENS_PER_SECOND = 1518;

export const LINE_CHOICES = [
  'perSeat',
  'perBed',
  'perUse',
  'subscription',
  'licence',
  'onPremServers',
  'cloudApi',
  'staff',
  'integration',
  'mlps',
  'dataSecurity',
  'pilotFee',
  'lifecycle',
  'oneTime',
  'recurring',
  'perUnit',
  'custom',
] as const;
export type LineChoice = (typeof LINE_CHOICES)[number];

/** What each choice is called in the "add a cost line" list. */
export const LINE_CHOICE_NAMES: Readonly<Record<LineChoice, Bilingual>> = {
  perSeat: both('按席位订阅（每名医护人员每月）', 'Subscription per seat (per clinician a month)'),
  perBed: both('按床位订阅（每床每年）', 'Subscription per bed (per bed a year)'),
  perUse: both('按使用量计费（每次/每份）', 'Pay per use (per task)'),
  subscription: both('年度订阅费', 'Yearly subscription'),
  licence: both('一次性授权 + 年维保', 'One-time licence + yearly maintenance'),
  onPremServers: both('本地服务器（按负载测算台数）', 'Servers on the premises (sized from the load)'),
  cloudApi: both('云端大模型 API（按百万 token）', 'Cloud model API (per million tokens)'),
  staff: both('人员（招聘，含招聘延迟）', 'Staff (hires, with a hiring delay)'),
  integration: both('系统集成与数据治理', 'Integration and data work'),
  mlps: both('等保测评（每年）', 'Security classification assessment (等保, yearly)'),
  dataSecurity: both('数据安全评估', 'Data-security assessment'),
  pilotFee: both('试点费用', 'Pilot fee'),
  lifecycle: both('模型升级与再验证', 'Model upgrades and re-validation'),
  oneTime: both('一次性费用（其他）', 'One-time cost (other)'),
  recurring: both('周期性费用（其他）', 'Recurring cost (other)'),
  perUnit: both('按量计费（其他）', 'Per-unit cost (other)'),
  custom: both('自定义公式', 'Custom formula'),
};

/** The choices an option of each kind offers first when it is made. */
export const OPTION_PRICING: Readonly<Record<'buy' | 'build' | 'pilot', readonly LineChoice[]>> = {
  buy: ['perSeat', 'perBed', 'perUse', 'subscription', 'licence'],
  build: ['onPremServers', 'cloudApi'],
  pilot: ['pilotFee', 'perSeat', 'cloudApi'],
};

/** Hints for prices the reference figures do not give as defaults, by choice and field. */
export const LINE_HINTS: Readonly<Partial<Record<LineChoice, Readonly<Record<string, Bilingual>>>>> = {
  perSeat: {
    unitPrice: both(
      '国产产品按席位的价格未找到（4.17），请填厂商报价。国外同类产品每席位每月约 99–605 美元（4.1–4.8，C 级）',
      "No Chinese per-seat price was found (4.17): enter the vendor's quote. Foreign scribes ask about USD 99–605 a seat a month (4.1–4.8, grade C)",
    ),
  },
  perBed: {
    unitPrice: both(
      '按床位的报价未找到，请填厂商报价',
      "No per-bed price was found: enter the vendor's quote",
    ),
  },
  perUse: {
    unitPrice: both(
      '国产按次价格未找到（4.17）。参考：加拿大某产品每份 AI 病历 2 加元（4.9）',
      'No Chinese per-use price was found (4.17). For reference: a Canadian product charges CAD 2 per AI note (4.9)',
    ),
  },
  subscription: {
    amount: both(
      '请填厂商报价。参考：单个 AI 应用预算 48 万元（4.15）；省级医院智能体平台 450 万元（4.13）',
      "Enter the vendor's quote. For reference: one AI application budgeted at 480,000 (4.15); a provincial hospital's agent platform 4.5 million (4.13)",
    ),
  },
  licence: {
    amount: both(
      '请填厂商报价。参考：单个 AI 应用预算 48 万元（4.15）；厂商常报 100–200 万元（行业调研）',
      "Enter the vendor's quote. For reference: one AI application budgeted at 480,000 (4.15); vendors often ask 1–2 million",
    ),
    maintenanceSharePerYear: both(
      '医院软件年维保比例未找到（4.22）。参考：无锡标准折合每年约 12%（4.20，C 级）',
      'No sourced yearly maintenance share for hospital software (4.22). For reference: a municipal standard implies about 12 % a year (4.20, grade C)',
    ),
  },
  onPremServers: {
    capexPerServer: both(
      '请填报价。参考：一张推理卡约 11 万元（2.1）另加主机；小型一体机约 10 万元（2.12）；8 卡 H20 服务器约 140 万元（2.2）',
      'Enter a quote. For reference: one inference card about 110,000 (2.1) plus the host; a small appliance about 100,000 (2.12); an 8-GPU H20 server about 1.4 million (2.2)',
    ),
  },
  integration: {
    amount: both(
      '接口数 × 每个接口费用。厂商常报每个接口 5 万元（4.18，C 级），请按报价填写',
      'Interfaces × fee per interface. Vendors often ask 50,000 an interface (4.18, grade C): enter the quote',
    ),
  },
  dataSecurity: {
    amount: both(
      '医疗 AI 数据安全评估费用未找到（6.10），请按询价填写；不需要时可删除此项',
      'No price for a medical-AI data-security assessment was found (6.10): enter a quote, or remove the line',
    ),
  },
  pilotFee: {
    amount: both('请填厂商的试点报价（可为 0）', "Enter the vendor's pilot price (may be 0)"),
  },
  lifecycle: {
    revalidationHoursPerUpgrade: both(
      '每次模型升级后，临床人员重新验证所需工时，请按本院安排估计',
      'Clinician hours to re-validate the model after each upgrade: estimate from your own plan',
    ),
  },
  oneTime: { amount: both('请填金额', 'Enter the amount') },
  recurring: { amount: both('请填金额', 'Enter the amount') },
  perUnit: { unitPrice: both('请填单价', 'Enter the price') },
  custom: {
    expression: both(
      '每月金额的公式，可用 beds、visits、tasks、adoption、month、year 等，例如 tasks * 0.045',
      'A formula for the amount a month, using beds, visits, tasks, adoption, month, year …, e.g. tasks * 0.045',
    ),
  },
};

/** What a choice needs to know about the option it is added to. */
export interface LineContext {
  doc: Doc;
  /** The workflows the option covers. */
  workflowIds: readonly string[];
  /** The month (of the option) its AI goes live: subscriptions start then. */
  goLiveMonth: number;
  /** The page's language, for the few plain-text fields (a post's title). */
  lang: Lang;
}

/** Staff in the roles of the option's workflows: the seats a per-seat licence needs at full use. */
function seatsFor(ctx: LineContext): number {
  const roles = new Set<RoleId>(
    ctx.doc.workflows.filter((w) => ctx.workflowIds.includes(w.id)).map((w) => w.role),
  );
  let seats = 0;
  for (const role of roles) seats += ctx.doc.hospital.roles?.[role]?.headcount ?? 0;
  return Math.round(seats);
}

/** Tokens per task of the option's workflows (their mean), from the use-case library where known. */
function tokensFor(ctx: LineContext): { input: number; output: number } {
  const known = ctx.doc.workflows
    .filter((w) => ctx.workflowIds.includes(w.id))
    .map((w) => useCaseWorkflowOf(w))
    .filter((w) => w !== null);
  const mean = (pick: (w: (typeof known)[number]) => number | undefined, fallback: number) => {
    const values = known.map(pick).filter((v): v is number => v !== undefined);
    return values.length ? Math.round(values.reduce((a, b) => a + b, 0) / values.length) : fallback;
  };
  const value = (s: { kind: string; value?: number }) => (s.kind === 'ask' ? undefined : s.value);
  // About one token per 汉字 (2.41): a short note in, a draft of a few hundred characters out.
  return {
    input: mean((w) => value(w!.inputTokensPerTask), 1000),
    output: mean((w) => value(w!.outputTokensPerTask), 500),
  };
}

/**
 * The lines a choice adds. Fields the user must give are left out (validation asks for them by
 * name, and LINE_HINTS says where to look); ids are made by the caller (structure.ts).
 */
export function linesFor(choice: LineChoice, ctx: LineContext): New<CostLineInput>[] {
  const start = ctx.goLiveMonth;
  switch (choice) {
    case 'perSeat':
      return [
        {
          kind: 'perUnit',
          name: both('席位订阅费', 'Seat subscription'),
          category: 'vendor',
          unit: 'seat',
          pricePer: 'month',
          seatsAtFullAdoption: seatsFor(ctx),
          startMonth: start,
          ref: '4.17',
        } as New<CostLineInput>,
      ];
    case 'perBed':
      return [
        {
          kind: 'perUnit',
          name: both('按床位订阅费', 'Subscription per bed'),
          category: 'vendor',
          unit: 'bed',
          pricePer: 'year',
          startMonth: start,
        } as New<CostLineInput>,
      ];
    case 'perUse':
      return [
        {
          kind: 'perUnit',
          name: both('按次使用费', 'Fee per use'),
          category: 'vendor',
          unit: 'task',
          startMonth: start,
          ref: '4.17',
        } as New<CostLineInput>,
      ];
    case 'subscription':
      return [
        {
          kind: 'recurring',
          name: both('年度订阅费', 'Yearly subscription'),
          category: 'vendor',
          period: 'year',
          startMonth: start,
        } as New<CostLineInput>,
      ];
    case 'licence':
      return [
        {
          kind: 'oneTime',
          name: both('软件授权费（含年维保）', 'Licence (with yearly maintenance)'),
          category: 'vendor',
          month: 1,
        } as New<CostLineInput>,
      ];
    case 'onPremServers': {
      const tokens = tokensFor(ctx);
      return [
        {
          kind: 'onPremCompute',
          name: both('本地推理服务器', 'Inference servers on the premises'),
          tokensPerTask: tokens.input + tokens.output,
          // A 7–8B model on one card, the size a county hospital's assistant needs (7.3, derived from A/B).
          tokensPerSecondPerServer: ONE_CARD_8B_TOKENS_PER_SECOND,
          targetUtilization: 0.6,
          minServers: 1,
          purchaseMonth: 1,
          usefulLifeYears: 5,
          kwPerServer: 0.7,
          pue: 1.5,
          electricityPricePerKwh: 0.63,
          maintenanceSharePerYear: 0.08,
          ref: '7.3.throughput-8b',
          note: both(
            '吞吐：7–8B 模型单卡约 1,518 tokens/秒（2.45，A100）。功率按一张推理卡 0.4 kW（2.17）加主机估为 0.7 kW、PUE 1.5（2.26 仅 C 级来源，取上限）、每年维保 8%（4.23 为 C 级）均为假设；电价 0.63 元/千瓦时（2.23）',
            'Throughput: a 7–8B model on one card gives about 1,518 tokens/s (2.45, A100). Power 0.7 kW (a 0.4 kW card, 2.17, plus the host), PUE 1.5 (2.26 is grade C; its upper end) and 8 % yearly upkeep (4.23 is grade C) are assumptions; electricity 0.63 CNY/kWh (2.23)',
          ),
        } as New<CostLineInput>,
      ];
    }
    case 'cloudApi': {
      const tokens = tokensFor(ctx);
      return [
        {
          kind: 'cloudTokens',
          name: both('云端大模型调用费', 'Cloud model API'),
          category: 'compute',
          inputTokensPerTask: tokens.input,
          outputTokensPerTask: tokens.output,
          pricePerMillionInputTokens: 2,
          pricePerMillionOutputTokens: 8,
          priceDeclinePerYear: 0.2,
          startMonth: start,
          ref: '2.29.v3-input',
          note: both(
            'DeepSeek-V3 人民币标价：输入 2 元、输出 8 元每百万 token（2.29）；每年降价 20% 为假设（2024 年 qwen-max 由 40 元降至 20 元，2.34、2.31）',
            'DeepSeek-V3 list prices in CNY: 2 in, 8 out per million tokens (2.29); a 20 % yearly fall is an assumption (qwen-max fell from 40 to 20 in 2024, 2.34, 2.31)',
          ),
        } as New<CostLineInput>,
      ];
    }
    case 'staff':
      return [
        {
          kind: 'staffing',
          name: both('AI 工程师', 'AI engineer'),
          category: 'staffing',
          role: both('AI 工程师', 'AI engineer')[ctx.lang],
          fte: 1,
          annualCostPerFte: 259423,
          startMonth: 1,
          hiringDelayMonths: 6,
          ref: '3.14.p50',
          note: both(
            '全国推荐算法工程师年薪中位数（3.14）；县城可能更低（3.13，C 级）。这类人才稀缺（供需比 0.17，3.15），招聘延迟 6 个月为假设',
            'National median pay of algorithm engineers (3.14); a county town may pay less (3.13, grade C). Such people are scarce (0.17 candidates per post, 3.15): the 6-month hiring delay is an assumption',
          ),
        } as New<CostLineInput>,
      ];
    case 'integration':
      return [
        {
          kind: 'oneTime',
          name: both('HIS/EMR 接口与数据治理', 'HIS/EMR interfaces and data work'),
          category: 'data',
          month: 1,
          ref: '4.18',
        } as New<CostLineInput>,
      ];
    case 'mlps':
      return [
        {
          kind: 'recurring',
          name: both('等保测评', 'Security classification assessment (等保)'),
          category: 'compliance',
          amount: 80000,
          period: 'year',
          startMonth: start,
          ref: '6.1',
          note: both(
            '某乡镇级医院等保测评的最高限价 8 万元（6.1）；三级测评费用未找到，二级不低于 5 万元（6.3，C 级）',
            "A township hospital's ceiling price for the assessment, 80,000 (6.1); no level-3 fee was found, level 2 is at least 50,000 (6.3, grade C)",
          ),
        } as New<CostLineInput>,
      ];
    case 'dataSecurity':
      return [
        {
          kind: 'oneTime',
          name: both('数据安全评估', 'Data-security assessment'),
          category: 'compliance',
          month: 1,
          ref: '6.10',
        } as New<CostLineInput>,
      ];
    case 'pilotFee':
      return [
        {
          kind: 'oneTime',
          name: both('试点费用', 'Pilot fee'),
          category: 'vendor',
          month: 1,
        } as New<CostLineInput>,
      ];
    case 'lifecycle':
      return [
        {
          kind: 'modelLifecycle',
          name: both('模型升级与再验证', 'Model upgrades and re-validation'),
          upgradeEveryMonths: 12,
          revalidationRole: 'physician',
          startMonth: start,
        } as New<CostLineInput>,
      ];
    case 'oneTime':
      return [
        {
          kind: 'oneTime',
          name: both('一次性费用', 'One-time cost'),
          category: 'other',
          month: 1,
        } as New<CostLineInput>,
      ];
    case 'recurring':
      return [
        {
          kind: 'recurring',
          name: both('周期性费用', 'Recurring cost'),
          category: 'other',
          period: 'month',
          startMonth: start,
        } as New<CostLineInput>,
      ];
    case 'perUnit':
      return [
        {
          kind: 'perUnit',
          name: both('按量费用', 'Per-unit cost'),
          category: 'other',
          unit: 'task',
        } as New<CostLineInput>,
      ];
    case 'custom':
      return [
        { kind: 'custom', name: both('自定义费用', 'Custom cost'), category: 'other' } as New<CostLineInput>,
      ];
  }
}

/** Which choice a line was made by, where that decides its hints (by kind and unit). */
export function choiceOf(line: CostLineInput): LineChoice {
  switch (line.kind) {
    case 'perUnit':
      return line.unit === 'seat'
        ? 'perSeat'
        : line.unit === 'bed'
          ? 'perBed'
          : line.unit === 'task'
            ? 'perUse'
            : 'perUnit';
    case 'recurring':
      return line.category === 'compliance'
        ? 'mlps'
        : line.category === 'vendor'
          ? 'subscription'
          : 'recurring';
    case 'oneTime':
      if (line.category === 'data') return 'integration';
      if (line.category === 'compliance') return 'dataSecurity';
      return line.maintenanceSharePerYear !== undefined || line.category === 'vendor' ? 'licence' : 'oneTime';
    case 'onPremCompute':
      return 'onPremServers';
    case 'cloudTokens':
      return 'cloudApi';
    case 'staffing':
      return 'staff';
    case 'modelLifecycle':
      return 'lifecycle';
    case 'custom':
      return 'custom';
  }
}

/** Whether an option sends patient data outside the hospital (a cloud API line). */
export const sendsDataOut = (option: { costLines: readonly CostLineInput[] }): boolean =>
  option.costLines.some((l) => l.kind === 'cloudTokens');
