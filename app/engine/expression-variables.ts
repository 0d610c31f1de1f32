/**
 * The names a custom cost expression may read, besides the scenario's own `variables`.
 * Month-dependent values are those of the month being costed.
 */
export const EXPRESSION_BUILTINS = [
  'month', // month of the option's timeline, 1 = its first month
  'year', // year of the option's timeline, 1 = its first year
  'monthOfYear', // calendar month, 1–12
  'calendarYear',
  'beds',
  'occupancy',
  'outpatientVisitsPerYear',
  'dischargesPerYear',
  'visits', // outpatient visits this month
  'inpatientDays', // inpatient days this month
  'discharges', // discharges this month
  'tasks', // tasks done with AI this month, all of the option's workflows
  'adoption', // share of in-scope tasks done with AI this month (task-weighted)
  'hoursFreed', // net hours freed this month
  'physicians', // physician headcount
  'nurses', // nurse headcount
] as const;
export type ExpressionBuiltin = (typeof EXPRESSION_BUILTINS)[number];

/** All variable names of a scenario's expressions, built-ins first: the index is the slot. */
export function expressionVariableNames(userVariables: Record<string, unknown>): string[] {
  return [...EXPRESSION_BUILTINS, ...Object.keys(userVariables).filter((n) => !isBuiltin(n))];
}

/** Names that would reach JavaScript's object machinery: never a variable. */
export const RESERVED_VARIABLE_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export function isBuiltin(name: string): name is ExpressionBuiltin {
  return (EXPRESSION_BUILTINS as readonly string[]).includes(name);
}
