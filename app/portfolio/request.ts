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

/** One issue of a zod schema in the portfolio's words. */
export function problemOf(issue: z.core.$ZodIssue, body: unknown): PortfolioProblem {
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

const saveSchema = z.strictObject({
  baseVersion: z.number().int().min(1),
  request: z.unknown(),
  note: z.string().max(500).optional(),
});

/**
 * `PUT /api/portfolios/:id`: `{ baseVersion, request, note? }`, the request checked as a new one
 * is (its problems' paths under `request.`).
 */
export function parseSaveBody(
  body: unknown,
):
  | { ok: true; baseVersion: number; request: PortfolioRequest; note?: string }
  | { ok: false; problems: PortfolioProblem[] } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return { ok: false, problems: [{ path: '', code: 'notAnObject', params: {} }] };
  const envelope = saveSchema.safeParse(body);
  if (!envelope.success)
    return { ok: false, problems: envelope.error.issues.map((issue) => problemOf(issue, body)) };
  const inner = parsePortfolioRequest(envelope.data.request);
  if (!inner.ok)
    return {
      ok: false,
      problems: inner.problems.map((p) => ({ ...p, path: p.path ? `request.${p.path}` : 'request' })),
    };
  return {
    ok: true,
    baseVersion: envelope.data.baseVersion,
    request: inner.request,
    note: envelope.data.note,
  };
}

/** Longest a link may live: ten years, as a scenario's (a link without an expiry never expires). */
export const MAX_LINK_DAYS = 3650;

const shareSchema = z.strictObject({
  version: z.number().int().min(1).optional(),
  expiresInDays: z.number().int().min(1).max(MAX_LINK_DAYS).optional(),
});

/** `POST /api/portfolios/:id/share`: `{ version?, expiresInDays? }`. */
export function parseShareBody(
  body: unknown,
): { ok: true; version?: number; expiresInDays?: number } | { ok: false; problems: PortfolioProblem[] } {
  const parsed = shareSchema.safeParse(body);
  if (parsed.success) return { ok: true, ...parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => problemOf(issue, body)) };
}

/**
 * A what-if budget in a query (`?budgetByYear=1200000,1300000`): CNY, one figure per year of the
 * plan, none negative; or the problems, a figure's naming its calendar year.
 */
export function parseBudgetParam(
  raw: string,
  plan: { startYear: number; horizonYears: number },
): { ok: true; budgetByYear: number[] } | { ok: false; problems: PortfolioProblem[] } {
  const parts = raw.split(',').map((part) => part.trim());
  const problems: PortfolioProblem[] = [];
  const values = parts.map((part, i) => {
    const path = `budgetByYear.${i}`;
    const year = plan.startYear + i;
    const value = /^-?\d+(\.\d+)?$/.test(part) ? Number(part) : NaN;
    if (!Number.isFinite(value)) problems.push({ path, code: 'notANumber', params: { year } });
    else if (value < 0) problems.push({ path, code: 'negative', params: { year } });
    else if (value > 1e12) problems.push({ path, code: 'max', params: { year, maximum: 1e12 } });
    return value;
  });
  if (parts.length !== plan.horizonYears)
    problems.unshift({
      path: 'budgetByYear',
      code: 'lengthMismatch',
      params: { expected: plan.horizonYears, given: parts.length },
    });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, budgetByYear: values };
}
