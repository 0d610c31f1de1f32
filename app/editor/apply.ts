/**
 * What the case forms post, applied to a draft: every field by its form name (form-fields.ts),
 * numbers read the way people write them, a change of kind or basis turned into the right
 * structure, estimates kept or dropped, references kept in step. A number that cannot be read
 * is refused by name and keeps its old value; nothing else the user typed is lost.
 */
import { estimatedBy, markEstimated, refreshEstimates, ruleFor } from '~/builder/estimates';
import { getAt, setAt } from '~/builder/paths';
import { defaultRange } from '~/builder/ranges';
import { syncReferences } from '~/builder/references';
import {
  addEffect,
  removeEffect,
  renamed,
  replaceEffect,
  setOptionKind,
  setPilotTarget,
  StructureRefusal,
} from '~/builder/structure';
import { defaultPilot, effectFor, effectRanges } from '~/builder/templates';
import { fieldNameOf, fieldSpec } from '~/catalogue/fields';
import { pow } from '~/engine/math';
import type { Distribution, Evidence, LocalizedText, OptionKind, ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { isStructuralInput } from '~/engine/uncertainty/bounds';
import { numberProblemMessage, parseNumber } from '~/forms/number';

import { fieldOf } from './form-fields';
import { shownNames } from './form-sections';
import { refusalMessage } from './refusals';

type Doc = ScenarioInput;

export interface Applied {
  doc: Doc;
  /** Problems of reading what was typed, by form name (in words). */
  errors: Map<string, string>;
  /** How surprising numbers were read ("0.15%"), by form name. */
  echoes: Map<string, string>;
  /** What was typed where it was refused, to show again. */
  typed: Record<string, string>;
}

/** The last value posted under each name (a checkbox posts "false" then "true" when ticked). */
export function lastValues(entries: Iterable<[string, FormDataEntryValue]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of entries) if (typeof value === 'string') out.set(name, value);
  return out;
}

const SHOWN_TEXT_PATHS = /(^|\.)(name|description|note|source|method)$/;

/** Fields whose default range is set when a number first arrives (effects and today's minutes). */
const RANGE_ON_ARRIVAL = new Set([
  'claimedReduction',
  'fit',
  'errorRate',
  'verificationMinutesPerTask',
  'correctionMinutesPerError',
  'minutesWithAiPerTask',
  'baselineMinutesPerTask',
]);

function evidenceAt(doc: Doc, path: string): Evidence['kind'] {
  const parts = path.split('.');
  if (parts[0] === 'workflows')
    return doc.workflows.find((w) => w.id === parts[1])?.baselineEvidence.kind ?? 'assumed';
  if (parts[0] === 'options' && parts[2] === 'effects') {
    const effect = doc.options.find((o) => o.id === parts[1])?.effects.find((e) => e.workflowId === parts[3]);
    if (!effect) return 'assumed';
    return fieldOf(path) === 'claimedReduction' || effect.basis === 'measured'
      ? effect.evidence.kind
      : 'assumed';
  }
  return 'assumed';
}

function setDistribution(doc: Doc, path: string, d: Distribution | undefined): Doc {
  const inputs = { ...(doc.uncertainty?.inputs ?? {}) };
  if (d) inputs[path] = d;
  else delete inputs[path];
  return {
    ...doc,
    uncertainty: { seed: 1, trials: 5000, correlations: [], ...(doc.uncertainty ?? {}), inputs },
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Evidence or a line without the product's own words (bilingual texts) and the figure it cited. */
function withoutProductText<T extends Record<string, unknown>>(item: T, keys: readonly string[]): T {
  const out: Record<string, unknown> = { ...item };
  for (const key of keys) if (isObject(out[key])) delete out[key];
  delete out.ref;
  return out as T;
}

/** Fields whose number the text of their item (a line's note, an effect's source) speaks of. */
const PRICE_FIELDS =
  /^(amount|unitPrice|capexPerServer|pricePerMillionInputTokens|pricePerMillionOutputTokens|annualCostPerFte|share)$/;

/**
 * The number at `path` is now the user's: what the case said about where it came from (a cited
 * figure, a note written for the example it was copied from) no longer describes it, and goes.
 * The user's own notes (plain text) stay.
 */
function forgetStaleText(doc: Doc, path: string): Doc {
  let out = doc;
  const source = out.sources?.[path];
  if (source) {
    const sources = { ...out.sources };
    delete sources[path];
    out = { ...out, sources };
  }
  const parts = path.split('.');
  const field = fieldOf(path);
  if (parts[0] === 'workflows' && field === 'baselineMinutesPerTask') {
    const evidencePath = `workflows.${parts[1]}.baselineEvidence`;
    const evidence = getAt(out, evidencePath) as Record<string, unknown> | undefined;
    if (evidence && evidence.kind !== 'measured')
      out = setAt(out, evidencePath, withoutProductText(evidence, ['note', 'source']));
  } else if (
    parts[0] === 'options' &&
    parts[2] === 'effects' &&
    (field === 'claimedReduction' || field === 'minutesWithAiPerTask')
  ) {
    const evidencePath = parts.slice(0, 4).concat('evidence').join('.');
    const evidence = getAt(out, evidencePath) as Record<string, unknown> | undefined;
    if (evidence && evidence.kind !== 'measured')
      out = setAt(out, evidencePath, withoutProductText(evidence, ['note', 'source']));
  } else if (
    parts[0] === 'options' &&
    (parts[2] === 'costLines' || parts[2] === 'funding') &&
    parts.length === 5 &&
    PRICE_FIELDS.test(field)
  ) {
    const itemPath = parts.slice(0, 4).join('.');
    const item = getAt(out, itemPath) as Record<string, unknown> | undefined;
    if (item) out = setAt(out, itemPath, withoutProductText(item, ['note']));
  }
  return out;
}

/**
 * The informatization budget of each of `years` plan years as the engine works it out: the years
 * given, then the last of them grown at the yearly growth (without a list, the first year's
 * budget grown). A list made or lengthened here starts from these, so no result moves.
 */
function budgetsByYear(budget: Doc['budget'], years: number): number[] {
  const list = budget.informatizationByYear;
  const given = Array.isArray(list) && list.length > 0 ? list : [budget.informatizationBaseAnnual ?? 0];
  const last = given[given.length - 1]!;
  const growth = budget.informatizationGrowthPerYear ?? 0;
  return Array.from({ length: years }, (_, i) =>
    i < given.length ? given[i]! : last * pow(1 + growth, i - given.length + 1),
  );
}

/**
 * A budget given year by year has a field for each year of the horizon: a shorter list grows
 * from its last year (as the engine reads it), a longer one is cut.
 */
function budgetYearsFollowHorizon(doc: Doc): Doc {
  const years = doc.budget.informatizationByYear;
  if (!Array.isArray(years) || years.length === 0 || years.length === doc.horizonYears) return doc;
  if (!Number.isInteger(doc.horizonYears) || doc.horizonYears < 1 || doc.horizonYears > 10) return doc;
  return setAt(doc, 'budget.informatizationByYear', budgetsByYear(doc.budget, doc.horizonYears));
}

export function applyForm(start: Doc, values: ReadonlyMap<string, string>, lang: Lang): Applied {
  let doc = start;
  const errors = new Map<string, string>();
  const echoes = new Map<string, string>();
  const typed: Record<string, string> = {};
  const entries = [...values].filter(([name]) => /^(n|t|s|b|lo|hi):/.test(name));
  // Only what the page showed may change: yes/no and choices as the page was drawn, the other
  // fields as the document is once those have added or removed parts (a part turned off posts
  // its fields still, and they must not bring it back; a stale or forged name changes nothing).
  let shown = shownNames(start, lang);
  const byPrefix = (prefix: string) =>
    entries
      .filter(([name]) => name.startsWith(`${prefix}:`) && shown.has(name))
      .map(([name, v]) => [name.slice(prefix.length + 1), v, name] as const);
  const refuse = (name: string, message: string, text?: string) => {
    errors.set(name, message);
    if (text !== undefined) typed[name] = text;
  };

  // 1. Yes/no fields, some of which add or remove structure: first, so the fields they bring post next time.
  const lineWorkflows = new Map<string, Set<string>>();
  for (const [path, value] of byPrefix('b')) {
    const on = value === 'true';
    const parts = path.split('.');
    if (parts[0] === 'options' && parts[2] === 'effects' && parts.length === 4) {
      const [, optionId, , workflowId] = parts as [string, string, string, string];
      const option = doc.options.find((o) => o.id === optionId);
      const workflow = doc.workflows.find((w) => w.id === workflowId);
      if (!option || !workflow) continue;
      const has = option.effects.some((e) => e.workflowId === workflowId);
      if (on && !has) {
        const effect = effectFor(workflow, doc.hospital, option.kind);
        doc = addEffect(doc, optionId, effect);
        // The same default ranges as an effect an option was made with.
        for (const [at, range] of Object.entries(
          effectRanges(`options.${optionId}.effects.${workflowId}`, effect),
        ))
          doc = setDistribution(doc, at, range);
      }
      if (!on && has) doc = removeEffect(doc, optionId, workflowId);
    } else if (parts[0] === 'options' && parts[2] === 'stopRule' && parts.length === 3) {
      const has = getAt(doc, path) !== undefined;
      if (on !== has) doc = setAt(doc, path, on ? {} : undefined);
    } else if (path === 'budget.byYear') {
      const list = doc.budget.informatizationByYear;
      const has = Array.isArray(list) && list.length > 0;
      if (on && !has) {
        // Each year as it was (the first year's budget grown), for the user to type over.
        doc = setAt(doc, 'budget.informatizationByYear', budgetsByYear(doc.budget, doc.horizonYears));
      } else if (!on && has) {
        doc = setAt(
          doc,
          'budget.informatizationBaseAnnual',
          doc.budget.informatizationBaseAnnual ?? list![0],
        );
        doc = setAt(doc, 'budget.informatizationByYear', undefined);
      }
    } else if (path === 'procurement') {
      if (on && !doc.procurement)
        doc = { ...doc, procurement: { tenderThreshold: 4_000_000, tenderMonths: 3 } };
      if (!on && doc.procurement) {
        const { procurement: _p, ...rest } = doc;
        doc = { ...rest, options: rest.options.map(({ tenderMonths: _t, ...o }) => o) } as Doc;
      }
    } else if (fieldOf(path) === 'excluded' && parts[parts.length - 2] === 'vat') {
      const linePath = parts.slice(0, -2).join('.');
      const vat = getAt(doc, `${linePath}.vat`) as { included: boolean; rate: number } | undefined;
      const excluded = vat !== undefined && !vat.included;
      if (on && !excluded) doc = setAt(doc, `${linePath}.vat`, { included: false, rate: vat?.rate ?? 0.06 });
      if (!on && vat !== undefined) doc = setAt(doc, `${linePath}.vat`, undefined);
    } else if (parts[parts.length - 2] === 'workflowIds') {
      const linePath = parts.slice(0, -2).join('.');
      const set = lineWorkflows.get(linePath) ?? new Set<string>();
      if (on) set.add(parts[parts.length - 1]!);
      lineWorkflows.set(linePath, set);
    } else if (fieldOf(path) === 'capex' && getAt(doc, path) !== on) {
      doc = setAt(doc, path, on);
    }
  }
  for (const [linePath, chosen] of lineWorkflows) {
    const [, optionId] = linePath.split('.');
    const covered = doc.options.find((o) => o.id === optionId)?.effects.map((e) => e.workflowId) ?? [];
    const list = covered.filter((id) => chosen.has(id));
    const current = getAt(doc, `${linePath}.workflowIds`) as string[] | undefined;
    // None ticked, or all where the line had no list, is the default: it follows every workflow
    // of its option (a list it had stays a list, so a workflow added later is not taken in).
    const all = list.length === covered.length && current === undefined;
    const next = list.length === 0 || all ? undefined : list;
    if (JSON.stringify(next) !== JSON.stringify(current)) doc = setAt(doc, `${linePath}.workflowIds`, next);
  }

  // 2. Choices. A kind or basis changes what the item holds.
  for (const [path, value, name] of byPrefix('s')) {
    const current = getAt(doc, path);
    if (current === value || (current === undefined && value === '')) continue;
    const parts = path.split('.');
    const field = fieldOf(path);
    try {
      if (parts[0] === 'options' && parts.length === 3 && field === 'kind') {
        doc = setOptionKind(doc, parts[1]!, value as OptionKind, defaultPilot);
      } else if (parts[0] === 'options' && parts[2] === 'effects' && field === 'basis') {
        const effect = getAt(doc, parts.slice(0, 4).join('.')) as Doc['options'][number]['effects'][number];
        const common = {
          workflowId: effect.workflowId,
          adoption: effect.adoption,
          ...(effect.scopeShare !== undefined ? { scopeShare: effect.scopeShare } : {}),
          ...(effect.verificationMinutesPerTask !== undefined
            ? { verificationMinutesPerTask: effect.verificationMinutesPerTask }
            : {}),
        };
        const next =
          value === 'measured'
            ? { ...common, basis: 'measured', evidence: { kind: 'measured' } }
            : { ...common, basis: 'claimed', evidence: { kind: 'claimed' } };
        doc = replaceEffect(doc, parts[1]!, next as unknown as typeof effect);
      } else if (parts[0] === 'options' && parts[2] === 'pilot' && field === 'scaleUpOptionId') {
        doc = setPilotTarget(doc, parts[1]!, value);
      } else if (parts[0] === 'realization' && field === 'mode') {
        doc = setAt(doc, parts.slice(0, 2).join('.'), { mode: value });
      } else if (field === 'kind' && parts[parts.length - 2]?.toLowerCase().endsWith('evidence')) {
        const evidencePath = parts.slice(0, -1).join('.');
        const old = getAt(doc, evidencePath) as Evidence | undefined;
        const keep = old && 'note' in old && old.note !== undefined ? { note: old.note } : {};
        doc = setAt(doc, evidencePath, { kind: value, ...keep });
      } else {
        doc = setAt(doc, path, value === '' ? undefined : value);
      }
    } catch (error) {
      if (error instanceof StructureRefusal) refuse(name, refusalMessage(doc, error, lang), value);
      else throw error;
    }
  }

  shown = shownNames(doc, lang);

  // 3. Texts: a name or note changes only where what was typed differs from what was shown.
  for (const [path, value, name] of byPrefix('t')) {
    const current = getAt(doc, path) as LocalizedText | string | undefined;
    const shown = current === undefined ? '' : localize(current as LocalizedText, lang);
    if (value.trim() === shown.trim()) continue;
    if (value.length > 2000) {
      refuse(name, lang === 'zh-CN' ? '最多 2000 个字符' : 'At most 2,000 characters', value.slice(0, 2000));
      continue;
    }
    const text = value.trim();
    if (SHOWN_TEXT_PATHS.test(path) && fieldOf(path) === 'name')
      doc = setAt(doc, path, renamed(current as LocalizedText, text, lang));
    else doc = setAt(doc, path, text === '' ? undefined : text);
  }

  // 4. Numbers, as people write them.
  for (const [path, text, name] of byPrefix('n')) {
    const spec = fieldSpec(fieldNameOf(path));
    const kind = spec.kind === 'month' ? 'integer' : spec.kind;
    const current = getAt(doc, path);
    if (text.trim() === '') {
      if (ruleFor(path)) doc = markEstimated(doc, path, true);
      else if (current !== undefined) doc = setAt(doc, path, undefined);
      continue;
    }
    const parsed = parseNumber(text, kind, { allowNegative: spec.signed === true || kind === 'decimal' });
    if (!parsed.ok) {
      refuse(name, numberProblemMessage(parsed.code, parsed.params, lang), text);
      continue;
    }
    if (parsed.echo) echoes.set(name, parsed.echo);
    if (current === parsed.value) continue;
    doc = setAt(doc, path, parsed.value);
    doc = estimatedBy(doc, path) ? markEstimated(doc, path, false) : forgetStaleText(doc, path);
    // A number that arrives for the first time gets the default range of its evidence.
    if (
      current === undefined &&
      RANGE_ON_ARRIVAL.has(fieldOf(path)) &&
      !isStructuralInput(path) &&
      !doc.uncertainty?.inputs?.[path]
    ) {
      const range = defaultRange(path, parsed.value, evidenceAt(doc, path));
      if (range) doc = setDistribution(doc, path, range);
    }
  }

  // 5. Ranges: both ends, or neither (a fixed number).
  for (const [path, lowText, lowName] of byPrefix('lo')) {
    const highName = `hi:${path}`;
    const highText = values.get(highName) ?? '';
    const current = doc.uncertainty?.inputs?.[path];
    if (current?.kind === 'sameAs') continue;
    if (lowText.trim() === '' && highText.trim() === '') {
      if (current) doc = setDistribution(doc, path, undefined);
      continue;
    }
    if (lowText.trim() === '' || highText.trim() === '') {
      refuse(
        lowName,
        lang === 'zh-CN'
          ? '请同时填写最低值和最高值，或都留空'
          : 'Give both the low and the high value, or neither',
        lowText,
      );
      typed[highName] = highText;
      continue;
    }
    const spec = fieldSpec(fieldNameOf(path));
    const kind = spec.kind === 'month' ? 'integer' : spec.kind;
    const options = { allowNegative: spec.signed === true || kind === 'decimal' };
    const low = parseNumber(lowText, kind, options);
    const high = parseNumber(highText, kind, options);
    if (!low.ok || !high.ok) {
      const bad = !low.ok ? low : (high as Extract<typeof high, { ok: false }>);
      if (!bad.ok) refuse(lowName, numberProblemMessage(bad.code, bad.params, lang), lowText);
      typed[highName] = highText;
      continue;
    }
    const previous = current && 'low' in current ? current : undefined;
    if (previous && previous.low === low.value && previous.high === high.value) continue;
    const next: Distribution =
      previous && previous.kind !== 'lognormal'
        ? ({ ...previous, low: low.value, high: high.value } as Distribution)
        : { kind: 'pert', low: low.value, high: high.value };
    doc = setDistribution(doc, path, next);
  }

  doc = refreshEstimates(syncReferences(budgetYearsFollowHorizon(doc)));
  return { doc, errors, echoes, typed };
}
