/**
 * What stays the same from one Monte Carlo trial to the next. Trials change only the uncertain
 * inputs, so whatever reads none of them is worked out once and reused: the timeline of
 * volumes, the AI budget, and cost lines such as a licence fee or a salary (once per track
 * geometry: where the track starts, ends and whether it stopped). An option none of whose
 * inputs changed since the last run keeps its outcome (a sweep moves one input at a time).
 *
 * Which input feeds what is read from the model's structure, conservatively (a line that uses
 * AI tasks depends on every input of the effects it is linked to, the hospital and the
 * workflows' volumes). A property test compares staged trials with the full run.
 */
import { bookCostLine } from './cost-lines';
import { emptyLedger, type Ledger } from './ledger';
import type { Model, ModelCostLine } from './model';
import type { Track } from './track';

/** Cost-line kinds whose amounts follow the AI tasks of the effects they are linked to. */
const TASK_DRIVEN = new Set(['perUnit', 'cloudTokens', 'onPremCompute', 'custom']);

/** An option's memo is skipped when more inputs than this could change it (comparing costs more). */
const OPTION_MEMO_MAX_INPUTS = 32;

interface StaticContribution {
  /** Cash out and resale recoveries of the track's static lines, over months [from, to]. */
  costs: Float64Array;
  recoveries: Float64Array;
  from: number;
  to: number;
}

interface OptionStaging {
  /** Per cost line: reads no input a trial changes. */
  isStatic: boolean[];
  anyStatic: boolean;
  byGeometry: Map<number, StaticContribution>;
  /** The changing inputs the option's outcome depends on, and their values at its last run. */
  memoSlots: Int32Array | null;
  memoValues: Float64Array;
  memoValid: boolean;
}

export interface Staging {
  /** Inputs a trial may change; any other must keep its base value. */
  readonly varying: Uint8Array;
  readonly fixedSlots: Int32Array;
  readonly timelineVaries: boolean;
  readonly budgetVaries: boolean;
  /** Static parts live only in compact ledgers (no funding reads a category's cost). */
  readonly compact: boolean;
  readonly options: OptionStaging[];
}

const slotsUnder = (model: Model, prefix: string): number[] =>
  model.params.paths.flatMap((path, slot) => (path.startsWith(prefix) ? [slot] : []));

function lineDependencies(
  model: Model,
  optionIndex: number,
  lineIndex: number,
  line: ModelCostLine,
): number[] {
  const deps = [
    ...slotsUnder(model, `options.${optionIndex}.costLines.${lineIndex}.`),
    ...slotsUnder(model, 'hospital.'),
  ];
  const kind = line.line.kind;
  if (!TASK_DRIVEN.has(kind)) return deps;
  deps.push(...model.workflows.map((w) => w.slots.tasksPerDriverUnit));
  for (const e of line.effectIndices) deps.push(...slotsUnder(model, `options.${optionIndex}.effects.${e}.`));
  // A custom expression may read hours freed (baseline minutes) and the user's variables.
  if (kind === 'custom') deps.push(...slotsUnder(model, 'workflows.'), ...slotsUnder(model, 'variables.'));
  return deps;
}

/** Staging for trials that change only `varyingSlots` (every input when none are given). */
export function createStaging(model: Model, varyingSlots?: Iterable<number>): Staging {
  const P = model.params.paths.length;
  const varying = new Uint8Array(P);
  if (varyingSlots) for (const slot of varyingSlots) varying[slot] = 1;
  else varying.fill(1);
  const varies = (slots: Iterable<number>) => {
    for (const slot of slots) if (slot >= 0 && varying[slot]) return true;
    return false;
  };
  const fixedSlots = Int32Array.from(model.params.paths.flatMap((_, slot) => (varying[slot] ? [] : [slot])));
  const compact = model.options.every((o) => o.funding.every((f) => f.line.kind !== 'shareOfCost'));
  const global = model.params.paths.flatMap((path, slot) => (path.startsWith('options.') ? [] : [slot]));
  const options = model.options.map((option, k): OptionStaging => {
    const isStatic = option.costLines.map(
      (line, j) => compact && !varies(lineDependencies(model, k, j, line)),
    );
    const target = option.pilot ? option.pilot.scaleUpOptionIndex : -1;
    const deps = [
      ...global,
      ...slotsUnder(model, `options.${k}.`),
      ...(target >= 0 ? slotsUnder(model, `options.${target}.`) : []),
    ].filter((slot) => varying[slot]);
    const memoSlots = deps.length <= OPTION_MEMO_MAX_INPUTS ? Int32Array.from(deps) : null;
    return {
      isStatic,
      anyStatic: isStatic.some(Boolean),
      byGeometry: new Map(),
      memoSlots,
      memoValues: new Float64Array(memoSlots?.length ?? 0),
      memoValid: false,
    };
  });
  const h = model.hospital;
  return {
    varying,
    fixedSlots,
    timelineVaries: varies([
      ...Object.values(h.slots),
      ...(h.seasonalitySlots ?? []),
      ...model.workflows.map((w) => w.slots.tasksPerDriverUnit),
    ]),
    budgetVaries: varies([...Object.values(model.budget.slots), ...(model.budget.byYearSlots ?? [])]),
    compact,
    options,
  };
}

/** Throws when a trial changed an input the staging took as fixed (a caller's mistake). */
export function checkFixedInputs(staging: Staging, model: Model, p: Float64Array): void {
  const { base, paths } = model.params;
  const fixed = staging.fixedSlots;
  for (let i = 0; i < fixed.length; i++) {
    const slot = fixed[i]!;
    if (p[slot] !== base[slot]) throw new Error(`A trial changed ${paths[slot]}, which was declared fixed`);
  }
}

/**
 * True when none of the option's changing inputs moved since its last run, so its last
 * outcome still holds; otherwise remembers the new values and returns false.
 */
export function optionUnchanged(staging: Staging, k: number, p: Float64Array): boolean {
  const s = staging.options[k]!;
  const slots = s.memoSlots;
  if (!slots) return false;
  let same = s.memoValid;
  for (let i = 0; i < slots.length; i++) {
    const value = p[slots[i]!]!;
    if (s.memoValues[i] !== value) {
      same = false;
      s.memoValues[i] = value;
    }
  }
  s.memoValid = true;
  return same;
}

/** Forgets an option's last outcome (its run did not finish). */
export function forgetOption(staging: Staging, k: number): void {
  staging.options[k]!.memoValid = false;
}

/**
 * Books the track's static cost lines into a compact ledger: worked out on the first track of
 * each geometry, added from then on. Returns which lines are left to book.
 */
export function bookStaticLines(staging: Staging, track: Track, ledger: Ledger): boolean[] | null {
  const s = staging.options[track.option.index]!;
  if (!s.anyStatic || !ledger.compact) return null;
  const span = track.model.months + 2;
  const key =
    (((track.offset + 1) * span + (track.windowStart + 1)) * span + (track.end + 1)) * 2 +
    (track.stopped ? 1 : 0);
  let contribution = s.byGeometry.get(key);
  if (!contribution) {
    const scratch = emptyLedger(track.model.months, true);
    track.option.costLines.forEach((line, j) => {
      if (s.isStatic[j]) bookCostLine(track, line, scratch);
    });
    const costs = scratch.costs[0]!;
    const recoveries = scratch.recoveries;
    let from = 0;
    let to = costs.length - 1;
    while (from <= to && costs[from] === 0 && recoveries[from] === 0) from++;
    while (to >= from && costs[to] === 0 && recoveries[to] === 0) to--;
    contribution = { costs, recoveries, from, to };
    s.byGeometry.set(key, contribution);
  }
  const { costs, recoveries, from, to } = contribution;
  const cashOut = ledger.costs[0]!;
  for (let t = from; t <= to; t++) {
    cashOut[t]! += costs[t]!;
    ledger.recoveries[t]! += recoveries[t]!;
  }
  return s.isStatic;
}
