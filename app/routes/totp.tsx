import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';

import { CodeField, FormError, SubmitButton } from '~/auth/auth-parts';
import { mayPostponeSecondFactor } from '~/auth/first-steps';
import { clientOf, enrolSecondFactor, recordCsrfRefused, signedIn } from '~/auth/login.server';
import { sameToken } from '~/auth/tokens.server';
import { newTotpSecret, totpUri } from '~/auth/totp.server';
import { readPageForm } from '~/http/page-form.server';
import { safeRedirectPath } from '~/http/redirect';
import { getLang } from '~/i18n/locale.server';
import { translate, useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '第二重验证', en: 'Second factor' }),
];

/** Setting up a second factor: a new key to add to a phone's authenticator app, then its code. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const who = signedIn(request, clientOf(request, context), new Date());
  if (!who) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), '/scenarios');
  if (who.user.totpSecret) throw redirect(redirectTo);
  const secret = newTotpSecret();
  return json({
    secret,
    uri: totpUri(secret, who.user.username),
    csrf: who.session.csrfToken,
    redirectTo,
    mayPostpone: mayPostponeSecondFactor(who.user),
  });
}

const enrolForm = z.object({
  csrf: z.string().max(200),
  secret: z.string().max(64),
  code: z.string().max(20),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const client = clientOf(request, context);
  const who = signedIn(request, client, new Date());
  if (!who) throw redirect('/login');
  const form = enrolForm.safeParse(Object.fromEntries(await readPageForm(request, lang)));
  if (!form.success || !sameToken(form.data.csrf, who.session.csrfToken)) {
    recordCsrfRefused(who, request, client, new Date());
    return json({ error: translate(lang, 'staleForm') }, { status: 403 });
  }
  if (!enrolSecondFactor(who, form.data.secret, form.data.code, client, new Date()))
    return json({ error: translate(lang, 'authCodeRefused') }, { status: 400 });
  return redirect(safeRedirectPath(form.data.redirectTo ?? null, '/scenarios'));
}

export default function SecondFactor() {
  const { secret, uri, csrf, redirectTo, mayPostpone } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  return (
    <section className="auth-card">
      <h1>{t('secondFactorTitle')}</h1>
      <p>{t('secondFactorWhy')}</p>
      <p>
        {t('secondFactorKey')}
        <code data-testid="totp-secret">{secret.match(/.{1,4}/g)!.join(' ')}</code>{' '}
        <a href={uri}>{t('secondFactorLink')}</a>
      </p>
      <Form method="post" className="auth-form">
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="secret" value={secret} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <CodeField />
        <FormError message={answer?.error} />
        <SubmitButton>{t('continue')}</SubmitButton>
        {mayPostpone && <Link to={redirectTo}>{t('secondFactorLater')}</Link>}
      </Form>
    </section>
  );
}
