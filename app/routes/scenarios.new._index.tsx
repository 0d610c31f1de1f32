/** A new case, step by step (app/new-case): the first step, before anything is saved. */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';

import { requirePageCaller } from '~/auth/caller.server';
import { getLang } from '~/i18n/locale.server';
import { newCaseData, newCaseOwners, postNewCase, type NewCaseData } from '~/new-case/new-case.server';
import { NewCaseView } from '~/new-case/new-case-view';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '新建规划', en: 'New case' }),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const caller = requirePageCaller(request, context);
  const lang = await getLang(request);
  return json(newCaseData(null, 'hospital', lang, { owners: newCaseOwners(caller, lang) }));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const caller = requirePageCaller(request, context);
  return postNewCase(request, null, 'hospital', await getLang(request), caller);
}

export default function NewCase() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as NewCaseData | undefined;
  return <NewCaseView data={(posted ?? loaded) as NewCaseData} />;
}
