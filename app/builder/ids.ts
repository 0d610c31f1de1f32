/**
 * Ids for what a user adds in the forms: `wf-2`, `opt-1`, `line-3`, `fund-1`. Generated once;
 * a rename changes only the name, so uncertain inputs, sources, sharing links and (later)
 * portfolios keep pointing at the same thing. A person never sees them.
 */

export type IdPrefix = 'wf' | 'opt' | 'line' | 'fund';

interface WithIds {
  workflows?: readonly { id: string }[];
  options?: readonly {
    id: string;
    costLines?: readonly { id: string }[];
    funding?: readonly { id: string }[];
  }[];
}

/** Every id of the document (workflows, options, cost and funding lines of every option). */
function allIds(doc: WithIds): string[] {
  return [
    ...(doc.workflows ?? []).map((w) => w.id),
    ...(doc.options ?? []).flatMap((o) => [
      o.id,
      ...(o.costLines ?? []).map((l) => l.id),
      ...(o.funding ?? []).map((f) => f.id),
    ]),
  ];
}

/**
 * The next id of a kind: one above the highest of that kind in the document. Cost and
 * funding lines are numbered across all options, so a line keeps a unique id if the way it
 * is reached ever changes.
 */
export function nextId(doc: WithIds, prefix: IdPrefix): string {
  const pattern = new RegExp(`^${prefix}-([0-9]{1,9})$`);
  let highest = 0;
  for (const id of allIds(doc)) {
    const match = pattern.exec(id);
    if (match) highest = Math.max(highest, Number(match[1]));
  }
  return `${prefix}-${highest + 1}`;
}
