/** A new case, step by step (app/new-case): a step of a saved draft (`?step=budget`). */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';

import { requirePageCaller, type Caller } from '~/auth/caller.server';
import type { Lang } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import {
  newCaseData,
  ownNewCaseDraft,
  postNewCase,
  stepFromUrl,
  type NewCaseData,
} from '~/new-case/new-case.server';
import { NewCaseView } from '~/new-case/new-case-view';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '新建规划', en: 'New case' }),
];

function draftAndStep(request: Request, draftId: string, caller: Caller, lang: Lang) {
  // Only the caller's own new case is there for them; an unknown step is no page.
  const draft = ownNewCaseDraft(caller, draftId, lang);
  const url = new URL(request.url);
  const step = stepFromUrl(url);
  if (!step) throw new Response('Not found', { status: 404 });
  return { draft, step, check: url.searchParams.get('check') === '1' };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = requirePageCaller(request, context);
  const lang = await getLang(request);
  const { draft, step, check } = draftAndStep(request, params.draftId!, caller, lang);
  return json(newCaseData(draft, step, lang, { check }));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const caller = requirePageCaller(request, context);
  const lang = await getLang(request);
  const { draft, step } = draftAndStep(request, params.draftId!, caller, lang);
  return postNewCase(request, draft.id, step, lang, caller);
}

export default function NewCaseStep() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as NewCaseData | undefined;
  return <NewCaseView data={(posted ?? loaded) as NewCaseData} />;
}
