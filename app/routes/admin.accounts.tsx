/** 账号管理 / Accounts: the security admin's page (app/admin/accounts.server.ts). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { accountsAction, loadAccounts } from '~/admin/accounts.server';
import { Choice, Outcome } from '~/admin/parts';
import { useAdminText } from '~/admin/words';
import { CsrfField } from '~/auth/csrf-field';
import { useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '账号管理', en: 'Accounts' }),
];

export const loader = (args: LoaderFunctionArgs) => loadAccounts(args);
export const action = (args: ActionFunctionArgs) => accountsAction(args);

export default function Accounts() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = useAdminText();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  return (
    <>
      <h1>{a('accountsTitle')}</h1>
      <p className="muted">{a('accountsIntro')}</p>
      <Outcome answer={answer} />
      {answer?.oneTimePassword && (
        <p className="banner ok-banner" role="status" data-testid="one-time-password">
          {a('oneTimePassword', { name: answer.forUser ?? '' })} <code>{answer.oneTimePassword}</code>
        </p>
      )}

      <div className="grid">
        <Form method="post" className="card admin-form">
          <CsrfField />
          <input type="hidden" name="intent" value="create" />
          <h2>{a('newAccount')}</h2>
          <p className="row">
            <label>
              {t('username')} <input name="username" required maxLength={64} autoComplete="off" />
            </label>
            <label>
              {a('fullName')} <input name="displayName" maxLength={100} autoComplete="off" />
            </label>
          </p>
          {/* Both kinds are on the form (it works without JavaScript); the one chosen is used. */}
          <p className="row">
            <label>
              <input type="radio" name="kind" value="hospital" defaultChecked /> {a('kindHospital')}
            </label>
            <label>
              {t('hospital')}{' '}
              <Choice
                name="hospitalId"
                options={data.hospitals.map((h) => ({ value: h.id, label: h.name }))}
              />
            </label>
            <label>
              {a('hospitalRole')} <Choice name="role" options={data.hospitalRoles} />
            </label>
          </p>
          <p className="row">
            <label>
              <input type="radio" name="kind" value="system" /> {a('kindSystem')}
            </label>
            <label>
              {a('systemRole')}{' '}
              <Choice name="systemRole" options={data.systemRoles} defaultValue="audit-admin" />
            </label>
          </p>
          <button type="submit" disabled={busy}>
            {a('create')}
          </button>
        </Form>

        <Form method="post" className="card admin-form">
          <CsrfField />
          <input type="hidden" name="intent" value="policy" />
          <h2>{a('policyTitle')}</h2>
          {(['minLength', 'minKinds', 'maxFailures', 'lockMinutes'] as const).map((key) => (
            <label className="block" key={key}>
              {a(key)}{' '}
              <input name={key} inputMode="numeric" size={5} defaultValue={data.policy[key]} required />
            </label>
          ))}
          <button type="submit" disabled={busy}>
            {a('savePolicy')}
          </button>
        </Form>
      </div>

      <div className="table-scroll">
        <table className="compact" data-testid="accounts">
          <thead>
            <tr>
              <th>{t('username')}</th>
              <th>{a('roles')}</th>
              <th>{a('state')}</th>
              <th>{a('twoFactor')}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {data.accounts.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.username}
                  {u.displayName && <span className="muted"> · {u.displayName}</span>}
                  {u.fromDirectory && <span className="muted"> · {a('fromDirectory')}</span>}
                </td>
                <td>{u.roles.join('；') || '—'}</td>
                <td>
                  {u.disabled
                    ? a('stateDisabled')
                    : u.lockedUntil
                      ? a('stateLockedUntil', { time: u.lockedUntil })
                      : u.mustChangePassword
                        ? a('stateMustChange')
                        : a('stateOk')}
                </td>
                <td>{u.secondFactor ? a('yes') : a('no')}</td>
                <td>
                  {u.id !== data.me && (
                    <Form method="post" className="row">
                      <CsrfField />
                      <input type="hidden" name="userId" value={u.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={u.disabled || u.lockedUntil ? 'unlock' : 'lock'}
                        className="secondary"
                        disabled={busy}
                      >
                        {u.disabled || u.lockedUntil ? a('unlock') : a('lock')}
                      </button>
                      {!u.fromDirectory && (
                        <button
                          type="submit"
                          name="intent"
                          value="resetPassword"
                          className="secondary"
                          disabled={busy}
                        >
                          {a('resetPassword')}
                        </button>
                      )}
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
