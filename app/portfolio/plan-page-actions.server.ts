/**
 * The plan page's posts: re-pin the scenarios' latest versions (a new version of the portfolio),
 * make a read-only link to a version, or revoke one. Each checked against the caller's role.
 */
import { json, redirect, type ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { callerName, readCallerForm, recordAction, requirePageCaller } from '~/auth/caller.server';
import { wholeParam } from '~/http/numbers';
import { getLang } from '~/i18n/locale.server';
import { readPortfolio, savePortfolioVersion } from '~/models/portfolios.server';

import { requirePortfolioOnPage } from './access.server';
import { planWord } from './plan-words';
import { portfolioProblemMessage } from './problems';
import { createPortfolioShare, revokePortfolioShare, sharedPortfolioPath } from './shares.server';

const shareForm = z.object({
  version: wholeParam,
  expiresInDays: z.union([z.literal('').transform(() => undefined), wholeParam.pipe(z.number().max(3650))]),
});

export async function planPageAction({ request, params, context }: ActionFunctionArgs) {
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
