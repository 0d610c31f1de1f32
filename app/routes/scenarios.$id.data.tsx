import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { CsrfField } from '~/auth/csrf-field';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useEffect, useState } from 'react';

import { FilePicker } from '~/components/file-picker';
import { MEANINGS, MEANING_LABELS } from '~/datasets/columns';
import { FileGuide } from '~/datasets/file-guide';
import { PilotChart } from '~/datasets/pilot-chart';
import { dataPageAction, loadDataPage } from '~/datasets/data-page.server';
import { beijingMinute } from '~/i18n/time';
import { translate, useLang, useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '实测数据', en: 'Measured data' }),
];

export const loader = (args: LoaderFunctionArgs) => loadDataPage(args);
export const action = (args: ActionFunctionArgs) => dataPageAction(args);

const fixed = (x: number | undefined | null, digits = 1) =>
  x === undefined || x === null ? '—' : x.toFixed(digits);

export default function DataPage() {
  const data = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state !== 'idle';
  // Recharts measures text in the browser: draw the charts afresh once hydrated.
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const preview = actionData && 'preview' in actionData ? actionData.preview : undefined;
  const errors = actionData && 'errors' in actionData ? actionData.errors : [];
  const colon = lang === 'zh-CN' ? '：' : ': ';
  const kindName = (kind: string | null) =>
    kind === 'observations' ? t('kindObservations') : kind === 'volumes' ? t('kindVolumes') : '—';

  return (
    <>
      <p className="muted">
        <Link to="/scenarios">{t('scenarios')}</Link> › <Link to={`/scenarios/${data.id}`}>{data.title}</Link>{' '}
        ›
      </p>
      <h1>
        {t('data')} · {data.title}
      </h1>
      <p className="muted">{t('dataIntro')}</p>
      {!data.mayImport && <p className="muted">{t('readOnlyRole')}</p>}
      {data.stored && (
        <p className="banner ok-banner" role="status">
          {t('stored', { file: data.stored.fileName, rows: data.stored.rowCount })}
        </p>
      )}
      {data.mayImport && (
        <Form
          method="post"
          encType="multipart/form-data"
          className="card row"
          data-testid="upload-form"
          key={data.storedId ?? 'upload'}
        >
          <CsrfField />
          <FilePicker
            label={t('uploadFile')}
            name="file"
            accept=".csv,.txt,.tsv,.xlsx"
            required
            testId="file-picker"
          />
          <label>
            {t('encoding')}{' '}
            <select name="encoding" defaultValue="auto">
              <option value="auto">{t('auto')}</option>
              <option value="utf-8">UTF-8</option>
              <option value="gb18030">GB18030 / GBK</option>
              <option value="utf-16le">{t('utf16le')}</option>
              <option value="utf-16be">{t('utf16be')}</option>
            </select>
          </label>
          <label>
            {t('separator')}{' '}
            <select name="separator" defaultValue="auto">
              <option value="auto">{t('auto')}</option>
              <option value="comma">{t('comma')}</option>
              <option value="semicolon">{t('semicolon')}</option>
              <option value="tab">{t('tab')}</option>
              <option value="bar">{t('bar')}</option>
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {t('preview')}
          </button>
        </Form>
      )}

      {errors.length > 0 && (
        <div className="banner error-banner" role="alert" data-testid="upload-errors">
          <ul>
            {errors.slice(0, 20).map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
          {actionData && 'moreProblems' in actionData && (actionData.moreProblems ?? 0) > 0 && (
            <p>
              {translate(lang, 'problemsFound', { count: errors.length + (actionData.moreProblems ?? 0) })}
            </p>
          )}
        </div>
      )}

      {preview && (
        <section className="card" data-testid="preview">
          <h2>{t('preview')}</h2>
          <p>
            {t('previewOf', {
              file: preview.fileName,
              rows: preview.rowCount.toLocaleString('en-US'),
              format: preview.format.toUpperCase(),
              read:
                preview.format === 'csv'
                  ? ` · ${preview.encoding?.toUpperCase()} · ${
                      preview.separator === '\t'
                        ? t('tab')
                        : preview.separator === ';'
                          ? t('semicolon')
                          : preview.separator === '|'
                            ? t('bar')
                            : t('comma')
                    }`
                  : '',
            })}{' '}
            · {kindName(preview.kind)}
          </p>
          <Form method="post" encType="multipart/form-data">
            <CsrfField />
            <input type="hidden" name="uploadId" value={preview.uploadId} />
            <input type="hidden" name="encoding" value={preview.encoding ?? 'auto'} />
            <input
              type="hidden"
              name="separator"
              value={
                preview.separator === '\t'
                  ? 'tab'
                  : preview.separator === ';'
                    ? 'semicolon'
                    : preview.separator === '|'
                      ? 'bar'
                      : preview.separator === ','
                        ? 'comma'
                        : 'auto'
              }
            />
            <div className="chart-box">
              <table className="compact">
                <thead>
                  <tr>
                    <th>{t('column')}</th>
                    <th>{t('meaning')}</th>
                    <th>{t('examples')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.columns.map((c) => (
                    <tr key={c.column}>
                      <th scope="row">
                        <label htmlFor={`mapping-${c.column}`}>{c.header || `#${c.column}`}</label>
                      </th>
                      <td>
                        <select
                          id={`mapping-${c.column}`}
                          name={`mapping.${c.column - 1}`}
                          defaultValue={c.meaning}
                        >
                          {MEANINGS.map((m) => (
                            <option key={m} value={m}>
                              {MEANING_LABELS[m][lang]}
                            </option>
                          ))}
                        </select>{' '}
                        {c.from === 'remembered' && <span className="muted">{t('fromRemembered')}</span>}
                      </td>
                      <td className="muted">
                        {c.samples
                          .filter((s) => s !== '')
                          .slice(0, 3)
                          .join(' · ')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {preview.problems.length > 0 ? (
              <div className="banner error-banner" data-testid="preview-problems">
                <p>{t('problemsFound', { count: preview.problems.length + preview.moreProblems })}</p>
                <ul>
                  {preview.problems.slice(0, 20).map((p, i) => (
                    <li key={i}>{p.message}</li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="good">{t('noProblems')}</p>
            )}
            <p className="row">
              <button type="submit" name="commit" value="false" className="secondary" disabled={busy}>
                {t('checkMapping')}
              </button>
              <button type="submit" name="commit" value="true" disabled={busy}>
                {t('storeDataset')}
              </button>
            </p>
          </Form>
          <h3>{t('firstRows', { count: preview.rows.length })}</h3>
          <div className="chart-box">
            <table className="compact">
              <thead>
                <tr>
                  <th className="num">{t('row')}</th>
                  {preview.columns.map((c) => (
                    <th key={c.column}>{c.header}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr key={r.row}>
                    <td className="num">{r.row}</td>
                    {r.cells.map((cell, i) => (
                      <td key={i}>{cell}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {/* After the upload (which stays at the top, on a phone too) and its preview. */}
      <FileGuide
        scenarioId={data.id}
        guide={data.guide}
        // Open for a first file; folded once there is data or a file in hand.
        open={data.datasets.length === 0 && !actionData}
      />
      <section className="card" data-testid="datasets">
        <h2>{t('datasets')}</h2>
        {data.datasets.length === 0 && <p className="muted">{t('noDatasets')}</p>}
        {data.datasets.map((d) => (
          <article key={d.id} className="dataset" data-testid="dataset">
            <h3>
              {d.fileName} <span className="muted">· {kindName(d.kind)}</span>
            </h3>
            <p className="muted">
              {t('rows')}
              {colon}
              {d.rowCount.toLocaleString('en-US')} · {t('uploadedBy')}
              {colon}
              {d.uploadedBy} · {t('uploadedAt')}
              {colon}
              {beijingMinute(d.uploadedAt)} · {t('fileHash')}
              {colon}
              <code>{d.fileHash.slice(0, 12)}</code>
            </p>
            {d.workflows.length > 0 && (
              <div className="chart-box">
                <table className="compact" data-testid="dataset-stats">
                  <thead>
                    <tr>
                      <th>{t('workflow')}</th>
                      <th>{t('baselinePhase')}</th>
                      <th>{t('withAiPhase')}</th>
                      <th>{t('verificationShort')}</th>
                      <th>{t('netSaving')}</th>
                      <th>{t('outliers')}</th>
                      <th>{t('dates')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.workflows.map((w) => {
                      const line = (s: typeof w.baseline) =>
                        s
                          ? t('statLine', {
                              n: s.n,
                              mean: fixed(s.mean),
                              median: fixed(s.median),
                              sd: fixed(s.sd),
                            })
                          : '—';
                      const outliers = [
                        ...(w.baseline?.outlierRows ?? []),
                        ...(w.withAi?.outlierRows ?? []),
                      ].sort((a, b) => a - b);
                      return (
                        <tr key={w.workflowId}>
                          <th scope="row">{w.name}</th>
                          <td>{line(w.baseline)}</td>
                          <td>{line(w.withAi)}</td>
                          <td>{line(w.verification)}</td>
                          <td className={w.saving && w.saving.high < 0 ? 'bad' : ''}>
                            {w.saving
                              ? t('savingLine', {
                                  mean: fixed(w.saving.mean),
                                  low: fixed(w.saving.low),
                                  high: fixed(w.saving.high),
                                  method:
                                    w.saving.method === 'bootstrap' ? t('bootstrap') : t('normalApprox'),
                                })
                              : '—'}
                          </td>
                          <td>
                            {outliers.length > 0
                              ? outliers.slice(0, 12).join(', ') + (outliers.length > 12 ? ' …' : '')
                              : '—'}
                          </td>
                          <td>{w.from ? `${w.from} – ${w.to}` : '—'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {d.pilots.map((p) => (
              <div key={`pilot-${p.optionId}-${p.workflowId}`} data-testid="pilot-check">
                <h4>{t('pilotCheckTitle', { option: p.optionName, workflow: p.workflowName })}</h4>
                <p className={p.byRule === 'stop' ? 'bad' : ''}>
                  {t('pilotVerdict', {
                    n: p.soFar!.n,
                    mean: fixed(p.soFar!.mean),
                    low: fixed(p.soFar!.low),
                    high: fixed(p.soFar!.high),
                    planned: fixed(p.planned),
                    threshold: fixed(p.threshold),
                    decision: p.byRule === 'scaleUp' ? t('pilotScaleUp') : t('pilotStop'),
                    certainty: p.conclusive ? t('pilotConclusive') : t('pilotNotYet'),
                  })}
                </p>
                {/* A chart of fixed width scrolls inside its box on a phone, not the page. */}
                <div key={hydrated ? 'browser' : 'server'} className="chart-box">
                  <PilotChart check={p} lang={lang} />
                </div>
              </div>
            ))}
            {data.mayImport &&
              d.workflows.map((w) => (
                <Form
                  method="post"
                  key={`cal-${w.workflowId}`}
                  className="calibrate"
                  data-testid="calibrate-form"
                >
                  <CsrfField />
                  <input type="hidden" name="intent" value="calibrate" />
                  <input type="hidden" name="datasetId" value={d.id} />
                  <input type="hidden" name="workflowId" value={w.workflowId} />
                  <input type="hidden" name="baseVersion" value={data.latestVersion} />
                  <fieldset>
                    <legend>
                      {t('calibrate')} · {w.name}
                    </legend>
                    <p className="muted">{t('calibrateHint')}</p>
                    {w.baseline && !w.baselineCalibrated && (
                      <label className="block">
                        <input type="checkbox" name="baseline" value="on" />{' '}
                        {t('calibrateBaseline', {
                          from: fixed(w.currentBaseline, 2),
                          to: fixed(w.baseline.mean, 2),
                        })}
                      </label>
                    )}
                    {w.withAi &&
                      w.options
                        .filter((o) => !o.alreadyMeasured)
                        .map((o) => (
                          <label className="block" key={o.id}>
                            <input type="checkbox" name="optionIds" value={o.id} />{' '}
                            {t('calibrateEffect', {
                              option: o.name,
                              withAi: fixed(w.withAi!.mean, 2),
                              verification: fixed(w.verificationPerTask ?? 0, 2),
                            })}
                          </label>
                        ))}
                    <p className="row">
                      <button type="submit" disabled={busy}>
                        {t('calibrateSave')}
                      </button>
                    </p>
                  </fieldset>
                </Form>
              ))}
            {d.volumes.length > 0 && (
              <div className="chart-box">
                <table className="compact" data-testid="volume-stats">
                  <caption className="muted">{t('monthlyVolumes')}</caption>
                  <thead>
                    <tr>
                      <th></th>
                      {d.volumes[0]!.months.map((m) => (
                        <th key={m.month} className="num">
                          {m.month.slice(0, 7)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {d.volumes.map((v) => (
                      <tr key={v.key}>
                        <th scope="row">{v.name}</th>
                        {v.months.map((m) => (
                          <td key={m.month} className="num">
                            {Math.round(m.count).toLocaleString('en-US')}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {data.mayImport && d.volumes.length > 0 && (
              <Form method="post" className="calibrate" data-testid="calibrate-volumes-form">
                <CsrfField />
                <input type="hidden" name="intent" value="calibrateVolumes" />
                <input type="hidden" name="datasetId" value={d.id} />
                <input type="hidden" name="baseVersion" value={data.latestVersion} />
                <fieldset>
                  <legend>{t('calibrateVolumesTitle')}</legend>
                  <p className="muted">{t('calibrateHint')}</p>
                  {d.volumes.map((v) =>
                    v.last12 === null ? null : v.isMeasure ? (
                      <label className="block" key={v.key}>
                        <input type="checkbox" name="measures" value={v.key} />{' '}
                        {t('calibrateMeasure', {
                          name: v.name,
                          from: Math.round(v.current ?? 0).toLocaleString('en-US'),
                          to: Math.round(v.last12).toLocaleString('en-US'),
                        })}
                      </label>
                    ) : (
                      <label className="block" key={v.key}>
                        <input type="checkbox" name="workflowIds" value={v.key} />{' '}
                        {t('calibrateTasks', { name: v.name })}
                      </label>
                    ),
                  )}
                  <label className="block">
                    <input type="checkbox" name="seasonality" value="on" /> {t('calibrateSeasonality')}
                  </label>
                  <p className="row">
                    <button type="submit" disabled={busy}>
                      {t('calibrateSave')}
                    </button>
                  </p>
                </fieldset>
              </Form>
            )}
            {data.mayImport && (
              <Form method="post" className="row">
                <CsrfField />
                <input type="hidden" name="intent" value="delete" />
                <input type="hidden" name="datasetId" value={d.id} />
                <button type="submit" className="secondary" disabled={busy}>
                  {t('delete')}
                </button>
                <span className="muted">{t('deleteNote')}</span>
              </Form>
            )}
          </article>
        ))}
      </section>
    </>
  );
}
