/**
 * Compiling a validated scenario into a model: the structure resolved once (ids to indices,
 * expressions parsed, input paths to slots), so that a run is plain arithmetic over a
 * Float64Array of inputs.
 */
import {
  COST_CATEGORIES,
  ROLE_IDS,
  type CostCategory,
  type OptionKind,
  type RoleId,
  type VolumeDriver,
} from './constants';
import { astSymbols, compileAstColumns, type ColumnEvaluator, type ExprAst } from './expression-ast';
import { EXPRESSION_BUILTINS, expressionVariableNames } from './expression-variables';
import { lineSlots } from './line-fields';
import { collectParams, paramIndex, type ParamTable } from './params';
import type { CostLine, FundingLine, Option, Scenario } from './schema';

/** Parsed custom expressions by the path of their `expression` field. */
export type ParsedExpressions = Readonly<Record<string, ExprAst>>;

/** Slots of a record's numeric fields; -1 where the field is absent. */
export type Slots<K extends string> = Readonly<Record<K, number>>;

export interface ModelRole {
  id: RoleId;
  slots: Slots<'headcount' | 'annualCostPerFte' | 'paidHoursPerYear' | 'overtimeMultiplier'>;
}

export type ModelRealization =
  | { mode: 'avoidedStaffing'; slots: Slots<'maxFte'> }
  | {
      mode: 'throughput';
      slots: Slots<
        'redeployedShare' | 'minutesPerVisit' | 'contributionMarginPerVisit' | 'maxExtraVisitsPerYear'
      >;
    }
  | { mode: 'notRealized' };

export interface ModelWorkflow {
  id: string;
  roleIndex: number;
  driver: VolumeDriver;
  slots: Slots<'tasksPerDriverUnit' | 'baselineMinutesPerTask'>;
}

export interface ModelEffect {
  workflowIndex: number;
  basis: 'measured' | 'claimed';
  curve: 'linear' | 'sCurve';
  slots: Slots<
    | 'scopeShare'
    | 'ceiling'
    | 'goLiveMonth'
    | 'rampMonths'
    | 'minutesWithAiPerTask'
    | 'verificationMinutesPerTask'
    | 'claimedReduction'
    | 'fit'
    | 'errorRate'
    | 'correctionMinutesPerError'
  >;
}

export interface ModelCostLine {
  id: string;
  /** The line's kind (as `line.kind`). */
  kind: CostLine['kind'];
  line: CostLine;
  categoryIndex: number;
  /** Indices into the option's effects whose AI tasks drive this line. */
  effectIndices: number[];
  /** Slot of every numeric field of the line, by field name (tiers as `tiers.i.upToUnits`). */
  slot: (field: string) => number;
  /** The slot of each field of LINE_FIELDS (by index, F.amount): what a trial reads. */
  slots: Int32Array;
  /** A tiered per-unit line's tier bounds and prices, by tier (what a trial reads of them). */
  tierSlots: { upToUnits: Int32Array; unitPrice: Int32Array } | null;
  /** A custom line's expression, worked out for all its months at once. */
  expression?: ColumnEvaluator;
  /** Per built-in variable (EXPRESSION_BUILTINS order), 1 when a custom expression reads it: only those are worked out. */
  expressionReads?: Uint8Array;
}

export interface ModelFundingLine {
  id: string;
  line: FundingLine;
  categoryIndex: number;
  slot: (field: string) => number;
}

export interface ModelOption {
  id: string;
  index: number;
  kind: OptionKind;
  option: Option;
  effects: ModelEffect[];
  costLines: ModelCostLine[];
  funding: ModelFundingLine[];
  stopRule: { slots: Slots<'checkMonth' | 'minNetMinutesPerTask'>; effectIndex: number } | null;
  pilot: {
    slots: Slots<'startMonth' | 'durationMonths' | 'minNetMinutesPerTask' | 'leadMonths'>;
    effectIndex: number;
    scaleUpOptionIndex: number;
  } | null;
}

export interface Model {
  scenario: Scenario;
  months: number;
  /**
   * Months every option starts later than its document says (a portfolio's start year): the
   * engine runs the option from there, so prices, wages and token prices are the calendar's.
   */
  startDelayMonths: number;
  years: number;
  params: ParamTable;
  discountRateSlot: number;
  hospital: {
    slots: Slots<
      | 'beds'
      | 'occupancy'
      | 'outpatientVisitsPerYear'
      | 'dischargesPerYear'
      | 'volumeGrowthPerYear'
      | 'wageGrowthPerYear'
    >;
    seasonalitySlots: number[] | null;
  };
  budget: {
    slots: Slots<
      'informatizationBaseAnnual' | 'informatizationGrowthPerYear' | 'aiShare' | 'aiResearchBudgetPerYear'
    >;
    byYearSlots: number[] | null;
  };
  /** By ROLE_IDS order; null where the hospital has no such staff. */
  roles: (ModelRole | null)[];
  realization: ModelRealization[];
  workflows: ModelWorkflow[];
  options: ModelOption[];
  /** Slots of the user's expression variables, in expression-variable order after the built-ins. */
  userVariableSlots: number[];
}

export const CATEGORY_INDEX: Readonly<Record<CostCategory, number>> = Object.fromEntries(
  COST_CATEGORIES.map((c, i) => [c, i]),
) as Record<CostCategory, number>;

/**
 * Every numeric field's slot under each of its path's prefixes (`options.0.costLines.3` →
 * `amount`, `tiers.0.unitPrice`), made in one pass over the table: looking each cost line's
 * fields up by scanning every path made compiling a large case quadratic in its size.
 */
const slotsByPrefix = new WeakMap<ParamTable, Map<string, Record<string, number>>>();
function prefixIndex(params: ParamTable): Map<string, Record<string, number>> {
  let index = slotsByPrefix.get(params);
  if (!index) {
    index = new Map();
    params.paths.forEach((path, i) => {
      for (let dot = path.indexOf('.'); dot !== -1; dot = path.indexOf('.', dot + 1)) {
        const prefix = path.slice(0, dot);
        let slots = index!.get(prefix);
        if (!slots) {
          // A prototype-less object: looked up in every Monte Carlo trial, a little faster than a Map.
          slots = Object.create(null) as Record<string, number>;
          index!.set(prefix, slots);
        }
        slots[path.slice(dot + 1)] = i;
      }
    });
    slotsByPrefix.set(params, index);
  }
  return index;
}

/** Slots of every numeric field under a prefix, by the rest of its path (`amount`, `tiers.0.unitPrice`). */
function slotLookup(params: ParamTable, prefix: string): (field: string) => number {
  const slots = prefixIndex(params).get(prefix) ?? (Object.create(null) as Record<string, number>);
  return (field) => slots[field] ?? -1;
}

/**
 * The slots of `fields` under `prefix`, each under its last name (`adoption.ceiling` as
 * `ceiling`). Built by adding the names in order to an empty object, so that every object of
 * the same fields has the same hidden class: code reading them in every trial sees one shape
 * (objects made by spreading two of them got a class each, and those reads became slow).
 */
function slotsOf<F extends string>(
  params: ParamTable,
  prefix: string,
  fields: readonly F[],
): Slots<LastName<F>> {
  const out = {} as Record<string, number>;
  for (const f of fields) out[f.slice(f.lastIndexOf('.') + 1)] = paramIndex(params, `${prefix}.${f}`);
  return out as Slots<LastName<F>>;
}

/** `adoption.ceiling` → `ceiling`. */
type LastName<F extends string> = F extends `${string}.${infer Rest}` ? LastName<Rest> : F;

/**
 * Compiles a validated scenario whose custom expressions are already parsed (compile.ts
 * parses them with mathjs; the browser receives the trees from the server). Throws only on a
 * document that did not pass validation.
 */
export function compileModel(scenario: Scenario, expressions: ParsedExpressions): Model {
  const params = collectParams(scenario);
  const months = scenario.horizonYears * 12;
  const workflowIndex = new Map(scenario.workflows.map((w, i) => [w.id, i]));
  const optionIndex = new Map(scenario.options.map((o, i) => [o.id, i]));
  const variableNames = expressionVariableNames(scenario.variables);

  const roles = ROLE_IDS.map((id): ModelRole | null =>
    scenario.hospital.roles[id]
      ? {
          id,
          slots: slotsOf(params, `hospital.roles.${id}`, [
            'headcount',
            'annualCostPerFte',
            'paidHoursPerYear',
            'overtimeMultiplier',
          ]),
        }
      : null,
  );

  const realization = ROLE_IDS.map((id): ModelRealization => {
    const r = scenario.realization[id];
    const prefix = `realization.${id}`;
    if (!r || r.mode === 'notRealized') return { mode: 'notRealized' };
    if (r.mode === 'avoidedStaffing')
      return { mode: 'avoidedStaffing', slots: slotsOf(params, prefix, ['maxFte']) };
    return {
      mode: 'throughput',
      slots: slotsOf(params, prefix, [
        'redeployedShare',
        'minutesPerVisit',
        'contributionMarginPerVisit',
        'maxExtraVisitsPerYear',
      ]),
    };
  });

  const workflows = scenario.workflows.map((w, i): ModelWorkflow => ({
    id: w.id,
    roleIndex: ROLE_IDS.indexOf(w.role),
    driver: w.volumeDriver,
    slots: slotsOf(params, `workflows.${i}`, ['tasksPerDriverUnit', 'baselineMinutesPerTask']),
  }));

  const options = scenario.options.map((option, oi): ModelOption => {
    const base = `options.${oi}`;
    const effectIndexOf = new Map(option.effects.map((e, i) => [e.workflowId, i]));
    const effects = option.effects.map((e, ei): ModelEffect => ({
      workflowIndex: workflowIndex.get(e.workflowId)!,
      basis: e.basis,
      curve: e.adoption.curve,
      slots: slotsOf(params, `${base}.effects.${ei}`, [
        'scopeShare',
        'minutesWithAiPerTask',
        'verificationMinutesPerTask',
        'claimedReduction',
        'fit',
        'errorRate',
        'correctionMinutesPerError',
        'adoption.ceiling',
        'adoption.goLiveMonth',
        'adoption.rampMonths',
      ]),
    }));
    const allEffects = effects.map((_, i) => i);
    const costLines = option.costLines.map((line, li): ModelCostLine => {
      const prefix = `${base}.costLines.${li}`;
      const ids = 'workflowIds' in line && line.workflowIds ? line.workflowIds : null;
      let expression: ColumnEvaluator | undefined;
      let expressionReads: Uint8Array | undefined;
      if (line.kind === 'custom') {
        const ast = expressions[`${prefix}.expression`];
        if (!ast) throw new Error(`${prefix}.expression was not parsed`);
        expression = compileAstColumns(ast, variableNames);
        const symbols = astSymbols(ast);
        expressionReads = Uint8Array.from(EXPRESSION_BUILTINS, (name) => (symbols.has(name) ? 1 : 0));
      }
      const slot = slotLookup(params, prefix);
      return {
        id: line.id,
        kind: line.kind,
        line,
        categoryIndex: 'category' in line ? CATEGORY_INDEX[line.category] : -1,
        effectIndices: ids ? ids.map((id) => effectIndexOf.get(id)!) : allEffects,
        slot,
        slots: lineSlots(slot),
        tierSlots:
          line.kind === 'perUnit' && line.tiers
            ? {
                upToUnits: Int32Array.from(line.tiers, (_, i) => slot(`tiers.${i}.upToUnits`)),
                unitPrice: Int32Array.from(line.tiers, (_, i) => slot(`tiers.${i}.unitPrice`)),
              }
            : null,
        expression,
        expressionReads,
      };
    });
    const funding = option.funding.map((line, fi): ModelFundingLine => ({
      id: line.id,
      line,
      categoryIndex: line.kind === 'shareOfCost' ? CATEGORY_INDEX[line.category] : -1,
      // Looked up in a table made once: a trial asks for a funding line's fields by name.
      slot: slotLookup(params, `${base}.funding.${fi}`),
    }));
    return {
      id: option.id,
      index: oi,
      kind: option.kind,
      option,
      effects,
      costLines,
      funding,
      stopRule: option.stopRule
        ? {
            slots: slotsOf(params, `${base}.stopRule`, ['checkMonth', 'minNetMinutesPerTask']),
            effectIndex: option.stopRule.workflowId ? effectIndexOf.get(option.stopRule.workflowId)! : -1,
          }
        : null,
      pilot:
        option.kind === 'pilot' && option.pilot
          ? {
              slots: slotsOf(params, `${base}.pilot`, [
                'startMonth',
                'durationMonths',
                'leadMonths',
                'decisionRule.minNetMinutesPerTask',
              ]),
              effectIndex: option.pilot.decisionRule.workflowId
                ? effectIndexOf.get(option.pilot.decisionRule.workflowId)!
                : -1,
              scaleUpOptionIndex: optionIndex.get(option.pilot.scaleUpOptionId)!,
            }
          : null,
    };
  });

  return {
    scenario,
    months,
    startDelayMonths: 0,
    years: scenario.horizonYears,
    params,
    discountRateSlot: paramIndex(params, 'discountRate'),
    hospital: {
      slots: slotsOf(params, 'hospital', [
        'beds',
        'occupancy',
        'outpatientVisitsPerYear',
        'dischargesPerYear',
        'volumeGrowthPerYear',
        'wageGrowthPerYear',
      ]),
      seasonalitySlots: scenario.hospital.seasonality
        ? scenario.hospital.seasonality.map((_, i) => paramIndex(params, `hospital.seasonality.${i}`))
        : null,
    },
    budget: {
      slots: slotsOf(params, 'budget', [
        'informatizationBaseAnnual',
        'informatizationGrowthPerYear',
        'aiShare',
        'aiResearchBudgetPerYear',
      ]),
      byYearSlots: scenario.budget.informatizationByYear
        ? scenario.budget.informatizationByYear.map((_, i) =>
            paramIndex(params, `budget.informatizationByYear.${i}`),
          )
        : null,
    },
    roles,
    realization,
    workflows,
    options,
    userVariableSlots: variableNames
      .slice(EXPRESSION_BUILTINS.length)
      .map((name) => paramIndex(params, `variables.${name}`)),
  };
}
