/** 我的账户 / My account (app/account): roles, second factor, personal API tokens. */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { accountAction, loadAccount } from '~/account/account.server';
import { CsrfField } from '~/auth/csrf-field';
import { useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '我的账户', en: 'My account' }),
];

export const loader = (args: LoaderFunctionArgs) => loadAccount(args);
export const action = (args: ActionFunctionArgs) => accountAction(args);

export default function Account() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const first = data.memberships[0];
  return (
    <>
      <h1>{t('myAccount')}</h1>
      <section className="card">
        <p>
          {t('username')}: <strong>{data.username}</strong>
          {data.systemRole && <> · {data.systemRole}</>}
        </p>
        {data.memberships.length > 0 && (
          <ul>
            {data.memberships.map((m) => (
              <li key={m.hospitalId}>
                {m.hospital} · {m.role}
              </li>
            ))}
          </ul>
        )}
        <p className="row">
          <span>
            {t('secondFactor')}: {data.secondFactor ? t('secondFactorOn') : t('secondFactorOff')}
          </span>
          {!data.secondFactor && <Link to="/totp?redirectTo=%2Faccount">{t('secondFactorSetUp')}</Link>}
          <Link to="/password?redirectTo=%2Faccount">{t('changePassword')}</Link>
        </p>
      </section>

      {first && (
        <section className="card" data-testid="api-tokens">
          <h2>{t('apiTokens')}</h2>
          <p className="muted">{t('apiTokensIntro')}</p>
          {answer?.error && (
            <p className="banner error-banner" role="alert">
              {answer.error}
            </p>
          )}
          {answer?.token && (
            <p className="banner ok-banner" role="status" data-testid="token-created">
              {t('tokenCreated')}{' '}
              <input readOnly value={answer.token} size={56} aria-label={t('apiTokens')} />
            </p>
          )}
          <Form method="post" className="row">
            <CsrfField />
            <input type="hidden" name="intent" value="createToken" />
            <label>
              {t('hospital')}{' '}
              <select name="hospitalId" defaultValue={first.hospitalId}>
                {data.memberships.map((m) => (
                  <option key={m.hospitalId} value={m.hospitalId}>
                    {m.hospital}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('tokenRole')}{' '}
              <select name="role" defaultValue="viewer">
                {/* Every role any of the user's hospitals allows; the server checks the one chosen. */}
                {[
                  ...new Map(data.memberships.flatMap((m) => m.tokenRoles).map((r) => [r.value, r])).values(),
                ].map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('tokenName')} <input name="name" maxLength={100} />
            </label>
            <button type="submit" disabled={busy}>
              {t('tokenCreate')}
            </button>
          </Form>
          {data.tokens.length > 0 && (
            <div className="table-scroll">
              <table className="compact">
                <thead>
                  <tr>
                    <th>{t('tokenName')}</th>
                    <th>{t('hospital')}</th>
                    <th>{t('tokenRole')}</th>
                    <th>{t('tokenMade')}</th>
                    <th>{t('tokenLastUsed')}</th>
                    <th></th>
                  </tr>
                </thead>
                <tbody>
                  {data.tokens.map((tok) => (
                    <tr key={tok.id}>
                      <td>{tok.name || '—'}</td>
                      <td>{tok.hospital}</td>
                      <td>{tok.role}</td>
                      <td>{tok.createdAt}</td>
                      <td>{tok.lastUsedAt ?? t('tokenNeverUsed')}</td>
                      <td>
                        {tok.revoked ? (
                          <span className="muted">{t('tokenRevoked')}</span>
                        ) : (
                          <Form method="post">
                            <CsrfField />
                            <input type="hidden" name="intent" value="revokeToken" />
                            <input type="hidden" name="tokenId" value={tok.id} />
                            <button type="submit" className="secondary" disabled={busy}>
                              {t('shareRevoke')}
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}
