import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import type { Action } from '~/auth/roles';
import { allows, requirePageCaller } from '~/auth/caller.server';
import { localize } from '~/engine/text';
import { wholeParam } from '~/http/numbers';
import { getLang } from '~/i18n/locale.server';
import { pageTitle } from '~/i18n/page-title';
import { useLang } from '~/i18n/ui';
import { JobRefused } from '~/jobs/pool.server';
import { listPortfolioVersions, readPortfolio } from '~/models/portfolios.server';
import { getScenarioRow } from '~/models/scenarios.server';
import { requirePortfolioOnPage } from '~/portfolio/access.server';
import { portfolioPlanFor } from '~/portfolio/plan.server';
import { pageNotices, PlanPageHead } from '~/portfolio/plan-page-head';
import { PlanShares } from '~/portfolio/plan-shares';
import { PlanVersions } from '~/portfolio/plan-versions';
import { PlanView } from '~/portfolio/plan-view';
import { parseBudgetWhatIf, PlanWhatIf } from '~/portfolio/plan-what-if';
import { planRefusal, planWord } from '~/portfolio/plan-words';
import { planPageAction } from '~/portfolio/plan-page-actions.server';
import { listPortfolioShares } from '~/portfolio/shares.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  pageTitle(matches, data?.name ?? null),
];

/** The plan of a version (or of a what-if on its budget), solved by the worker pool as the page loads. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const id = params.id!;
  const { hospitalId, portfolio: row } = requirePortfolioOnPage(caller, id, 'read', lang);
  const url = new URL(request.url);
  const askedVersion = url.searchParams.get('version');
  const asked = wholeParam.safeParse(askedVersion ?? undefined);
  if (askedVersion !== null && !(asked.success && asked.data >= 1))
    throw new Response(planWord(lang, 'badVersion'), { status: 400 });
  const stored = readPortfolio(id, asked.success ? asked.data : undefined);
  if (!stored) throw new Response('Not found', { status: 404 });
  const { document } = stored;
  const whatIf = parseBudgetWhatIf(url.searchParams, document.startYear, document.budgetByYear, lang);
  let answer: Awaited<ReturnType<typeof portfolioPlanFor>> | null = null;
  let refusal: string | null = null;
  try {
    answer = await portfolioPlanFor(id, stored.version, whatIf.budgetByYear ?? undefined);
  } catch (error) {
    if (!(error instanceof JobRefused)) throw error;
    refusal = planRefusal(error.code, error.retryAfterSeconds, lang);
  }
  if (answer?.status === 'notFound' || answer?.status === 'versionNotFound')
    throw new Response('Not found', { status: 404 });
  const scenario = (id: string) => getScenarioRow(id);
  const name = (id: string) => localize(scenario(id)?.name, lang);
  if (answer?.status === 'scenarioInvalid')
    refusal = planWord(lang, 'scenarioInvalid', { name: name(answer.scenarioId), version: answer.version });
  const may = (action: Action) => allows(caller, hospitalId, action);
  return json(
    {
      id,
      name: document.name,
      version: stored.version,
      latestVersion: row.latestVersion,
      startYear: document.startYear,
      budgetByYear: document.budgetByYear,
      breachLimit: document.breachProbability,
      plan: answer?.status === 'ok' ? answer.plan : null,
      whatIf,
      refusal,
      versions: listPortfolioVersions(id) ?? [],
      pinned: document.members.map((m) => ({
        name: name(m.scenarioId),
        version: m.version,
        latest: scenario(m.scenarioId)?.latestVersion ?? m.version,
      })),
      may: { save: may('save'), share: may('share') },
      shares: may('manageShares') ? listPortfolioShares(id).map(({ portfolioId: _, ...link }) => link) : [],
      repinned: wholeParam.safeParse(url.searchParams.get('repinned') ?? undefined).data ?? null,
    },
    { status: refusal && !answer ? 503 : 200 },
  );
}

/** Re-pin the scenarios' latest versions (a new version), make a link to a version, or revoke one. */
export async function action(args: ActionFunctionArgs) {
  return planPageAction(args);
}

export default function PortfolioPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  const older = data.version !== data.latestVersion;
  const whatIfActive = data.whatIf.budgetByYear !== null;
  return (
    <>
      <PlanPageHead
        id={data.id}
        name={data.name}
        version={data.version}
        latestVersion={data.latestVersion}
        whatIfBudget={data.whatIf.budgetByYear}
        notices={pageNotices({ ...data, error: actionData?.error ?? null }, lang)}
        lang={lang}
      />
      {data.plan && (
        <PlanView plan={data.plan} breachLimit={data.breachLimit} whatIf={whatIfActive} lang={lang} />
      )}
      <PlanWhatIf
        startYear={data.startYear}
        budgetByYear={data.plan?.budgetByYear ?? data.whatIf.budgetByYear ?? data.budgetByYear}
        typed={data.whatIf.typed}
        active={whatIfActive || data.whatIf.errors.length > 0}
        keep={older ? { version: String(data.version) } : {}}
        lang={lang}
      />
      <PlanVersions
        id={data.id}
        versions={data.versions}
        shown={data.version}
        latest={data.latestVersion}
        pinned={data.pinned}
        mayRepin={data.may.save}
        busy={busy}
        lang={lang}
      />
      <PlanShares
        version={data.version}
        links={data.shares}
        created={actionData?.shareUrl ?? null}
        mayShare={data.may.share}
        busy={busy}
        lang={lang}
      />
    </>
  );
}
