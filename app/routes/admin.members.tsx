/** 本院成员与角色 / Members and roles: the hospital admin's page (app/admin/members.server.ts). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { loadMembers, membersAction } from '~/admin/members.server';
import { Choice, Outcome } from '~/admin/parts';
import { useAdminText } from '~/admin/words';
import { CsrfField } from '~/auth/csrf-field';
import { useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '本院成员', en: 'Members' }),
];

export const loader = (args: LoaderFunctionArgs) => loadMembers(args);
export const action = (args: ActionFunctionArgs) => membersAction(args);

export default function Members() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = useAdminText();
  const t = useT();
  const busy = useNavigation().state !== 'idle';
  const roleSelect = (defaultValue: string) => (
    <Choice name="role" options={data.roles} defaultValue={defaultValue} label={a('roles')} />
  );
  return (
    <>
      <h1>{a('membersTitle')}</h1>
      <p className="muted">{a('membersIntro')}</p>
      <Outcome answer={answer} />
      {data.hospitals.map((h) => (
        <section className="card" key={h.id} data-testid="members">
          <h2>{h.name}</h2>
          <div className="table-scroll">
            <table className="compact">
              <thead>
                <tr>
                  <th>{t('username')}</th>
                  <th>{a('roles')}</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {h.members.map((m) => (
                  <tr key={m.userId}>
                    <td>{m.username}</td>
                    <td>
                      {m.userId === data.me ? (
                        m.roleLabel
                      ) : (
                        <Form method="post" className="row">
                          <CsrfField />
                          <input type="hidden" name="hospitalId" value={h.id} />
                          <input type="hidden" name="username" value={m.username} />
                          {roleSelect(m.role)}
                          <button
                            type="submit"
                            name="intent"
                            value="setRole"
                            className="secondary"
                            disabled={busy}
                          >
                            {a('saveRole')}
                          </button>
                          <button
                            type="submit"
                            name="intent"
                            value="remove"
                            className="secondary"
                            disabled={busy}
                          >
                            {a('removeMember')}
                          </button>
                        </Form>
                      )}
                    </td>
                    <td>{m.disabled ? a('stateDisabled') : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Form method="post" className="row">
            <CsrfField />
            <input type="hidden" name="intent" value="setRole" />
            <input type="hidden" name="hospitalId" value={h.id} />
            <strong>{a('addMember')}</strong>
            <label>
              {t('username')} <input name="username" required maxLength={64} autoComplete="off" />
            </label>
            {roleSelect('viewer')}
            <button type="submit" disabled={busy}>
              {a('addMember')}
            </button>
          </Form>
        </section>
      ))}
    </>
  );
}
