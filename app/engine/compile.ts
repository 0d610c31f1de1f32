/**
 * Compiling a scenario with its custom expressions parsed here (mathjs). Code that runs in the
 * browser uses compileModel with trees parsed on the server instead, to leave mathjs behind.
 */
import { parseExpression } from './expression';
import { expressionVariableNames } from './expression-variables';
import { compileModel, type Model, type ParsedExpressions } from './model';
import type { Scenario } from './schema';

/** Every custom expression of a validated scenario, parsed, by the path of its field. */
export function parseScenarioExpressions(scenario: Scenario): ParsedExpressions {
  const variables = expressionVariableNames(scenario.variables);
  const out: Record<string, ParsedExpressions[string]> = {};
  scenario.options.forEach((option, oi) =>
    option.costLines.forEach((line, li) => {
      if (line.kind !== 'custom') return;
      const path = `options.${oi}.costLines.${li}.expression`;
      const parsed = parseExpression(line.expression, variables);
      if (!parsed.ok) throw new Error(`${path}: ${parsed.problem.code}`);
      out[path] = parsed.ast;
    }),
  );
  return out;
}

/** Compiles a validated scenario. Throws only on a document that did not pass validation. */
export function compileScenario(scenario: Scenario): Model {
  return compileModel(scenario, parseScenarioExpressions(scenario));
}
