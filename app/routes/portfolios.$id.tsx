import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';

import type { Action } from '~/auth/roles';
import { callerName, allows, readCallerForm, recordAction, requirePageCaller } from '~/auth/caller.server';
import { localize } from '~/engine/text';
import { wholeParam } from '~/http/numbers';
import { getLang } from '~/i18n/locale.server';
import { pageTitle } from '~/i18n/page-title';
import { useLang } from '~/i18n/ui';
import { JobRefused } from '~/jobs/pool.server';
import { listPortfolioVersions, readPortfolio, savePortfolioVersion } from '~/models/portfolios.server';
import { getScenarioRow } from '~/models/scenarios.server';
import { requirePortfolioOnPage } from '~/portfolio/access.server';
import { portfolioPlanFor } from '~/portfolio/plan.server';
import { pageNotices, PlanPageHead } from '~/portfolio/plan-page-head';
import { PlanShares } from '~/portfolio/plan-shares';
import { PlanVersions } from '~/portfolio/plan-versions';
import { PlanView } from '~/portfolio/plan-view';
import { parseBudgetWhatIf, PlanWhatIf } from '~/portfolio/plan-what-if';
import { planRefusal, planWord } from '~/portfolio/plan-words';
import { portfolioProblemMessage } from '~/portfolio/problems';
import {
  createPortfolioShare,
  listPortfolioShares,
  revokePortfolioShare,
  sharedPortfolioPath,
} from '~/portfolio/shares.server';

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

const shareForm = z.object({
  version: wholeParam,
  expiresInDays: z.union([z.literal('').transform(() => undefined), wholeParam.pipe(z.number().max(3650))]),
});

/** Re-pin the scenarios' latest versions (a new version), make a link to a version, or revoke one. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const id = params.id!;
  const form = await readCallerForm(request, caller, lang);
  const intent = form.get('intent');
  const what = intent === 'share' ? 'share' : intent === 'revokeShare' ? 'manageShares' : 'save';
  const { hospitalId } = requirePortfolioOnPage(caller, id, what, lang);
  const audit = (action: string, version: number | null, detail: Record<string, unknown>) =>
    recordAction(caller, {
      action,
      outcome: 'success',
      hospitalId,
      objectType: 'portfolio',
      objectId: id,
      version,
      detail,
    });
  const fail = (error: string, status = 400) => json({ error, shareUrl: null }, { status });
  if (intent === 'share') {
    const parsed = shareForm.safeParse({
      version: form.get('version'),
      expiresInDays: form.get('expiresInDays') ?? '',
    });
    if (!parsed.success) return fail(planWord(lang, 'staleForm'));
    const created = createPortfolioShare(id, { ...parsed.data, createdBy: callerName(caller) });
    if (created.status !== 'created') throw new Response('Not found', { status: 404 });
    audit('share.create', created.link.version, { link: created.link.id, expiresAt: created.link.expiresAt });
    return json({
      error: null,
      shareUrl: new URL(sharedPortfolioPath(created.token), request.url).toString(),
    });
  }
  if (intent === 'revokeShare') {
    const linkId = String(form.get('linkId') ?? '');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(linkId) || !revokePortfolioShare(id, linkId))
      throw new Response('Not found', { status: 404 });
    audit('share.revoke', null, { link: linkId });
    return redirect(`/portfolios/${id}`);
  }
  const base = wholeParam.safeParse(form.get('baseVersion'));
  const latest = readPortfolio(id);
  if (intent !== 'repin' || !base.success || !latest) return fail(planWord(lang, 'staleForm'));
  const saved = savePortfolioVersion(id, {
    request: latest.request,
    baseVersion: base.data,
    savedBy: callerName(caller),
    note: planWord(lang, 'repinNote'),
  });
  if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (saved.status === 'conflict')
    return fail(planWord(lang, 'conflict', { latest: saved.latestVersion }), 409);
  if (saved.status === 'invalid')
    return fail(saved.problems.map((p) => portfolioProblemMessage(p, lang)).join(' '));
  audit('portfolio.save', saved.version, { via: 'repin' });
  return redirect(`/portfolios/${id}?repinned=${saved.version}`);
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
