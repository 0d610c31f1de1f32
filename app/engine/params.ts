/**
 * Every numeric input of a scenario, addressable by its path (`hospital.beds`,
 * `options.0.costLines.2.amount`). The compiled model reads inputs from a Float64Array by
 * index, so a run with changed inputs (a what-if, a Monte Carlo trial) only swaps numbers.
 */

/** Structural numbers: they shape the model rather than feed it, so they are not inputs. */
const STRUCTURAL = new Set([
  'schemaVersion',
  'horizonYears',
  'startYear',
  'priceYear',
  'procurement',
  'sources',
  'uncertainty',
]);

/**
 * Whether `key` under the node at `path` holds inputs of the model. Top-level settings
 * (STRUCTURAL) and an option's tender months (read from the document: they move the option's
 * timeline, a what-if cannot) hold none.
 */
function holdsInputs(path: string, key: string): boolean {
  if (path === '') return !STRUCTURAL.has(key);
  return !(key === 'tenderMonths' && /^options\.[^.]+$/.test(path));
}

export interface ParamTable {
  /** Each input's index path, as validation reports it. */
  readonly paths: readonly string[];
  /** Each input's id path, as forms, sources and uncertainty name it (its index path outside id'd lists). */
  readonly idPaths: readonly string[];
  readonly base: Float64Array;
  readonly index: ReadonlyMap<string, number>;
}

/** The id an array item is known by (workflows, options, lines by `id`; effects by `workflowId`). */
export function itemId(item: unknown): string | null {
  if (item === null || typeof item !== 'object') return null;
  const { id, workflowId } = item as { id?: unknown; workflowId?: unknown };
  if (typeof id === 'string') return id;
  if (typeof workflowId === 'string') return workflowId;
  return null;
}

/**
 * Every numeric input, by its index path (`options.0.effects.1.fit`, as validation reports
 * it). The index also knows each input by its id path (`options.buy-emr.effects.notes.fit`),
 * which survives reordering and deleting: `sources` and `uncertainty` should use those.
 */
export function collectParams(doc: unknown): ParamTable {
  const paths: string[] = [];
  const idPaths: string[] = [];
  const values: number[] = [];
  const index = new Map<string, number>();
  const walk = (node: unknown, path: string, alias: string): void => {
    if (typeof node === 'number') {
      index.set(path, paths.length);
      if (alias !== path && !index.has(alias)) index.set(alias, paths.length);
      paths.push(path);
      idPaths.push(alias);
      values.push(node);
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${path}.${i}`, `${alias}.${itemId(child) ?? i}`));
    } else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (!holdsInputs(path, key)) continue;
        walk(child, path === '' ? key : `${path}.${key}`, alias === '' ? key : `${alias}.${key}`);
      }
    }
  };
  walk(doc, '', '');
  return { paths, idPaths, base: Float64Array.from(values), index };
}

/** Index of a path, or -1 where the document has no number there (an optional field left out). */
export function paramIndex(table: ParamTable, path: string): number {
  return table.index.get(path) ?? -1;
}

/** The value at an index, or the fallback for -1. */
export function read(p: Float64Array, index: number, fallback = 0): number {
  return index < 0 ? fallback : p[index]!;
}

/** A copy of the base values with some inputs changed; unknown paths are an error. */
export function withOverrides(table: ParamTable, overrides: Readonly<Record<string, number>>): Float64Array {
  const values = table.base.slice();
  for (const [path, value] of Object.entries(overrides)) {
    const i = table.index.get(path);
    if (i === undefined) throw new Error(`Unknown input path: ${path}`);
    values[i] = value;
  }
  return values;
}

/**
 * A copy of the document with every input of the table set to `values` (the inverse of
 * collectParams): how a what-if becomes a document that can be saved as a new version.
 */
export function writeInputs<T>(doc: T, table: ParamTable, values: Float64Array): T {
  const copy = structuredClone(doc) as unknown;
  table.paths.forEach((path, i) => {
    if (values[i] === table.base[i]) return;
    const keys = path.split('.');
    let node = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]!] = values[i];
  });
  return copy as T;
}

/** A record keyed by input paths (index or id paths) re-keyed by slot; unknown paths are dropped. */
export function bySlot<T>(
  table: ParamTable,
  record: Readonly<Record<string, T>> | undefined,
): Map<number, T> {
  const out = new Map<number, T>();
  for (const [path, value] of Object.entries(record ?? {})) {
    const slot = table.index.get(path);
    if (slot !== undefined && !out.has(slot)) out.set(slot, value);
  }
  return out;
}
