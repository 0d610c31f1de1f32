/**
 * Structural edits of a scenario: add, rename, move and remove workflows, options, effects,
 * cost lines and funding lines. Each returns a new document whose references are in step
 * (references.ts): a removed workflow takes its effects with it, a removed option its pilots'
 * target, and no uncertain input or source is left naming something that is gone.
 */
import type { LocalizedText, OptionKind, ScenarioInput } from '~/engine/schema';
import type { Lang } from '~/engine/text';

import { nextId } from './ids';
import { syncReferences } from './references';

type Doc = ScenarioInput;
export type WorkflowInput = Doc['workflows'][number];
export type OptionInput = Doc['options'][number];
export type EffectInput = OptionInput['effects'][number];
export type CostLineInput = OptionInput['costLines'][number];
export type FundingLineInput = NonNullable<OptionInput['funding']>[number];
export type PilotInput = NonNullable<OptionInput['pilot']>;

/** What the caller gives for a new item: everything but its id, which is made here. */
export type New<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface Added {
  doc: Doc;
  id: string;
}

/**
 * An edit that would leave the case unable to run, refused with the reason (the form says it
 * in words, naming things by their names): removing the only option a pilot could scale into,
 * or making a pilot when there is nothing to scale into.
 */
export class StructureRefusal extends Error {
  constructor(
    readonly code: 'scaleUpTargetNeeded' | 'noScaleUpTarget',
    /** Ids of the options concerned (the pilots, or the option). */
    readonly optionIds: readonly string[],
  ) {
    super(code);
  }
}

const isScaleUp = (o: OptionInput) => o.kind === 'buy' || o.kind === 'build';

/** Refuses to leave a pilot with nothing to scale into when `remaining` are the options after an edit. */
function checkPilotsHaveTargets(remaining: readonly OptionInput[], changedId: string): void {
  const pilots = remaining.filter((o) => o.kind === 'pilot');
  if (pilots.length > 0 && !remaining.some(isScaleUp)) {
    throw new StructureRefusal(
      'scaleUpTargetNeeded',
      pilots.map((p) => p.id).filter((id) => id !== changedId),
    );
  }
}

/**
 * A name as typed in one language. Unchanged text keeps the document's (possibly bilingual)
 * name; changed text replaces it in both languages, since the other language's name would
 * now say something else.
 */
export function renamed(current: LocalizedText | undefined, text: string, lang: Lang): LocalizedText {
  const trimmed = text.trim();
  if (current !== undefined) {
    const shown = typeof current === 'string' ? current : (current[lang] ?? current['zh-CN'] ?? current.en);
    if (shown === trimmed) return current;
  }
  return trimmed;
}

/** Moves the item with `id` by `delta` places (−1 up, +1 down), within the list's ends. */
function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  if (index < 0 || to === index) return list.slice();
  const copy = list.slice();
  const [item] = copy.splice(index, 1);
  copy.splice(to, 0, item!);
  return copy;
}

function mapOption(doc: Doc, optionId: string, change: (o: OptionInput) => OptionInput): Doc {
  if (!doc.options.some((o) => o.id === optionId)) throw new Error(`No option ${optionId}`);
  return syncReferences({ ...doc, options: doc.options.map((o) => (o.id === optionId ? change(o) : o)) });
}

// Workflows

export function addWorkflow(doc: Doc, workflow: New<WorkflowInput>): Added {
  const id = nextId(doc, 'wf');
  return {
    doc: syncReferences({ ...doc, workflows: [...doc.workflows, { ...workflow, id } as WorkflowInput] }),
    id,
  };
}

export function removeWorkflow(doc: Doc, workflowId: string): Doc {
  return syncReferences({ ...doc, workflows: doc.workflows.filter((w) => w.id !== workflowId) });
}

export function moveWorkflow(doc: Doc, workflowId: string, delta: number): Doc {
  return {
    ...doc,
    workflows: moved(
      doc.workflows,
      doc.workflows.findIndex((w) => w.id === workflowId),
      delta,
    ),
  };
}

// Options

export function addOption(doc: Doc, option: New<OptionInput>): Added {
  const id = nextId(doc, 'opt');
  return { doc: syncReferences({ ...doc, options: [...doc.options, { ...option, id } as OptionInput] }), id };
}

export function removeOption(doc: Doc, optionId: string): Doc {
  const remaining = doc.options.filter((o) => o.id !== optionId);
  checkPilotsHaveTargets(remaining, optionId);
  return syncReferences({ ...doc, options: remaining });
}

export function moveOption(doc: Doc, optionId: string, delta: number): Doc {
  return {
    ...doc,
    options: moved(
      doc.options,
      doc.options.findIndex((o) => o.id === optionId),
      delta,
    ),
  };
}

/**
 * Changes an option's kind. A pilot needs its settings: made by `pilot` (the caller's
 * defaults, given a buy or build option to scale into) when it becomes one; an option that
 * stops being a pilot loses them. Pilots that scaled into it look for another target when it
 * is no longer buy or build; refused where a pilot would be left with none.
 */
export function setOptionKind(
  doc: Doc,
  optionId: string,
  kind: OptionKind,
  pilot: (targetId: string) => PilotInput,
): Doc {
  const after = doc.options.map((o) => (o.id === optionId ? { ...o, kind } : o));
  const target = after.find((o) => o.id !== optionId && isScaleUp(o));
  if (kind === 'pilot' && !target) throw new StructureRefusal('noScaleUpTarget', [optionId]);
  checkPilotsHaveTargets(after, optionId);
  return mapOption(doc, optionId, (o) => {
    if (o.kind === kind) return o;
    const { pilot: _old, ...rest } = o;
    return kind === 'pilot' ? { ...rest, kind, pilot: pilot(target!.id) } : { ...rest, kind };
  });
}

/** A pilot's scale-up target; must be a buy or build option of the document. */
export function setPilotTarget(doc: Doc, optionId: string, targetId: string): Doc {
  const target = doc.options.find((o) => o.id === targetId);
  if (!target || target.kind === 'pilot' || targetId === optionId)
    throw new Error(`Not a scale-up target: ${targetId}`);
  return mapOption(doc, optionId, (o) =>
    o.pilot ? { ...o, pilot: { ...o.pilot, scaleUpOptionId: targetId } } : o,
  );
}

// Effects: at most one per workflow and option, known by the workflow.

export function addEffect(doc: Doc, optionId: string, effect: EffectInput): Doc {
  if (!doc.workflows.some((w) => w.id === effect.workflowId))
    throw new Error(`No workflow ${effect.workflowId}`);
  return mapOption(doc, optionId, (o) =>
    o.effects.some((e) => e.workflowId === effect.workflowId) ? o : { ...o, effects: [...o.effects, effect] },
  );
}

export function removeEffect(doc: Doc, optionId: string, workflowId: string): Doc {
  return mapOption(doc, optionId, (o) => ({
    ...o,
    effects: o.effects.filter((e) => e.workflowId !== workflowId),
  }));
}

export function replaceEffect(doc: Doc, optionId: string, effect: EffectInput): Doc {
  return mapOption(doc, optionId, (o) => ({
    ...o,
    effects: o.effects.map((e) => (e.workflowId === effect.workflowId ? effect : e)),
  }));
}

// Cost lines

export function addCostLine(doc: Doc, optionId: string, line: New<CostLineInput>): Added {
  const id = nextId(doc, 'line');
  return {
    doc: mapOption(doc, optionId, (o) => ({
      ...o,
      costLines: [...o.costLines, { ...line, id } as CostLineInput],
    })),
    id,
  };
}

export function removeCostLine(doc: Doc, optionId: string, lineId: string): Doc {
  return mapOption(doc, optionId, (o) => ({ ...o, costLines: o.costLines.filter((l) => l.id !== lineId) }));
}

export function moveCostLine(doc: Doc, optionId: string, lineId: string, delta: number): Doc {
  return mapOption(doc, optionId, (o) => ({
    ...o,
    costLines: moved(
      o.costLines,
      o.costLines.findIndex((l) => l.id === lineId),
      delta,
    ),
  }));
}

// Funding lines

export function addFunding(doc: Doc, optionId: string, line: New<FundingLineInput>): Added {
  const id = nextId(doc, 'fund');
  return {
    doc: mapOption(doc, optionId, (o) => ({
      ...o,
      funding: [...(o.funding ?? []), { ...line, id } as FundingLineInput],
    })),
    id,
  };
}

export function removeFunding(doc: Doc, optionId: string, fundingId: string): Doc {
  return mapOption(doc, optionId, (o) => ({
    ...o,
    funding: (o.funding ?? []).filter((f) => f.id !== fundingId),
  }));
}
