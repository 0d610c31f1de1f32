/**
 * The case forms on the server: what a page of them shows (its sections, every problem in
 * words with a link to its field, the reference figures behind the defaults) and what a post
 * does to a draft (fields, then the button's structural edit, then the tender rule). Shared by
 * the new-case flow and the editor.
 */
import { refreshEstimates } from '~/builder/estimates';
import { syncReferences } from '~/builder/references';
import { validateScenario, type ScenarioInput, type ValidationProblem } from '~/engine';
import type { Lang } from '~/engine/text';
import { placeText } from '~/catalogue/place';
import { isTooLarge } from '~/models/drafts.server';
import { getFigures } from '~/models/reference.server';
import { formatFigureValue, yearText } from '~/reference/units';
import { sourceShown, type SourceShown } from '~/reference/sources';
import { GRADE_LABELS } from '~/reference/words';

import { applyForm, lastValues } from './apply';
import { applyTenderRule, firstYearAiBudget, optionFacts } from './facts';
import { domId } from './dom-id';
import type { FormField } from './form-fields';
import { sectionsFor } from './form-sections';
import { applyIntent, isStructuralIntent } from './intents';
import { problemInWords } from './problems';
import { allFields, type FormSection } from './section';

type Doc = ScenarioInput;

import { PARTS, type Part } from './parts';

export { PARTS, type Part };

/** Which top-level places of the document each part holds (for its problems). */
const PART_PATHS: Readonly<Record<Part, RegExp>> = {
  hospital: /^(name|hospital)(\.|$)/,
  budget: /^(budget|startYear|horizonYears|discountRate|procurement)(\.|$)/,
  workflows: /^(workflows|realization)(\.|$)/,
  options: /^(options|uncertainty|sources)(\.|$)/,
  settings: /^(uncertainty|procurement|variables|description|currency|priceYear)(\.|$)/,
};

export interface FigureInfo {
  label: string;
  value: string;
  grade: string;
  year: string;
  region: string;
  source: SourceShown;
}

export interface Problem {
  /** Place and field in words. */
  place: string;
  message: string;
  /** The DOM id of the field (or section) to jump to. */
  anchor: string | null;
}

export interface CasePage {
  sections: FormSection[];
  problems: Problem[];
  figures: Record<string, FigureInfo>;
}

export interface FormState {
  errors: ReadonlyMap<string, string>;
  echoes: ReadonlyMap<string, string>;
  typed: Readonly<Record<string, string>>;
}

export const EMPTY_STATE: FormState = { errors: new Map(), echoes: new Map(), typed: {} };

/** Finds the field (or the section) a problem's place belongs to. */
function anchorOf(fields: readonly FormField[], idPath: string): string | null {
  const inner = idPath.startsWith('uncertainty.inputs.')
    ? idPath.slice('uncertainty.inputs.'.length)
    : idPath;
  const target = inner.replace(/\.(low|high|input|min|max)$/, '');
  for (let path = target; path; path = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '') {
    const field = fields.find((f) => f.name.slice(f.name.indexOf(':') + 1) === path);
    if (field) return domId(field.name);
  }
  return null;
}

/**
 * The page of some parts of a case: its sections with every error at its field, and the
 * summary of problems. `problems` are the validation problems to show (none on a first look).
 */
export function casePage(
  draftDoc: Doc,
  lang: Lang,
  parts: readonly Part[],
  state: FormState,
  problems: readonly ValidationProblem[],
): CasePage {
  // Sources and ranges named by position (older documents) are found by id from here on.
  const doc = syncReferences(draftDoc);
  const inWords = problems.map((p) => problemInWords(draftDoc, p, lang));
  // Drawn once: a field's own error is what could not be read, else the first problem placed there.
  const sections = sectionsFor(
    { doc, lang, typed: state.typed, errors: state.errors, echoes: state.echoes },
    parts,
    {
      aiBudget: parts.includes('budget') ? firstYearAiBudget(doc) : null,
      options: parts.includes('options') ? optionFacts(doc, lang) : new Map(),
    },
  );
  const fields = allFields(sections);
  const summary: Problem[] = [];
  for (const [name, message] of state.errors) {
    summary.push({
      place: placeText(doc, name.slice(name.indexOf(':') + 1), lang),
      message,
      anchor: domId(name),
    });
  }
  for (const p of inWords) {
    const anchor = anchorOf(fields, p.path);
    const field = anchor ? fields.find((f) => domId(f.name) === anchor) : undefined;
    // What was typed and refused is the field's problem; the document's ("required") would repeat it.
    if (field && state.errors.has(field.name)) continue;
    if (field && !field.error) field.error = p.message;
    summary.push({ place: p.place, message: p.message, anchor });
  }
  const refs = [...new Set(fields.flatMap((f) => f.refs ?? []))];
  const figures: Record<string, FigureInfo> = {};
  for (const [id, f] of getFigures(refs)) {
    figures[id] = {
      label: f.label[lang],
      value: formatFigureValue(f, lang).value ?? (lang === 'zh-CN' ? '未找到' : 'not found'),
      grade: GRADE_LABELS[f.grade][lang],
      year: yearText(f.year, lang),
      region: f.region[lang],
      source: sourceShown(f.source, lang),
    };
  }
  return { sections, problems: summary, figures };
}

/** Validation problems of the parts a page shows. */
export function problemsOf(doc: Doc, parts: readonly Part[]): ValidationProblem[] {
  const validated = validateScenario(doc);
  if (validated.ok) return [];
  return validated.problems.filter((p) => parts.some((part) => PART_PATHS[part].test(p.path)));
}

const tooLarge = (lang: Lang) =>
  lang === 'zh-CN'
    ? '这个规划太大，无法保存（文字和数据合计不能超过 1 MB）：请删去一些内容'
    : 'This case is too large to keep (at most 1 MB of text and numbers): remove something first';

export interface Posted {
  doc: Doc;
  state: FormState;
  /** The button pressed: a structural edit, or the page's own ('next', 'save' …). */
  intent: string;
  refused?: string;
  anchor?: string;
}

/**
 * A post of the case forms applied to a draft: the fields, the structural button if it was
 * one, references kept in step, estimates worked out again, the tender rule applied where the
 * case validates; a case grown too large to keep is refused.
 */
export function postToDraft(doc: Doc, form: FormData, lang: Lang): Posted {
  const values = lastValues(form.entries());
  const intent = values.get('intent') ?? '';
  const applied = applyForm(doc, values, lang);
  let next = applied.doc;
  let refused: string | undefined;
  let anchor: string | undefined;
  if (isStructuralIntent(intent)) {
    const result = applyIntent(next, intent, values, lang);
    next = refreshEstimates(syncReferences(result.doc));
    refused = result.refused;
    anchor = result.anchor;
  }
  const validated = validateScenario(next);
  if (validated.ok) {
    const tendered = applyTenderRule(validated.scenario);
    if (tendered !== validated.scenario) next = tendered as Doc;
  }
  if (isTooLarge(next)) refused = tooLarge(lang);
  return {
    doc: next,
    state: { errors: applied.errors, echoes: applied.echoes, typed: applied.typed },
    intent,
    ...(refused ? { refused } : {}),
    ...(anchor ? { anchor } : {}),
  };
}
