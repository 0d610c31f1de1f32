import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { z } from 'zod';

import { SubmitButton } from '~/auth/auth-parts';
import { pageAfterSignIn } from '~/auth/first-steps';
import { changePassword, clientOf, recordCsrfRefused, signedIn } from '~/auth/login.server';
import { describePasswordPolicy, describePasswordProblem, MAX_PASSWORD_LENGTH } from '~/auth/password-policy';
import { sameToken } from '~/auth/tokens.server';
import { passwordPolicyOf, securityPolicy } from '~/auth/security-policy.server';
import { readPageForm } from '~/http/page-form.server';
import { safeRedirectPath } from '~/http/redirect';
import { getLang } from '~/i18n/locale.server';
import { translate, useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '修改密码', en: 'Change password' }),
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const who = signedIn(request, clientOf(request, context), new Date());
  const url = new URL(request.url);
  if (!who) throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  const policy = passwordPolicyOf(securityPolicy());
  return json({
    // A directory (LDAP) account's password is the directory's: nothing to change here.
    fromDirectory: who.user.source === 'ldap',
    mustChange: who.user.mustChangePassword,
    csrf: who.session.csrfToken,
    redirectTo: safeRedirectPath(url.searchParams.get('redirectTo'), '/scenarios'),
    minLength: policy.minLength,
    rules: describePasswordPolicy(policy, await getLang(request)),
  });
}

const passwordForm = z.object({
  csrf: z.string().max(200),
  current: z.string().max(MAX_PASSWORD_LENGTH),
  next: z.string().max(MAX_PASSWORD_LENGTH * 4),
  repeat: z.string().max(MAX_PASSWORD_LENGTH * 4),
  redirectTo: z.string().max(2000).optional(),
});

export async function action({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = await readPageForm(request, lang);
  const client = clientOf(request, context);
  const who = signedIn(request, client, new Date());
  if (!who) throw redirect('/login');
  const parsed = passwordForm.safeParse(Object.fromEntries(form));
  if (!parsed.success || !sameToken(parsed.data.csrf, who.session.csrfToken)) {
    recordCsrfRefused(who, request, client, new Date());
    return json({ errors: [translate(lang, 'staleForm')] }, { status: 403 });
  }
  const changed = await changePassword(who, parsed.data, client, new Date());
  switch (changed.status) {
    case 'changed': {
      const next = safeRedirectPath(parsed.data.redirectTo ?? null, '/scenarios');
      // A system account is asked for its second factor next (the first admin too, who may put it off).
      const enrol = who.user.systemRole !== null && who.user.totpSecret === null;
      return redirect(
        pageAfterSignIn({ status: 'ok', mustChangePassword: false, enrolSecondFactor: enrol }, next),
      );
    }
    case 'wrongCurrent':
      return json({ errors: [translate(lang, 'passwordWrongCurrent')] }, { status: 400 });
    case 'mismatch':
      return json({ errors: [translate(lang, 'passwordMismatch')] }, { status: 400 });
    case 'same':
      return json({ errors: [translate(lang, 'passwordSame')] }, { status: 400 });
    case 'directoryAccount':
      return json({ errors: [translate(lang, 'passwordInDirectory')] }, { status: 400 });
    case 'weak':
      return json(
        {
          errors: [
            translate(lang, 'passwordWeak'),
            ...changed.problems.map((p) => describePasswordProblem(p, lang)),
          ],
        },
        { status: 400 },
      );
  }
}

export default function ChangePassword() {
  const { fromDirectory, mustChange, csrf, redirectTo, minLength, rules } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  if (fromDirectory)
    return (
      <section className="auth-card">
        <h1>{t('changePassword')}</h1>
        <p className="banner" data-testid="password-in-directory">
          {t('passwordInDirectory')}
        </p>
      </section>
    );
  return (
    <section className="auth-card">
      <h1>{t('changePassword')}</h1>
      {mustChange && <p className="banner">{t('mustChangePassword')}</p>}
      <Form method="post" className="auth-form">
        <input type="hidden" name="csrf" value={csrf} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <label>
          {t('currentPassword')}
          <input name="current" type="password" autoComplete="current-password" required />
        </label>
        <label>
          {t('newPassword')}
          <input name="next" type="password" autoComplete="new-password" required minLength={minLength} />
        </label>
        <ul className="muted" data-testid="password-rules">
          {rules.map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
        <label>
          {t('repeatPassword')}
          <input name="repeat" type="password" autoComplete="new-password" required minLength={minLength} />
        </label>
        {answer?.errors && (
          <ul className="error" role="alert">
            {answer.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        <SubmitButton>{t('changePassword')}</SubmitButton>
      </Form>
    </section>
  );
}
