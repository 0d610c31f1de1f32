/**
 * A shared link's page: the pinned version read-only with the link's what-if (the address's
 * knobs over it, each bad one named), and "Keep a copy", which forks it with the what-if into a
 * new scenario. An unknown token is 404 and a revoked or expired one 410, neither saying which
 * scenario it was.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { chosenOwner, hospitalChoices } from '~/auth/access.server';
import {
  callerName,
  optionalPageCaller,
  readCallerForm,
  recordAction,
  requirePageCaller,
} from '~/auth/caller.server';
import { documentWithWhatIf, viewData } from '~/dashboard/dashboard.server';
import type { LocalizedText } from '~/engine/schema';
import { getLang } from '~/i18n/locale.server';
import { translate } from '~/i18n/ui';
import type { Lang } from '~/engine/text';
import { createScenario } from '~/models/scenarios.server';
import { resolveShare } from '~/models/shares.server';

/**
 * Sent with every answer of a shared link's page, its refusals and failures too: the token is in
 * the address, so it is never passed on as a referrer nor indexed, and the page is never kept
 * by any cache (the server's own included: each view is counted, and the link may be revoked
 * or expire at any moment). Set by the route, not by the server on a spelling of its path:
 * `/S/…` and `/%73/…` reach the same route.
 */
export const SHARED_PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'Cache-Control': 'no-store',
};

function marked<R extends Response>(response: R): R {
  for (const [name, value] of Object.entries(SHARED_PAGE_HEADERS)) response.headers.set(name, value);
  return response;
}

/**
 * A loader or action whose every answer carries SHARED_PAGE_HEADERS: a thrown one too, and an
 * unexpected failure, which Remix would otherwise answer (to a data request) without them.
 */
export function withSharedPageHeaders<A, R extends Response>(
  fn: (args: A) => Promise<R>,
): (args: A) => Promise<R> {
  return async (args) => {
    try {
      return marked(await fn(args));
    } catch (thrown) {
      if (thrown instanceof Response) throw marked(thrown);
      // Logged without the request: its address carries the token.
      console.error(thrown instanceof Error ? (thrown.stack ?? thrown.message) : 'error');
      throw marked(new Response('Server error', { status: 500 }));
    }
  };
}

const REFUSALS = {
  gone: { status: 410, text: 'Gone' },
  unknown: { status: 404, text: 'Not found' },
  invalid: { status: 422, text: 'Needs attention' },
} as const;

function refuse(status: keyof typeof REFUSALS): never {
  throw new Response(REFUSALS[status].text, { status: REFUSALS[status].status });
}

export async function loadSharedView({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const shared = resolveShare(params.token!, { countView: true });
  if (shared.status !== 'ok') refuse(shared.status);
  const url = new URL(request.url);
  // The link needs no login; keeping a copy does (a planner, in one of their hospitals).
  const caller = optionalPageCaller(request, context);
  return json({
    ...viewData(shared.scenario, url.searchParams, lang, shared.link.overrides),
    linkWhatIf: shared.link.overrides,
    keeper: caller ? { owners: hospitalChoices(caller, 'save') } : null,
  });
}

const keepForm = z.object({
  whatIf: z.string().max(2000).default(''),
  ownerHospital: z.string().max(64).optional(),
});

/** Longest plain and per-language names the scenario format accepts. */
const MAX_NAME = { plain: 500, localized: 2000 } as const;

/**
 * The copy's name: the original's with "(copy)" in each language it is written in (a plain
 * name in the viewer's language), so the list tells them apart; the original's if too long.
 */
export function copyName(name: LocalizedText, lang: Lang): LocalizedText {
  const suffix = (l: Lang) => translate(l, 'copySuffix');
  if (typeof name === 'string') {
    const named = `${name}${suffix(lang)}`;
    return named.length <= MAX_NAME.plain ? named : name;
  }
  const out: { 'zh-CN'?: string; en?: string } = {};
  for (const l of ['zh-CN', 'en'] as const) {
    const text = name[l];
    if (text !== undefined)
      out[l] = `${text}${suffix(l)}`.length <= MAX_NAME.localized ? `${text}${suffix(l)}` : text;
  }
  return out;
}

/** "Keep a copy": the shared version with the viewer's what-if, as a new scenario. */
export async function keepSharedCopy({ request, params, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  // An unknown or revoked link answers as it does to anyone; a live one asks who keeps the copy.
  const shared = resolveShare(params.token!);
  if (shared.status !== 'ok') refuse(shared.status);
  const caller = requirePageCaller(request, context);
  const body = await readCallerForm(request, caller, lang);
  const form = keepForm.safeParse(Object.fromEntries(body));
  if (!form.success) return json({ error: translate(lang, 'staleForm') }, { status: 400 });
  const owner = chosenOwner(caller, form.data.ownerHospital);
  if (!owner) return json({ error: translate(lang, 'noPlannerHospital') }, { status: 403 });
  const withWhatIf = documentWithWhatIf(shared.scenario.document, form.data.whatIf, lang);
  if (!withWhatIf.ok) return withWhatIf.answer;
  const created = createScenario(
    { ...withWhatIf.scenario, name: copyName(withWhatIf.scenario.name, lang) },
    {
      savedBy: callerName(caller),
      hospitalId: owner.id,
      note: translate(lang, 'copyOf', {
        version: shared.scenario.version,
        change: form.data.whatIf ? `, ${form.data.whatIf}` : '',
      }),
    },
  );
  recordAction(caller, {
    action: 'scenario.create',
    outcome: 'success',
    hospitalId: owner.id,
    objectType: 'scenario',
    objectId: created.id,
    version: created.version,
    detail: { via: 'shareLink', link: shared.link.id },
  });
  return redirect(`/scenarios/${created.id}`);
}
