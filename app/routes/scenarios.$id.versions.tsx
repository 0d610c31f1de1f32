import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { CsrfField } from '~/auth/csrf-field';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';

import { formatMoney, formatNumber } from '~/engine/format';
import { METRIC_NAMES } from '~/i18n/terms';
import { beijingMinute } from '~/i18n/time';
import { useLang, useT } from '~/i18n/ui';
import {
  DIRECTION_WORDS,
  groupByPlace,
  type Direction,
  type OptionMetrics,
  type ResultMetric,
} from '~/versions/compare';
import { ReviewActions } from '~/versions/review-actions';
import { loadVersionsPage, versionsPageAction } from '~/versions/versions-page.server';
import { pageTitle } from '~/i18n/page-title';
import { hoursChange, workChangeCell } from '~/i18n/hours';

export const meta: MetaFunction = ({ matches }) => [pageTitle(matches, { 'zh-CN': '版本', en: 'Versions' })];

export const loader = (args: LoaderFunctionArgs) => loadVersionsPage(args);
export const action = (args: ActionFunctionArgs) => versionsPageAction(args);

export default function Versions() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  const refused = useActionData<typeof action>();
  const c = data.comparison;
  const zh = lang === 'zh-CN';
  const money = (v: number) => formatMoney(v, c?.currency ?? 'CNY', lang);
  const years = (breaches: number[]) =>
    breaches.length ? breaches.map((y) => (c?.startYear ?? 0) + y - 1).join(', ') : METRIC_NAMES.none[lang];
  const show: Record<ResultMetric, (m: OptionMetrics) => string> = {
    npv: (m) => money(m.npv),
    tco: (m) => money(m.tco),
    cashRealized: (m) => money(m.cashRealized),
    hoursFreed: (m) => `${workChangeCell(hoursChange(m.hoursFreed, lang), lang)}${zh ? ' 小时' : ' h'}`,
    payback: (m) => (m.payback === null ? METRIC_NAMES.never[lang] : String(m.payback)),
    breachYears: (m) => years(m.breachYears),
  };
  const label: Record<ResultMetric, string> = {
    npv: METRIC_NAMES.npv[lang],
    tco: METRIC_NAMES.tco[lang],
    cashRealized: METRIC_NAMES.cashRealized[lang],
    hoursFreed: zh ? '工时变化' : 'Hours',
    payback: METRIC_NAMES.payback[lang],
    breachYears: METRIC_NAMES.breachYears[lang],
  };
  const metrics = Object.keys(label) as ResultMetric[];
  /** Two values that read the same but differ (a few yuan in 万元): shown to the yuan. */
  const pair = (m: ResultMetric, x: OptionMetrics | null, y: OptionMetrics | null): [string, string] => {
    const p = x ? show[m](x) : '—';
    const q = y ? show[m](y) : '—';
    if (p !== q || !x || !y || (m !== 'npv' && m !== 'tco' && m !== 'cashRealized') || x[m] === y[m])
      return [p, q];
    const exact = (v: number) =>
      zh ? `${formatNumber(v)} 元` : `${c?.currency ?? 'CNY'} ${formatNumber(v)}`;
    return [exact(x[m]), exact(y[m])];
  };
  const mark = (d: Direction) =>
    d === 'same' ? null : (
      <>
        {' '}
        <span className="change-mark">{DIRECTION_WORDS[d][lang]}</span>
      </>
    );
  const colon = zh ? '：' : ': ';
  return (
    <>
      <p className="muted">
        <Link to="/scenarios">{t('scenarios')}</Link> › <Link to={`/scenarios/${data.id}`}>{data.title}</Link>{' '}
        ›
      </p>
      <h1>
        {t('versions')} · {data.title}
      </h1>
      {refused && 'error' in refused && (
        <div className="banner error-banner" role="alert">
          {refused.error}
        </div>
      )}
      {data.versions.length > 1 && (
        <Form method="get" className="card row">
          <label>
            {t('compare')}{' '}
            <input
              name="a"
              inputMode="numeric"
              size={4}
              defaultValue={c?.a ?? Math.max(1, data.latestVersion - 1)}
            />
          </label>
          <label>
            ↔ <input name="b" inputMode="numeric" size={4} defaultValue={c?.b ?? data.latestVersion} />
          </label>
          <button type="submit">{t('compare')}</button>
          {data.badCompare && <span className="error">{t('badCompare')}</span>}
        </Form>
      )}
      {c && (
        <div className="grid">
          <section className="card">
            <h2>
              {t('inputsChanged')} ({t('version')} {c.a} → {c.b})
            </h2>
            {c.inputs.length === 0 ? (
              <p>{t('noChanges')}</p>
            ) : (
              groupByPlace(c.inputs).map((g) => (
                <div key={g.where} className="version-changes">
                  <h3>{g.where}</h3>
                  <ul>
                    {g.changes.map((d, i) => (
                      <li key={i} className={`change-${d.kind}`}>
                        {d.before === null || d.after === null ? (
                          <>
                            {d.what}
                            {(d.before ?? d.after) && (
                              <span className="muted">
                                {zh ? `（${d.before ?? d.after}）` : ` (${d.before ?? d.after})`}
                              </span>
                            )}
                          </>
                        ) : (
                          <>
                            {d.what}
                            {colon}
                            <span className="muted">{d.before}</span> → {d.after}
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ))
            )}
          </section>
          <section className="card">
            <h2>{t('resultsChanged')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{METRIC_NAMES.option[lang]}</th>
                  <th></th>
                  <th className="num">
                    {t('version')} {c.a}
                  </th>
                  <th className="num">
                    {t('version')} {c.b}
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.results.flatMap((r) =>
                  metrics.map((m, i) => {
                    const [x, y] = pair(m, r.before, r.after);
                    const d = r.direction[m];
                    return (
                      <tr key={`${r.id}-${m}`}>
                        <td>
                          {i === 0 && r.name}
                          {i === 0 && (!r.before || !r.after) && (
                            <span className="muted">
                              {' '}
                              {!r.before ? (zh ? '（新增）' : '(added)') : zh ? '（已删除）' : '(removed)'}
                            </span>
                          )}
                        </td>
                        <th scope="row">{label[m]}</th>
                        <td className="num">{x}</td>
                        <td className={`num ${d === 'better' ? 'good' : d === 'worse' ? 'bad' : ''}`}>
                          {y}
                          {mark(d)}
                        </td>
                      </tr>
                    );
                  }),
                )}
              </tbody>
            </table>
          </section>
        </div>
      )}
      <div className="table-scroll">
        {/* On a phone each version is a card, each cell named by its column (data-label). */}
        <table data-testid="versions-table" className="versions-table">
          <thead>
            <tr>
              <th className="num">{t('version')}</th>
              <th>{t('lastSaved')}</th>
              <th>{t('savedBy')}</th>
              <th>{t('note')}</th>
              <th>{t('reviewState')}</th>
              <th>
                <span className="sr-only">{t('actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.versions.map((v) => (
              <tr key={v.version}>
                <td className="num" data-label={t('version')}>
                  {v.version}
                </td>
                <td data-label={t('lastSaved')}>{beijingMinute(v.savedAt)}</td>
                <td data-label={t('savedBy')}>{v.savedBy}</td>
                <td data-label={t('note')}>{v.note}</td>
                <td data-label={t('reviewState')}>
                  <ReviewActions version={v.version} review={v.review} may={data.may} busy={busy} />
                </td>
                <td>
                  <div className="row">
                    <Link to={`/scenarios/${data.id}?version=${v.version}`}>{t('open')}</Link>
                    {v.version !== data.latestVersion && data.may.save && (
                      <Form method="post" className="row">
                        <CsrfField />
                        <input type="hidden" name="version" value={v.version} />
                        <button type="submit" className="secondary" disabled={busy}>
                          {t('restoreAsNew')}
                        </button>
                      </Form>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
