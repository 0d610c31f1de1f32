import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';

import { requirePageCaller } from '~/auth/caller.server';
import type { Lang } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { useLang, useT } from '~/i18n/ui';
import { currencyNote, searchFigures, type FigureRow } from '~/models/reference.server';
import { GRADES, TOPICS } from '~/reference/figures';
import {
  badQueryMessage,
  MAX_QUERY,
  PAGE_SIZE,
  pageCount,
  readReferenceQuery,
  referenceHref,
  type ReferenceQuery,
} from '~/reference/reference-query';
import { sourceShown, type SourceShown } from '~/reference/sources';
import { formatFigureValue, yearText } from '~/reference/units';
import { GRADE_LABELS, TOPIC_LABELS, useReferenceWords } from '~/reference/words';

import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction<typeof loader> = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '参考数据', en: 'Reference figures' }),
];

/** The row of cost-figures.md a figure comes from ("11.47" for 11.47.total, "7.1" for a section 7 row). */
const rowNumber = (id: string) => id.split('.').slice(0, 2).join('.');

function rowShown(f: FigureRow, lang: Lang) {
  const shown = formatFigureValue(f, lang);
  return {
    id: f.id,
    row: rowNumber(f.id),
    label: f.label[lang],
    /** The number as stored (for reading by programs and tests); `shown` is what a person reads. */
    value: f.value,
    shown: shown.value,
    range: shown.range,
    year: yearText(f.year, lang),
    region: f.region[lang],
    grade: GRADE_LABELS[f.grade][lang],
    usable: f.usableAsDefault,
    doNotUse: f.doNotUse,
    notes: f.notes?.[lang] ?? null,
    source: sourceShown(f.source, lang),
    otherSources: (f.otherSources ?? []).map((s) => sourceShown(s, lang)),
    derivedFrom: [...new Set((f.derivedFrom ?? []).map(rowNumber))],
  };
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  requirePageCaller(request, context);
  const lang = await getLang(request);
  const { query, bad } = readReferenceQuery(new URL(request.url).searchParams);
  const found = searchFigures({
    q: query.q,
    topic: query.topic ?? undefined,
    grade: query.grade ?? undefined,
    usable: query.usable,
  });
  const pages = pageCount(found.length);
  if (query.page > pages) {
    bad.push('page');
    query.page = 1;
  }
  const first = (query.page - 1) * PAGE_SIZE;
  return json(
    {
      lang,
      query,
      total: found.length,
      pages,
      first,
      problem: bad.length > 0 ? badQueryMessage(bad, pages, lang) : null,
      currencyNote: currencyNote(lang),
      rows: found.slice(first, first + PAGE_SIZE).map((f) => rowShown(f, lang)),
    },
    // A link that names a filter or page that does not exist is a bad request, said in words.
    { status: bad.length > 0 ? 400 : 200 },
  );
}

type Row = ReturnType<typeof rowShown>;

/** The reference library: sourced figures with their evidence grade, filtered and paged on the server. */
export default function Reference() {
  const { lang, query, total, pages, first, problem, currencyNote, rows } = useLoaderData<typeof loader>();
  const t = useT();
  const w = useReferenceWords();
  const filtered = Boolean(query.q || query.topic || query.grade || query.usable);
  return (
    <>
      <h1>{t('reference')}</h1>
      <p className="muted">{t('referenceIntro')}</p>
      {problem && (
        <div className="banner error-banner" role="alert" data-testid="reference-problem">
          {problem}
        </div>
      )}
      <Form method="get" className="reference-filters" role="search">
        <label>
          {t('search')}
          <input type="search" name="q" defaultValue={query.q} maxLength={MAX_QUERY} />
        </label>
        <label>
          {w('topic')}
          <select name="topic" defaultValue={query.topic ?? ''}>
            <option value="">{w('allTopics')}</option>
            {TOPICS.map((topic) => (
              <option key={topic} value={topic}>
                {TOPIC_LABELS[topic][lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('grade')}
          <select name="grade" defaultValue={query.grade ?? ''}>
            <option value="">{w('allGrades')}</option>
            {GRADES.map((grade) => (
              <option key={grade} value={grade}>
                {GRADE_LABELS[grade][lang]}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input type="checkbox" name="usable" value="1" defaultChecked={query.usable} />
          {w('usableOnly')}
        </label>
        <button type="submit">{w('filter')}</button>
        {filtered && <Link to="/reference">{w('clear')}</Link>}
      </Form>
      <p className="muted" data-testid="reference-count">
        {total === 0
          ? w('none')
          : pages === 1
            ? w('count', { count: total })
            : w('countShown', { count: total, from: first + 1, to: first + rows.length })}
      </p>
      {rows.length > 0 && (
        <table className="reference-table">
          <caption className="sr-only">{t('reference')}</caption>
          <colgroup>
            <col className="figure" />
            <col className="value" />
            <col className="year" />
            <col className="region" />
            <col className="grade" />
            <col className="source" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('figure')}</th>
              <th scope="col" className="num">
                {t('value')}
              </th>
              <th scope="col">{t('year')}</th>
              <th scope="col">{t('region')}</th>
              <th scope="col">{t('grade')}</th>
              <th scope="col">{t('source')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <FigureRowView key={r.id} row={r} />
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && <Pager query={query} pages={pages} />}
      <p className="muted reference-currency">
        {w('currency')}：{currencyNote}
      </p>
    </>
  );
}

function SourceView({ source }: { source: SourceShown }) {
  if (source.href)
    return (
      <a href={source.href} rel="noreferrer noopener" target="_blank">
        {/* A long host name breaks after a dot, not inside a word. */}
        {source.text.split('.').map((part, i) => (
          <span key={i}>
            {i > 0 && (
              <>
                .<wbr />
              </>
            )}
            {part}
          </span>
        ))}
      </a>
    );
  return source.lang ? <cite lang={source.lang}>{source.text}</cite> : <>{source.text}</>;
}

/** One figure; on a phone its cells stack as a card, each named by its column (data-label). */
function FigureRowView({ row: r }: { row: Row }) {
  const t = useT();
  const separator = useLang() === 'zh-CN' ? '、' : ', ';
  const w = useReferenceWords();
  const hasDetails = Boolean(r.notes || r.otherSources.length > 0 || r.derivedFrom.length > 0);
  return (
    <tr id={`figure-${r.id}`} data-figure={r.id}>
      <td data-label={t('figure')}>
        <span className="muted row-number">{r.row}</span> {r.label}
        {r.doNotUse && <span className="tag bad">{w('doNotUse')}</span>}
        {hasDetails && (
          <details className="figure-details">
            <summary>{w('details')}</summary>
            {r.notes && <p>{r.notes}</p>}
            {r.derivedFrom.length > 0 && <p>{w('derivedFrom', { rows: r.derivedFrom.join(separator) })}</p>}
            {r.otherSources.length > 0 && (
              <p>
                {w('otherSources')}：
                {r.otherSources.map((s, i) => (
                  <span key={i}>
                    {i > 0 && separator}
                    <SourceView source={s} />
                  </span>
                ))}
              </p>
            )}
          </details>
        )}
      </td>
      <td className="num" data-label={t('value')}>
        {r.shown === null ? <span className="bad">{t('notFound')}</span> : r.shown}
        {r.range && (
          <div className="muted">
            {w('range')} {r.range}
          </div>
        )}
      </td>
      <td data-label={t('year')}>{r.year}</td>
      <td data-label={t('region')}>{r.region}</td>
      <td data-label={t('grade')}>
        {r.grade} {r.usable ? <span className="tag measured">{t('usable')}</span> : null}
      </td>
      <td data-label={t('source')}>
        <SourceView source={r.source} />
      </td>
    </tr>
  );
}

function Pager({ query: q, pages }: { query: ReferenceQuery; pages: number }) {
  const w = useReferenceWords();
  return (
    <nav className="pager" aria-label={w('pages')}>
      {q.page > 1 ? <Link to={referenceHref(q, q.page - 1)}>{w('previous')}</Link> : <span />}
      <span>{w('pageOf', { page: q.page, pages })}</span>
      {q.page < pages ? <Link to={referenceHref(q, q.page + 1)}>{w('next')}</Link> : <span />}
    </nav>
  );
}
