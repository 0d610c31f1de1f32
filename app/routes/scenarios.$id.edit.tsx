/** The editor of a case (app/editor): every part in the same forms as the new-case steps. */
import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';

import { requirePageCaller } from '~/auth/caller.server';
import { loadEditor, postEditor, type EditorData } from '~/editor/editor.server';
import { EditorView } from '~/editor/editor-view';
import { getLang } from '~/i18n/locale.server';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  pageTitle(matches, data && 'title' in data ? data.title : null),
];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const caller = requirePageCaller(request, context);
  return json(loadEditor(params.id!, new URL(request.url), await getLang(request), caller));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const caller = requirePageCaller(request, context);
  return postEditor(request, params.id!, await getLang(request), caller);
}

export default function Editor() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as EditorData | undefined;
  return <EditorView data={(posted ?? loaded) as EditorData} />;
}
