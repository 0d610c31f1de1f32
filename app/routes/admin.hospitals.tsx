/** 医院 / Hospitals: the system admin's page (app/admin/hospitals.server.ts). */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { hospitalsAction, loadHospitals } from '~/admin/hospitals.server';
import { Outcome } from '~/admin/parts';
import { useAdminText } from '~/admin/words';
import { CsrfField } from '~/auth/csrf-field';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, { 'zh-CN': '医院', en: 'Hospitals' })];

export const loader = (args: LoaderFunctionArgs) => loadHospitals(args);
export const action = (args: ActionFunctionArgs) => hospitalsAction(args);

export default function Hospitals() {
  const data = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = useAdminText();
  const busy = useNavigation().state !== 'idle';
  return (
    <>
      <h1>{a('hospitalsTitle')}</h1>
      <p className="muted">{a('hospitalsIntro')}</p>
      <Outcome answer={answer} />
      <table className="compact" data-testid="hospitals">
        <thead>
          <tr>
            <th>{a('hospitalName')}</th>
            <th className="num">{a('scenarioCount')}</th>
            <th className="num">{a('memberCount')}</th>
          </tr>
        </thead>
        <tbody>
          {data.hospitals.map((h) => (
            <tr key={h.id}>
              <td>{h.name}</td>
              <td className="num">{h.cases}</td>
              <td className="num">{h.members}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Form method="post" className="card row">
        <CsrfField />
        <input type="hidden" name="intent" value="add" />
        <label>
          {a('hospitalName')} <input name="name" required maxLength={100} />
        </label>
        <button type="submit" disabled={busy}>
          {a('addHospital')}
        </button>
      </Form>
    </>
  );
}
