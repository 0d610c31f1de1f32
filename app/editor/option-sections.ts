/**
 * The options' part of the case forms: each option with its effects on the workflows, its cost
 * lines (server sizing beside on-premises ones), its funding, and a pilot's settings and stop rule.
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
import { categoryChoices, choices, optionKindChoices, roleChoices, type Choice } from '~/catalogue/choices';
import { formatFieldValue } from '~/catalogue/fields';
import { placeText } from '~/catalogue/place';
import type { ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';

import type { OptionFacts } from './facts';
import {
  flagField,
  numberField,
  selectField,
  textField,
  type FormContext,
  type FormField,
} from './form-fields';
import { zhEn } from '~/i18n/bilingual';
import { hintOf, moveActions, quoted, taskUnitOf, type FormSection, type Notice } from './section';

type Doc = ScenarioInput;
type OptionInput = Doc['options'][number];
type LineInput = OptionInput['costLines'][number];

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
