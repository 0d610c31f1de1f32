/**
 * The portfolio list page on the server: the hospital's portfolios (each with how its latest
 * version's plan came out, if it has been solved) and, for a planner, the form that makes one;
 * a post of the form makes the portfolio through the model and goes to its plan page, or comes
 * back with what was typed and each problem beside its field (nothing stored).
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';

import { hospitalChoices, roleRefusalMessage } from '~/auth/access.server';
import {
  allows,
  callerName,
  readCallerForm,
  recordAction,
  requirePageCaller,
  type Caller,
} from '~/auth/caller.server';
import { compileScenario } from '~/engine';
import { localize, type Lang } from '~/engine/text';
import { aiBudgetByYear } from '~/engine/timeline';
import { assertPageRequest } from '~/http/page-form.server';
import { getLang } from '~/i18n/locale.server';
import { createPortfolio, getCachedPlan, listPortfolios, readPortfolio } from '~/models/portfolios.server';
import { getScenarioRow, listScenarios, readVersion } from '~/models/scenarios.server';

import {
  blankFormState,
  formSetup,
  readPortfolioForm,
  withProblems,
  type PortfolioFormState,
  type UseCaseChoice,
} from './form.server';
import type { PortfolioListRow } from './list-table';
import { portfolioListText } from './list-words';
import { portfolioProblemMessage } from './problems';

/** The hospital's use cases as the form offers them: each latest version, its options and budget. */
function useCaseChoices(hospitalId: string, lang: Lang): UseCaseChoice[] {
  return listScenarios({ hospitalIds: [hospitalId] }).map((row): UseCaseChoice => {
    const broken: UseCaseChoice = {
      id: row.id,
      name: localize(row.name, lang),
      startYear: 0,
      horizonYears: 0,
      discountRate: 0,
      options: [],
      aiBudgetByYear: [],
      broken: true,
    };
    if (row.status !== 'ok') return broken;
    const read = readVersion(row.id, row.latestVersion);
    if (read.status !== 'ok') return broken;
    const doc = read.scenario.document;
    try {
      // The engine's own budget by year (informatization × AI share, grown as the case says).
      const model = compileScenario(doc);
      return {
        ...broken,
        startYear: doc.startYear,
        horizonYears: doc.horizonYears,
        discountRate: doc.discountRate,
        options: doc.options.map((o) => ({ id: o.id, name: localize(o.name, lang), kind: o.kind })),
        aiBudgetByYear: Array.from(aiBudgetByYear(model, model.params.base)),
        broken: false,
      };
    } catch {
      return broken;
    }
  });
}

/** The hospital's portfolios, the latest changed first, with their use cases' names and plans. */
function portfolioRows(hospitalId: string, lang: Lang): PortfolioListRow[] {
  return listPortfolios([hospitalId]).flatMap((row) => {
    const latest = readPortfolio(row.id, row.latestVersion);
    if (!latest) return [];
    const plan = getCachedPlan(row.id, row.latestVersion, '');
    return [
      {
        id: row.id,
        name: row.name,
        useCases: latest.document.members.map((m) => {
          const scenario = getScenarioRow(m.scenarioId);
          return scenario ? localize(scenario.name, lang) : '—';
        }),
        version: row.latestVersion,
        savedAt: latest.savedAt,
        plan: plan ? { status: plan.status, gap: plan.gap, infeasibleYears: plan.infeasibleYears } : null,
      },
    ];
  });
}

export async function loadPortfolioList({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const hospitals = hospitalChoices(caller, 'read');
  // The hospital asked for in the address when the caller is of it; else their first.
  const asked = new URL(request.url).searchParams.get('hospital');
  const hospital = hospitals.find((h) => h.id === asked) ?? hospitals[0] ?? null;
  const mayCreate = hospital !== null && allows(caller, hospital.id, 'save');
  const setup = mayCreate ? formSetup(useCaseChoices(hospital.id, lang)) : null;
  return json({
    hospitals,
    hospital,
    rows: hospital ? portfolioRows(hospital.id, lang) : [],
    setup,
    state: setup ? blankFormState(setup, lang) : null,
  });
}

/**
 * The hospital a post makes its portfolio in: one where the caller plans. Not theirs at all is
 * 404 (it does not exist for them); theirs without the planner's role, 403 naming the role.
 * Both are logged.
 */
function hospitalToPlanIn(caller: Caller, asked: unknown, lang: Lang): string {
  const id = typeof asked === 'string' ? asked.slice(0, 100) : '';
  const role = caller.roles.get(id);
  if (role && allows(caller, id, 'save')) return id;
  recordAction(caller, {
    action: 'access.denied',
    outcome: 'denied',
    ...(role ? { hospitalId: id } : {}),
    objectType: 'hospital',
    objectId: id,
    detail: { action: 'save' },
  });
  if (!role) throw new Response('Not found', { status: 404 });
  throw new Response(roleRefusalMessage(caller.tokenRole ?? role, 'save', lang), {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': lang },
  });
}

export async function portfolioListAction({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  assertPageRequest(request, lang);
  const caller = requirePageCaller(request, context);
  const form = await readCallerForm(request, caller, lang);
  const hospitalId = hospitalToPlanIn(caller, form.get('hospital'), lang);
  const setup = formSetup(useCaseChoices(hospitalId, lang));
  const read = readPortfolioForm(form, setup, lang);
  if (!read.ok) return json({ state: read.state }, { status: 400 });
  const made = createPortfolio({
    hospitalId,
    request: read.request,
    savedBy: callerName(caller),
    note: portfolioListText(lang, 'createdNote'),
  });
  if (made.status !== 'created') {
    const problems = made.problems.map((p) => ({ path: p.path, message: portfolioProblemMessage(p, lang) }));
    const state: PortfolioFormState = withProblems(
      read.state,
      problems,
      read.request,
      read.startYear,
      setup.years,
    );
    return json({ state }, { status: 400 });
  }
  recordAction(caller, {
    action: 'portfolio.create',
    outcome: 'success',
    hospitalId,
    objectType: 'portfolio',
    objectId: made.id,
    version: made.version,
  });
  return redirect(`/portfolios/${encodeURIComponent(made.id)}`);
}
