/**
 * The buttons of the case forms that change the case's structure: add a workflow from the
 * use-case library (or a custom one), an option of a kind with its pricing, a cost line of a
 * choice, a funding line, a tier, a role; remove and move them. Each returns the new draft, or a
 * refusal in words; the anchor of what was added, so the page can show it.
 */
import { z } from 'zod';

import { markEstimated } from '~/builder/estimates';
import { getAt, setAt } from '~/builder/paths';
import { LINE_CHOICES, linesFor, OPTION_PRICING, type LineChoice } from '~/builder/pricing';
import {
  addCostLine,
  addFunding,
  addWorkflow,
  moveCostLine,
  moveOption,
  moveWorkflow,
  removeCostLine,
  removeFunding,
  removeOption,
  removeWorkflow,
  StructureRefusal,
} from '~/builder/structure';
import { addOptionFrom, customWorkflow, GO_LIVE_MONTH, workflowsOf } from '~/builder/templates';
import { USE_CASE_KEYS, useCase } from '~/builder/use-cases';
import { ROLE_IDS, type RoleId } from '~/engine/constants';
import type { ScenarioInput } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import { OPTION_KIND_NAMES, ROLE_NAMES, termLabel } from '~/i18n/terms';

import { LINE_CHOICE_NAMES } from '~/builder/pricing';

import { refusalMessage } from './refusals';
import { zhEn } from '~/i18n/bilingual';

type Doc = ScenarioInput;

export interface IntentResult {
  doc: Doc;
  /** Why the button did nothing, in words. */
  refused?: string;
  /** The anchor of what was added or moved, to scroll to. */
  anchor?: string;
}

const id = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/);
const direction = z.enum(['up', 'down']);

/** Every structural intent a form may post, checked before it is acted on. */
const INTENT = z.union([
  z.tuple([z.literal('addWorkflow')]),
  z.tuple([z.literal('removeWorkflow'), id]),
  z.tuple([z.literal('moveWorkflow'), id, direction]),
  z.tuple([z.literal('addOption')]),
  z.tuple([z.literal('removeOption'), id]),
  z.tuple([z.literal('moveOption'), id, direction]),
  z.tuple([z.literal('addLine'), id]),
  z.tuple([z.literal('removeLine'), id, id]),
  z.tuple([z.literal('moveLine'), id, id, direction]),
  z.tuple([z.literal('addFunding'), id]),
  z.tuple([z.literal('removeFunding'), id, id]),
  z.tuple([z.literal('addTier'), id, id]),
  z.tuple([z.literal('removeTiers'), id, id]),
  z.tuple([z.literal('addRole')]),
  z.tuple([z.literal('removeRole'), z.enum(ROLE_IDS)]),
]);

/** Whether a posted intent is one of the structural ones (the others: save, next, back …). */
export const isStructuralIntent = (intent: string): boolean => INTENT.safeParse(intent.split(':')).success;

/** A role profile with its wage and paid hours estimated; the headcount is the user's to give. */
function addRole(doc: Doc, role: RoleId): Doc {
  if (doc.hospital.roles?.[role]) return doc;
  let out = setAt(doc, `hospital.roles.${role}`, {});
  for (const field of ['annualCostPerFte', 'paidHoursPerYear'])
    out = markEstimated(out, `hospital.roles.${role}.${field}`, true);
  return out;
}

const step = (d: 'up' | 'down') => (d === 'up' ? -1 : 1);

const gone = (lang: Lang) =>
  zhEn(
    lang,
    '要操作的这一项已不存在（页面可能已过期），请刷新后再试',
    'What this button acts on is gone (the page may be out of date): reload it and try again',
  );

/** As many of each thing as a case may hold (the schema's limits), with how it is called. */
const LIMITS = {
  addWorkflow: { max: 50, zh: '工作流程', en: 'workflows' },
  addOption: { max: 10, zh: '方案', en: 'options' },
  addLine: { max: 100, zh: '成本项', en: 'cost lines in an option' },
  addFunding: { max: 50, zh: '资金来源', en: 'funding lines in an option' },
  addTier: { max: 20, zh: '档阶梯价格', en: 'volume tiers' },
} as const;

const lineTiers = (line: Doc['options'][number]['costLines'][number] | undefined) =>
  line && 'tiers' in line ? (line.tiers?.length ?? 0) : 0;

/** Why an add is refused at the case's limits, or null. */
function atLimit(
  doc: Doc,
  verb: string,
  optionId: string | undefined,
  lineId: string | undefined,
  lang: Lang,
): string | null {
  if (!Object.hasOwn(LIMITS, verb)) return null;
  const limit = LIMITS[verb as keyof typeof LIMITS];
  const option = doc.options.find((o) => o.id === optionId);
  const count =
    verb === 'addWorkflow'
      ? doc.workflows.length
      : verb === 'addOption'
        ? doc.options.length
        : verb === 'addLine'
          ? (option?.costLines.length ?? 0)
          : verb === 'addFunding'
            ? (option?.funding?.length ?? 0)
            : lineTiers(option?.costLines.find((l) => l.id === lineId));
  if (count < limit.max) return null;
  return zhEn(lang, `最多 ${limit.max} 个${limit.zh}`, `At most ${limit.max} ${limit.en}`);
}

export function applyIntent(
  start: Doc,
  intent: string,
  values: ReadonlyMap<string, string>,
  lang: Lang,
): IntentResult {
  const parsed = INTENT.safeParse(intent.split(':'));
  if (!parsed.success) return { doc: start, refused: zhEn(lang, '无法识别的操作', 'Unknown action') };
  const [verb, a, b, c] = parsed.data as [string, string?, string?, string?];
  const doc = start;
  try {
    const full = atLimit(doc, verb, a, b, lang);
    if (full) return { doc, refused: full };
    switch (verb) {
      case 'addWorkflow': {
        const key = values.get('new:useCase') ?? '';
        if (key === 'custom') {
          const name = (values.get('new:workflowName') ?? '').trim();
          if (!name)
            return { doc, refused: zhEn(lang, '请填写自定义流程的名称', 'Give the custom workflow a name') };
          const added = addWorkflow(addRole(doc, 'nurse'), customWorkflow(name.slice(0, 200)));
          return { doc: added.doc, anchor: `wf-${added.id}` };
        }
        if (!(USE_CASE_KEYS as readonly string[]).includes(key))
          return { doc, refused: zhEn(lang, '请选择一个使用场景', 'Choose a use case') };
        const useCaseKey = key as (typeof USE_CASE_KEYS)[number];
        let out = doc;
        let first: string | undefined;
        workflowsOf(useCaseKey).forEach((w, i) => {
          if (out.workflows.some((x) => x.template === `${useCaseKey}/${i}`)) return;
          out = addRole(out, w.role);
          const added = addWorkflow(out, w);
          out = added.doc;
          first ??= added.id;
        });
        if (!first)
          return {
            doc,
            refused: zhEn(
              lang,
              `「${useCase(useCaseKey).name['zh-CN']}」已经添加过了`,
              `“${useCase(useCaseKey).name.en}” is already in the case`,
            ),
          };
        return { doc: out, anchor: `wf-${first}` };
      }
      case 'removeWorkflow':
        return { doc: removeWorkflow(doc, a!) };
      case 'moveWorkflow':
        return { doc: moveWorkflow(doc, a!, step(b as 'up' | 'down')), anchor: `wf-${a}` };
      case 'addOption': {
        const [kind, choice] = (values.get('new:pricing') ?? '').split(':') as [string, string];
        if (
          !(kind === 'buy' || kind === 'build' || kind === 'pilot') ||
          !OPTION_PRICING[kind].includes(choice as LineChoice)
        )
          return {
            doc,
            refused: zhEn(lang, '请选择方案的类型与计价方式', 'Choose the option’s kind and pricing'),
          };
        if (kind === 'pilot' && !doc.options.some((o) => o.kind !== 'pilot'))
          return {
            doc,
            refused: zhEn(
              lang,
              '试点需要一个成功后可推广的采购或自建方案：请先添加一个',
              'A pilot needs a buy or build option to scale into: add one first',
            ),
          };
        const typed = (values.get('new:optionName') ?? '').trim().slice(0, 200);
        const name =
          typed ||
          `${termLabel(OPTION_KIND_NAMES[kind], lang)} · ${LINE_CHOICE_NAMES[choice as LineChoice][lang]}`;
        const added = addOptionFrom(doc, {
          name,
          kind,
          pricing: choice as LineChoice,
          workflowIds: doc.workflows.map((w) => w.id),
          lang,
        });
        return { doc: added.doc, anchor: `opt-${added.id}` };
      }
      case 'removeOption':
        return { doc: removeOption(doc, a!) };
      case 'moveOption':
        return { doc: moveOption(doc, a!, step(b as 'up' | 'down')), anchor: `opt-${a}` };
      case 'addLine': {
        const option = doc.options.find((o) => o.id === a);
        const choice = values.get(`new:line:${a}`) ?? '';
        if (!option) return { doc };
        if (!(LINE_CHOICES as readonly string[]).includes(choice))
          return { doc, refused: zhEn(lang, '请选择成本项类型', 'Choose the kind of cost') };
        const goLive = option.effects[0]?.adoption.goLiveMonth ?? GO_LIVE_MONTH[option.kind];
        let out = doc;
        let first: string | undefined;
        for (const line of linesFor(choice as LineChoice, {
          doc,
          workflowIds: option.effects.map((e) => e.workflowId),
          goLiveMonth: goLive,
          lang,
        })) {
          const added = addCostLine(out, option.id, line);
          out = added.doc;
          first ??= added.id;
        }
        return { doc: out, anchor: `line-${a}-${first}` };
      }
      case 'removeLine':
        return { doc: removeCostLine(doc, a!, b!) };
      case 'moveLine':
        return { doc: moveCostLine(doc, a!, b!, step(c as 'up' | 'down')), anchor: `line-${a}-${b}` };
      case 'addFunding': {
        const source = values.get(`new:funding:${a}`) ?? '';
        const names: Record<string, [string, string]> = {
          grant: ['专项补助', 'Grant'],
          researchBudget: ['科研经费', 'Research budget'],
          computeVoucher: ['算力券', 'Compute voucher'],
          other: ['其他资金', 'Other funding'],
        };
        if (!Object.hasOwn(names, source))
          return { doc, refused: zhEn(lang, '请选择资金来源', 'Choose the source') };
        const [zh, en] = names[source]!;
        const line =
          source === 'computeVoucher'
            ? { kind: 'shareOfCost', name: { 'zh-CN': zh, en }, source, category: 'compute' }
            : { kind: 'fixed', name: { 'zh-CN': zh, en }, source, period: 'once' };
        const added = addFunding(doc, a!, line as never);
        return { doc: added.doc, anchor: `fund-${a}-${added.id}` };
      }
      case 'removeFunding':
        return { doc: removeFunding(doc, a!, b!) };
      case 'addTier': {
        const path = `options.${a}.costLines.${b}`;
        const line = getAt(doc, path) as {
          kind?: string;
          unitPrice?: number;
          tiers?: { upToUnits: number | null; unitPrice: number }[];
        };
        if (line?.kind !== 'perUnit') return { doc, refused: gone(lang) };
        let out = doc;
        if (!line.tiers) {
          // One price becomes two tiers at that price: the user sets the first tier's bound.
          const price = line.unitPrice;
          out = setAt(out, `${path}.unitPrice`, undefined);
          out = setAt(out, `${path}.tiers`, [{ unitPrice: price }, { upToUnits: null, unitPrice: price }]);
        } else {
          const tiers = line.tiers.slice();
          const last = tiers[tiers.length - 1]!;
          tiers.splice(tiers.length - 1, 0, { unitPrice: last.unitPrice } as never);
          out = setAt(out, `${path}.tiers`, tiers);
        }
        return { doc: out, anchor: `line-${a}-${b}` };
      }
      case 'removeTiers': {
        const path = `options.${a}.costLines.${b}`;
        const tiers = getAt(doc, `${path}.tiers`) as { unitPrice?: number }[] | undefined;
        if (!tiers) return { doc, refused: gone(lang) };
        let out = setAt(doc, `${path}.tiers`, undefined);
        out = setAt(out, `${path}.unitPrice`, tiers[0]?.unitPrice);
        return { doc: out, anchor: `line-${a}-${b}` };
      }
      case 'addRole': {
        const role = values.get('new:role') ?? '';
        if (!(ROLE_IDS as readonly string[]).includes(role))
          return { doc, refused: zhEn(lang, '请选择人员类别', 'Choose the staff') };
        return { doc: addRole(doc, role as RoleId), anchor: `staff-${role}` };
      }
      case 'removeRole': {
        const role = a as RoleId;
        const used =
          doc.workflows.some((w) => w.role === role) ||
          doc.options.some((o) =>
            o.costLines.some(
              (l) => l.kind === 'modelLifecycle' && (l.revalidationRole ?? 'physician') === role,
            ),
          );
        if (used)
          return {
            doc,
            refused: zhEn(
              lang,
              `还有工作流程或再验证由「${ROLE_NAMES[role]['zh-CN']}」完成，不能删除`,
              `Workflows or re-validation are still done by ${ROLE_NAMES[role].en} staff: they cannot be removed`,
            ),
          };
        const roles = { ...doc.hospital.roles };
        delete roles[role];
        const realization = { ...(doc.realization ?? {}) };
        delete realization[role];
        return { doc: { ...doc, hospital: { ...doc.hospital, roles }, realization } };
      }
    }
  } catch (error) {
    if (error instanceof StructureRefusal) return { doc, refused: refusalMessage(doc, error, lang) };
    // A button of a page drawn before the part it acts on was removed (another tab, the back button).
    return {
      doc,
      refused: zhEn(
        lang,
        '要操作的这一项已不存在（页面可能已过期），请刷新后再试',
        'What this button acts on is gone (the page may be out of date): reload it and try again',
      ),
    };
  }
  return { doc };
}
