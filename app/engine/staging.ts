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
import { yearOf } from './timeline';
import type { Track } from './track';

/** Cost-line kinds whose amounts follow the AI tasks of the effects they are linked to. */
const TASK_DRIVEN = new Set(['perUnit', 'cloudTokens', 'onPremCompute', 'custom']);

/** Ways a track can run kept per option (start, end, stopped). */
const MAX_GEOMETRIES = 64;

/** An option's memo is skipped when more inputs than this could change it (comparing costs more). */
const OPTION_MEMO_MAX_INPUTS = 32;

interface StaticContribution {
  /** Cash out of the track's static lines by plan year (what a trial reads of it). */
  costsByYear: Float64Array;
  /** Resale recoveries (null: none) over months [from, to]. */
  recoveries: Float64Array | null;
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
  /** Inputs a trial may not change (they must keep their base value). */
  readonly fixedSlots: Int32Array;
  readonly timelineVaries: boolean;
  readonly budgetVaries: boolean;
  /** Static parts live only in compact ledgers (no funding reads a category's cost). */
  readonly compact: boolean;
  readonly options: OptionStaging[];
}

/**
 * Where the changing inputs are, in one pass over them: which sections of the document, which
 * options' effects and cost lines, and each option's changing inputs. (Linear in the inputs: a
 * document may have thousands.)
 */
function locateChanging(model: Model, varying: Uint8Array) {
  const sections = new Set<string>();
  const effects = new Set<string>();
  const lines = new Set<string>();
  const byOption = new Map<number, number[]>();
  const global: number[] = [];
  model.params.paths.forEach((path, slot) => {
    if (!varying[slot]) return;
    const parts = path.split('.');
    if (parts[0] !== 'options') {
      sections.add(parts[0]!);
      global.push(slot);
      return;
    }
    const k = Number(parts[1]);
    if (!byOption.has(k)) byOption.set(k, []);
    byOption.get(k)!.push(slot);
    if (parts[2] === 'effects') effects.add(`${k}.${parts[3]}`);
    if (parts[2] === 'costLines') lines.add(`${k}.${parts[3]}`);
  });
  return { sections, effects, lines, byOption, global };
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
  const changing = locateChanging(model, varying);
  const hospitalVaries = changing.sections.has('hospital');
  const workflowTasksVary = varies(model.workflows.map((w) => w.slots.tasksPerDriverUnit));
  /**
   * A cost line reads its own fields and the hospital's; one that follows AI tasks also the
   * workflows' volumes and every input of the effects it is linked to; a custom expression
   * also hours freed (baseline minutes) and the user's variables.
   */
  const lineVaries = (k: number, j: number, line: ModelCostLine): boolean => {
    if (changing.lines.has(`${k}.${j}`) || hospitalVaries) return true;
    const kind = line.line.kind;
    if (!TASK_DRIVEN.has(kind)) return false;
    if (workflowTasksVary || line.effectIndices.some((e) => changing.effects.has(`${k}.${e}`))) return true;
    return kind === 'custom' && (changing.sections.has('workflows') || changing.sections.has('variables'));
  };
  const options = model.options.map((option, k): OptionStaging => {
    const isStatic = option.costLines.map((line, j) => compact && !lineVaries(k, j, line));
    const target = option.pilot ? option.pilot.scaleUpOptionIndex : -1;
    // The option's outcome reads its own inputs, its scale-up's and everything outside the options.
    const deps = [
      ...changing.global,
      ...(changing.byOption.get(k) ?? []),
      ...(target >= 0 && target !== k ? (changing.byOption.get(target) ?? []) : []),
    ];
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
  if (!s.anyStatic) return null;
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
    // What a trial reads is kept: cash out by year, and recoveries (from selling equipment,
    // rare) by month over the months that have any.
    let from = 0;
    let to = track.model.months - 1;
    while (from <= to && scratch.recoveries[from] === 0) from++;
    while (to >= from && scratch.recoveries[to] === 0) to--;
    const recoveries = from <= to ? scratch.recoveries.slice() : null;
    const costs = scratch.costs[0]!;
    const costsByYear = new Float64Array(Math.ceil(costs.length / 12));
    for (let t = 0; t < costs.length; t++) costsByYear[yearOf(t)]! += costs[t]!;
    contribution = { costsByYear, recoveries, from, to };
    // A handful of geometries in practice (months are not uncertain); a bound all the same.
    if (s.byGeometry.size >= MAX_GEOMETRIES) s.byGeometry.clear();
    s.byGeometry.set(key, contribution);
  }
  const { costsByYear, recoveries, from, to } = contribution;
  if (!ledger.byYear) throw new Error('Static lines are booked only into a compact ledger');
  const cashOut = ledger.byYear.cashOut;
  for (let y = 0; y < costsByYear.length; y++) cashOut[y]! += costsByYear[y]!;
  if (recoveries) {
    for (let t = from; t <= to; t++) ledger.recoveries[t]! += recoveries[t]!;
    ledger.inflowsBooked = true;
  }
  return s.isStatic;
}
