import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';

import { requireSystemAction } from '~/auth/system-access.server';
import { auditFilters, queryAudit } from '~/audit/audit-query.server';
import { beijingTime } from '~/i18n/time';
import { auditActionLabel, auditActorLabel, auditObjectLabel, auditOutcomeLabel } from '~/audit/labels';
import { getLang } from '~/i18n/locale.server';
import { translate, useLang, useT } from '~/i18n/ui';
import { pageTitle } from '~/i18n/page-title';

export const meta: MetaFunction = ({ matches }) => [
  pageTitle(matches, { 'zh-CN': '审计日志', en: 'Audit log' }),
];

/** GET /audit — the audit admin's view of the log: filters in the address, newest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  requireSystemAction(request, context, 'readAudit');
  const lang = await getLang(request);
  const url = new URL(request.url);
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
  const parsed = auditFilters.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const problem = parsed.success
    ? null
    : translate(lang, 'auditBadFilter', {
        fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', '),
      });
  const found = queryAudit(filters);
  return json({
    problem,
    filters: { user: '', action: '', object: '', from: '', to: '', ...filters },
    search: url.search,
    ...found,
    rows: found.rows.map((r) => ({
      seq: r.seq,
      at: beijingTime(r.at),
      username: auditActorLabel(r.username, lang),
      role: r.role,
      action: auditActionLabel(r.action, lang),
      object: [r.objectType ? auditObjectLabel(r.objectType, lang) : '', r.objectId]
        .filter(Boolean)
        .join(' '),
      address: r.address,
      outcome: auditOutcomeLabel(r.outcome, lang),
      failed: r.outcome !== 'success',
    })),
    actions: found.actions.map((a) => ({ value: a, label: auditActionLabel(a, lang) })),
  });
}

export default function AuditLog() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const pageLink = (page: number) => {
    const params = new URLSearchParams(data.search);
    params.set('page', String(page));
    return `?${params.toString()}`;
  };
  const csv = `/audit.csv${data.search}${data.search ? '&' : '?'}lang=${lang}`;
  return (
    <section>
      <h1>{t('auditLog')}</h1>
      <p className="muted">{t('auditIntro')}</p>
      {data.problem && (
        <p className="error" role="alert">
          {data.problem}
        </p>
      )}
      <Form method="get" className="audit-filters">
        <label>
          {t('auditUser')}
          <input name="user" defaultValue={data.filters.user} maxLength={64} />
        </label>
        <label>
          {t('auditAction')}
          <select name="action" defaultValue={data.filters.action}>
            <option value="">{t('auditAny')}</option>
            {data.actions.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('auditObject')}
          <input name="object" defaultValue={data.filters.object} maxLength={100} />
        </label>
        <label>
          {t('auditFrom')}
          <input name="from" type="date" defaultValue={data.filters.from} />
        </label>
        <label>
          {t('auditTo')}
          <input name="to" type="date" defaultValue={data.filters.to} />
        </label>
        <button type="submit">{t('auditFilter')}</button>
        <a className="button" href={csv} download>
          {t('auditExport')}
        </a>
      </Form>
      <p className="muted">{t('auditCount', { total: data.total, page: data.page, pages: data.pages })}</p>
      {data.rows.length === 0 ? (
        <p>{t('auditNone')}</p>
      ) : (
        <div className="table-scroll">
          <table data-testid="audit-rows">
            <thead>
              <tr>
                <th>{t('auditTime')}</th>
                <th>{t('auditUser')}</th>
                <th>{t('auditAction')}</th>
                <th>{t('auditObject')}</th>
                <th>{t('auditAddress')}</th>
                <th>{t('auditOutcome')}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.seq} className={r.failed ? 'audit-failed' : undefined}>
                  <td>{r.at}</td>
                  <td>{r.username}</td>
                  <td>{r.action}</td>
                  <td>{r.object}</td>
                  <td>{r.address}</td>
                  <td>{r.outcome}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        {data.page > 1 && <Link to={pageLink(data.page - 1)}>{t('previousPage')}</Link>}{' '}
        {data.page < data.pages && <Link to={pageLink(data.page + 1)}>{t('nextPage')}</Link>}
      </p>
    </section>
  );
}
