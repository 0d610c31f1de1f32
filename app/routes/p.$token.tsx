import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, useLoaderData, useRouteError } from '@remix-run/react';

import { getLang } from '~/i18n/locale.server';
import { pageTitle } from '~/i18n/page-title';
import { useLang, useT } from '~/i18n/ui';
import { JobRefused } from '~/jobs/pool.server';
import { portfolioPlanFor } from '~/portfolio/plan.server';
import { PlanNotices } from '~/portfolio/plan-page-head';
import { PlanView } from '~/portfolio/plan-view';
import { planRefusal, planWord } from '~/portfolio/plan-words';
import { resolvePortfolioShare } from '~/portfolio/shares.server';
import { SHARED_PAGE_HEADERS, withSharedPageHeaders } from '~/shares/shared-view.server';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  pageTitle(matches, data?.name ?? null),
  { name: 'robots', content: 'noindex' },
];

/**
 * A shared link to a portfolio's pinned version: its plan, read-only (no what-if, no forms), for
 * anyone with the link. An unknown token is 404 and a revoked or expired one 410, neither saying
 * which portfolio it was; the page carries the shared pages' headers (no referrer, no cache).
 */
async function loadSharedPlan({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const shared = resolvePortfolioShare(params.token!, { countView: true });
  if (shared.status === 'gone') throw new Response('Gone', { status: 410 });
  if (shared.status !== 'ok') throw new Response('Not found', { status: 404 });
  const { portfolio } = shared;
  let refusal: string | null = null;
  let answer: Awaited<ReturnType<typeof portfolioPlanFor>> | null = null;
  try {
    answer = await portfolioPlanFor(portfolio.id, portfolio.version);
  } catch (error) {
    if (!(error instanceof JobRefused)) throw error;
    refusal = planRefusal(error.code, error.retryAfterSeconds, lang);
  }
  if (answer && answer.status !== 'ok') {
    if (answer.status !== 'scenarioInvalid') throw new Response('Gone', { status: 410 });
    refusal = planWord(lang, 'sharedUnavailable');
  }
  return json(
    {
      name: portfolio.document.name,
      version: portfolio.version,
      breachLimit: portfolio.document.breachProbability,
      plan: answer?.status === 'ok' ? answer.plan : null,
      refusal,
    },
    { status: answer?.status === 'ok' ? 200 : 503 },
  );
}

// A function, not the result of a call at module level: the browser's copy of this route has no
// server modules, and a call made while the module loads would fail there.
export function loader(args: LoaderFunctionArgs) {
  return withSharedPageHeaders(loadSharedPlan)(args);
}
export const headers: HeadersFunction = () => ({ ...SHARED_PAGE_HEADERS });

export default function SharedPlan() {
  const data = useLoaderData<typeof loader>();
  const lang = useLang();
  return (
    <>
      <h1>{data.name}</h1>
      <p className="banner" data-testid="shared-note">
        {planWord(lang, 'sharedNote', { version: data.version })}
      </p>
      <PlanNotices
        notices={data.refusal ? [{ text: data.refusal, tone: 'error', testid: 'plan-refusal' }] : []}
      />
      {data.plan && <PlanView plan={data.plan} breachLimit={data.breachLimit} whatIf={false} lang={lang} />}
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  const gone = isRouteErrorResponse(error) && error.status === 410;
  const unknown = isRouteErrorResponse(error) && error.status === 404;
  return (
    <section className="card">
      <h1>{gone ? t('shareGoneTitle') : unknown ? t('shareUnknownTitle') : t('errorPage')}</h1>
      {gone && <p>{t('shareGoneText')}</p>}
    </section>
  );
}
