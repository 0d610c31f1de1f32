import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { z } from 'zod';

import { requirePageCaller } from '~/auth/caller.server';
import { getLang } from '~/i18n/locale.server';
import { useT } from '~/i18n/ui';
import { searchFigures } from '~/models/reference.server';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '参考数据', en: 'Reference figures' }),
];

const query = z.string().max(100).catch('');

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePageCaller(request, context);
  const lang = await getLang(request);
  const q = query.parse(new URL(request.url).searchParams.get('q') ?? '');
  const rows = searchFigures(q).map((f) => ({
    id: f.id,
    label: lang === 'zh-CN' ? f.labelZh : f.labelEn,
    value: f.value,
    low: f.low,
    high: f.high,
    unit: f.unit,
    year: f.year,
    region: f.region,
    source: f.source,
    grade: f.grade,
    usable: f.usableAsDefault,
    notes: f.notes,
  }));
  return json({ q, rows });
}

/** The reference library: sourced figures with their evidence grade, searchable. */
export default function Reference() {
  const { q, rows } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t('reference')}</h1>
      <p className="muted">{t('referenceIntro')}</p>
      <Form method="get" className="row" role="search">
        <label>
          {t('search')} <input type="search" name="q" defaultValue={q} maxLength={100} />
        </label>
        <button type="submit">{t('search')}</button>
        <span className="muted">{rows.length}</span>
      </Form>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>{t('figure')}</th>
            <th className="num">{t('value')}</th>
            <th>{t('unit')}</th>
            <th>{t('year')}</th>
            <th>{t('region')}</th>
            <th>{t('grade')}</th>
            <th>{t('source')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>
                {r.label}
                {r.notes && <div className="muted">{r.notes}</div>}
              </td>
              <td className="num">
                {r.value === null ? (
                  <span className="bad">{t('notFound')}</span>
                ) : (
                  r.value.toLocaleString('en-US')
                )}
                {r.low !== null && r.high !== null && (
                  <div className="muted">
                    {r.low.toLocaleString('en-US')}–{r.high.toLocaleString('en-US')}
                  </div>
                )}
              </td>
              <td>{r.unit}</td>
              <td>{r.year}</td>
              <td>{r.region}</td>
              <td>
                {r.grade} {r.usable ? <span className="tag measured">{t('usable')}</span> : null}
              </td>
              <td>
                {r.source.startsWith('http') ? (
                  <a href={r.source} rel="noreferrer noopener" target="_blank">
                    {new URL(r.source).hostname}
                  </a>
                ) : (
                  r.source
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
