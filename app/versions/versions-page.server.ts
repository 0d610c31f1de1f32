/**
 * The versions page's loader and action: every version with who saved it and its approval state,
 * a comparison of two; restoring an old version as a new one; submitting, approving or returning
 * a version (app/versions/review.server.ts).
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { requireScenarioOnPage } from '~/auth/access.server';
import { allows, callerName, readCallerForm, recordAction, requirePageCaller } from '~/auth/caller.server';
import { compileScenario, runModel } from '~/engine';
import { localize } from '~/engine/text';
import { wholeParam } from '~/http/numbers';
import { getLang } from '~/i18n/locale.server';
import { translate } from '~/i18n/ui';
import { reviewStates } from '~/models/reviews.server';
import { getScenarioRow, listVersions, readVersion, restoreVersion } from '~/models/scenarios.server';

import { noteShown, savedByShown } from './bundled';
import { compareResults, compareVersions } from './compare';
import { REVIEW_STATUSES } from './review-flow';
import { changeReviewState } from './review.server';

const versionNumber = wholeParam;

export async function loadVersionsPage({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const { hospitalId } = requireScenarioOnPage(caller, params.id!, 'read', lang);
  const versions = listVersions(params.id!);
  // The row, not the latest document: the page must open when that version needs attention
  // (restoring an older one is a way out).
  const latest = getScenarioRow(params.id!);
  if (!versions || !latest) throw new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const a = versionNumber.safeParse(url.searchParams.get('a') ?? '');
  const b = versionNumber.safeParse(url.searchParams.get('b') ?? '');
  let comparison = null;
  if (a.success && b.success) {
    const readA = readVersion(params.id!, a.data);
    const readB = readVersion(params.id!, b.data);
    // A version that needs attention cannot be run: no comparison (the page says so).
    const before = readA.status === 'ok' ? readA.scenario : null;
    const after = readB.status === 'ok' ? readB.scenario : null;
    if (before && after) {
      const ra = runModel(compileScenario(before.document), undefined, { lang });
      const rb = runModel(compileScenario(after.document), undefined, { lang });
      comparison = {
        a: a.data,
        b: b.data,
        // Changed inputs in words (place, field, values with units), matched by id, never by path.
        inputs: compareVersions(before.document, after.document, lang).slice(0, 500),
        currency: rb.currency,
        startYear: rb.startYear,
        results: compareResults(ra, rb),
      };
    }
  }
  const reviews = reviewStates(params.id!);
  return json({
    id: params.id!,
    title: localize(latest.name, lang),
    latestVersion: latest.latestVersion,
    versions: versions.map((v) => ({
      ...v,
      savedBy: savedByShown(v.savedBy, lang),
      note: noteShown(v.note, lang),
      review: reviews.get(v.version) ?? null,
    })),
    may: {
      save: allows(caller, hospitalId, 'save'),
      submit: allows(caller, hospitalId, 'submit'),
      approve: allows(caller, hospitalId, 'approve'),
    },
    comparison,
    badCompare: (url.searchParams.has('a') || url.searchParams.has('b')) && !comparison,
  });
}

const restoreForm = z.object({ intent: z.literal('restore').optional(), version: versionNumber });
const reviewForm = z.object({
  intent: z.literal('review'),
  version: versionNumber,
  status: z.enum(REVIEW_STATUSES),
  comment: z.string().max(1000).default(''),
});

/** Restore an old version as a new one; or submit, approve or return a version. */
export async function versionsPageAction({ request, params, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const fields = Object.fromEntries(await readCallerForm(request, caller, lang));
  if (fields.intent === 'review') {
    const review = reviewForm.safeParse(fields);
    if (!review.success) return json({ error: translate(lang, 'staleForm') }, { status: 400 });
    const { version, status, comment } = review.data;
    const answer = changeReviewState(caller, params.id!, version, status, comment, lang);
    if (answer.status === 'notFound' || answer.status === 'versionNotFound')
      throw new Response('Not found', { status: 404 });
    if (answer.status === 'forbidden') throw new Response(answer.message, { status: 403 });
    if (answer.status === 'refused')
      return json({ error: answer.message }, { status: answer.code === 'commentRequired' ? 400 : 409 });
    return redirect(`/scenarios/${params.id}/versions`);
  }
  const { hospitalId } = requireScenarioOnPage(caller, params.id!, 'save', lang);
  const form = restoreForm.safeParse(fields);
  if (!form.success) return json({ error: translate(lang, 'staleForm') }, { status: 400 });
  const result = restoreVersion(params.id!, form.data.version, {
    savedBy: callerName(caller),
    note: translate(lang, 'restoredFrom', { version: form.data.version }),
  });
  if (result.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (result.status === 'invalid')
    return json(
      { error: translate(lang, 'versionNeedsAttentionTitle', { version: form.data.version }) },
      { status: 422 },
    );
  if (result.status === 'conflict')
    return json({ error: translate(lang, 'conflict', { latest: result.latestVersion }) }, { status: 409 });
  recordAction(caller, {
    action: 'scenario.restore-version',
    outcome: 'success',
    hospitalId,
    objectType: 'scenario',
    objectId: params.id!,
    version: result.version,
    detail: { from: form.data.version },
  });
  return redirect(`/scenarios/${params.id}?saved=${result.version}`);
}
