/**
 * Validation of a scenario document: migration to the current version, the zod schema, and
 * the cross-field rules a schema cannot express (ids that must exist, months inside the
 * horizon, expressions that parse). Every problem is reported at once, each with its path.
 */
import type { z } from 'zod';

import { MAX_EXPRESSION_LENGTH, MAX_FORMULA_CHARACTERS, parseExpression } from './expression';
import { expressionVariableNames, isBuiltin, RESERVED_VARIABLE_NAMES } from './expression-variables';
import { migrateDocument } from './migrate';
import { compileModel, type ParsedExpressions } from './model';
import { collectParams, type ParamTable } from './params';
import { inputBounds, isStructuralInput } from './uncertainty/bounds';
import { cholesky, correlationMatrix } from './uncertainty/correlation';
import { maxTrialsFor, MIN_TRIALS } from './uncertainty/work';
import type { ProblemCode, ProblemParam, ValidationProblem } from './problems';
import { scenarioSchema, type Scenario, type Uncertainty } from './schema';
import { runWarnings } from './simulate';

export type ValidationResult =
  | { ok: true; scenario: Scenario; migratedFrom: number | null }
  | { ok: false; problems: ValidationProblem[] };

type Raw = Record<string, unknown>;

const isObject = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const asObject = (v: unknown): Raw => (isObject(v) ? v : {});
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = doc;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const pathString = (path: readonly PropertyKey[]) => path.map(String).join('.');

/** Maps one zod issue to our problem vocabulary. */
export function fromZodIssue(issue: z.core.$ZodIssue, doc: unknown): ValidationProblem {
  const path = pathString(issue.path);
  const last = String(issue.path[issue.path.length - 1] ?? '');
  const problem = (code: ProblemCode, params: Record<string, ProblemParam> = {}): ValidationProblem => ({
    path,
    code,
    params,
  });
  const missing = valueAt(doc, issue.path) === undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return problem('required');
      if (issue.expected === 'int') return problem('integer');
      return problem('type', { expected: issue.expected });
    case 'too_small': {
      if (issue.origin === 'array') {
        return issue.exact
          ? problem('exactItems', { expected: Number(issue.minimum) })
          : problem('minItems', { minimum: Number(issue.minimum) });
      }
      if (issue.origin === 'string') return problem('minLength', { minimum: Number(issue.minimum) });
      return problem(issue.inclusive === false ? 'minExclusive' : 'min', { minimum: Number(issue.minimum) });
    }
    case 'too_big': {
      if (issue.origin === 'array') {
        return issue.exact
          ? problem('exactItems', { expected: Number(issue.maximum) })
          : problem('maxItems', { maximum: Number(issue.maximum) });
      }
      if (issue.origin === 'string') return problem('maxLength', { maximum: Number(issue.maximum) });
      return problem('max', { maximum: Number(issue.maximum) });
    }
    case 'invalid_format': {
      if (issue.format === 'date') return problem('dateFormat');
      if (last === 'currency') return problem('currencyFormat');
      if (last === 'ref') return problem('refFormat');
      if (last === 'id' || last.endsWith('Id') || issue.path.includes('workflowIds'))
        return problem('idFormat');
      return problem('format', { format: issue.format });
    }
    case 'invalid_value':
      if (missing) return problem('required');
      return problem('enum', { allowed: issue.values.map(String) });
    case 'unrecognized_keys':
      return problem('unknownKey', { keys: issue.keys });
    case 'invalid_key':
      return problem('variableName');
    case 'invalid_union': {
      const discriminated = issue as unknown as { discriminator?: string; options?: unknown[] };
      if (discriminated.discriminator) {
        if (missing) return problem('required');
        return problem('unknownKind', {
          field: discriminated.discriminator,
          allowed: (discriminated.options ?? []).map(String),
        });
      }
      return missing ? problem('required') : problem('text');
    }
    case 'custom': {
      const { code, ...params } = (issue.params ?? {}) as { code?: ProblemCode } & Record<
        string,
        ProblemParam
      >;
      return problem(code ?? 'invalid', params);
    }
    default:
      return problem('invalid');
  }
}

/** Months that must lie inside the horizon, by the object they belong to. */
const MONTH_FIELDS = [
  'month',
  'startMonth',
  'endMonth',
  'purchaseMonth',
  'goLiveMonth',
  'checkMonth',
  'firstUpgradeMonth',
  'exitMonth',
  'committedUntilMonth',
] as const;

function checkMonths(obj: Raw, path: string, horizonMonths: number, out: ValidationProblem[]): void {
  for (const field of MONTH_FIELDS) {
    const m = obj[field];
    if (isInt(m) && m > horizonMonths) {
      out.push({ path: `${path}.${field}`, code: 'beyondHorizon', params: { month: m, max: horizonMonths } });
    }
  }
  if (isInt(obj.startMonth) && isInt(obj.endMonth) && obj.endMonth < obj.startMonth) {
    out.push({ path: `${path}.endMonth`, code: 'endBeforeStart', params: {} });
  }
}

function checkDuplicateIds(items: unknown[], path: string, out: ValidationProblem[]): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const id = asObject(item).id;
    if (typeof id !== 'string') return;
    if (seen.has(id)) out.push({ path: `${path}.${i}.id`, code: 'duplicateId', params: { id } });
    seen.add(id);
  });
}

/**
 * Rules across fields, run on the raw document so they report alongside schema problems; and
 * the custom expressions that parse, by the path of their field (for the base-case run).
 */
function crossFieldProblems(doc: Raw): { problems: ValidationProblem[]; expressions: ParsedExpressions } {
  const out: ValidationProblem[] = [];
  const expressions: Record<string, ParsedExpressions[string]> = {};
  let formulaCharacters = 0;
  const horizonYears =
    isInt(doc.horizonYears) && doc.horizonYears >= 1 && doc.horizonYears <= 10 ? doc.horizonYears : 10;
  const horizonMonths = horizonYears * 12;
  const hospital = asObject(doc.hospital);
  const roles = asObject(hospital.roles);
  const workflows = asArray(doc.workflows);
  const options = asArray(doc.options);
  const userVariables = asObject(doc.variables);

  // A budget by year may stop short of the horizon (the years after it grow from its last);
  // a year beyond the horizon is a mistake (a wrong start year, a horizon since shortened).
  const byYear = asObject(doc.budget).informatizationByYear;
  if (Array.isArray(byYear) && byYear.length > horizonYears) {
    out.push({
      path: 'budget.informatizationByYear',
      code: 'moreYearsThanHorizon',
      params: { given: byYear.length, maximum: horizonYears },
    });
  }

  checkDuplicateIds(workflows, 'workflows', out);
  const workflowIds = new Set<string>();
  workflows.forEach((w, i) => {
    const wf = asObject(w);
    if (typeof wf.id === 'string') workflowIds.add(wf.id);
    if (typeof wf.role === 'string' && isObject(hospital.roles) && !isObject(roles[wf.role])) {
      out.push({ path: `workflows.${i}.role`, code: 'roleMissing', params: { role: wf.role } });
    }
  });

  for (const name of Object.keys(userVariables)) {
    if (isBuiltin(name) || RESERVED_VARIABLE_NAMES.has(name)) {
      out.push({ path: `variables.${name}`, code: 'variableReserved', params: { name } });
    }
  }
  const variableNames = expressionVariableNames(userVariables);

  checkDuplicateIds(options, 'options', out);
  const optionKinds = new Map<string, unknown>();
  for (const o of options) {
    const opt = asObject(o);
    if (typeof opt.id === 'string') optionKinds.set(opt.id, opt.kind);
  }

  options.forEach((o, oi) => {
    const opt = asObject(o);
    const base = `options.${oi}`;
    const effects = asArray(opt.effects);
    const effectWorkflows = new Set<string>();
    effects.forEach((e, ei) => {
      const effect = asObject(e);
      const id = effect.workflowId;
      if (typeof id !== 'string') return;
      if (!workflowIds.has(id)) {
        out.push({ path: `${base}.effects.${ei}.workflowId`, code: 'unknownWorkflow', params: { id } });
      } else if (effectWorkflows.has(id)) {
        out.push({ path: `${base}.effects.${ei}.workflowId`, code: 'duplicateEffect', params: { id } });
      }
      effectWorkflows.add(id);
      checkMonths(asObject(effect.adoption), `${base}.effects.${ei}.adoption`, horizonMonths, out);
    });
    const checkOptionWorkflow = (id: unknown, path: string) => {
      if (typeof id === 'string' && !effectWorkflows.has(id)) {
        out.push({ path, code: 'workflowNotInOption', params: { id } });
      }
    };

    const lines = asArray(opt.costLines);
    checkDuplicateIds(lines, `${base}.costLines`, out);
    lines.forEach((l, li) => {
      const line = asObject(l);
      const path = `${base}.costLines.${li}`;
      checkMonths(line, path, horizonMonths, out);
      const lineWorkflows = new Set<unknown>();
      asArray(line.workflowIds).forEach((id, wi) => {
        checkOptionWorkflow(id, `${path}.workflowIds.${wi}`);
        // A workflow listed twice would count its tasks twice.
        if (lineWorkflows.has(id))
          out.push({ path: `${path}.workflowIds.${wi}`, code: 'duplicateId', params: { id: String(id) } });
        lineWorkflows.add(id);
      });
      if (
        line.kind === 'modelLifecycle' &&
        isObject(hospital.roles) &&
        !isObject(roles[typeof line.revalidationRole === 'string' ? line.revalidationRole : 'physician']) &&
        line.revalidationHoursPerUpgrade !== 0
      ) {
        const role = typeof line.revalidationRole === 'string' ? line.revalidationRole : 'physician';
        out.push({ path: `${path}.revalidationRole`, code: 'roleMissing', params: { role } });
      }
      if (line.kind === 'staffing' && line.vat !== undefined) {
        out.push({ path: `${path}.vat`, code: 'vatNotForKind', params: {} });
      }
      if (line.kind === 'perUnit') {
        const hasPrice = line.unitPrice !== undefined;
        const hasTiers = line.tiers !== undefined;
        if (hasPrice === hasTiers) out.push({ path: `${path}.unitPrice`, code: 'priceOrTiers', params: {} });
        if (hasTiers && (line.unit === 'bed' || line.unit === 'seat')) {
          out.push({ path: `${path}.tiers`, code: 'tiersNotForUnit', params: {} });
        }
        const tiers = asArray(line.tiers);
        let previous = -Infinity;
        tiers.forEach((t, ti) => {
          const upTo = asObject(t).upToUnits;
          const isLast = ti === tiers.length - 1;
          if (upTo === null ? !isLast : typeof upTo === 'number' && upTo <= previous) {
            out.push({ path: `${path}.tiers.${ti}.upToUnits`, code: 'tiersOrder', params: {} });
          }
          if (typeof upTo === 'number') previous = upTo;
          // Volume above a bounded last tier would be free.
          if (isLast && typeof upTo === 'number') {
            out.push({ path: `${path}.tiers.${ti}.upToUnits`, code: 'tiersLastOpen', params: {} });
          }
        });
        if (line.unit === 'millionTokens' && line.tokensPerTask === undefined) {
          out.push({ path: `${path}.tokensPerTask`, code: 'tokensPerTaskRequired', params: {} });
        }
      }
      // An over-long expression is the schema's problem, and is never parsed.
      if (
        line.kind === 'custom' &&
        typeof line.expression === 'string' &&
        line.expression.length > 0 &&
        line.expression.length <= MAX_EXPRESSION_LENGTH
      ) {
        formulaCharacters += line.expression.length;
        // Past the document's total, no formula is parsed, and the one that passed it is named.
        if (formulaCharacters > MAX_FORMULA_CHARACTERS) {
          if (formulaCharacters - line.expression.length <= MAX_FORMULA_CHARACTERS) {
            out.push({
              path: `${path}.expression`,
              code: 'formulasTooLong',
              params: { maximum: MAX_FORMULA_CHARACTERS },
            });
          }
          return;
        }
        const parsed = parseExpression(line.expression, variableNames);
        if (parsed.ok) expressions[`${path}.expression`] = parsed.ast;
        else
          out.push({ path: `${path}.expression`, code: parsed.problem.code, params: parsed.problem.params });
      }
    });

    const funding = asArray(opt.funding);
    checkDuplicateIds(funding, `${base}.funding`, out);
    funding.forEach((f, fi) => checkMonths(asObject(f), `${base}.funding.${fi}`, horizonMonths, out));

    if (isObject(opt.stopRule)) {
      checkMonths(opt.stopRule, `${base}.stopRule`, horizonMonths, out);
      checkOptionWorkflow(opt.stopRule.workflowId, `${base}.stopRule.workflowId`);
    }

    if (opt.kind === 'pilot' && opt.pilot === undefined) {
      out.push({ path: `${base}.pilot`, code: 'pilotRequired', params: {} });
    }
    if (opt.kind === 'pilot' && isInt(opt.tenderMonths) && opt.tenderMonths > 0) {
      out.push({ path: `${base}.tenderMonths`, code: 'tenderNotForPilot', params: {} });
    }
    if (opt.kind !== 'pilot' && opt.pilot !== undefined && typeof opt.kind === 'string') {
      out.push({ path: `${base}.pilot`, code: 'pilotOnlyForPilot', params: {} });
    }
    if (isObject(opt.pilot)) {
      const pilot = opt.pilot;
      checkMonths(pilot, `${base}.pilot`, horizonMonths, out);
      const start = isInt(pilot.startMonth) ? pilot.startMonth : 1;
      if (isInt(pilot.durationMonths) && start + pilot.durationMonths - 1 > horizonMonths) {
        out.push({
          path: `${base}.pilot.durationMonths`,
          code: 'pilotBeyondHorizon',
          params: { month: start + pilot.durationMonths - 1, max: horizonMonths },
        });
      }
      const target = pilot.scaleUpOptionId;
      if (typeof target === 'string') {
        const kind = optionKinds.get(target);
        if (!optionKinds.has(target)) {
          out.push({ path: `${base}.pilot.scaleUpOptionId`, code: 'unknownOption', params: { id: target } });
        } else if (kind !== 'buy' && kind !== 'build') {
          out.push({
            path: `${base}.pilot.scaleUpOptionId`,
            code: 'scaleUpKind',
            params: { id: target, kind: String(kind) },
          });
        }
      }
      checkOptionWorkflow(asObject(pilot.decisionRule).workflowId, `${base}.pilot.decisionRule.workflowId`);
    }
  });
  return { problems: out, expressions };
}

/**
 * A custom line whose amount in the base case is infinite or not a number (`0/0`, `9^9^9`)
 * would be booked as nothing, silently: refused, naming the line, its option and the first
 * month it happens. One run of the model, and only for a document with custom lines.
 */
function nonFiniteAmounts(scenario: Scenario, expressions: ParsedExpressions): ValidationProblem[] {
  if (Object.keys(expressions).length === 0) return [];
  const { options } = scenario;
  const hasCustom = (oi: number) => oi >= 0 && options[oi]!.costLines.some((l) => l.kind === 'custom');
  // A pilot's ledger also holds the lines of the option it scales into.
  const targetOf = (k: number) => {
    const pilot = options[k]!.pilot;
    return pilot ? options.findIndex((o) => o.id === pilot.scaleUpOptionId) : -1;
  };
  const run = options.map((_, k) => k).filter((k) => hasCustom(k) || hasCustom(targetOf(k)));
  const warnings = runWarnings(compileModel(scenario, expressions), run);
  const firstMonth = new Map<string, { month: number; oi: number; li: number }>();
  run.forEach((k, i) => {
    for (const warning of warnings[i]!) {
      if (warning.code !== 'expressionNotFinite') continue;
      for (const oi of [k, targetOf(k)]) {
        const li = oi >= 0 ? options[oi]!.costLines.findIndex((l) => l.id === warning.lineId) : -1;
        if (li < 0) continue;
        const path = `options.${oi}.costLines.${li}.expression`;
        const seen = firstMonth.get(path);
        if (!seen || warning.month < seen.month) firstMonth.set(path, { month: warning.month, oi, li });
        break;
      }
    }
  });
  return [...firstMonth].map(([path, { month, oi, li }]) => ({
    path,
    code: 'expressionNotFinite',
    params: {
      line: scenario.options[oi]!.costLines[li]!.name,
      option: scenario.options[oi]!.name,
      month,
    },
  }));
}

/**
 * A Monte Carlo too large to finish in reasonable time (see uncertainty/work.ts): even its
 * fewest trials for the document, or the trials it asks for.
 */
function monteCarloProblems(scenario: Scenario): ValidationProblem[] {
  const maximum = maxTrialsFor(scenario);
  const hasInputs = Object.keys(scenario.uncertainty?.inputs ?? {}).length > 0;
  if (maximum < MIN_TRIALS) {
    return [{ path: hasInputs ? 'uncertainty.inputs' : 'options', code: 'monteCarloTooLarge', params: {} }];
  }
  const trials = scenario.uncertainty?.trials;
  if (trials !== undefined && trials > maximum) {
    return [{ path: 'uncertainty.trials', code: 'trialsTooMany', params: { maximum } }];
  }
  return [];
}

/** Distributions that fit their input, and a correlation matrix that is one. */
function uncertaintyProblems(uncertainty: Uncertainty, params: ParamTable): ValidationProblem[] {
  const out: ValidationProblem[] = [];
  const slots = new Map<number, string>();
  for (const [path, d] of Object.entries(uncertainty.inputs)) {
    const at = `uncertainty.inputs.${path}`;
    const slot = params.index.get(path);
    if (slot === undefined) {
      out.push({ path: at, code: 'unknownInput', params: { path } });
      continue;
    }
    const indexPath = params.paths[slot]!;
    // The same input under its index path and its id path would be drawn twice.
    const other = slots.get(slot);
    if (other !== undefined) {
      out.push({ path: at, code: 'duplicateInput', params: { path: other } });
      continue;
    }
    slots.set(slot, path);
    if (isStructuralInput(indexPath)) {
      out.push({ path: at, code: 'notUncertain', params: {} });
      continue;
    }
    if (d.kind === 'fixed') continue;
    if (d.kind === 'sameAs') {
      const leader = Object.hasOwn(uncertainty.inputs, d.input) ? uncertainty.inputs[d.input] : undefined;
      if (
        !leader ||
        leader.kind === 'fixed' ||
        leader.kind === 'sameAs' ||
        params.index.get(d.input) === undefined
      ) {
        out.push({ path: `${at}.input`, code: 'correlationInput', params: { path: d.input } });
      }
      continue;
    }
    if (!(d.low < d.high)) {
      out.push({ path: `${at}.high`, code: 'distributionBounds', params: { low: d.low, high: d.high } });
      continue;
    }
    const [min, max] = inputBounds(indexPath);
    if (d.low < min || d.high > max) {
      out.push({ path: at, code: 'distributionOutOfRange', params: { min, max } });
    }
    const value = params.base[slot]!;
    if (value < d.low || value > d.high) {
      out.push({ path: at, code: 'distributionMode', params: { value, low: d.low, high: d.high } });
    }
    if (d.kind === 'normal' && (d.min !== undefined || d.max !== undefined)) {
      const lo = d.min ?? -Infinity;
      const hi = d.max ?? Infinity;
      if (!(lo < hi) || value < lo || value > hi) {
        out.push({ path: at, code: 'distributionTruncation', params: { value } });
      }
    }
  }
  const uncertain = (path: string): number | undefined => {
    const d = Object.hasOwn(uncertainty.inputs, path) ? uncertainty.inputs[path] : undefined;
    return d && d.kind !== 'fixed' && d.kind !== 'sameAs' ? params.index.get(path) : undefined;
  };
  const keys: string[] = [];
  const seen = new Set<string>();
  const pairs: { a: string; b: string; rho: number }[] = [];
  uncertainty.correlations.forEach((c, i) => {
    const a = uncertain(c.a);
    const b = uncertain(c.b);
    if (a === undefined)
      out.push({ path: `uncertainty.correlations.${i}.a`, code: 'correlationInput', params: { path: c.a } });
    if (b === undefined)
      out.push({ path: `uncertainty.correlations.${i}.b`, code: 'correlationInput', params: { path: c.b } });
    if (a === undefined || b === undefined) return;
    if (a === b) {
      out.push({ path: `uncertainty.correlations.${i}.b`, code: 'correlationInput', params: { path: c.b } });
      return;
    }
    const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (seen.has(pair)) {
      out.push({ path: `uncertainty.correlations.${i}`, code: 'duplicateCorrelation', params: {} });
      return;
    }
    seen.add(pair);
    for (const k of [String(a), String(b)]) if (!keys.includes(k)) keys.push(k);
    pairs.push({ a: String(a), b: String(b), rho: c.rho });
  });
  if (out.length === 0 && keys.length > 1 && !cholesky(correlationMatrix(keys, pairs))) {
    out.push({ path: 'uncertainty.correlations', code: 'correlationInvalid', params: {} });
  }
  return out;
}

/** Validates (and migrates) a parsed JSON document. */
export function validateScenario(raw: unknown): ValidationResult {
  const migrated = migrateDocument(raw);
  if (!migrated.ok) return migrated;
  const doc = migrated.document as Raw;
  const parsed = scenarioSchema.safeParse(doc);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => fromZodIssue(issue, doc));
  const seen = new Set(problems.map((p) => `${p.path}|${p.code}`));
  const crossField = crossFieldProblems(doc);
  for (const p of crossField.problems) {
    if (!seen.has(`${p.path}|${p.code}`)) problems.push(p);
  }
  if (parsed.success) {
    const params = collectParams(parsed.data);
    for (const [path, evidence] of Object.entries(parsed.data.sources)) {
      // The planner's mark on an estimate that cannot be worked out yet names a number still to come.
      const parent = valueAt(parsed.data, path.split('.').slice(0, -1));
      const waiting =
        evidence.kind !== 'measured' &&
        evidence.estimate !== undefined &&
        typeof parent === 'object' &&
        parent !== null &&
        !Array.isArray(parent);
      if (!params.index.has(path) && !waiting)
        problems.push({ path: `sources.${path}`, code: 'unknownInput', params: { path } });
    }
    if (parsed.data.uncertainty) problems.push(...uncertaintyProblems(parsed.data.uncertainty, params));
    if (problems.length === 0) problems.push(...monteCarloProblems(parsed.data));
    // The model runs only on a document that is otherwise sound.
    if (problems.length === 0) problems.push(...nonFiniteAmounts(parsed.data, crossField.expressions));
  }
  if (problems.length > 0 || !parsed.success) return { ok: false, problems };
  return { ok: true, scenario: parsed.data, migratedFrom: migrated.migratedFrom };
}

/** Parses JSON text, then validates it; a syntax error is reported as a problem too. */
export function validateScenarioJson(text: string): ValidationResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      problems: [{ path: '', code: 'invalidJson', params: { detail: (error as Error).message } }],
    };
  }
  return validateScenario(raw);
}
