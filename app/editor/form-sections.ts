/**
 * The case forms, part by part: the case and the hospital, staff, budget, workflows, how freed
 * hours become money, and every option with its effects, cost lines, funding, pilot and stop
 * rule. The new-case flow shows some parts per step; the editor shows them all. Both post the
 * same names to the same handler (apply.ts), so a field works the same in both.
 */
import { getAt } from '~/builder/paths';
import {
  sendsDataOut,
  choiceOf,
  LINE_CHOICE_NAMES,
  LINE_CHOICES,
  LINE_HINTS,
  OPTION_PRICING,
} from '~/builder/pricing';
import { CUSTOM_WORKFLOW, useCase, useCaseWorkflowOf, USE_CASE_KEYS } from '~/builder/use-cases';
import type { Suggestion } from '~/builder/suggestion';
import {
  categoryChoices,
  choiceLabel,
  choices,
  optionKindChoices,
  roleChoices,
  type Choice,
} from '~/catalogue/choices';
import { formatFieldValue } from '~/catalogue/fields';
import { placeText } from '~/catalogue/place';
import { ROLE_IDS, type RoleId } from '~/engine/constants';
import { formatMoney } from '~/engine/format';
import type { ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { ROLE_NAMES, termLabel } from '~/i18n/terms';

import type { OptionFacts } from './facts';
import { PARTS, type Part } from './parts';
import {
  flagField,
  numberField,
  selectField,
  textField,
  type FormContext,
  type FormField,
} from './form-fields';
import { zhEn } from '~/i18n/bilingual';

type Doc = ScenarioInput;
type OptionInput = Doc['options'][number];
type LineInput = OptionInput['costLines'][number];
type EffectInput = OptionInput['effects'][number];

/** A button that changes the case's structure or moves between steps. */
export interface FormAction {
  /** The value of the `intent` it submits. */
  intent: string;
  /** Its accessible name, exactly ("删除", "添加方案"). */
  label: string;
  /** Says what it acts on, for screen readers and tooltips ("删除成本项「席位费」"). */
  title?: string;
  secondary?: boolean;
  /** A choice submitted with it (what to add). */
  select?: { name: string; label: string; options: Choice[]; value?: string };
  /** A text submitted with it (the new thing's name). */
  input?: { name: string; label: string; value?: string };
}

export interface Notice {
  tone: 'info' | 'warn';
  text: string;
}

export interface FormSection {
  /** Anchor and key: unique on the page. */
  key: string;
  title: string;
  /** A line under the title (an option's kind, a workflow's use case). */
  subtitle?: string;
  fields: FormField[];
  notices?: Notice[];
  actions?: FormAction[];
  children?: FormSection[];
  /** Drawn folded (its fields still post); opened where a field has an error or still needs a number. */
  folded?: boolean;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const quoted = (lang: Lang, name: string) => (lang === 'zh-CN' ? `「${name}」` : ` “${name}”`);

const hintOf = (s: Suggestion | undefined, lang: Lang): { hint?: string; refs?: string[] } => {
  if (!s) return {};
  if (s.kind === 'ask') return { hint: s.hint[lang], refs: [...s.refs] };
  const note = s.note?.[lang];
  return { ...(note ? { hint: note } : {}), refs: s.ref ? [s.ref] : [] };
};

// The case and the hospital

export function caseSection(ctx: FormContext): FormSection {
  const { lang } = ctx;
  return {
    key: 'case',
    title: zhEn(lang, '规划与医院', 'The case and the hospital'),
    fields: [
      textField(ctx, 'name', zhEn(lang, '规划名称', 'Name of this case'), {
        required: true,
        hint: zhEn(
          lang,
          '如“护理文书助手：采购、自建还是先试点”',
          'E.g. “Nursing notes: buy, build or pilot first”',
        ),
      }),
      textField(ctx, 'hospital.name', zhEn(lang, '医院名称', 'Hospital name'), { required: true }),
      selectField(ctx, 'hospital.type', zhEn(lang, '机构类型', 'Type'), choices('hospitalType', lang)),
      selectField(ctx, 'hospital.grade', zhEn(lang, '医院等级', 'Grade'), choices('hospitalGrade', lang)),
      textField(ctx, 'hospital.region', zhEn(lang, '地区', 'Region'), {
        hint: zhEn(lang, '省、市、县，如“河南省某县”', 'Province, city, county'),
      }),
      numberField(ctx, 'hospital.beds', { required: true }),
      numberField(ctx, 'hospital.occupancy', { required: true }),
      numberField(ctx, 'hospital.dischargesPerYear', { required: true }),
      numberField(ctx, 'hospital.outpatientVisitsPerYear', { required: true }),
      numberField(ctx, 'hospital.volumeGrowthPerYear'),
    ],
  };
}

/** The grading standard's staff per bed for the hospital's grade (1.14), by figure id. */
const STAFF_PER_BED: Partial<Record<string, { ref: string; perBed: number; zh: string; en: string }>> = {
  level1: { ref: '1.14.primary', perBed: 0.7, zh: '一级', en: 'grade 1' },
  level2: { ref: '1.14.secondary', perBed: 0.88, zh: '二级', en: 'grade 2' },
  level3: { ref: '1.14.tertiary', perBed: 1.03, zh: '三级', en: 'grade 3' },
};

/** Asks for the hospital's own physicians or nurses, with the grade's staffing standard beside it. */
function staffHint(
  doc: ScenarioInput,
  role: 'physician' | 'nurse',
  lang: Lang,
): { hint: string; refs?: string[] } {
  const who = termLabel(ROLE_NAMES[role], lang);
  const standard = STAFF_PER_BED[doc.hospital.grade];
  const split = zhEn(
    lang,
    '医生与护士的构成未找到，请按本院实际填写',
    'the split between doctors and nurses was not found: give your own',
  );
  if (!standard)
    return {
      hint: zhEn(lang, `请填本院${who}人数；${split}`, `Your hospital's ${who.toLowerCase()}s; ${split}`),
    };
  return {
    hint: zhEn(
      lang,
      `请填本院${who}人数。按等级标准，${standard.zh}医院约每床 ${standard.perBed} 名卫生技术人员（1.14）；${split}`,
      `Your hospital's ${who.toLowerCase()}s. Grading standards give about ${standard.perBed} health-technical staff a bed for ${standard.en} (1.14); ${split}`,
    ),
    refs: [standard.ref],
  };
}

export function staffSection(ctx: FormContext): FormSection {
  const { doc, lang } = ctx;
  const roles = ROLE_IDS.filter((r) => doc.hospital.roles?.[r]);
  const missing = ROLE_IDS.filter((r) => !doc.hospital.roles?.[r]);
  const children = roles.map((role): FormSection => ({
    key: `staff-${role}`,
    title: termLabel(ROLE_NAMES[role], lang),
    fields: [
      numberField(ctx, `hospital.roles.${role}.headcount`, {
        required: true,
        ...(role === 'physician' || role === 'nurse' ? staffHint(doc, role, lang) : {}),
      }),
      numberField(ctx, `hospital.roles.${role}.annualCostPerFte`, { required: true }),
      numberField(ctx, `hospital.roles.${role}.paidHoursPerYear`, { required: true }),
      numberField(ctx, `hospital.roles.${role}.overtimeMultiplier`),
    ],
    actions: [
      {
        intent: `removeRole:${role}`,
        label: zhEn(lang, '删除', 'Remove'),
        title: zhEn(
          lang,
          `删除人员类别「${ROLE_NAMES[role]['zh-CN']}」`,
          `Remove ${ROLE_NAMES[role].en} staff`,
        ),
        secondary: true,
      },
    ],
  }));
  return {
    key: 'staff',
    title: zhEn(lang, '人员与工资', 'Staff and wages'),
    fields: [numberField(ctx, 'hospital.wageGrowthPerYear')],
    children,
    actions:
      missing.length > 0
        ? [
            {
              intent: 'addRole',
              label: zhEn(lang, '添加人员类别', 'Add staff'),
              secondary: true,
              select: {
                name: 'new:role',
                label: zhEn(lang, '人员类别', 'Staff'),
                options: missing.map((r) => ({ value: r, label: termLabel(ROLE_NAMES[r], lang) })),
              },
            },
          ]
        : [],
  };
}

export function budgetSection(ctx: FormContext, aiBudget: number | null): FormSection {
  const { doc, lang } = ctx;
  const byYear = doc.budget.informatizationByYear;
  const fields: FormField[] = [
    numberField(ctx, 'startYear', { required: true }),
    numberField(ctx, 'horizonYears', {
      required: true,
      hint: zhEn(lang, '1 至 10 年，按月模拟', '1 to 10 years, simulated month by month'),
    }),
    flagField(
      ctx,
      'budget.byYear',
      zhEn(lang, '逐年填写信息化预算', 'Give the budget year by year'),
      Array.isArray(byYear) && byYear.length > 0,
    ),
  ];
  if (Array.isArray(byYear) && byYear.length > 0) {
    byYear.forEach((_, i) =>
      fields.push(
        numberField(ctx, `budget.informatizationByYear.${i}`, {
          label: zhEn(
            lang,
            `${doc.startYear + i} 年信息化预算`,
            `Informatization budget ${doc.startYear + i}`,
          ),
          required: true,
        }),
      ),
    );
  } else {
    fields.push(
      numberField(ctx, 'budget.informatizationBaseAnnual', {
        required: true,
        hint: zhEn(
          lang,
          '可写“800万”。基层机构信息化支出未找到（1.12），请填本院预算',
          'You may write “8,000,000”. No figure was found for grassroots institutions (1.12): enter your own',
        ),
      }),
      numberField(ctx, 'budget.informatizationGrowthPerYear'),
    );
  }
  fields.push(
    numberField(ctx, 'budget.aiShare', { required: true }),
    numberField(ctx, 'budget.aiResearchBudgetPerYear'),
    numberField(ctx, 'discountRate', { required: true }),
  );
  const notices: Notice[] =
    aiBudget !== null
      ? [
          {
            tone: 'info',
            text: zhEn(
              lang,
              `AI 每年可用预算：${formatMoney(aiBudget, doc.currency ?? 'CNY', 'zh-CN')}（首年）`,
              `AI may spend ${formatMoney(aiBudget, doc.currency ?? 'CNY', 'en')} a year (first year)`,
            ),
          },
        ]
      : [];
  return { key: 'budget', title: zhEn(lang, '预算与规划期', 'Budget and horizon'), fields, notices };
}

export function procurementSection(ctx: FormContext): FormSection {
  const { lang, doc } = ctx;
  return {
    key: 'procurement',
    title: zhEn(lang, '公开招标规则', 'Public tender rule'),
    fields: [
      flagField(
        ctx,
        'procurement',
        zhEn(lang, '按公开招标规则安排上线时间', 'Schedule go-live after a public tender where required'),
        doc.procurement !== undefined,
        zhEn(
          lang,
          '首年采购额达到限额的采购或自建方案，上线前先招标：方案的全部时间顺延招标所需月数',
          'A buy or build option whose first-year purchases reach the threshold is tendered first: all its months move by the tender’s',
        ),
      ),
      ...(doc.procurement
        ? [numberField(ctx, 'procurement.tenderThreshold'), numberField(ctx, 'procurement.tenderMonths')]
        : []),
    ],
    folded: true,
  };
}

// Workflows

const taskUnitOf = (lang: Lang, workflow: Doc['workflows'][number]) => {
  const library = useCaseWorkflowOf(workflow);
  return library ? library.taskName[lang] : zhEn(lang, '个任务', 'task');
};

export function workflowSections(ctx: FormContext): FormSection {
  const { doc, lang } = ctx;
  const children = doc.workflows.map((w, i): FormSection => {
    const library = useCaseWorkflowOf(w);
    const base = `workflows.${w.id}`;
    const key = w.template?.split('/')[0];
    return {
      key: `wf-${w.id}`,
      title: `${zhEn(lang, '工作流程', 'Workflow')}${quoted(lang, localize(w.name, lang))}`,
      ...(key && (USE_CASE_KEYS as readonly string[]).includes(key)
        ? { subtitle: useCase(key as (typeof USE_CASE_KEYS)[number]).name[lang] }
        : {}),
      fields: [
        textField(ctx, `${base}.name`, zhEn(lang, '名称', 'Name'), { required: true }),
        selectField(ctx, `${base}.role`, zhEn(lang, '由谁完成', 'Done by'), roleChoices(lang)),
        selectField(
          ctx,
          `${base}.volumeDriver`,
          zhEn(lang, '业务量依据', 'Volume driver'),
          choices('volumeDriver', lang),
        ),
        numberField(ctx, `${base}.tasksPerDriverUnit`, {
          required: true,
          label: zhEn(
            lang,
            `${choiceLabel('volumeDriver', w.volumeDriver, lang)}的${taskUnitOf(lang, w).replace(/^份|^个/, '')}数`,
            `${capitalized(taskUnitOf(lang, w))}s ${choiceLabel('volumeDriver', w.volumeDriver, lang).toLowerCase()}`,
          ),
          ...hintOf(library?.tasksPerDriverUnit, lang),
        }),
        numberField(ctx, `${base}.baselineMinutesPerTask`, {
          required: true,
          label: zhEn(lang, `现状每${taskUnitOf(lang, w)}用时`, `Minutes per ${taskUnitOf(lang, w)} today`),
          ...hintOf(library?.baselineMinutesPerTask, lang),
        }),
        selectField(
          ctx,
          `${base}.baselineEvidence.kind`,
          zhEn(lang, '现状用时依据', 'Today’s minutes are'),
          choices('evidenceKind', lang),
        ),
        ...(w.baselineEvidence.kind === 'measured'
          ? [
              numberField(ctx, `${base}.baselineEvidence.n`, {
                required: true,
                label: zhEn(lang, '实测样本数', 'Observations'),
              }),
            ]
          : []),
        textField(ctx, `${base}.baselineEvidence.note`, zhEn(lang, '依据说明', 'Note on the evidence'), {
          long: true,
        }),
      ],
      actions: [
        ...moveActions(lang, `Workflow:${w.id}`, i, doc.workflows.length, localize(w.name, lang)),
        {
          intent: `removeWorkflow:${w.id}`,
          label: zhEn(lang, '删除', 'Remove'),
          title: zhEn(
            lang,
            `删除工作流程「${localize(w.name, lang)}」`,
            `Remove workflow “${localize(w.name, lang)}”`,
          ),
          secondary: true,
        },
      ],
    };
  });
  const library: Choice[] = [
    ...USE_CASE_KEYS.map((key) => ({ value: key, label: useCase(key).name[lang] })),
    { value: 'custom', label: zhEn(lang, '自定义（自己描述工作流程）', 'Custom (describe the workflow)') },
  ];
  return {
    key: 'workflows',
    title: zhEn(lang, '使用场景与工作流程', 'Use cases and workflows'),
    fields: [],
    children,
    actions: [
      {
        intent: 'addWorkflow',
        label: zhEn(lang, '添加工作流程', 'Add workflow'),
        select: { name: 'new:useCase', label: zhEn(lang, '使用场景', 'Use case'), options: library },
        input: {
          name: 'new:workflowName',
          label: zhEn(lang, '自定义流程名称（选“自定义”时）', 'Name of a custom workflow'),
        },
      },
    ],
  };
}

function moveActions(lang: Lang, what: string, index: number, count: number, name: string): FormAction[] {
  const out: FormAction[] = [];
  if (index > 0)
    out.push({
      intent: `move${what}:up`,
      label: zhEn(lang, '上移', 'Move up'),
      title: `${zhEn(lang, '上移', 'Move up')} ${name}`,
      secondary: true,
    });
  if (index < count - 1)
    out.push({
      intent: `move${what}:down`,
      label: zhEn(lang, '下移', 'Move down'),
      title: `${zhEn(lang, '下移', 'Move down')} ${name}`,
      secondary: true,
    });
  return out;
}

// How freed hours become money

export function realizationSection(ctx: FormContext): FormSection {
  const { doc, lang } = ctx;
  const roles = ROLE_IDS.filter((r) => doc.workflows.some((w) => w.role === r));
  const children = roles.map((role): FormSection => {
    const r = doc.realization?.[role];
    const mode = r?.mode ?? 'notRealized';
    const base = `realization.${role}`;
    const fields: FormField[] = [
      selectField(
        ctx,
        `${base}.mode`,
        zhEn(lang, '变现方式', 'How it becomes money'),
        choices('realizationMode', lang),
        {
          value: mode,
        },
      ),
    ];
    if (mode === 'avoidedStaffing') fields.push(numberField(ctx, `${base}.maxFte`));
    if (mode === 'throughput')
      fields.push(
        numberField(ctx, `${base}.redeployedShare`, { required: true }),
        numberField(ctx, `${base}.minutesPerVisit`, { required: true }),
        numberField(ctx, `${base}.contributionMarginPerVisit`, {
          required: true,
          hint: zhEn(
            lang,
            '每多看一人次的收入减去变动成本。全国医院门诊次均收入 361.6 元（11.64），边际贡献未找到，请按本院财务数据填写',
            'Revenue of one more visit less its variable cost. Hospitals average 361.6 CNY per outpatient visit (11.64); no margin was found: use your finance data',
          ),
          refs: ['11.64.outpatient'],
        }),
        numberField(ctx, `${base}.maxExtraVisitsPerYear`),
      );
    return { key: `realization-${role}`, title: termLabel(ROLE_NAMES[role as RoleId], lang), fields };
  });
  return {
    key: 'realization',
    title: zhEn(lang, '释放的工时如何变成钱', 'How freed hours become money'),
    subtitle: zhEn(
      lang,
      '节省的时间不等于节省的钱：只有少招人、少加班或多看病人才是现金',
      'Time saved is not money saved: only fewer hires, less overtime or more patients seen is cash',
    ),
    fields: [],
    children,
  };
}

// Options

function effectSection(
  ctx: FormContext,
  option: OptionInput,
  workflow: Doc['workflows'][number],
): FormSection {
  const { lang, doc } = ctx;
  const effect = option.effects.find((e) => e.workflowId === workflow.id);
  const base = `options.${option.id}.effects.${workflow.id}`;
  const fromLibrary = useCaseWorkflowOf(workflow);
  const library = fromLibrary ?? CUSTOM_WORKFLOW;
  const placeOf = (p: string) => placeText(doc, p, lang);
  // A custom workflow's general assumptions explain an empty box; a number the case has speaks for itself.
  const hint = (field: string, s: Suggestion | undefined) =>
    !fromLibrary && effect && getAt(effect, field) !== undefined ? {} : hintOf(s, lang);
  const fields: FormField[] = [
    flagField(
      ctx,
      base,
      zhEn(lang, `用于「${localize(workflow.name, lang)}」`, `Used for “${localize(workflow.name, lang)}”`),
      effect !== undefined,
    ),
  ];
  if (effect) {
    fields.push(
      numberField(ctx, `${base}.scopeShare`),
      numberField(ctx, `${base}.adoption.goLiveMonth`, { required: true }),
      numberField(ctx, `${base}.adoption.rampMonths`, { required: true }),
      numberField(ctx, `${base}.adoption.ceiling`, {
        required: true,
        ...hint('adoption.ceiling', library.adoptionCeiling),
        placeOf,
      }),
      selectField(ctx, `${base}.basis`, zhEn(lang, '效果依据', 'Effect from'), choices('basis', lang)),
    );
    if (effect.basis === 'claimed') {
      fields.push(
        numberField(ctx, `${base}.claimedReduction`, {
          required: true,
          ...hint('claimedReduction', library.claimedReduction),
          placeOf,
        }),
        textField(ctx, `${base}.evidence.source`, zhEn(lang, '谁声称的', 'Claimed by'), {
          hint: zhEn(lang, '如厂商、某三甲医院、某研究', 'E.g. the vendor, a top hospital, a study'),
        }),
        numberField(ctx, `${base}.fit`, {
          required: true,
          placeOf,
          ...hint(
            'fit',
            fromLibrary
              ? useCase(workflow.template!.split('/')[0] as (typeof USE_CASE_KEYS)[number]).fit(doc.hospital)
              : CUSTOM_WORKFLOW.fit(doc.hospital),
          ),
        }),
        numberField(ctx, `${base}.verificationMinutesPerTask`, {
          required: true,
          ...hint('verificationMinutesPerTask', library.verificationMinutesPerTask),
          placeOf,
        }),
        numberField(ctx, `${base}.errorRate`, {
          required: true,
          ...hint('errorRate', library.errorRate),
          placeOf,
        }),
        numberField(ctx, `${base}.correctionMinutesPerError`, {
          required: true,
          ...hint('correctionMinutesPerError', library.correctionMinutesPerError),
          placeOf,
        }),
      );
    } else {
      fields.push(
        numberField(ctx, `${base}.minutesWithAiPerTask`, { required: true, placeOf }),
        numberField(ctx, `${base}.verificationMinutesPerTask`, { required: true, placeOf }),
        numberField(ctx, `${base}.evidence.n`, {
          required: true,
          label: zhEn(lang, '实测样本数', 'Observations'),
        }),
      );
    }
  }
  return {
    key: `eff-${option.id}-${workflow.id}`,
    title: zhEn(
      lang,
      `对「${localize(workflow.name, lang)}」的效果`,
      `Effect on “${localize(workflow.name, lang)}”`,
    ),
    fields,
  };
}

/** The fields of a cost line of its kind, in the order a person fills them. */
function lineFields(ctx: FormContext, option: OptionInput, line: LineInput): FormField[] {
  const { lang } = ctx;
  const base = `options.${option.id}.costLines.${line.id}`;
  const hints = LINE_HINTS[choiceOf(line)] ?? {};
  const n = (field: string, required = false) =>
    numberField(ctx, `${base}.${field}`, {
      required,
      ...(hints[field] ? { hint: hints[field][lang] } : {}),
      ...(line.ref &&
      ['amount', 'unitPrice', 'capexPerServer', 'annualCostPerFte', 'pricePerMillionInputTokens'].includes(
        field,
      )
        ? { refs: [line.ref] }
        : {}),
      placeOf: (p) => placeText(ctx.doc, p, lang),
    });
  const name = textField(ctx, `${base}.name`, zhEn(lang, '名称', 'Name'), { required: true });
  const category = selectField(
    ctx,
    `${base}.category`,
    zhEn(lang, '费用类别', 'Category'),
    categoryChoices(lang),
  );
  const fields: FormField[] = [name];
  switch (line.kind) {
    case 'oneTime':
      fields.push(category, n('amount', true), n('month', true), n('maintenanceSharePerYear'));
      fields.push(
        flagField(
          ctx,
          `${base}.capex`,
          zhEn(lang, '资本性支出（按年限折旧）', 'Capital expenditure (depreciated)'),
          line.capex === true,
        ),
      );
      if (line.capex) fields.push(n('usefulLifeYears'), n('resaleShareOnStop'));
      break;
    case 'recurring':
      fields.push(
        category,
        n('amount', true),
        selectField(ctx, `${base}.period`, zhEn(lang, '周期', 'Period'), choices('period', lang)),
        n('startMonth'),
        n('endMonth'),
        n('escalatorPerYear'),
      );
      break;
    case 'perUnit':
      fields.push(
        category,
        selectField(ctx, `${base}.unit`, zhEn(lang, '计价单位', 'Priced per'), choices('unit', lang)),
      );
      if (line.tiers) {
        line.tiers.forEach((_, i) => {
          fields.push(
            numberField(ctx, `${base}.tiers.${i}.upToUnits`, {
              label: zhEn(
                lang,
                `第 ${i + 1} 档上限（最后一档留空）`,
                `Tier ${i + 1} up to (empty for the last)`,
              ),
            }),
            numberField(ctx, `${base}.tiers.${i}.unitPrice`, {
              required: true,
              label: zhEn(lang, `第 ${i + 1} 档单价`, `Tier ${i + 1} price`),
            }),
          );
        });
      } else fields.push(n('unitPrice', true));
      if (line.unit === 'bed' || line.unit === 'seat')
        fields.push(
          selectField(ctx, `${base}.pricePer`, zhEn(lang, '单价按', 'Price per'), choices('period', lang)),
        );
      if (line.unit === 'seat') fields.push(n('seatsAtFullAdoption', true));
      if (line.unit === 'call') fields.push(n('callsPerTask'));
      if (line.unit === 'millionTokens') fields.push(n('tokensPerTask', true));
      fields.push(n('priceChangePerYear'), n('startMonth'), n('endMonth'));
      break;
    case 'staffing':
      fields.push(
        textField(ctx, `${base}.role`, zhEn(lang, '岗位', 'Post'), { required: true }),
        n('fte', true),
        n('annualCostPerFte', true),
        n('startMonth'),
        n('hiringDelayMonths'),
        n('endMonth'),
      );
      break;
    case 'onPremCompute':
      fields.push(
        n('tokensPerTask', true),
        n('tokensPerSecondPerServer', true),
        n('capexPerServer', true),
        n('serversOverride'),
        n('minServers'),
        n('targetUtilization'),
        n('peakFactor'),
        n('workingHoursPerDay'),
        n('workingDaysPerYear'),
        n('purchaseMonth'),
        n('usefulLifeYears'),
        n('kwPerServer', true),
        n('pue', true),
        n('electricityPricePerKwh', true),
        n('maintenanceSharePerYear', true),
        n('resaleShareOnStop'),
      );
      break;
    case 'cloudTokens':
      fields.push(
        category,
        n('inputTokensPerTask', true),
        n('outputTokensPerTask', true),
        n('pricePerMillionInputTokens', true),
        n('pricePerMillionOutputTokens', true),
        n('priceDeclinePerYear'),
        n('startMonth'),
        n('endMonth'),
      );
      break;
    case 'modelLifecycle':
      fields.push(
        n('upgradeEveryMonths', true),
        n('firstUpgradeMonth'),
        selectField(
          ctx,
          `${base}.revalidationRole`,
          zhEn(lang, '再验证人员', 'Who re-validates'),
          roleChoices(lang),
        ),
        n('revalidationHoursPerUpgrade', true),
        n('revalidationFeePerUpgrade'),
        n('retrainingCostPerUpgrade'),
        n('driftMonitoringPerMonth'),
        n('exitCost'),
        n('exitMonth'),
        n('startMonth'),
      );
      break;
    case 'custom':
      fields.push(
        category,
        textField(ctx, `${base}.expression`, zhEn(lang, '每月金额公式', 'Amount a month (formula)'), {
          required: true,
          ...(hints.expression ? { hint: hints.expression[lang] } : {}),
        }),
        n('startMonth'),
        n('endMonth'),
      );
      break;
  }
  fields.push(n('committedUntilMonth'));
  if (line.kind !== 'staffing') {
    const excluded = line.vat !== undefined && !line.vat.included;
    fields.push(
      flagField(
        ctx,
        `${base}.vat.excluded`,
        zhEn(lang, '报价不含税（另加增值税）', 'Quoted before VAT (VAT on top)'),
        excluded,
        zhEn(
          lang,
          '公立医院不能抵扣进项税，不含税报价需加上税额',
          'A public hospital cannot deduct input VAT: it pays the tax on top',
        ),
      ),
    );
    if (excluded) fields.push(n('vat.rate', true));
  }
  if (line.kind === 'perUnit' || line.kind === 'onPremCompute' || line.kind === 'cloudTokens') {
    const covered = option.effects.map((e) => e.workflowId);
    if (covered.length > 1)
      for (const wf of ctx.doc.workflows.filter((w) => covered.includes(w.id)))
        fields.push(
          flagField(
            ctx,
            `${base}.workflowIds.${wf.id}`,
            zhEn(lang, `按「${localize(wf.name, lang)}」计量`, `Follows “${localize(wf.name, lang)}”`),
            line.workflowIds === undefined || line.workflowIds.includes(wf.id),
          ),
        );
  }
  fields.push(textField(ctx, `${base}.note`, zhEn(lang, '说明', 'Note'), { long: true }));
  return fields;
}

function lineSection(
  ctx: FormContext,
  option: OptionInput,
  line: LineInput,
  index: number,
  facts: OptionFacts | undefined,
): FormSection {
  const { lang } = ctx;
  const name = localize(line.name, lang);
  const notices: Notice[] = [];
  const sizing = facts?.servers.find((s) => s.lineId === line.id);
  if (sizing) notices.push({ tone: 'info', text: sizing.text });
  if (line.kind === 'perUnit' && line.unit === 'seat')
    notices.push({
      tone: 'info',
      text: zhEn(
        lang,
        '席位数随使用率变化：全面使用时的席位数 × 当月使用率（向上取整）',
        'Seats follow adoption: seats at full adoption × the month’s adoption (rounded up)',
      ),
    });
  return {
    key: `line-${option.id}-${line.id}`,
    title: `${zhEn(lang, '成本项', 'Cost line')}${quoted(lang, name)}`,
    subtitle: LINE_CHOICE_NAMES[choiceOf(line)][lang],
    fields: lineFields(ctx, option, line),
    notices,
    actions: [
      ...moveActions(lang, `Line:${option.id}:${line.id}`, index, option.costLines.length, name),
      ...(line.kind === 'perUnit' && line.unit !== 'bed' && line.unit !== 'seat'
        ? [
            line.tiers
              ? {
                  intent: `removeTiers:${option.id}:${line.id}`,
                  label: zhEn(lang, '改为单一价格', 'Use one price'),
                  secondary: true,
                }
              : {
                  intent: `addTier:${option.id}:${line.id}`,
                  label: zhEn(lang, '改为阶梯价格', 'Use volume tiers'),
                  secondary: true,
                },
          ]
        : []),
      ...(line.kind === 'perUnit' && line.tiers
        ? [
            {
              intent: `addTier:${option.id}:${line.id}`,
              label: zhEn(lang, '增加一档', 'Add a tier'),
              secondary: true,
            },
          ]
        : []),
      {
        intent: `removeLine:${option.id}:${line.id}`,
        label: zhEn(lang, '删除', 'Remove'),
        title: zhEn(lang, `删除成本项「${name}」`, `Remove cost line “${name}”`),
        secondary: true,
      },
    ],
  };
}

function fundingSection(
  ctx: FormContext,
  option: OptionInput,
  funding: NonNullable<OptionInput['funding']>[number],
): FormSection {
  const { lang } = ctx;
  const base = `options.${option.id}.funding.${funding.id}`;
  const name = localize(funding.name, lang);
  const fields: FormField[] = [
    textField(ctx, `${base}.name`, zhEn(lang, '名称', 'Name'), { required: true }),
    selectField(ctx, `${base}.source`, zhEn(lang, '来源', 'Source'), choices('fundingSource', lang)),
  ];
  if (funding.kind === 'fixed')
    fields.push(
      numberField(ctx, `${base}.amount`, { required: true }),
      selectField(ctx, `${base}.period`, zhEn(lang, '周期', 'Period'), choices('fundingPeriod', lang)),
      numberField(ctx, `${base}.startMonth`),
      numberField(ctx, `${base}.endMonth`),
    );
  else
    fields.push(
      selectField(
        ctx,
        `${base}.category`,
        zhEn(lang, '承担的费用类别', 'Cost category it pays'),
        categoryChoices(lang),
      ),
      numberField(ctx, `${base}.share`, { required: true }),
      numberField(ctx, `${base}.capPerYear`),
      numberField(ctx, `${base}.startMonth`),
      numberField(ctx, `${base}.endMonth`),
    );
  return {
    key: `fund-${option.id}-${funding.id}`,
    title: `${zhEn(lang, '资金来源', 'Funding')}${quoted(lang, name)}`,
    fields,
    actions: [
      {
        intent: `removeFunding:${option.id}:${funding.id}`,
        label: zhEn(lang, '删除', 'Remove'),
        title: zhEn(lang, `删除资金来源「${name}」`, `Remove funding “${name}”`),
        secondary: true,
      },
    ],
  };
}

/** "若每份护理记录净节省 ≥ 3 分钟则在第 5 月推广为「SaaS 按席位」，否则停止" */
export function pilotRuleInWords(doc: Doc, option: OptionInput, lang: Lang): string | null {
  const pilot = option.pilot;
  if (!pilot) return null;
  const target = doc.options.find((o) => o.id === pilot.scaleUpOptionId);
  const rule = pilot.decisionRule as { minNetMinutesPerTask?: number; workflowId?: string };
  const wf = rule.workflowId ? doc.workflows.find((w) => w.id === rule.workflowId) : undefined;
  const unit = wf ? taskUnitOf(lang, wf) : zhEn(lang, '个任务', 'task');
  const threshold = rule.minNetMinutesPerTask;
  if (threshold === undefined || !target) return null;
  const start = pilot.startMonth ?? 1;
  const decision = start + pilot.durationMonths - 1;
  const scale = decision + 1 + (pilot.leadMonths ?? 0);
  const minutes = formatFieldValue('minNetMinutesPerTask', threshold, 'CNY', lang);
  return zhEn(
    lang,
    `试点第 ${start}–${decision} 月${wf ? `在「${localize(wf.name, lang)}」` : ''}实测：若每${unit}净节省 ≥ ${minutes}，则从第 ${scale} 月起推广为「${localize(target.name, lang)}」；否则停止，试点费用沉没。`,
    `Pilot in months ${start}–${decision}${wf ? ` on “${localize(wf.name, lang)}”` : ''}: if each ${unit} saves at least ${minutes} net, scale up into “${localize(target.name, lang)}” from month ${scale}; otherwise stop, the pilot's cost sunk.`,
  );
}

function pilotSection(ctx: FormContext, option: OptionInput): FormSection | null {
  const { doc, lang } = ctx;
  if (!option.pilot) return null;
  const base = `options.${option.id}.pilot`;
  const targets = doc.options.filter((o) => o.kind !== 'pilot' && o.id !== option.id);
  const words = pilotRuleInWords(doc, option, lang);
  return {
    key: `pilot-${option.id}`,
    title: zhEn(lang, '试点设置与推广规则', 'Pilot and its decision rule'),
    fields: [
      selectField(
        ctx,
        `${base}.scaleUpOptionId`,
        zhEn(lang, '试点成功后推广为', 'If it passes, scale up into'),
        targets.map((o) => ({ value: o.id, label: localize(o.name, lang) })),
      ),
      numberField(ctx, `${base}.startMonth`),
      numberField(ctx, `${base}.durationMonths`, { required: true }),
      numberField(ctx, `${base}.decisionRule.minNetMinutesPerTask`, {
        required: true,
        hint: zhEn(
          lang,
          '试点中实测每个任务净节省至少多少分钟才推广',
          'Net minutes a task must save in the pilot to scale up',
        ),
      }),
      selectField(ctx, `${base}.decisionRule.workflowId`, zhEn(lang, '按哪个工作流程判断', 'Judged on'), [
        { value: '', label: zhEn(lang, '全部流程（按任务量加权）', 'All its workflows (weighted by tasks)') },
        ...option.effects.map((e) => ({
          value: e.workflowId,
          label: localize(doc.workflows.find((w) => w.id === e.workflowId)?.name ?? e.workflowId, lang),
        })),
      ]),
      numberField(ctx, `${base}.leadMonths`),
    ],
    notices: words ? [{ tone: 'info', text: words }] : [],
  };
}

function stopRuleFields(ctx: FormContext, option: OptionInput): FormField[] {
  const { lang, doc } = ctx;
  const base = `options.${option.id}.stopRule`;
  const fields = [
    flagField(
      ctx,
      base,
      zhEn(lang, '设置停用规则（效果不达标则停用）', 'Stop if the effect falls short'),
      option.stopRule !== undefined,
    ),
  ];
  if (option.stopRule)
    fields.push(
      numberField(ctx, `${base}.checkMonth`, { required: true }),
      numberField(ctx, `${base}.minNetMinutesPerTask`, { required: true }),
      selectField(ctx, `${base}.workflowId`, zhEn(lang, '按哪个工作流程判断', 'Judged on'), [
        { value: '', label: zhEn(lang, '全部流程（按任务量加权）', 'All its workflows (weighted by tasks)') },
        ...option.effects.map((e) => ({
          value: e.workflowId,
          label: localize(doc.workflows.find((w) => w.id === e.workflowId)?.name ?? e.workflowId, lang),
        })),
      ]),
    );
  return fields;
}

export function optionSection(
  ctx: FormContext,
  option: OptionInput,
  index: number,
  facts: OptionFacts | undefined,
): FormSection {
  const { doc, lang } = ctx;
  const name = localize(option.name, lang);
  const base = `options.${option.id}`;
  const notices: Notice[] = [];
  if (sendsDataOut(option))
    notices.push({
      tone: 'warn',
      text: zhEn(
        lang,
        '此方案调用云端大模型：患者数据将离开医院。需要数据安全评估，并按规定脱敏或取得授权。',
        'This option calls a cloud model: patient data leaves the hospital. It needs a data-security assessment, and de-identification or consent as the rules require.',
      ),
    });
  if (facts?.tender) notices.push({ tone: 'info', text: facts.tender });
  const lineChoices: Choice[] = LINE_CHOICES.map((c) => ({ value: c, label: LINE_CHOICE_NAMES[c][lang] }));
  const fundingChoices: Choice[] = [
    { value: 'grant', label: zhEn(lang, '专项补助（固定金额）', 'Grant (fixed amount)') },
    { value: 'researchBudget', label: zhEn(lang, '科研经费（固定金额）', 'Research budget (fixed amount)') },
    {
      value: 'computeVoucher',
      label: zhEn(lang, '算力券（承担算力费用的一定比例）', 'Compute voucher (a share of compute costs)'),
    },
    { value: 'other', label: zhEn(lang, '其他（固定金额）', 'Other (fixed amount)') },
  ];
  const pilot = pilotSection(ctx, option);
  return {
    key: `opt-${option.id}`,
    title: `${zhEn(lang, '方案', 'Option')}${quoted(lang, name)}`,
    subtitle: optionKindChoices(lang).find((k) => k.value === option.kind)?.label,
    fields: [
      textField(ctx, `${base}.name`, zhEn(lang, '方案名称', 'Option name'), { required: true }),
      selectField(ctx, `${base}.kind`, zhEn(lang, '类型', 'Kind'), optionKindChoices(lang)),
      textField(ctx, `${base}.description`, zhEn(lang, '说明', 'Description'), {
        long: true,
      }),
      ...(option.kind === 'pilot' ? [] : stopRuleFields(ctx, option)),
    ],
    notices,
    // Effects, lines and funding fold to their titles; one that still needs a number stays open.
    children: [
      ...(pilot ? [pilot] : []),
      ...doc.workflows.map((w) => ({ ...effectSection(ctx, option, w), folded: true })),
      ...option.costLines.map((l, i) => ({ ...lineSection(ctx, option, l, i, facts), folded: true })),
      ...(option.funding ?? []).map((f) => ({ ...fundingSection(ctx, option, f), folded: true })),
    ],
    actions: [
      {
        intent: `addLine:${option.id}`,
        label: zhEn(lang, '添加成本项', 'Add cost line'),
        select: {
          name: `new:line:${option.id}`,
          label: zhEn(lang, '成本项类型', 'Kind of cost'),
          options: lineChoices,
        },
      },
      {
        intent: `addFunding:${option.id}`,
        label: zhEn(lang, '添加资金来源', 'Add funding'),
        secondary: true,
        select: {
          name: `new:funding:${option.id}`,
          label: zhEn(lang, '资金来源', 'Funding'),
          options: fundingChoices,
        },
      },
      ...moveActions(lang, `Option:${option.id}`, index, doc.options.length, name),
      {
        intent: `removeOption:${option.id}`,
        label: zhEn(lang, '删除', 'Remove'),
        title: zhEn(lang, `删除方案「${name}」`, `Remove option “${name}”`),
        secondary: true,
      },
    ],
  };
}

export function optionsSection(ctx: FormContext, facts: ReadonlyMap<string, OptionFacts>): FormSection {
  const { doc, lang } = ctx;
  const pricing: Choice[] = (['buy', 'build', 'pilot'] as const).flatMap((kind) =>
    OPTION_PRICING[kind].map((c) => ({
      value: `${kind}:${c}`,
      label: `${optionKindChoices(lang).find((k) => k.value === kind)!.label} · ${LINE_CHOICE_NAMES[c][lang]}`,
    })),
  );
  return {
    key: 'options',
    title: zhEn(lang, '方案', 'Options'),
    subtitle: zhEn(
      lang,
      '每个方案与“维持现状”比较：采购、自建，或先试点再决定',
      'Each option is compared with doing nothing: buy, build, or pilot first',
    ),
    fields: [],
    children: doc.options.map((o, i) => optionSection(ctx, o, i, facts.get(o.id))),
    actions: [
      {
        intent: 'addOption',
        label: zhEn(lang, '添加方案', 'Add option'),
        input: { name: 'new:optionName', label: zhEn(lang, '方案名称', 'Option name') },
        select: {
          name: 'new:pricing',
          label: zhEn(lang, '类型与计价方式', 'Kind and pricing'),
          options: pricing,
        },
      },
    ],
  };
}

export function uncertaintySection(ctx: FormContext): FormSection {
  const { lang } = ctx;
  return {
    key: 'uncertainty',
    title: zhEn(lang, '蒙特卡洛模拟', 'Monte Carlo'),
    subtitle: zhEn(
      lang,
      '各项数字旁的“范围”即其最低与最高可能值；留空表示固定值',
      'The range beside a number gives its lowest and highest likely values; leave it empty for a fixed number',
    ),
    fields: [
      numberField(ctx, 'uncertainty.trials', { label: zhEn(lang, '模拟次数', 'Trials') }),
      numberField(ctx, 'uncertainty.seed', {
        label: zhEn(lang, '随机种子（相同种子得到相同结果）', 'Seed (the same seed gives the same numbers)'),
      }),
    ],
    folded: true,
  };
}

/** Every field of a set of sections, children included. */
export function allFields(sections: readonly FormSection[]): FormField[] {
  return sections.flatMap((s) => [...s.fields, ...allFields(s.children ?? [])]);
}

export type { EffectInput };

/** What a page's sections say beside their fields, worked out by running the case (facts.ts). */
export interface SectionFacts {
  /** The AI budget of the first planned year, for the budget notice (null: not shown). */
  aiBudget: number | null;
  options: ReadonlyMap<string, OptionFacts>;
}

const NO_FACTS: SectionFacts = { aiBudget: null, options: new Map() };

/** The sections of some parts of a case, in the order a page shows them. */
export function sectionsFor(
  ctx: FormContext,
  parts: readonly Part[],
  facts: SectionFacts = NO_FACTS,
): FormSection[] {
  const out: FormSection[] = [];
  for (const part of parts) {
    if (part === 'hospital') out.push(caseSection(ctx), staffSection(ctx));
    if (part === 'budget') out.push(budgetSection(ctx, facts.aiBudget));
    if (part === 'workflows') out.push(workflowSections(ctx), realizationSection(ctx));
    if (part === 'options') out.push(optionsSection(ctx, facts.options));
    if (part === 'settings') out.push(procurementSection(ctx), uncertaintySection(ctx));
  }
  return out;
}

/**
 * The form names a page of this document shows, every part of it (ranges' ends included): what
 * a post may change. A name not among them (a field of a part just removed or turned off, a
 * stale page, a forged name) is ignored.
 */
export function shownNames(doc: ScenarioInput, lang: Lang): Set<string> {
  const ctx: FormContext = { doc, lang, typed: {}, errors: new Map(), echoes: new Map() };
  const names = new Set<string>();
  for (const field of allFields(sectionsFor(ctx, PARTS))) {
    names.add(field.name);
    if (field.range && 'lowName' in field.range) names.add(field.range.lowName).add(field.range.highName);
  }
  return names;
}
