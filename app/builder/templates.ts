/**
 * What the forms add: a new case with its estimated hospital, a use case's workflows, an
 * option of a kind with its effects and its first cost lines, a pilot's settings. Numbers come
 * from the use-case library and the reference figures; what neither gives is left out for the
 * user to type (validation asks for it by name). Default uncertainty ranges are set by the
 * evidence of each number (ranges.ts).
 */
import {
  CURRENT_SCHEMA_VERSION,
  type HospitalGrade,
  type HospitalType,
  type OptionKind,
} from '~/engine/constants';
import type { Distribution, Evidence, ScenarioInput } from '~/engine/schema';
import type { Lang } from '~/engine/text';

import { markEstimated } from './estimates';
import { nextId } from './ids';
import { linesFor, type LineChoice } from './pricing';
import { defaultRange } from './ranges';
import type { EffectInput, OptionInput, PilotInput, WorkflowInput, New } from './structure';
import { suggestedValue, type Suggestion } from './suggestion';
import { CUSTOM_WORKFLOW, useCase, useCaseKeyOf, useCaseWorkflowOf, type UseCaseKey } from './use-cases';

type Doc = ScenarioInput;

/**
 * A new case for the step-by-step flow: the hospital as the user will describe it (beds left for
 * them), nurses and physicians on the staff list, the estimates marked so they follow beds and
 * type, no workflows or options yet.
 */
export function blankCase(startYear: number): Doc {
  let doc: Doc = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    name: '',
    currency: 'CNY',
    startYear,
    horizonYears: 5,
    discountRate: 0.08,
    hospital: {
      name: '',
      type: 'county',
      grade: 'level2',
      roles: { physician: {}, nurse: {} },
      wageGrowthPerYear: 0,
    },
    budget: {},
    workflows: [],
    realization: {},
    options: [],
    procurement: { tenderThreshold: 4_000_000, tenderMonths: 3 },
    sources: {},
  } as unknown as Doc;
  for (const path of [
    'discountRate',
    'hospital.occupancy',
    'hospital.dischargesPerYear',
    'hospital.outpatientVisitsPerYear',
    'hospital.roles.physician.annualCostPerFte',
    'hospital.roles.physician.paidHoursPerYear',
    'hospital.roles.nurse.annualCostPerFte',
    'hospital.roles.nurse.paidHoursPerYear',
    'budget.informatizationBaseAnnual',
  ])
    doc = markEstimated(doc, path, true);
  return doc;
}

/** The library's workflows of a use case, ready to add (numbers the sources lack left out). */
export function workflowsOf(key: UseCaseKey): New<WorkflowInput>[] {
  return useCase(key).workflows.map((w, i) => {
    const out: Record<string, unknown> = {
      name: w.name,
      role: w.role,
      volumeDriver: w.volumeDriver,
      baselineEvidence:
        w.baselineMinutesPerTask.kind === 'sourced'
          ? {
              kind: 'claimed',
              ref: w.baselineMinutesPerTask.ref,
              ...(w.baselineMinutesPerTask.note ? { source: w.baselineMinutesPerTask.note } : {}),
            }
          : { kind: 'assumed' },
      template: `${key}/${i}`,
    };
    const tasks = suggestedValue(w.tasksPerDriverUnit);
    if (tasks !== undefined) out.tasksPerDriverUnit = tasks;
    const baseline = suggestedValue(w.baselineMinutesPerTask);
    if (baseline !== undefined) out.baselineMinutesPerTask = baseline;
    return out as unknown as New<WorkflowInput>;
  });
}

/** A custom workflow, described in the form. */
export function customWorkflow(name: string): New<WorkflowInput> {
  return {
    name,
    role: 'nurse',
    volumeDriver: 'month',
    baselineEvidence: { kind: 'assumed' },
  } as unknown as New<WorkflowInput>;
}

/** Months from the decision to go live, by kind: implementation of a bought system, development of a built one. */
export const GO_LIVE_MONTH: Readonly<Record<OptionKind, number>> = { buy: 4, build: 7, pilot: 1 };

/**
 * An option's effect on a workflow: the library's claimed effect with the fit of this
 * hospital's level, or, for a custom workflow, a claimed effect whose numbers the user gives.
 */
export function effectFor(
  workflow: WorkflowInput,
  level: { type: HospitalType; grade: HospitalGrade },
  kind: OptionKind,
): EffectInput {
  const w = useCaseWorkflowOf(workflow);
  const key = useCaseKeyOf(workflow);
  const effect: Record<string, unknown> = {
    basis: 'claimed',
    workflowId: workflow.id,
    adoption: {
      goLiveMonth: GO_LIVE_MONTH[kind],
      rampMonths: kind === 'pilot' ? 1 : (w?.rampMonths ?? 6),
      ceiling: suggestedValue((w ?? CUSTOM_WORKFLOW).adoptionCeiling),
    },
    evidence: w
      ? {
          kind: 'claimed',
          source: w.claimedBy,
          ...(w.claimedReduction.kind !== 'ask' && w.claimedReduction.ref
            ? { ref: w.claimedReduction.ref }
            : {}),
        }
      : { kind: 'claimed' },
  };
  const from = w ?? CUSTOM_WORKFLOW;
  const set = (field: string, s: Suggestion) => {
    const v = suggestedValue(s);
    if (v !== undefined) effect[field] = v;
  };
  set('claimedReduction', from.claimedReduction);
  set('verificationMinutesPerTask', from.verificationMinutesPerTask);
  set('errorRate', from.errorRate);
  set('correctionMinutesPerError', from.correctionMinutesPerError);
  effect.fit = suggestedValue(key ? useCase(key).fit(level) : CUSTOM_WORKFLOW.fit(level));
  return effect as unknown as EffectInput;
}

/** The effect fields whose default range the evidence sets, and the evidence each is. */
const EFFECT_RANGES: readonly [string, Evidence['kind']][] = [
  ['claimedReduction', 'claimed'],
  ['fit', 'assumed'],
  ['errorRate', 'assumed'],
  ['adoption.ceiling', 'assumed'],
];

/** Default ranges for the effect's uncertain numbers that have a value (id paths under `prefix`). */
export function effectRanges(prefix: string, effect: EffectInput): Record<string, Distribution> {
  const out: Record<string, Distribution> = {};
  for (const [field, evidence] of EFFECT_RANGES) {
    const value =
      field === 'adoption.ceiling' ? effect.adoption.ceiling : (effect as Record<string, unknown>)[field];
    if (typeof value !== 'number') continue;
    const range = defaultRange(`${prefix}.${field}`, value, evidence);
    if (range) out[`${prefix}.${field}`] = range;
  }
  return out;
}

export interface NewOption {
  name: string;
  kind: OptionKind;
  /** The pricing or cost model chosen first (OPTION_PRICING). */
  pricing: LineChoice;
  workflowIds: readonly string[];
  lang: Lang;
}

/** A pilot's settings: a few months on a share of the volume, then the rule. */
export function defaultPilot(targetId: string): PilotInput {
  return {
    startMonth: 1,
    durationMonths: 3,
    scaleUpOptionId: targetId,
    leadMonths: 2,
    decisionRule: {},
  } as unknown as PilotInput;
}

/** Share of the volume a pilot covers by default (two wards of about ten). */
export const PILOT_SCOPE = 0.2;

/**
 * A new option with its effects on the chosen workflows, its first cost lines and, for buy and
 * build, the compliance lines a Chinese hospital system pays. Returns the document with the
 * option added (ids made here) and the new option's id.
 */
export function addOptionFrom(doc: Doc, spec: NewOption): { doc: Doc; id: string } {
  const id = nextId(doc, 'opt');
  const workflows = doc.workflows.filter((w) => spec.workflowIds.includes(w.id));
  const level = { type: doc.hospital.type, grade: doc.hospital.grade };
  const target = spec.kind === 'pilot' ? doc.options.find((o) => o.kind !== 'pilot') : undefined;
  const effects = workflows.map((w) => {
    // A pilot tries the system it would scale into, on a part of the volume.
    const fromTarget = target?.effects.find((e) => e.workflowId === w.id);
    const base = fromTarget ? structuredClone(fromTarget) : effectFor(w, level, spec.kind);
    if (spec.kind === 'pilot') {
      base.scopeShare = PILOT_SCOPE;
      base.adoption = { ...base.adoption, goLiveMonth: 1, rampMonths: 1 };
    }
    return base;
  });
  const goLive = GO_LIVE_MONTH[spec.kind];
  const choices: LineChoice[] = [spec.pricing];
  if (spec.kind === 'build' && spec.pricing !== 'staff') choices.push('staff', 'integration');
  if (spec.kind !== 'pilot') choices.push('mlps', 'dataSecurity');
  let lineNumber = Number(nextId(doc, 'line').slice('line-'.length));
  const costLines = choices.flatMap((choice) =>
    linesFor(choice, { doc, workflowIds: spec.workflowIds, goLiveMonth: goLive, lang: spec.lang }).map(
      (line) => ({ ...line, id: `line-${lineNumber++}` }) as OptionInput['costLines'][number],
    ),
  );
  const option: OptionInput = {
    id,
    name: spec.name,
    kind: spec.kind,
    effects,
    costLines,
    funding: [],
    ...(spec.kind === 'pilot' && target ? { pilot: defaultPilot(target.id) } : {}),
  };
  // Default ranges for the new effects; a pilot's numbers are drawn with its target's.
  const inputs: Record<string, Distribution> = { ...(doc.uncertainty?.inputs ?? {}) };
  for (const e of effects) {
    const prefix = `options.${id}.effects.${e.workflowId}`;
    if (spec.kind === 'pilot' && target) {
      for (const field of [
        'claimedReduction',
        'fit',
        'errorRate',
        'verificationMinutesPerTask',
        'minutesWithAiPerTask',
      ]) {
        const leader = `options.${target.id}.effects.${e.workflowId}.${field}`;
        const d = inputs[leader];
        if (d && d.kind !== 'fixed' && d.kind !== 'sameAs')
          inputs[`${prefix}.${field}`] = { kind: 'sameAs', input: leader };
      }
    } else Object.assign(inputs, effectRanges(prefix, e));
  }
  const uncertainty = { seed: 1, trials: 5000, correlations: [], ...(doc.uncertainty ?? {}), inputs };
  return { doc: { ...doc, options: [...doc.options, option], uncertainty }, id };
}
