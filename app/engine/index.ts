/** The planning engine: pure TypeScript, the same in the browser and on the server. */
export * from './schema';
export { validateScenario, validateScenarioJson, type ValidationResult } from './validate';
export { migrateDocument, MIGRATIONS, type Migration } from './migrate';
export { problemMessage, formatProblems, type ValidationProblem, type ProblemCode } from './problems';
export { compileScenario, parseScenarioExpressions } from './compile';
export { compileModel, type Model, type ParsedExpressions } from './model';
export { runModel, trialRunner, type RunOptions, type TrialRunner } from './simulate';
export type { TrialOutcome } from './results';
export { collectParams, withOverrides, writeInputs, type ParamTable } from './params';
export { npv, irr, paybackMonth, type IrrNote } from './finance';
export { localize, isLang, LANGUAGES, type Lang } from './text';
export type {
  ScenarioResult,
  OptionResult,
  YearResult,
  CostBreakdown,
  PilotOutcome,
  StopResult,
} from './results';
export { EXPRESSION_BUILTINS } from './expression-variables';
export { applyWhatIf, whatIfBaseline, WHAT_IF_KEYS, type WhatIf, type WhatIfKey } from './what-if';
export {
  movingBars,
  runMonteCarlo,
  type MonteCarloOptions,
  type MonteCarloResult,
  type OptionMonteCarlo,
  type TornadoBar,
} from './uncertainty/monte-carlo';
export type { Percentiles } from './uncertainty/percentiles';
export { createRng, type Rng } from './uncertainty/rng';
export { compileDistribution, type Sampler } from './uncertainty/distributions';
export { samplesCsv } from './uncertainty/csv';
export { sweepInput, twoWayTable, type InputSweep } from './uncertainty/sensitivity';
export {
  maxTrialsFor,
  monteCarloWork,
  runUnits,
  MAX_MONTE_CARLO_WORK,
  MAX_TRIALS,
  MIN_TRIALS,
  RUNS_PER_INPUT,
} from './uncertainty/work';
export { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, MAX_FORMULA_CHARACTERS } from './expression';
