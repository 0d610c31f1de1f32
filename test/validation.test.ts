/**
 * Validation of scenario documents: every defect is reported with its dotted path and its
 * machine code, all problems come back in one call, and every problem renders in both
 * product languages.
 */
import { describe, expect, it } from 'vitest';

import {
  LANGUAGES,
  problemMessage,
  validateScenario,
  validateScenarioJson,
  type ProblemCode,
  type ValidationProblem,
  type ValidationResult,
} from '~/engine';

import { baseScenario, measuredEffect, option } from './helpers/scenario';

type Doc = Record<string, unknown>;

/** Marks a field to delete in `edit`. */
const REMOVE = Symbol('remove');

/** A deep copy of the base scenario (horizon 2 years = 24 months) with the given options. */
function scenario(...options: Doc[]): Doc {
  return structuredClone({ ...baseScenario(), options }) as Doc;
}

/** Sets each dotted path to its value (or deletes it with REMOVE), in place. */
function edit(doc: Doc, changes: Record<string, unknown>): Doc {
  for (const [path, value] of Object.entries(changes)) {
    const keys = path.split('.');
    const last = keys.pop() as string;
    let node = doc;
    for (const key of keys) {
      const next = node[key];
      if (typeof next !== 'object' || next === null) throw new Error(`no object at "${key}" of "${path}"`);
      node = next as Doc;
    }
    if (value === REMOVE) delete node[last];
    else node[last] = value;
  }
  return doc;
}

/** The base scenario with one option `a` and the given changes. */
function withOption(extra: Doc, changes: Record<string, unknown> = {}): Doc {
  return edit(scenario(option('a', extra)), changes);
}

/** The base scenario with one option `a` that has the given cost lines. */
const withLines = (...costLines: Doc[]): Doc => withOption({ costLines });

const oneTime = (extra: Doc = {}): Doc => ({
  kind: 'oneTime',
  id: 'setup',
  name: 'Deployment',
  category: 'vendor',
  month: 1,
  amount: 500000,
  ...extra,
});
const recurring = (extra: Doc = {}): Doc => ({
  kind: 'recurring',
  id: 'support',
  name: 'Support',
  category: 'maintenance',
  amount: 10000,
  period: 'month',
  ...extra,
});
const perUnit = (extra: Doc = {}): Doc => ({
  kind: 'perUnit',
  id: 'licence',
  name: 'Licence',
  category: 'vendor',
  unit: 'task',
  ...extra,
});
const custom = (expression: string): Doc => ({
  kind: 'custom',
  id: 'calc',
  name: 'Calculated',
  category: 'other',
  expression,
});
const onPrem = (extra: Doc = {}): Doc => ({
  kind: 'onPremCompute',
  id: 'servers',
  name: 'Servers',
  tokensPerTask: 2000,
  tokensPerSecondPerServer: 500,
  capexPerServer: 300000,
  kwPerServer: 3,
  pue: 1.5,
  electricityPricePerKwh: 0.8,
  maintenanceSharePerYear: 0.1,
  ...extra,
});
const pilotBlock = (extra: Doc = {}): Doc => ({
  durationMonths: 6,
  decisionRule: { minNetMinutesPerTask: 1 },
  scaleUpOptionId: 'full',
  ...extra,
});
const followUpWorkflow: Doc = {
  id: 'followUp',
  name: 'Follow-up calls',
  role: 'nurse',
  volumeDriver: 'discharge',
  tasksPerDriverUnit: 1,
  baselineMinutesPerTask: 8,
  baselineEvidence: { kind: 'assumed' },
};

interface Case {
  name: string;
  /** The document given to validateScenario(). */
  doc?: unknown;
  /** JSON text given to validateScenarioJson() instead. */
  json?: string;
  path: string;
  code: ProblemCode;
  params?: Record<string, unknown>;
  /** Other problems the one defect legitimately causes; otherwise exactly one is expected. */
  alsoReports?: number;
}

const cases: Case[] = [
  // Wrong types
  {
    name: 'beds given as text',
    doc: edit(scenario(), { 'hospital.beds': 'many' }),
    path: 'hospital.beds',
    code: 'type',
    params: { expected: 'number' },
  },
  {
    name: 'hospital given as null',
    doc: edit(scenario(), { hospital: null }),
    path: 'hospital',
    code: 'type',
    params: { expected: 'object' },
  },
  {
    name: 'effects given as a string',
    doc: withOption({ effects: 'all' }),
    path: 'options.0.effects',
    code: 'type',
    params: { expected: 'array' },
  },
  {
    name: 'a cost amount given as text',
    doc: withLines(oneTime(), oneTime({ id: 'setup2', amount: '500000' })),
    path: 'options.0.costLines.1.amount',
    code: 'type',
    params: { expected: 'number' },
  },
  {
    name: 'a scenario name that is a number',
    doc: edit(scenario(), { name: 5 }),
    path: 'name',
    code: 'text',
  },
  {
    name: 'a localized name with no language',
    doc: edit(scenario(), { name: {} }),
    path: 'name',
    code: 'textEmpty',
  },
  {
    name: 'a hospital type outside the list',
    doc: edit(scenario(), { 'hospital.type': 'quaternary' }),
    path: 'hospital.type',
    code: 'enum',
  },
  {
    name: 'a hospital grade outside the list',
    doc: edit(scenario(), { 'hospital.grade': 'level4' }),
    path: 'hospital.grade',
    code: 'enum',
  },
  // Required fields
  {
    name: 'hospital type missing',
    doc: edit(scenario(), { 'hospital.type': REMOVE }),
    path: 'hospital.type',
    code: 'required',
  },
  {
    name: 'hospital grade missing',
    doc: edit(scenario(), { 'hospital.grade': REMOVE }),
    path: 'hospital.grade',
    code: 'required',
  },
  {
    name: 'startYear missing',
    doc: edit(scenario(), { startYear: REMOVE }),
    path: 'startYear',
    code: 'required',
  },
  {
    name: 'baseline evidence missing',
    doc: edit(scenario(), { 'workflows.0.baselineEvidence': REMOVE }),
    path: 'workflows.0.baselineEvidence',
    code: 'required',
  },
  {
    name: 'go-live month missing',
    doc: withOption({}, { 'options.0.effects.0.adoption.goLiveMonth': REMOVE }),
    path: 'options.0.effects.0.adoption.goLiveMonth',
    code: 'required',
  },
  {
    name: 'cost line kind missing',
    doc: withLines(edit(oneTime(), { kind: REMOVE })),
    path: 'options.0.costLines.0.kind',
    code: 'required',
  },
  // Negative money, shares above 1, other bounds
  {
    name: 'negative informatization budget',
    doc: edit(scenario(), { 'budget.informatizationBaseAnnual': -1 }),
    path: 'budget.informatizationBaseAnnual',
    code: 'min',
    params: { minimum: 0 },
  },
  {
    name: 'negative one-time amount',
    doc: withLines(oneTime({ amount: -500 })),
    path: 'options.0.costLines.0.amount',
    code: 'min',
    params: { minimum: 0 },
  },
  {
    name: 'AI share of the budget above 1',
    doc: edit(scenario(), { 'budget.aiShare': 1.2 }),
    path: 'budget.aiShare',
    code: 'max',
    params: { maximum: 1 },
  },
  {
    name: 'adoption ceiling above 1',
    doc: withOption({}, { 'options.0.effects.0.adoption.ceiling': 1.5 }),
    path: 'options.0.effects.0.adoption.ceiling',
    code: 'max',
    params: { maximum: 1 },
  },
  {
    name: 'server throughput of zero',
    doc: withLines(onPrem({ tokensPerSecondPerServer: 0 })),
    path: 'options.0.costLines.0.tokensPerSecondPerServer',
    code: 'minExclusive',
    params: { minimum: 0 },
  },
  {
    name: 'seasonality with 11 months',
    doc: edit(scenario(), { 'hospital.seasonality': Array.from({ length: 11 }, () => 1) }),
    path: 'hospital.seasonality',
    code: 'exactItems',
    params: { expected: 12 },
  },
  // Months
  {
    name: 'go-live month that is not a whole number',
    doc: withOption({}, { 'options.0.effects.0.adoption.goLiveMonth': 2.5 }),
    path: 'options.0.effects.0.adoption.goLiveMonth',
    code: 'integer',
  },
  {
    name: 'one-time payment month that is not a whole number',
    doc: withLines(oneTime({ month: 3.5 })),
    path: 'options.0.costLines.0.month',
    code: 'integer',
  },
  {
    name: 'go-live month after the horizon',
    doc: withOption({}, { 'options.0.effects.0.adoption.goLiveMonth': 25 }),
    path: 'options.0.effects.0.adoption.goLiveMonth',
    code: 'beyondHorizon',
    params: { month: 25, max: 24 },
  },
  {
    name: 'recurring end month after the horizon',
    doc: withLines(recurring({ endMonth: 30 })),
    path: 'options.0.costLines.0.endMonth',
    code: 'beyondHorizon',
    params: { month: 30, max: 24 },
  },
  {
    name: 'end month before start month',
    doc: withLines(recurring({ startMonth: 10, endMonth: 5 })),
    path: 'options.0.costLines.0.endMonth',
    code: 'endBeforeStart',
  },
  // Unknown keys
  {
    name: 'unknown key in the hospital',
    doc: edit(scenario(), { 'hospital.colour': 'blue' }),
    path: 'hospital',
    code: 'unknownKey',
    params: { keys: ['colour'] },
  },
  {
    name: 'unknown key at the top',
    doc: edit(scenario(), { author: 'me' }),
    path: '',
    code: 'unknownKey',
    params: { keys: ['author'] },
  },
  {
    name: 'unknown key in a cost line',
    doc: withLines(oneTime({ tax: 0.06 })),
    path: 'options.0.costLines.0',
    code: 'unknownKey',
    params: { keys: ['tax'] },
  },
  {
    name: 'VAT on a staffing line',
    doc: withLines({
      kind: 'staffing',
      id: 'engineer',
      name: 'AI engineer',
      role: 'AI engineer',
      fte: 1,
      annualCostPerFte: 200000,
      vat: { included: false, rate: 0.06 },
    }),
    path: 'options.0.costLines.0.vat',
    code: 'vatNotForKind',
  },
  {
    name: 'a VAT rate above 1',
    doc: withLines(oneTime({ vat: { included: false, rate: 6 } })),
    path: 'options.0.costLines.0.vat.rate',
    code: 'max',
  },
  // Unknown discriminators
  {
    name: 'unknown cost line kind',
    doc: withLines(oneTime({ kind: 'lease' })),
    path: 'options.0.costLines.0.kind',
    code: 'unknownKind',
    params: { field: 'kind' },
  },
  {
    name: 'unknown effect basis',
    doc: withOption({}, { 'options.0.effects.0.basis': 'guessed' }),
    path: 'options.0.effects.0.basis',
    code: 'unknownKind',
    params: { field: 'basis' },
  },
  {
    name: 'unknown realization mode',
    doc: edit(scenario(), { realization: { nurse: { mode: 'magic' } } }),
    path: 'realization.nurse.mode',
    code: 'unknownKind',
    params: { field: 'mode' },
  },
  {
    name: 'unknown evidence kind',
    doc: edit(scenario(), { 'workflows.0.baselineEvidence': { kind: 'rumour' } }),
    path: 'workflows.0.baselineEvidence.kind',
    code: 'unknownKind',
    params: { field: 'kind' },
  },
  // Ids
  {
    name: 'workflow id starting with a digit',
    doc: edit(scenario(), { 'workflows.0.id': '1notes' }),
    path: 'workflows.0.id',
    code: 'idFormat',
  },
  {
    name: 'option id with a space',
    doc: scenario(option('my option')),
    path: 'options.0.id',
    code: 'idFormat',
  },
  {
    name: 'scale-up option id with a dot',
    doc: scenario(
      option('full'),
      option('p', { kind: 'pilot', pilot: pilotBlock({ scaleUpOptionId: 'a.b' }) }),
    ),
    path: 'options.1.pilot.scaleUpOptionId',
    code: 'idFormat',
    // The malformed id also names no option.
    alsoReports: 1,
  },
  {
    name: 'duplicate workflow id',
    doc: edit(scenario(), {
      workflows: [...(baseScenario().workflows as Doc[]), ...baseScenario().workflows],
    }),
    path: 'workflows.1.id',
    code: 'duplicateId',
    params: { id: 'notes' },
  },
  {
    name: 'duplicate option id',
    doc: scenario(option('a'), option('a')),
    path: 'options.1.id',
    code: 'duplicateId',
    params: { id: 'a' },
  },
  {
    name: 'duplicate cost line id',
    doc: withLines(oneTime(), oneTime()),
    path: 'options.0.costLines.1.id',
    code: 'duplicateId',
    params: { id: 'setup' },
  },
  {
    name: 'duplicate funding line id',
    doc: withOption({
      funding: [0, 1].map(() => ({
        kind: 'fixed',
        id: 'grant',
        name: 'Grant',
        source: 'grant',
        amount: 1,
        period: 'once',
      })),
    }),
    path: 'options.0.funding.1.id',
    code: 'duplicateId',
    params: { id: 'grant' },
  },
  // References between parts
  {
    name: 'effect on an unknown workflow',
    doc: withOption({}, { 'options.0.effects.0.workflowId': 'ghost' }),
    path: 'options.0.effects.0.workflowId',
    code: 'unknownWorkflow',
    params: { id: 'ghost' },
  },
  {
    name: 'two effects on one workflow',
    doc: withOption({ effects: [...(option('x').effects as Doc[]), ...(option('y').effects as Doc[])] }),
    path: 'options.0.effects.1.workflowId',
    code: 'duplicateEffect',
    params: { id: 'notes' },
  },
  {
    name: 'workflow role without staff in the hospital',
    doc: edit(scenario(), { 'workflows.0.role': 'technician' }),
    path: 'workflows.0.role',
    code: 'roleMissing',
    params: { role: 'technician' },
  },
  {
    name: "cost line workflow not among the option's effects",
    doc: edit(withLines(perUnit({ unitPrice: 1, workflowIds: ['followUp'] })), {
      workflows: [...(baseScenario().workflows as Doc[]), followUpWorkflow],
    }),
    path: 'options.0.costLines.0.workflowIds.0',
    code: 'workflowNotInOption',
    params: { id: 'followUp' },
  },
  {
    name: "stop rule workflow not among the option's effects",
    doc: edit(withOption({ stopRule: { checkMonth: 6, minNetMinutesPerTask: 0, workflowId: 'followUp' } }), {
      workflows: [...(baseScenario().workflows as Doc[]), followUpWorkflow],
    }),
    path: 'options.0.stopRule.workflowId',
    code: 'workflowNotInOption',
    params: { id: 'followUp' },
  },
  // Per-unit pricing
  {
    name: 'per-unit line with both a unit price and tiers',
    doc: withLines(perUnit({ unitPrice: 1, tiers: [{ upToUnits: null, unitPrice: 1 }] })),
    path: 'options.0.costLines.0.unitPrice',
    code: 'priceOrTiers',
  },
  {
    name: 'per-unit line with neither a unit price nor tiers',
    doc: withLines(perUnit()),
    path: 'options.0.costLines.0.unitPrice',
    code: 'priceOrTiers',
  },
  {
    name: 'tier bounds falling',
    doc: withLines(
      perUnit({
        tiers: [
          { upToUnits: 1000, unitPrice: 1 },
          { upToUnits: 500, unitPrice: 0.5 },
          { upToUnits: null, unitPrice: 0.25 },
        ],
      }),
    ),
    path: 'options.0.costLines.0.tiers.1.upToUnits',
    code: 'tiersOrder',
  },
  {
    name: 'open tier before the last',
    doc: withLines(
      perUnit({
        tiers: [
          { upToUnits: null, unitPrice: 1 },
          { upToUnits: null, unitPrice: 0.5 },
        ],
      }),
    ),
    path: 'options.0.costLines.0.tiers.0.upToUnits',
    code: 'tiersOrder',
  },
  {
    name: 'last tier bounded (volume above it would be free)',
    doc: withLines(
      perUnit({
        tiers: [
          { upToUnits: 1000, unitPrice: 1 },
          { upToUnits: 2000, unitPrice: 0.5 },
        ],
      }),
    ),
    path: 'options.0.costLines.0.tiers.1.upToUnits',
    code: 'tiersLastOpen',
  },
  {
    name: 'tiers on a per-bed price',
    doc: withLines(perUnit({ unit: 'bed', tiers: [{ upToUnits: null, unitPrice: 100 }] })),
    path: 'options.0.costLines.0.tiers',
    code: 'tiersNotForUnit',
  },
  {
    name: 'per-million-tokens price without tokens per task',
    doc: withLines(perUnit({ unit: 'millionTokens', unitPrice: 8 })),
    path: 'options.0.costLines.0.tokensPerTask',
    code: 'tokensPerTaskRequired',
  },
  // Pilots
  {
    name: 'pilot option without pilot settings',
    doc: scenario(option('full'), option('p', { kind: 'pilot' })),
    path: 'options.1.pilot',
    code: 'pilotRequired',
  },
  {
    name: 'pilot settings on a buy option',
    doc: scenario(option('full'), option('b', { pilot: pilotBlock() })),
    path: 'options.1.pilot',
    code: 'pilotOnlyForPilot',
  },
  {
    name: 'pilot scaling up into an unknown option',
    doc: scenario(option('p', { kind: 'pilot', pilot: pilotBlock({ scaleUpOptionId: 'nowhere' }) })),
    path: 'options.0.pilot.scaleUpOptionId',
    code: 'unknownOption',
    params: { id: 'nowhere' },
  },
  {
    name: 'pilot scaling up into another pilot',
    doc: scenario(
      option('full'),
      option('p1', { kind: 'pilot', pilot: pilotBlock({ scaleUpOptionId: 'p2' }) }),
      option('p2', { kind: 'pilot', pilot: pilotBlock() }),
    ),
    path: 'options.1.pilot.scaleUpOptionId',
    code: 'scaleUpKind',
    params: { id: 'p2', kind: 'pilot' },
  },
  {
    name: 'pilot ending after the horizon',
    doc: scenario(
      option('full'),
      option('p', { kind: 'pilot', pilot: pilotBlock({ startMonth: 20, durationMonths: 6 }) }),
    ),
    path: 'options.1.pilot.durationMonths',
    code: 'pilotBeyondHorizon',
    params: { month: 25, max: 24 },
  },
  // Budget and horizon
  {
    name: 'budget by year with three years for a two-year horizon',
    doc: edit(scenario(), { 'budget.informatizationByYear': [1, 2, 3] }),
    path: 'budget.informatizationByYear',
    code: 'moreYearsThanHorizon',
    params: { given: 3, maximum: 2 },
  },
  {
    name: 'horizon of 0 years',
    doc: edit(scenario(), { horizonYears: 0 }),
    path: 'horizonYears',
    code: 'min',
    params: { minimum: 1 },
  },
  {
    name: 'horizon of 11 years',
    doc: edit(scenario(), { horizonYears: 11 }),
    path: 'horizonYears',
    code: 'max',
    params: { maximum: 10 },
  },
  // Version and document shape
  {
    name: 'schemaVersion missing',
    doc: edit(scenario(), { schemaVersion: REMOVE }),
    path: 'schemaVersion',
    code: 'required',
  },
  {
    name: 'schemaVersion 3 (newer than this planner)',
    doc: edit(scenario(), { schemaVersion: 3 }),
    path: 'schemaVersion',
    code: 'schemaVersionTooNew',
    params: { version: 3, max: 2 },
  },
  {
    name: "schemaVersion 'x'",
    doc: edit(scenario(), { schemaVersion: 'x' }),
    path: 'schemaVersion',
    code: 'schemaVersion',
  },
  { name: 'an array instead of an object', doc: [scenario()], path: '', code: 'notAnObject' },
  { name: 'null instead of an object', doc: null, path: '', code: 'notAnObject' },
  { name: 'a string instead of an object', doc: 'scenario', path: '', code: 'notAnObject' },
  { name: 'text that is not JSON', json: '{"schemaVersion": 1,', path: '', code: 'invalidJson' },
  // Expressions and variables
  {
    name: 'custom expression with a syntax error',
    doc: withLines(custom('beds * (2 +')),
    path: 'options.0.costLines.0.expression',
    code: 'expressionSyntax',
    params: { line: 1, column: 12 },
  },
  {
    name: 'custom expression with an unknown name',
    doc: withLines(custom('beds * wardCount')),
    path: 'options.0.costLines.0.expression',
    code: 'expressionUnknownSymbol',
    params: { name: 'wardCount', line: 1, column: 8 },
  },
  {
    name: 'custom expression calling a function outside the whitelist',
    doc: withLines(custom('sqrt(beds)')),
    path: 'options.0.costLines.0.expression',
    code: 'expressionNotAllowed',
  },
  {
    name: 'custom expression of 1,999 signs (within the length limit)',
    doc: withLines(custom('-'.repeat(1999) + '1')),
    path: 'options.0.costLines.0.expression',
    code: 'expressionTooDeep',
    params: { max: 100 },
  },
  {
    name: 'custom expression in 997 nested brackets',
    doc: withLines(custom('('.repeat(997) + 'beds' + ')'.repeat(997))),
    path: 'options.0.costLines.0.expression',
    code: 'expressionTooDeep',
    params: { max: 100 },
  },
  {
    name: 'custom expression past the length limit (refused unparsed)',
    doc: withLines(custom('-'.repeat(20000) + '1')),
    path: 'options.0.costLines.0.expression',
    code: 'maxLength',
    params: { maximum: 2000 },
  },
  {
    name: 'custom expression giving 0/0 (not a number)',
    doc: withLines(custom('0 / 0')),
    path: 'options.0.costLines.0.expression',
    code: 'expressionNotFinite',
    params: { line: 'Calculated', option: 'a', month: 1 },
  },
  {
    name: 'custom expression giving 9^9^9 (infinite) from month 13 on',
    doc: withLines(custom('month > 12 ? 9^9^9 : 100')),
    path: 'options.0.costLines.0.expression',
    code: 'expressionNotFinite',
    params: { month: 13 },
  },
  {
    name: 'user variable named like a built-in',
    doc: edit(scenario(), { variables: { beds: 3 } }),
    path: 'variables.beds',
    code: 'variableReserved',
    params: { name: 'beds' },
  },
  {
    name: 'user variable with an invalid name',
    doc: edit(scenario(), { variables: { '1st': 3 } }),
    path: 'variables.1st',
    code: 'variableName',
  },
  // Formats
  {
    name: 'currency in lower case',
    doc: edit(scenario(), { currency: 'rmb' }),
    path: 'currency',
    code: 'currencyFormat',
  },
  {
    name: 'evidence date with month 13',
    doc: edit(scenario(), { 'workflows.0.baselineEvidence.from': '2024-13-01' }),
    path: 'workflows.0.baselineEvidence.from',
    code: 'dateFormat',
  },
  {
    name: 'evidence reference id in a wrong format',
    doc: edit(scenario(), { 'workflows.0.baselineEvidence': { kind: 'claimed', ref: 'table one' } }),
    path: 'workflows.0.baselineEvidence.ref',
    code: 'refFormat',
  },
  // Notes: plain text or both languages, like names
  {
    name: 'evidence note as an object with no language',
    doc: edit(scenario(), { 'workflows.0.baselineEvidence.note': {} }),
    path: 'workflows.0.baselineEvidence.note',
    code: 'textEmpty',
  },
  {
    name: 'cost line note over 2,000 characters',
    doc: withLines(oneTime({ note: 'x'.repeat(2001) })),
    path: 'options.0.costLines.0.note',
    code: 'maxLength',
    params: { maximum: 2000 },
  },
  {
    name: 'claimed source over 500 characters',
    doc: edit(scenario(), { 'workflows.0.baselineEvidence': { kind: 'claimed', source: 'x'.repeat(501) } }),
    path: 'workflows.0.baselineEvidence.source',
    code: 'maxLength',
    params: { maximum: 500 },
  },
];

function run(c: Pick<Case, 'doc' | 'json'>): ValidationResult {
  return c.json !== undefined ? validateScenarioJson(c.json) : validateScenario(c.doc);
}

function problemsOf(result: ValidationResult): ValidationProblem[] {
  if (result.ok) throw new Error('expected the document to be refused');
  return result.problems;
}

/** A document with many defects, each expected to be reported. */
function manyDefects(): { doc: Doc; expected: Pick<ValidationProblem, 'path' | 'code'>[] } {
  const doc = edit(
    scenario(
      option('a', { costLines: [perUnit(), custom('beds +'), recurring({ startMonth: 10, endMonth: 5 })] }),
      option('a', { kind: 'pilot' }),
    ),
    {
      currency: 'yuan',
      author: 'me',
      variables: { month: 1 },
      'hospital.beds': -1,
      'budget.aiShare': 2,
      'budget.informatizationByYear': [1, 2, 3],
      'workflows.0.role': 'technician',
      'options.0.effects.0.workflowId': 'ghost',
      'options.0.effects.0.adoption.goLiveMonth': 30,
    },
  );
  return {
    doc,
    expected: [
      { path: 'currency', code: 'currencyFormat' },
      { path: '', code: 'unknownKey' },
      { path: 'variables.month', code: 'variableReserved' },
      { path: 'hospital.beds', code: 'min' },
      { path: 'budget.aiShare', code: 'max' },
      { path: 'budget.informatizationByYear', code: 'moreYearsThanHorizon' },
      { path: 'workflows.0.role', code: 'roleMissing' },
      { path: 'options.0.effects.0.workflowId', code: 'unknownWorkflow' },
      { path: 'options.0.effects.0.adoption.goLiveMonth', code: 'beyondHorizon' },
      { path: 'options.0.costLines.0.unitPrice', code: 'priceOrTiers' },
      { path: 'options.0.costLines.1.expression', code: 'expressionSyntax' },
      { path: 'options.0.costLines.2.endMonth', code: 'endBeforeStart' },
      { path: 'options.1.id', code: 'duplicateId' },
      { path: 'options.1.pilot', code: 'pilotRequired' },
    ],
  };
}

describe('validateScenario: one defect, one problem with its path and code', () => {
  it('covers at least 35 distinct defects', () => {
    expect(cases.length).toBeGreaterThanOrEqual(35);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases)('$name → $code at "$path"', (c) => {
    const result = run(c);
    expect(result.ok).toBe(false);
    const problems = problemsOf(result);
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: c.path,
        code: c.code,
        ...(c.params ? { params: expect.objectContaining(c.params) } : {}),
      }),
    );
    expect(problems).toHaveLength(1 + (c.alsoReports ?? 0));
  });

  it('names the allowed kinds when a discriminator is unknown', () => {
    const problems = problemsOf(validateScenario(withLines(oneTime({ kind: 'lease' }))));
    expect(problems[0]?.params.allowed).toEqual(expect.arrayContaining(['oneTime', 'perUnit', 'custom']));
  });

  it('reports the JSON syntax error detail', () => {
    const [problem] = problemsOf(validateScenarioJson('{"schemaVersion": 1,'));
    expect(typeof problem?.params.detail).toBe('string');
    expect(String(problem?.params.detail).length).toBeGreaterThan(0);
  });

  it('reports a call named like an object built-in (toString) as a problem, without throwing', () => {
    const doc = withLines(custom('toString(beds)'));
    expect(() => validateScenario(doc)).not.toThrow();
    const problems = problemsOf(validateScenario(doc));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'options.0.costLines.0.expression', code: 'expressionNotAllowed' }),
    ]);
  });

  it('reports the syntax error of a multi-line expression on its line', () => {
    const problems = problemsOf(validateScenario(withLines(custom('beds * 2 +\n  3 ) + 1'))));
    expect(problems).toEqual([
      {
        path: 'options.0.costLines.0.expression',
        code: 'expressionSyntax',
        params: expect.objectContaining({ line: 2, column: 5 }),
      },
    ]);
  });
});

describe('validateScenario: amounts that are not numbers', () => {
  it("names the line and its option in the reader's language, and the first month", () => {
    const doc = scenario(
      option('full', {
        name: { 'zh-CN': '全院推广', en: 'Hospital-wide' },
        costLines: [{ ...custom('tasks / (month - 3)'), name: { 'zh-CN': '按量计费', en: 'Usage fee' } }],
      }),
    );
    const problems = problemsOf(validateScenario(doc));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'options.0.costLines.0.expression', code: 'expressionNotFinite' }),
    ]);
    const en = problemMessage(problems[0]!, 'en');
    const zh = problemMessage(problems[0]!, 'zh-CN');
    expect(en).toContain('“Usage fee” of “Hospital-wide”');
    expect(en).toContain('month 3');
    expect(zh).toContain('方案「全院推广」的成本项「按量计费」在第 3 个月');
  });

  it("finds the line of the option a pilot scales into only once, at that option's own path", () => {
    const doc = scenario(
      option('trial', {
        kind: 'pilot',
        pilot: pilotBlock({ durationMonths: 3, decisionRule: { minNetMinutesPerTask: 0 } }),
      }),
      option('full', { costLines: [custom('month > 6 ? 1 / 0 : 10')] }),
    );
    const problems = problemsOf(validateScenario(doc));
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'options.1.costLines.0.expression',
        code: 'expressionNotFinite',
        params: expect.objectContaining({ month: 7, option: 'full' }),
      }),
    ]);
  });

  it('accepts a line that is negative, or infinite only in months it is not booked', () => {
    expect(validateScenario(withLines(custom('month - 5'))).ok).toBe(true);
    expect(validateScenario(withLines({ ...custom('1 / (month - 20)'), endMonth: 12 })).ok).toBe(true);
  });
});

describe('validateScenario: all problems at once', () => {
  it('reports every defect of a document in one call', () => {
    const { doc, expected } = manyDefects();
    const problems = problemsOf(validateScenario(doc));
    for (const e of expected) {
      expect(problems, `${e.code} at "${e.path}"`).toContainEqual(expect.objectContaining(e));
    }
  });

  it('reports each problem only once', () => {
    const problems = problemsOf(validateScenario(manyDefects().doc));
    const keys = problems.map((p) => `${p.path}|${p.code}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('problemMessage', () => {
  const allProblems = () => [
    ...cases.flatMap((c) => problemsOf(run(c))),
    ...problemsOf(validateScenario(manyDefects().doc)),
  ];

  it('has problems of many codes to render', () => {
    expect(new Set(allProblems().map((p) => p.code)).size).toBeGreaterThanOrEqual(35);
  });

  it.each(LANGUAGES)('renders every problem in %s with all placeholders filled', (lang) => {
    for (const problem of allProblems()) {
      const message = problemMessage(problem, lang);
      const label = `${problem.code} at "${problem.path}": ${message}`;
      expect(message.trim().length, label).toBeGreaterThan(0);
      expect(message, label).not.toMatch(/\{\w+\}/);
      if (lang === 'zh-CN') expect(message, label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('fills the parameters in', () => {
    const problem: ValidationProblem = {
      path: 'options.0.costLines.0.endMonth',
      code: 'beyondHorizon',
      params: { month: 30, max: 24 },
    };
    expect(problemMessage(problem, 'en')).toBe('Month 30 lies beyond the horizon (24 months)');
    expect(problemMessage(problem, 'zh-CN')).toContain('30');
    expect(problemMessage(problem, 'zh-CN')).toContain('24');
  });

  it('says how many yearly budgets were given, how many years the plan has, and what a year left out becomes', () => {
    const problem: ValidationProblem = {
      path: 'budget.informatizationByYear',
      code: 'moreYearsThanHorizon',
      params: { given: 3, maximum: 2 },
    };
    expect(problemMessage(problem, 'en')).toBe(
      '3 yearly budgets for a plan of 2 years: at most one a year (years left out grow from the last one given)',
    );
    expect(problemMessage(problem, 'zh-CN')).toBe(
      '填了 3 个年度预算，但规划期只有 2 年：每年最多一个（未填的年份按最后一个已填年份的预算和年增长率推算）',
    );
  });
});

describe('validateScenario: valid documents', () => {
  it('accepts the base scenario without options', () => {
    const result = validateScenario(baseScenario());
    expect(result).toMatchObject({ ok: true, migratedFrom: null });
  });

  it('accepts a budget by year for some of the years or all of them (the rest grow from the last given)', () => {
    for (const years of [[800_000], [800_000, 900_000]]) {
      const result = validateScenario(edit(scenario(), { 'budget.informatizationByYear': years }));
      expect(result.ok, JSON.stringify(years)).toBe(true);
    }
    const fiveYears = edit(scenario(), { horizonYears: 5, 'budget.informatizationByYear': [1, 2] });
    expect(validateScenario(fiveYears).ok).toBe(true);
    const empty = validateScenario(edit(scenario(), { 'budget.informatizationByYear': [] }));
    expect(problemsOf(empty)).toEqual([
      expect.objectContaining({ path: 'budget.informatizationByYear', code: 'minItems' }),
    ]);
  });

  it('accepts the base scenario as JSON text', () => {
    expect(validateScenarioJson(JSON.stringify(baseScenario())).ok).toBe(true);
  });

  it('accepts options of every kind with cost lines of many kinds', () => {
    const doc = edit(
      scenario(
        option('full', {
          costLines: [
            oneTime(),
            recurring({ startMonth: 2, endMonth: 24 }),
            perUnit({
              tiers: [
                { upToUnits: 1000, unitPrice: 1 },
                { upToUnits: null, unitPrice: 0.5 },
              ],
            }),
            perUnit({ id: 'tokens', unit: 'millionTokens', unitPrice: 8, tokensPerTask: 3000 }),
            onPrem(),
            custom('if(month <= 12, beds * rate, beds * rate * 1.1)\n  + max(0, tasks - 500) * 0.1'),
          ],
          funding: [
            { kind: 'fixed', id: 'grant', name: 'Grant', source: 'grant', amount: 100000, period: 'once' },
          ],
          stopRule: { checkMonth: 6, minNetMinutesPerTask: 0 },
        }),
        option('own', { kind: 'build' }),
        option('trial', { kind: 'pilot', pilot: pilotBlock() }),
      ),
      {
        variables: { rate: 12 },
        realization: { nurse: { mode: 'avoidedStaffing', maxFte: 2 } },
        'budget.informatizationByYear': [1000000, 1100000],
        'workflows.0.baselineEvidence': { kind: 'measured', n: 40, from: '2024-02-29', to: '2024-03-31' },
      },
    );
    const result = validateScenario(doc);
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('accepts every note, source and method as plain text (also empty) or in both languages', () => {
    const grant = { kind: 'fixed', id: 'grant', name: 'Grant', source: 'grant', amount: 1, period: 'once' };
    for (const text of [
      'plain',
      '',
      { 'zh-CN': '中'.repeat(500), en: 'x'.repeat(500) },
      { 'zh-CN': '只有中文' },
      { en: 'English only' },
    ]) {
      const doc = edit(
        scenario(
          option('a', {
            effects: [{ ...measuredEffect(), evidence: { kind: 'claimed', source: text, note: text } }],
            costLines: [oneTime({ note: text })],
            funding: [{ ...grant, note: text }],
          }),
        ),
        {
          'workflows.0.baselineEvidence': { kind: 'measured', n: 40, method: text, note: text },
          sources: { 'hospital.beds': { kind: 'assumed', note: text } },
        },
      );
      const result = validateScenario(doc);
      expect(result.ok ? [] : result.problems, JSON.stringify(text)).toEqual([]);
      if (!result.ok) continue;
      // Kept as written: the other language is never dropped.
      expect(result.scenario.workflows[0]!.baselineEvidence).toMatchObject({ method: text, note: text });
      expect(result.scenario.options[0]!.effects[0]!.evidence).toMatchObject({ source: text, note: text });
      expect(result.scenario.options[0]!.costLines[0]!.note).toEqual(text);
      expect(result.scenario.options[0]!.funding[0]!.note).toEqual(text);
      expect(result.scenario.sources['hospital.beds']).toEqual({ kind: 'assumed', note: text });
    }
  });

  it('applies the defaults', () => {
    const doc = edit(scenario(option('a', { costLines: [oneTime()] })), {
      discountRate: REMOVE,
      currency: REMOVE,
      realization: REMOVE,
      'hospital.roles.nurse.overtimeMultiplier': REMOVE,
      'hospital.volumeGrowthPerYear': REMOVE,
    });
    const result = validateScenario(doc);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const { scenario: s } = result;
    expect(s.discountRate).toBe(0.08);
    expect(s.currency).toBe('CNY');
    expect(s.variables).toEqual({});
    expect(s.realization).toEqual({});
    expect(s.hospital.volumeGrowthPerYear).toBe(0);
    expect(s.hospital.roles.nurse?.overtimeMultiplier).toBe(1.5);
    expect(s.hospital.roles.physician?.overtimeMultiplier).toBe(1.5);
    expect(s.budget.informatizationGrowthPerYear).toBe(0);
    expect(s.budget.aiResearchBudgetPerYear).toBe(0);
    const opt = s.options[0];
    expect(opt?.funding).toEqual([]);
    expect(opt?.effects[0]?.scopeShare).toBe(1);
    expect(opt?.effects[0]?.adoption.curve).toBe('linear');
    expect(opt?.costLines[0]).toMatchObject({ capex: false, usefulLifeYears: 5, resaleShareOnStop: 0 });
  });

  it('keeps values that are given instead of the defaults', () => {
    const result = validateScenario(edit(scenario(), { discountRate: 0.03 }));
    expect(result.ok && result.scenario.discountRate).toBe(0.03);
  });

  it('does not change the document it is given', () => {
    const doc = edit(scenario(option('a')), { discountRate: REMOVE });
    const copy = structuredClone(doc);
    validateScenario(doc);
    expect(doc).toEqual(copy);
  });
});
