/**
 * Keeping a document's references in step with its structure. After a workflow, an option, an
 * effect or a line is added, renamed, moved or removed, every reference to it is rewritten or
 * dropped here, once, so no dangling reference ever reaches validation (and so the user):
 * effects on a removed workflow, a line's or a rule's workflow that the option no longer
 * covers, a pilot's scale-up target, and the inputs named in `sources` and `uncertainty`
 * (rewritten to id paths, which survive reordering).
 */
import type { Distribution, OptionKind, ScenarioInput, Uncertainty } from '~/engine/schema';
import { isStructuralInput } from '~/engine/uncertainty/bounds';

import { getAt, inputPaths } from './paths';

const parentOf = (path: string) => (path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '');
const isItem = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);

type Doc = ScenarioInput;
type OptionInput = Doc['options'][number];
type UncertaintyInput = NonNullable<Doc['uncertainty']>;

const isScaleUpKind = (kind: OptionKind) => kind === 'buy' || kind === 'build';

/** Effects, lines and rules pointing at workflows the option no longer covers. */
function syncOption(
  option: OptionInput,
  workflowIds: ReadonlySet<string>,
  options: readonly OptionInput[],
): OptionInput {
  const effects = option.effects.filter((e) => workflowIds.has(e.workflowId));
  const covered = new Set(effects.map((e) => e.workflowId));
  const costLines = option.costLines.map((line) => {
    if (!('workflowIds' in line) || line.workflowIds === undefined) return line;
    const kept = line.workflowIds.filter((id) => covered.has(id));
    if (kept.length === line.workflowIds.length) return line;
    // An empty list would mean "none"; without the list a line follows all the option's workflows.
    const { workflowIds: _dropped, ...rest } = line;
    return (kept.length > 0 ? { ...rest, workflowIds: kept } : rest) as typeof line;
  });
  let { stopRule, pilot } = option;
  if (stopRule?.workflowId !== undefined && !covered.has(stopRule.workflowId)) {
    const { workflowId: _w, ...rest } = stopRule;
    stopRule = rest;
  }
  if (pilot) {
    const rule = pilot.decisionRule;
    if (rule.workflowId !== undefined && !covered.has(rule.workflowId)) {
      const { workflowId: _w, ...rest } = rule;
      pilot = { ...pilot, decisionRule: rest };
    }
    const target = options.find((o) => o.id === pilot!.scaleUpOptionId);
    if (!target || !isScaleUpKind(target.kind)) {
      // Another buy or build option if there is one; if not, validation asks for one.
      const other = options.find((o) => o.id !== option.id && isScaleUpKind(o.kind));
      if (other) pilot = { ...pilot, scaleUpOptionId: other.id };
    }
  }
  const changed =
    effects.length !== option.effects.length ||
    costLines.some((l, i) => l !== option.costLines[i]) ||
    stopRule !== option.stopRule ||
    pilot !== option.pilot;
  if (!changed) return option;
  const out: OptionInput = { ...option, effects, costLines };
  if (stopRule) out.stopRule = stopRule;
  else delete out.stopRule;
  if (pilot) out.pilot = pilot;
  return out;
}

/** The uncertainty block with every input named by its id path, and nothing that names no input. */
function syncUncertainty(
  u: UncertaintyInput,
  resolve: (path: string) => string | undefined,
): UncertaintyInput {
  const inputs: Record<string, Distribution> = {};
  for (const [path, d] of Object.entries(u.inputs ?? {})) {
    const at = resolve(path);
    if (at !== undefined && !Object.hasOwn(inputs, at)) inputs[at] = d;
  }
  const drawn = (path: string) => {
    const d = Object.hasOwn(inputs, path) ? inputs[path] : undefined;
    return d !== undefined && d.kind !== 'fixed' && d.kind !== 'sameAs';
  };
  // A follower takes its leader's draw: renamed with it, dropped without it.
  for (const [path, d] of Object.entries(inputs)) {
    if (d.kind !== 'sameAs') continue;
    const leader = resolve(d.input);
    if (leader === undefined || !drawn(leader)) delete inputs[path];
    else if (leader !== d.input) inputs[path] = { kind: 'sameAs', input: leader };
  }
  const pairs = new Set<string>();
  const correlations: Uncertainty['correlations'] = [];
  for (const c of u.correlations ?? []) {
    const a = resolve(c.a);
    const b = resolve(c.b);
    if (a === undefined || b === undefined || a === b || !drawn(a) || !drawn(b)) continue;
    const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    correlations.push({ a, b, rho: c.rho });
  }
  return { ...u, inputs, correlations };
}

/**
 * The document with every reference made good: see the module comment. Idempotent; returns
 * a new document and leaves its argument as it was.
 */
export function syncReferences(doc: Doc): Doc {
  const workflowIds = new Set(doc.workflows.map((w) => w.id));
  const options = doc.options.map((o) => syncOption(o, workflowIds, doc.options));
  const synced: Doc = { ...doc, options };
  // Resolve any input path, by index or by id, to its id path; structural numbers are no inputs.
  const byPath = new Map<string, string>();
  for (const { indexPath, idPath } of inputPaths(synced)) {
    if (isStructuralInput(indexPath)) continue;
    byPath.set(idPath, idPath);
    if (!byPath.has(indexPath)) byPath.set(indexPath, idPath);
  }
  const resolve = (path: string) => byPath.get(path);
  if (doc.sources) {
    const sources: NonNullable<Doc['sources']> = {};
    // Sources may also name structural numbers (a go-live month cited from a plan): keep those by id too.
    const anyInput = new Map<string, string>();
    for (const { indexPath, idPath } of inputPaths(synced)) {
      anyInput.set(idPath, idPath);
      if (!anyInput.has(indexPath)) anyInput.set(indexPath, idPath);
    }
    for (const [path, evidence] of Object.entries(doc.sources)) {
      // An estimate waiting for what it rests on (no beds yet) has no number: kept while its item exists.
      const waiting =
        evidence.kind !== 'measured' &&
        evidence.estimate !== undefined &&
        isItem(parentOf(path) ? getAt(synced, parentOf(path)) : synced);
      const at = anyInput.get(path) ?? (waiting ? path : undefined);
      if (at !== undefined && !Object.hasOwn(sources, at)) sources[at] = evidence;
    }
    synced.sources = sources;
  }
  if (doc.uncertainty) synced.uncertainty = syncUncertainty(doc.uncertainty, resolve);
  return synced;
}
