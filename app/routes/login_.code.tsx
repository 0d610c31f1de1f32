import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';

import { CodeField, FormError, SubmitButton } from '~/auth/auth-parts';
import { clientOf, completeLoginWithCode } from '~/auth/login.server';
import { clearedSessionCookie, sessionIdOf } from '~/auth/sessions.server';
import { answerSignIn } from '~/auth/sign-in-answer.server';
import { readPageForm } from '~/http/page-form.server';
import { safeRedirectPath } from '~/http/redirect';
import { getLang } from '~/i18n/locale.server';
import { translate, useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '验证码', en: 'Authentication code' }),
];

/** The second step of a login with a second factor: GET shows the box, POST checks the code. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (!sessionIdOf(request)) throw redirect('/login');
  return json({
    redirectTo: safeRedirectPath(new URL(request.url).searchParams.get('redirectTo'), '/scenarios'),
  });
}

const codeForm = z.object({ code: z.string().max(20), redirectTo: z.string().max(2000).optional() });

export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = codeForm.safeParse(Object.fromEntries(await readPageForm(request, lang)));
  if (!form.success) return json({ error: translate(lang, 'authCodeRefused') }, { status: 400 });
  const outcome = completeLoginWithCode(request, form.data.code, clientOf(request, context), new Date());
  if (outcome.status === 'noSession')
    throw redirect('/login', { headers: { 'Set-Cookie': clearedSessionCookie(request) } });
  return answerSignIn(request, lang, outcome, form.data.redirectTo, 'authCodeRefused');
}

export default function AuthenticationCode() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="auth-card">
      <h1>{t('authCode')}</h1>
      <p>{t('authCodeHint')}</p>
      <Form method="post" className="auth-form">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <CodeField autoFocus />
        <FormError message={answer?.error} />
        <SubmitButton>{t('login')}</SubmitButton>
      </Form>
    </section>
  );
}
