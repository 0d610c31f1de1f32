/**
 * The fields of the case forms as data a view draws: each with its form name, label, unit,
 * value as typed, hint, error, the estimate or range beside it. Built on the server from the
 * draft document and the catalogue; the view (form-view.tsx) only draws them.
 *
 * Form names say what a field is and where, by id path: `n:` a number, `t:` a text, `s:` a
 * choice, `b:` a yes/no, `lo:`/`hi:` a range's ends.
 */
import { estimateAt, estimatedBy, ruleFor } from '~/builder/estimates';
import { getAt } from '~/builder/paths';
import { RANGE_REASON } from '~/builder/ranges';
import type { Bilingual } from '~/builder/suggestion';
import type { Choice } from '~/catalogue/choices';
import { evidenceWithNote } from '~/catalogue/evidence';
import { fieldNameOf, fieldSpec, formatFieldValue, unitOf } from '~/catalogue/fields';
import type { Distribution, Evidence, LocalizedText, ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { isStructuralInput } from '~/engine/uncertainty/bounds';
import { formatForInput } from '~/forms/number';

type Doc = ScenarioInput;

export type Control = 'number' | 'text' | 'textarea' | 'select' | 'flag';

export interface FormField {
  /** The form name: `n:hospital.beds`. */
  name: string;
  control: Control;
  label: string;
  unit?: string;
  hint?: string;
  /** As typed into the box (a number formatted the way people write it), or the choice's value. */
  value: string;
  options?: Choice[];
  /** A value must be given (shown as such; validation enforces it). */
  required?: boolean;
  error?: string;
  /** How a typed value was read, where it may surprise ("0.15%"). */
  echo?: string;
  /** Reference figures behind the value or the hint, shown one click away. */
  refs?: string[];
  estimate?: { text: string; typed: boolean };
  /** Where the number comes from, as the case says (measured, claimed or assumed, and the detail). */
  evidence?: { kind: Evidence['kind']; detail: string };
  range?: FieldRange;
}

export type FieldRange =
  { lowName: string; highName: string; low: string; high: string; reason: string } | { follows: string };

/** What every builder needs: the document, the language, what the user typed and what is wrong. */
export interface FormContext {
  doc: Doc;
  lang: Lang;
  /** Raw text the user posted, by form name: shown again where it was refused. */
  typed: Readonly<Record<string, string>>;
  /** Errors by form name. */
  errors: ReadonlyMap<string, string>;
  echoes: ReadonlyMap<string, string>;
}

export const fieldOf = (path: string) => path.slice(path.lastIndexOf('.') + 1);

export const t = (lang: Lang, text: Bilingual) => text[lang];

/** The evidence an input's default range is judged by: its own source, its item's, else assumed. */
function evidenceKindFor(doc: Doc, path: string): Evidence['kind'] {
  const own = doc.sources?.[path];
  if (own) return own.kind;
  const parts = path.split('.');
  if (parts[0] === 'options' && parts[2] === 'effects') {
    const option = doc.options.find((o) => o.id === parts[1]);
    const effect = option?.effects.find((e) => e.workflowId === parts[3]);
    const field = fieldOf(path);
    if (effect && (field === 'claimedReduction' || field === 'minutesWithAiPerTask'))
      return effect.evidence.kind;
  }
  if (parts[0] === 'workflows' && fieldOf(path) === 'baselineMinutesPerTask') {
    return doc.workflows.find((w) => w.id === parts[1])?.baselineEvidence.kind ?? 'assumed';
  }
  return 'assumed';
}

function rangeOf(ctx: FormContext, path: string, placeOf: (path: string) => string): FieldRange | undefined {
  const field = fieldNameOf(path);
  const spec = fieldSpec(field);
  const d: Distribution | undefined = ctx.doc.uncertainty?.inputs?.[path];
  // A range where the catalogue offers one, or where the case already has one.
  if ((!spec.uncertain && (!d || d.kind === 'fixed')) || isStructuralInput(path)) return undefined;
  if (d?.kind === 'sameAs') return { follows: placeOf(d.input) };
  const kind = spec.kind === 'month' ? 'integer' : spec.kind;
  const show = (v: number | undefined) => (v === undefined ? '' : formatForInput(v, kind, ctx.lang));
  const low = d && 'low' in d ? d.low : undefined;
  const high = d && 'high' in d ? d.high : undefined;
  const evidence = evidenceKindFor(ctx.doc, path);
  return {
    lowName: `lo:${path}`,
    highName: `hi:${path}`,
    low: ctx.typed[`lo:${path}`] ?? show(low),
    high: ctx.typed[`hi:${path}`] ?? show(high),
    reason:
      low === undefined
        ? `${ctx.lang === 'zh-CN' ? '留空：模拟中为固定值。' : 'Empty: a fixed number in the simulation. '}${RANGE_REASON[evidence][ctx.lang]}`
        : RANGE_REASON[evidence][ctx.lang],
  };
}

export interface NumberOptions {
  label?: string;
  hint?: string;
  required?: boolean;
  refs?: string[];
  /** Where a range names another input: that input in words. */
  placeOf?: (path: string) => string;
}

/** A number field at an id path, typed the way the catalogue says. */
export function numberField(ctx: FormContext, path: string, options: NumberOptions = {}): FormField {
  const field = fieldNameOf(path);
  const spec = fieldSpec(field);
  const name = `n:${path}`;
  const current = getAt(ctx.doc, path);
  const kind = spec.plain ? 'decimal' : spec.kind === 'month' ? 'integer' : spec.kind;
  const value =
    ctx.typed[name] ?? (typeof current === 'number' ? formatForInput(current, kind, ctx.lang) : '');
  const out: FormField = {
    name,
    control: 'number',
    label: options.label ?? spec.label[ctx.lang],
    unit: unitOf(field, ctx.doc.currency ?? 'CNY', ctx.lang),
    value,
    ...(options.required ? { required: true } : {}),
  };
  const hint = options.hint ?? spec.hint?.[ctx.lang];
  if (hint) out.hint = hint;
  if (options.refs?.length) out.refs = options.refs;
  // An estimate is offered where the number is estimated, or typed with nothing cited for it.
  const cited = ctx.doc.sources?.[path] !== undefined && !estimatedBy(ctx.doc, path);
  if (ruleFor(path) && !cited) {
    const e = estimateAt(ctx.doc, path);
    const typedByUser = !estimatedBy(ctx.doc, path);
    if (e) {
      const shown = formatFieldValue(field, e.value, ctx.doc.currency ?? 'CNY', ctx.lang);
      out.estimate = {
        typed: typedByUser,
        text: typedByUser
          ? ctx.lang === 'zh-CN'
            ? `你填的。参考数据估算为 ${shown}：${e.explain[ctx.lang]}。清空此格可改用估算值。`
            : `Your number. The reference figures give ${shown}: ${e.explain[ctx.lang]}. Empty the box to use the estimate.`
          : ctx.lang === 'zh-CN'
            ? `按参考数据估算：${e.explain[ctx.lang]}。填入本院数字即可替换。`
            : `Estimated from the reference figures: ${e.explain[ctx.lang]}. Type your own number to replace it.`,
      };
      out.refs = [...(out.refs ?? []), ...e.refs];
    }
  }
  const source = ctx.doc.sources?.[path];
  if (source && !('estimate' in source && source.estimate)) {
    out.evidence = { kind: source.kind, detail: evidenceWithNote(source, ctx.lang) };
    if (source.kind !== 'measured' && source.ref) out.refs = [...(out.refs ?? []), source.ref];
  }
  const range = rangeOf(ctx, path, options.placeOf ?? ((p) => p));
  if (range) out.range = range;
  const error = ctx.errors.get(name) ?? ctx.errors.get(`lo:${path}`) ?? ctx.errors.get(`hi:${path}`);
  if (error) out.error = error;
  const echo = ctx.echoes.get(name);
  if (echo) out.echo = echo;
  return out;
}

/** A text field; a name or note shown in the page's language. */
export function textField(
  ctx: FormContext,
  path: string,
  label: string,
  options: { required?: boolean; hint?: string; long?: boolean } = {},
): FormField {
  const name = `t:${path}`;
  const current = getAt(ctx.doc, path) as LocalizedText | undefined;
  const out: FormField = {
    name,
    control: options.long ? 'textarea' : 'text',
    label,
    value: ctx.typed[name] ?? (current === undefined ? '' : localize(current, ctx.lang)),
    ...(options.required ? { required: true } : {}),
    ...(options.hint ? { hint: options.hint } : {}),
  };
  const error = ctx.errors.get(name);
  if (error) out.error = error;
  return out;
}

/** A choice among closed options; `value` is the current one ('' for none). */
export function selectField(
  ctx: FormContext,
  path: string,
  label: string,
  options: Choice[],
  extra: { hint?: string; value?: string } = {},
): FormField {
  const name = `s:${path}`;
  const current = getAt(ctx.doc, path);
  const out: FormField = {
    name,
    control: 'select',
    label,
    options,
    value: ctx.typed[name] ?? extra.value ?? (typeof current === 'string' ? current : ''),
    ...(extra.hint ? { hint: extra.hint } : {}),
  };
  const error = ctx.errors.get(name);
  if (error) out.error = error;
  return out;
}

/** A yes/no at a path (a stored boolean, or a virtual one such as "has a stop rule"). */
export function flagField(
  ctx: FormContext,
  path: string,
  label: string,
  checked: boolean,
  hint?: string,
): FormField {
  const name = `b:${path}`;
  const typed = ctx.typed[name];
  const out: FormField = {
    name,
    control: 'flag',
    label,
    value: typed === undefined ? String(checked) : typed,
    ...(hint ? { hint } : {}),
  };
  const error = ctx.errors.get(name);
  if (error) out.error = error;
  return out;
}
