/**
 * Structural edits keep a scenario whole: ids made once and never changed, references (effects,
 * a line's workflows, rules, a pilot's target, sources and uncertain inputs) rewritten or
 * dropped with what they name. Property: any sequence of adds, renames, moves and removes on
 * any bundled scenario leaves a document that validates.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { getAt, inputPaths, setAt, toIdPath } from '~/builder/paths';
import { syncReferences } from '~/builder/references';
import {
  addCostLine,
  addEffect,
  addFunding,
  addOption,
  addWorkflow,
  moveCostLine,
  moveOption,
  moveWorkflow,
  removeCostLine,
  removeEffect,
  removeFunding,
  removeOption,
  removeWorkflow,
  renamed,
  setOptionKind,
  StructureRefusal,
  type EffectInput,
  type New,
  type CostLineInput,
} from '~/builder/structure';
import { validateScenario, type ScenarioInput } from '~/engine';
import type { LocalizedText } from '~/engine/schema';
import type { Lang } from '~/engine/text';

import { BUNDLED_SCENARIOS } from '../../scenarios';

const bundled = (key: string): ScenarioInput => {
  const found = BUNDLED_SCENARIOS.find((b) => b.key === key)!;
  const v = validateScenario(found.document);
  if (!v.ok) throw new Error('bundled scenario invalid');
  return v.scenario as ScenarioInput;
};
const county = () => bundled('county-hospital-300-beds');

/** A name typed over the one shown at an id path, as the forms apply it (app/editor/apply.ts). */
const rename = (doc: ScenarioInput, idPath: string, text: string, lang: Lang): ScenarioInput =>
  setAt(doc, `${idPath}.name`, renamed(getAt(doc, `${idPath}.name`) as LocalizedText, text, lang));

const problemsOf = (doc: ScenarioInput) => {
  const v = validateScenario(doc);
  return v.ok ? [] : v.problems.map((p) => `${p.path}: ${p.code}`);
};

const claimedEffect = (workflowId: string): EffectInput => ({
  basis: 'claimed',
  workflowId,
  adoption: { ceiling: 0.6, goLiveMonth: 3, rampMonths: 6 },
  evidence: { kind: 'claimed', source: 'vendor' },
  claimedReduction: 0.3,
  fit: 0.7,
  errorRate: 0.1,
  correctionMinutesPerError: 2,
});

const oneTimeLine: New<CostLineInput> = {
  kind: 'oneTime',
  name: '实施费',
  category: 'vendor',
  month: 1,
  amount: 100000,
};

describe('paths by id', () => {
  it('names an effect by its workflow and a line by its id, and reads and writes there', () => {
    const doc = county();
    const option = doc.options[0]!;
    const path = toIdPath(doc, 'options.0.effects.0.fit');
    expect(path).toBe(`options.${option.id}.effects.${option.effects[0]!.workflowId}.fit`);
    expect(getAt(doc, path)).toBe((option.effects[0] as { fit: number }).fit);
    const changed = setAt(doc, path, 0.42);
    expect(getAt(changed, path)).toBe(0.42);
    expect(getAt(doc, path)).not.toBe(0.42);
  });

  it('lists every input of the engine with both its paths', () => {
    const doc = county();
    const paths = inputPaths(doc);
    expect(paths.length).toBeGreaterThan(100);
    for (const { indexPath, idPath } of paths) {
      expect(getAt(doc, idPath)).toBeTypeOf('number');
      expect(toIdPath(doc, indexPath)).toBe(idPath);
    }
  });

  it('deletes an optional field when set to undefined', () => {
    const doc = county();
    const path = `options.${doc.options[0]!.id}.costLines.${doc.options[0]!.costLines[0]!.id}.note`;
    expect(getAt(setAt(doc, path, undefined), path)).toBeUndefined();
  });
});

describe('ids', () => {
  it('are made once: a rename changes only the name, so uncertain inputs still find the option', () => {
    const doc = county();
    const before = Object.keys(doc.uncertainty!.inputs!);
    const renamedDoc = rename(doc, `options.${doc.options[0]!.id}`, 'SaaS 按席位', 'zh-CN');
    expect(renamedDoc.options[0]!.id).toBe(doc.options[0]!.id);
    expect(renamedDoc.options[0]!.name).toBe('SaaS 按席位');
    expect(Object.keys(renamedDoc.uncertainty!.inputs!)).toEqual(before);
    expect(problemsOf(renamedDoc)).toEqual([]);
  });

  it('keeps a bilingual name when the text typed is the one shown', () => {
    const doc = county();
    const name = doc.options[0]!.name as { 'zh-CN': string };
    expect(
      rename(doc, `options.${doc.options[0]!.id}`, ` ${name['zh-CN']} `, 'zh-CN').options[0]!.name,
    ).toEqual(doc.options[0]!.name);
  });

  it('number each kind upwards across the document and never collide', () => {
    let doc = county();
    const a = addOption(doc, { name: 'A', kind: 'buy', effects: [], costLines: [] });
    doc = a.doc;
    const b = addOption(doc, { name: 'B', kind: 'buy', effects: [], costLines: [] });
    expect([a.id, b.id]).toEqual(['opt-1', 'opt-2']);
    const l1 = addCostLine(b.doc, a.id, oneTimeLine);
    const l2 = addCostLine(l1.doc, b.id, oneTimeLine);
    expect([l1.id, l2.id]).toEqual(['line-1', 'line-2']);
    expect(addWorkflow(l2.doc, { ...doc.workflows[0]!, name: 'W' } as never).id).toBe('wf-1');
  });
});

describe('removing takes references with it', () => {
  it('a removed workflow takes its effects, the lines’ and rules’ links to it, and its uncertain inputs', () => {
    const doc = county();
    const wf = doc.workflows[0]!.id;
    const out = removeWorkflow(doc, wf);
    expect(out.options.flatMap((o) => o.effects.map((e) => e.workflowId))).not.toContain(wf);
    const named = [
      ...Object.keys(out.uncertainty!.inputs!),
      ...out.uncertainty!.correlations!.flatMap((c) => [c.a, c.b]),
      ...Object.keys(out.sources!),
    ];
    expect(named.filter((p) => p.includes(`.${wf}.`) || p.startsWith(`workflows.${wf}`))).toEqual([]);
    expect(problemsOf(out)).toEqual([]);
  });

  it('a removed scale-up target moves the pilot to another buy or build option', () => {
    const doc = county();
    const pilot = doc.options.find((o) => o.kind === 'pilot')!;
    const target = pilot.pilot!.scaleUpOptionId;
    const out = removeOption(doc, target);
    const after = out.options.find((o) => o.id === pilot.id)!;
    expect(after.pilot!.scaleUpOptionId).not.toBe(target);
    expect(out.options.map((o) => o.id)).toContain(after.pilot!.scaleUpOptionId);
    expect(problemsOf(out)).toEqual([]);
  });

  it('refuses to remove the last option a pilot could scale into, naming the pilot', () => {
    let doc = county();
    const pilot = doc.options.find((o) => o.kind === 'pilot')!;
    for (const o of doc.options.filter((o) => o.kind !== 'pilot' && o.id !== pilot.pilot!.scaleUpOptionId))
      doc = removeOption(doc, o.id);
    const attempt = () => removeOption(doc, pilot.pilot!.scaleUpOptionId);
    expect(attempt).toThrow(StructureRefusal);
    try {
      attempt();
    } catch (error) {
      expect((error as StructureRefusal).optionIds).toEqual([pilot.id]);
    }
  });

  it('refuses to make a pilot when nothing could be scaled into', () => {
    const doc = { ...county(), options: [] };
    const { doc: one, id } = addOption(doc, { name: 'A', kind: 'buy', effects: [], costLines: [] });
    expect(() =>
      setOptionKind(one, id, 'pilot', (target) => ({
        durationMonths: 3,
        decisionRule: { minNetMinutesPerTask: 3 },
        scaleUpOptionId: target,
      })),
    ).toThrow(StructureRefusal);
  });

  it('a removed effect unlinks the option’s lines from that workflow', () => {
    let doc = county();
    const option = doc.options.find((o) => o.effects.length > 0)!;
    const wf = option.effects[0]!.workflowId;
    const added = addCostLine(doc, option.id, {
      kind: 'perUnit',
      name: '按次',
      category: 'vendor',
      unit: 'task',
      unitPrice: 1,
      workflowIds: [wf],
    });
    doc = removeEffect(added.doc, option.id, wf);
    const line = doc.options.find((o) => o.id === option.id)!.costLines.find((l) => l.id === added.id)!;
    expect('workflowIds' in line && line.workflowIds).toBeFalsy();
    expect(problemsOf(doc)).toEqual([]);
  });

  it('rewrites inputs named by position to their id paths, so a later reorder keeps them', () => {
    const doc = county();
    const byIndex = structuredClone(doc);
    const idPath = Object.keys(doc.uncertainty!.inputs!)[0]!;
    const indexPath = inputPaths(doc).find((p) => p.idPath === idPath)!.indexPath;
    byIndex.uncertainty!.inputs = { [indexPath]: doc.uncertainty!.inputs![idPath]! };
    byIndex.uncertainty!.correlations = [];
    const synced = syncReferences(byIndex);
    expect(Object.keys(synced.uncertainty!.inputs!)).toEqual([idPath]);
    expect(syncReferences(synced)).toEqual(synced);
  });
});

// The property: random structural edits on every bundled scenario.

type Op =
  | { op: 'addWorkflow' }
  | { op: 'removeWorkflow'; pick: number }
  | { op: 'moveWorkflow'; pick: number; delta: number }
  | { op: 'renameWorkflow'; pick: number; text: string }
  | { op: 'addOption'; kind: 'buy' | 'build' }
  | { op: 'removeOption'; pick: number }
  | { op: 'moveOption'; pick: number; delta: number }
  | { op: 'renameOption'; pick: number; text: string }
  | { op: 'toKind'; pick: number; kind: 'buy' | 'build' | 'pilot' }
  | { op: 'addEffect'; pick: number; wf: number }
  | { op: 'removeEffect'; pick: number; wf: number }
  | { op: 'addLine'; pick: number }
  | { op: 'removeLine'; pick: number; line: number }
  | { op: 'moveLine'; pick: number; line: number; delta: number }
  | { op: 'renameLine'; pick: number; line: number; text: string }
  | { op: 'addFunding'; pick: number }
  | { op: 'removeFunding'; pick: number; line: number };

const pick = fc.nat(20);
const text = fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0);
const delta = fc.constantFrom(-2, -1, 1, 2);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ op: 'addWorkflow' as const }),
  fc.record({ op: fc.constant('removeWorkflow' as const), pick }),
  fc.record({ op: fc.constant('moveWorkflow' as const), pick, delta }),
  fc.record({ op: fc.constant('renameWorkflow' as const), pick, text }),
  fc.record({
    op: fc.constant('addOption' as const),
    kind: fc.constantFrom('buy' as const, 'build' as const),
  }),
  fc.record({ op: fc.constant('removeOption' as const), pick }),
  fc.record({ op: fc.constant('moveOption' as const), pick, delta }),
  fc.record({ op: fc.constant('renameOption' as const), pick, text }),
  fc.record({
    op: fc.constant('toKind' as const),
    pick,
    kind: fc.constantFrom('buy' as const, 'build' as const, 'pilot' as const),
  }),
  fc.record({ op: fc.constant('addEffect' as const), pick, wf: pick }),
  fc.record({ op: fc.constant('removeEffect' as const), pick, wf: pick }),
  fc.record({ op: fc.constant('addLine' as const), pick }),
  fc.record({ op: fc.constant('removeLine' as const), pick, line: pick }),
  fc.record({ op: fc.constant('moveLine' as const), pick, line: pick, delta }),
  fc.record({ op: fc.constant('renameLine' as const), pick, line: pick, text }),
  fc.record({ op: fc.constant('addFunding' as const), pick }),
  fc.record({ op: fc.constant('removeFunding' as const), pick, line: pick }),
);

function apply(doc: ScenarioInput, op: Op): ScenarioInput {
  const option =
    doc.options.length > 0 && 'pick' in op ? doc.options[op.pick % doc.options.length] : undefined;
  const workflow =
    doc.workflows.length > 0 && 'pick' in op ? doc.workflows[op.pick % doc.workflows.length] : undefined;
  switch (op.op) {
    case 'addWorkflow': {
      const role = doc.workflows[0]?.role ?? 'nurse';
      return addWorkflow(doc, {
        name: '新流程',
        role,
        volumeDriver: 'month',
        tasksPerDriverUnit: 100,
        baselineMinutesPerTask: 5,
        baselineEvidence: { kind: 'assumed' },
      }).doc;
    }
    case 'removeWorkflow':
      return workflow ? removeWorkflow(doc, workflow.id) : doc;
    case 'moveWorkflow':
      return workflow ? moveWorkflow(doc, workflow.id, op.delta) : doc;
    case 'renameWorkflow':
      return workflow ? rename(doc, `workflows.${workflow.id}`, op.text, 'zh-CN') : doc;
    case 'addOption':
      return addOption(doc, { name: '新方案', kind: op.kind, effects: [], costLines: [] }).doc;
    case 'removeOption':
      return option ? removeOption(doc, option.id) : doc;
    case 'moveOption':
      return option ? moveOption(doc, option.id, op.delta) : doc;
    case 'renameOption':
      return option ? rename(doc, `options.${option.id}`, op.text, 'en') : doc;
    case 'toKind':
      return option
        ? setOptionKind(doc, option.id, op.kind, (target) => ({
            durationMonths: 3,
            decisionRule: { minNetMinutesPerTask: 3 },
            scaleUpOptionId: target,
          }))
        : doc;
    case 'addEffect': {
      const wf = doc.workflows[op.wf % Math.max(1, doc.workflows.length)];
      return option && wf ? addEffect(doc, option.id, claimedEffect(wf.id)) : doc;
    }
    case 'removeEffect': {
      const effect = option?.effects[op.wf % Math.max(1, option.effects.length)];
      return option && effect ? removeEffect(doc, option.id, effect.workflowId) : doc;
    }
    case 'addLine':
      return option ? addCostLine(doc, option.id, oneTimeLine).doc : doc;
    case 'removeLine': {
      const line = option?.costLines[op.line % Math.max(1, option.costLines.length)];
      return option && line ? removeCostLine(doc, option.id, line.id) : doc;
    }
    case 'moveLine': {
      const line = option?.costLines[op.line % Math.max(1, option.costLines.length)];
      return option && line ? moveCostLine(doc, option.id, line.id, op.delta) : doc;
    }
    case 'renameLine': {
      const line = option?.costLines[op.line % Math.max(1, option.costLines.length)];
      return option && line
        ? rename(doc, `options.${option.id}.costLines.${line.id}`, op.text, 'zh-CN')
        : doc;
    }
    case 'addFunding':
      return option
        ? addFunding(doc, option.id, {
            kind: 'fixed',
            name: '补助',
            source: 'grant',
            amount: 10000,
            period: 'once',
          }).doc
        : doc;
    case 'removeFunding': {
      const funding = option?.funding ?? [];
      const line = funding[op.line % Math.max(1, funding.length)];
      return option && line ? removeFunding(doc, option.id, line.id) : doc;
    }
  }
}

describe('any sequence of structural edits', () => {
  it.each(BUNDLED_SCENARIOS.map((b) => b.key))(
    'leaves %s a valid document, ids unique and stable',
    (key) => {
      const start = bundled(key);
      fc.assert(
        fc.property(fc.array(opArb, { minLength: 1, maxLength: 14 }), (ops) => {
          let doc = start;
          for (const op of ops) {
            const before = doc;
            try {
              doc = apply(doc, op);
            } catch (error) {
              if (!(error instanceof StructureRefusal)) throw error;
              doc = before;
            }
            expect(problemsOf(doc)).toEqual([]);
          }
          const ids = [
            ...doc.workflows.map((w) => w.id),
            ...doc.options.flatMap((o) => [
              o.id,
              ...o.costLines.map((l) => l.id),
              ...(o.funding ?? []).map((f) => f.id),
            ]),
          ];
          // Line ids may repeat across options in the bundled documents; the ones made here never do.
          expect(new Set(ids.filter((id) => /^(wf|opt|line|fund)-/.test(id))).size).toBe(
            ids.filter((id) => /^(wf|opt|line|fund)-/.test(id)).length,
          );
        }),
        { numRuns: 60 },
      );
    },
    60_000,
  );
});
