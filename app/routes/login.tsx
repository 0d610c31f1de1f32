import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';

import { FormError, SubmitButton } from '~/auth/auth-parts';
import { attemptLogin, clientOf, signedIn } from '~/auth/login.server';
import { sessionIdOf } from '~/auth/sessions.server';
import { answerSignIn } from '~/auth/sign-in-answer.server';
import { readPageForm } from '~/http/page-form.server';
import { safeRedirectPath } from '~/http/redirect';
import { getLang } from '~/i18n/locale.server';
import { translate, useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, { 'zh-CN': '登录', en: 'Log in' })];

/** Where to go after logging in: a path on this site, the scenarios by default. */
const afterLogin = (url: URL) => safeRedirectPath(url.searchParams.get('redirectTo'), '/scenarios');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  // Already signed in: nothing to do here.
  if (signedIn(request, clientOf(request, context), new Date())) throw redirect(afterLogin(url));
  return json({ redirectTo: afterLogin(url) });
}

const loginForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = await readPageForm(request, lang);
  const parsed = loginForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) return json({ error: translate(lang, 'loginFieldsNeeded') }, { status: 400 });
  const outcome = await attemptLogin(
    parsed.data,
    clientOf(request, context),
    new Date(),
    sessionIdOf(request),
  );
  return answerSignIn(request, lang, outcome, parsed.data.redirectTo, 'loginRefused');
}

export default function Login() {
  const { redirectTo } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="auth-card">
      <h1>{t('login')}</h1>
      <Form method="post" className="auth-form">
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <label>
          {t('username')}
          <input name="username" autoComplete="username" required maxLength={64} autoFocus />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required maxLength={256} />
        </label>
        <FormError message={answer?.error} />
        <SubmitButton>{t('login')}</SubmitButton>
      </Form>
    </section>
  );
}
