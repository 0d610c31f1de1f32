/**
 * The case forms, part by part: the case and the hospital, staff, budget, workflows, how freed
 * hours become money, procurement and uncertainty here; the options in option-sections.ts. The
 * new-case flow shows some parts per step; the editor shows them all. Both post the same names
 * to the same handler (apply.ts), so a field works the same in both.
 */
import { useCase, useCaseWorkflowOf, USE_CASE_KEYS } from '~/builder/use-cases';
import { choiceLabel, choices, roleChoices, type Choice } from '~/catalogue/choices';
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
import { optionsSection } from './option-sections';
import {
  allFields,
  capitalized,
  hintOf,
  moveActions,
  quoted,
  taskUnitOf,
  type FormSection,
  type Notice,
} from './section';

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
