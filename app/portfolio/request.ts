/**
 * Reading a portfolio request (the API's body, the page's form) into a PortfolioRequest, or the
 * problems with it in the portfolio's words. Yearly money may be negative here: the resolver
 * refuses it naming the calendar year ("2028 年的 AI 预算"), which only it knows.
 */
import { z } from 'zod';

import { MAX_HORIZON_YEARS } from '~/engine/constants';

import { portfolioRequestSchema, type PortfolioRequest } from './portfolio';
import type { PortfolioProblem, PortfolioProblemCode, ProblemValue } from './problems';

const yearly = z.array(z.number().finite().max(1e12)).min(1).max(MAX_HORIZON_YEARS).optional();

/** The lead's schema with the yearly money left signed (its other rules as they are). */
const signedRequestSchema = portfolioRequestSchema.extend({
  budgetByYear: yearly,
  committedByYear: yearly,
  researchBudgetByYear: yearly,
});

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let node: unknown = body;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

function problemOf(issue: z.core.$ZodIssue, body: unknown): PortfolioProblem {
  const path = issue.path.map(String).join('.');
  const problem = (code: PortfolioProblemCode, params: Record<string, ProblemValue> = {}) => ({
    path,
    code,
    params,
  });
  const missing = valueAt(body, issue.path) === undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (missing) return problem('required');
      return problem(issue.expected === 'int' ? 'integer' : 'type');
    case 'too_small':
      if (issue.origin === 'array') return problem('minItems', { minimum: Number(issue.minimum) });
      if (issue.origin === 'string') return problem('minLength');
      return problem('min', { minimum: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'array') return problem('maxItems', { maximum: Number(issue.maximum) });
      if (issue.origin === 'string') return problem('maxLength', { maximum: Number(issue.maximum) });
      return problem('max', { maximum: Number(issue.maximum) });
    case 'invalid_format':
      return problem('idFormat');
    case 'invalid_value':
      return missing ? problem('required') : problem('enum', { allowed: issue.values.map(String) });
    case 'unrecognized_keys':
      return problem('unknownKey', { keys: issue.keys });
    default:
      return problem(missing ? 'required' : 'invalid');
  }
}

export type ParsedRequest =
  { ok: true; request: PortfolioRequest } | { ok: false; problems: PortfolioProblem[] };

/** A request body checked against the schema: the request, or every problem with it. */
export function parsePortfolioRequest(body: unknown): ParsedRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, problems: [{ path: '', code: 'notAnObject', params: {} }] };
  const parsed = signedRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, request: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => problemOf(issue, body)) };
}
