/** A new case, step by step (app/new-case): a step of a saved draft (`?step=budget`). */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';

import { getLang } from '~/i18n/locale.server';
import { getDraft } from '~/models/drafts.server';
import { newCaseData, postNewCase, stepFromUrl, type NewCaseData } from '~/new-case/new-case.server';
import { NewCaseView } from '~/new-case/new-case-view';

export const meta: MetaFunction = () => [{ title: '新建规划 · Hospital AI Planner' }];

function draftAndStep(request: Request, draftId: string) {
  const draft = getDraft(draftId);
  // Another case's edits are not a new case's draft; an unknown step is no page.
  if (!draft || draft.scenarioId !== null) throw new Response('Not found', { status: 404 });
  const url = new URL(request.url);
  const step = stepFromUrl(url);
  if (!step) throw new Response('Not found', { status: 404 });
  return { draft, step, check: url.searchParams.get('check') === '1' };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, step, check } = draftAndStep(request, params.draftId!);
  return json(newCaseData(draft, step, await getLang(request), { check }));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { draft, step } = draftAndStep(request, params.draftId!);
  return postNewCase(request, draft.id, step, await getLang(request));
}

export default function NewCaseStep() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as NewCaseData | undefined;
  return <NewCaseView data={(posted ?? loaded) as NewCaseData} />;
}
