import { json, type LoaderFunctionArgs } from '@remix-run/node';

import { answerWithJob } from '~/api/http.server';
import { parseVersionParam } from '~/api/params.server';
import { readPortfolio } from '~/models/portfolios.server';
import { apiPortfolioAccess } from '~/portfolio/access.server';
import { portfolioError, portfolioValidationError } from '~/portfolio/api-errors.server';
import { portfolioPlanFor } from '~/portfolio/plan.server';
import type { PortfolioPlan } from '~/portfolio/portfolio';
import { parseBudgetParam } from '~/portfolio/request';

/** What the API answers of a plan (money in CNY); `?detail=1` answers the whole PortfolioPlan. */
function planSummary(plan: PortfolioPlan) {
  return {
    status: plan.status,
    objective: plan.objective,
    objectiveValue: plan.objectiveValue,
    gap: plan.gap,
    infeasibleYears: plan.infeasibleYears,
    choices: plan.choices.map((c) => ({
      scenarioId: c.scenarioId,
      optionId: c.optionId,
      startOffsetYears: c.startOffsetYears,
    })),
    years: plan.years.map((y) => ({ year: y.year, spend: y.spend, budget: y.budget, headroom: y.headroom })),
    duals: plan.duals.map((d) => ({ year: d.year, value: d.value })),
    alternatives: plan.alternatives.map((a) => ({ name: a.name, objectiveValue: a.objectiveValue })),
  };
}

/**
 * GET /api/portfolios/:id/plan[?version=N][&budgetByYear=<CNY>,<CNY>,…][&detail=1] — the plan of
 * the version (the latest when not named), for its own budget or a what-if one (one figure per
 * year of the plan), solved by the job pool once and kept.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const access = await apiPortfolioAccess(request, context, params.id!, 'read');
  if (!access.ok) return access.response;
  const { lang } = access;
  const url = new URL(request.url);
  const version = parseVersionParam(url, lang);
  if (!version.ok) return version.response;
  const detail = url.searchParams.get('detail');
  if (detail !== null && detail !== '0' && detail !== '1')
    return portfolioValidationError(
      [{ path: 'detail', code: 'enum', params: { allowed: ['0', '1'] } }],
      lang,
    );
  const read = readPortfolio(params.id!, version.version);
  if (!read)
    return portfolioError(404, 'versionNotFound', lang, { version: version.version ?? '' }, 'version');
  const rawBudget = url.searchParams.get('budgetByYear');
  let budgetByYear: number[] | undefined;
  if (rawBudget !== null) {
    const budget = parseBudgetParam(rawBudget, read.document);
    if (!budget.ok) return portfolioValidationError(budget.problems, lang);
    budgetByYear = budget.budgetByYear;
  }
  return answerWithJob(lang, async () => {
    const found = await portfolioPlanFor(read.id, read.version, budgetByYear);
    if (found.status === 'notFound') return portfolioError(404, 'notFound', lang);
    if (found.status === 'versionNotFound')
      return portfolioError(404, 'versionNotFound', lang, { version: read.version }, 'version');
    if (found.status === 'scenarioInvalid')
      return portfolioError(422, 'scenarioInvalid', lang, {}, 'version', { version: read.version });
    const answer = detail === '1' ? found.plan : planSummary(found.plan);
    return json({ id: read.id, version: read.version, ...answer });
  });
}
