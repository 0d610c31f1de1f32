import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { FilePicker } from '~/components/file-picker';
import { CsrfField } from '~/auth/csrf-field';
import { formatMoney } from '~/engine/format';
import { OPTION_KIND_NAMES, termLabel } from '~/i18n/terms';
import { beijingDate } from '~/i18n/time';
import { useLang, useT } from '~/i18n/ui';
import { loadScenarioList, scenarioListAction } from '~/scenario-list/scenario-list.server';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches)];

export const loader = (args: LoaderFunctionArgs) => loadScenarioList(args);
export const action = (args: ActionFunctionArgs) => scenarioListAction(args);

/** At most this many reasons in a row of the list (the dashboard gives them all). */
const MAX_REASONS = 3;

export default function ScenarioList() {
  const { rows, unfinished, archived, templates, owners } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.errors;
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  return (
    <>
      <h1>{archived ? t('archived') : t('scenarios')}</h1>
      {errors && errors.length > 0 && (
        <div className="banner error-banner" role="alert">
          <ul>
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="table-scroll">
        <table className="scenario-list">
          <caption className="sr-only">{t('scenarios')}</caption>
          <thead>
            <tr>
              <th>{t('scenarios')}</th>
              <th>{t('hospital')}</th>
              <th className="num">{t('horizon')}</th>
              <th>{t('bestOption')}</th>
              <th className="num">NPV</th>
              <th>{t('lastSaved')}</th>
              <th>
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7}>{t('noScenarios')}</td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/scenarios/${r.id}`}>{r.name}</Link>
                </td>
                <td>{r.hospital}</td>
                <td className="num">
                  {r.horizonYears === null ? (
                    '—'
                  ) : (
                    <>
                      {r.horizonYears} {t('years')}
                    </>
                  )}
                </td>
                <td>
                  {r.attention ? (
                    <div className="needs-attention" data-testid="needs-attention">
                      <strong className="bad">{t('needsAttention')}</strong>
                      <ul className="muted">
                        {r.attention.slice(0, MAX_REASONS).map((reason, i) => (
                          <li key={i}>{reason}</li>
                        ))}
                        {r.attention.length > MAX_REASONS && (
                          <li>{t('moreProblems', { count: r.attention.length - MAX_REASONS })}</li>
                        )}
                      </ul>
                    </div>
                  ) : r.best && r.best.npv < 0 ? (
                    // Every option loses money: none is "best"; the least loss is said as such.
                    <div data-testid="none-worth-it">
                      <strong className="bad">{t('noneWorthIt')}</strong>
                      <div className="muted">
                        {t('leastLoss', {
                          option: `${termLabel(OPTION_KIND_NAMES[r.best.kind], lang)} · ${r.best.name}`,
                        })}
                      </div>
                    </div>
                  ) : r.best ? (
                    `${termLabel(OPTION_KIND_NAMES[r.best.kind], lang)} · ${r.best.name}`
                  ) : (
                    '—'
                  )}
                </td>
                <td className={`num ${r.best && r.best.npv < 0 ? 'bad' : ''}`}>
                  {r.best ? formatMoney(r.best.npv, r.currency, lang) : '—'}
                </td>
                <td>
                  {t('version')} {r.version} · {beijingDate(r.updatedAt)}
                </td>
                <td>
                  {r.mayChange && (
                    <Form method="post" className="row">
                      <CsrfField />
                      <input type="hidden" name="id" value={r.id} />
                      {!archived && (
                        <button
                          type="submit"
                          name="intent"
                          value="duplicate"
                          className="secondary"
                          disabled={busy}
                        >
                          {t('duplicate')}
                        </button>
                      )}
                      <button
                        type="submit"
                        name="intent"
                        value={archived ? 'restore' : 'archive'}
                        className="secondary"
                        disabled={busy}
                      >
                        {archived ? t('restore') : t('archive')}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <Link to={archived ? '/scenarios' : '/scenarios?archived=1'}>
          {archived ? t('showActive') : t('showArchived')}
        </Link>
      </p>
      {!archived && owners.length > 0 && (
        <div className="grid">
          <div className="card">
            <h2>{t('newScenario')}</h2>
            <p>{t('newScenarioIntro')}</p>
            <p>
              <Link to="/scenarios/new" className="button">
                {t('newScenario')}
              </Link>
            </p>
            {unfinished.length > 0 && (
              <>
                <h3>{t('unfinishedCases')}</h3>
                <ul>
                  {unfinished.map((u) => (
                    <li key={u.href}>
                      <Link to={u.href}>{u.name}</Link> <span className="muted">{u.when}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <Form method="post">
              <CsrfField />
              <h3>{t('copyExample')}</h3>
              <p className="row">
                <label>
                  {t('example')}{' '}
                  <select name="template" defaultValue={templates[0]?.key}>
                    {templates.map((tpl) => (
                      <option key={tpl.key} value={tpl.key}>
                        {tpl.name}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  {t('scenarioName')} <input name="name" required maxLength={200} />
                </label>
                {owners.length > 1 && <OwnerSelect owners={owners} />}
                <button type="submit" name="intent" value="create" className="secondary" disabled={busy}>
                  {t('copyExampleButton')}
                </button>
              </p>
            </Form>
          </div>
          <Form method="post" encType="multipart/form-data" className="card">
            <CsrfField />
            <h2>{t('importScenario')}</h2>
            <p className="row">
              <FilePicker label={t('file')} name="file" accept="application/json,.json" required />
              {owners.length > 1 && <OwnerSelect owners={owners} />}
              <button type="submit" disabled={busy}>
                {t('import')}
              </button>
            </p>
          </Form>
        </div>
      )}
    </>
  );
}

/** Which of the caller's hospitals a new case goes to (shown only to those who plan for several). */
function OwnerSelect({ owners }: { owners: { id: string; name: string }[] }) {
  const t = useT();
  return (
    <label>
      {t('ownerHospital')}{' '}
      <select name="ownerHospital" defaultValue={owners[0]!.id}>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
