/** What changed between two versions of a scenario: every leaf of the document, by path. */

export type Leaf = string | number | boolean | null;

export function flattenDocument(doc: unknown): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') {
      out.set(path, (node ?? null) as Leaf);
    } else if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, path ? `${path}.${i}` : String(i)));
    } else {
      for (const [key, child] of Object.entries(node)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(doc, '');
  return out;
}

export interface LeafChange {
  path: string;
  before: Leaf | undefined;
  after: Leaf | undefined;
}

export function diffDocuments(before: unknown, after: unknown): LeafChange[] {
  const a = flattenDocument(before);
  const b = flattenDocument(after);
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths]
    .filter((p) => a.get(p) !== b.get(p))
    .sort()
    .map((path) => ({ path, before: a.get(path), after: b.get(path) }));
}
