/**
 * Places in a scenario document named by ids, not positions: `options.opt-2.costLines.line-3.unitPrice`
 * (effects by their workflow, `options.opt-2.effects.wf-1.fit`). A form field, an uncertain input
 * or a source named this way keeps pointing at the same thing when items are added, removed or
 * reordered. Tiers and the yearly budget list, which have no ids, keep their positions.
 */

import { collectParams, itemId } from '~/engine/params';

type Node = Record<string, unknown>;

const isObject = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Index of the item with this key (an id, or a position for lists without ids), or −1. */
function findItem(list: unknown[], key: string): number {
  const byId = list.findIndex((item) => itemId(item) === key);
  if (byId >= 0) return byId;
  return /^(0|[1-9][0-9]*)$/.test(key) && Number(key) < list.length && itemId(list[Number(key)]) === null
    ? Number(key)
    : -1;
}

/** The value at an id path, or undefined. */
export function getAt(doc: unknown, path: string): unknown {
  let node: unknown = doc;
  for (const key of path.split('.')) {
    if (Array.isArray(node)) {
      const i = findItem(node, key);
      node = i < 0 ? undefined : node[i];
    } else if (isObject(node)) node = Object.hasOwn(node, key) ? node[key] : undefined;
    else return undefined;
  }
  return node;
}

/**
 * A copy of the document with the value at an id path set (undefined deletes it). Objects on
 * the way are created where missing; an array item that does not exist is an error, since a
 * form can only name what it was drawn from.
 */
export function setAt<T>(doc: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const write = (node: unknown, depth: number): unknown => {
    const key = keys[depth]!;
    const last = depth === keys.length - 1;
    if (Array.isArray(node)) {
      const i = findItem(node, key);
      if (i < 0) throw new Error(`No item "${key}" at ${keys.slice(0, depth).join('.')}`);
      const copy = node.slice();
      copy[i] = last ? value : write(node[i], depth + 1);
      return copy;
    }
    const object: Node = isObject(node) ? { ...node } : {};
    if (last) {
      if (value === undefined) delete object[key];
      else object[key] = value;
    } else object[key] = write(object[key], depth + 1);
    return object;
  };
  return write(doc, 0) as T;
}

export interface InputPath {
  /** As validation and the engine report it: `options.0.costLines.2.amount`. */
  indexPath: string;
  /** As forms, sources and uncertainty name it: `options.opt-1.costLines.line-3.amount`. */
  idPath: string;
}

/** Every numeric input of a document with both its paths, in document order (the engine's parameter table). */
export function inputPaths(doc: unknown): InputPath[] {
  const { paths, idPaths } = collectParams(doc);
  return paths.map((indexPath, i) => ({ indexPath, idPath: idPaths[i]! }));
}

/**
 * The id path of any place given by index path (`options.0.effects.1.fit` →
 * `options.opt-1.effects.wf-2.fit`), numeric or not; the path itself where an item on the way
 * does not exist.
 */
export function toIdPath(doc: unknown, indexPath: string): string {
  let node: unknown = doc;
  const out: string[] = [];
  for (const key of indexPath.split('.')) {
    if (Array.isArray(node) && /^[0-9]+$/.test(key)) {
      const item = node[Number(key)];
      out.push(itemId(item) ?? key);
      node = item;
    } else {
      out.push(key);
      node = isObject(node) ? node[key] : undefined;
    }
  }
  return out.join('.');
}
