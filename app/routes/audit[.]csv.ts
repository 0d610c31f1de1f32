import type { LoaderFunctionArgs } from '@remix-run/node';

import { requireSystemAction } from '~/auth/system-access.server';
import { appendAudit } from '~/audit/audit-log.server';
import { auditCsv, auditFilters } from '~/audit/audit-query.server';
import { beijingTime } from '~/i18n/time';
import { clientOf } from '~/auth/login.server';
import { isLang } from '~/engine/text';
import { attachment } from '~/exports/download.server';
import { getLang } from '~/i18n/locale.server';
import { translate } from '~/i18n/ui';

/** GET /audit.csv — the filtered log as CSV (UTF-8 with BOM); the export itself is logged. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const who = requireSystemAction(request, context, 'exportAudit');
  const url = new URL(request.url);
  const asked = url.searchParams.get('lang');
  const lang = isLang(asked) ? asked : await getLang(request);
  const raw = Object.fromEntries(
    [...url.searchParams].filter(([k, v]) => v !== '' && k !== 'lang' && k !== 'page'),
  );
  const parsed = auditFilters.safeParse(raw);
  if (!parsed.success)
    return new Response(
      translate(lang, 'auditBadFilter', {
        fields: [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].join(', '),
      }),
      { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } },
    );
  const exported = auditCsv(parsed.data, lang);
  appendAudit({
    action: 'audit.export',
    outcome: 'success',
    userId: who.user.id,
    username: who.user.username,
    role: who.user.systemRole ?? '',
    objectType: 'auditLog',
    ...clientOf(request, context),
    detail: { filters: parsed.data, rows: exported.rows, cut: exported.cut },
  });
  return new Response(exported.csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      // Named by the day in Beijing time, as its rows are.
      'Content-Disposition': attachment(
        `audit-log-${beijingTime(new Date().toISOString()).slice(0, 10)}.csv`,
      ),
      'Cache-Control': 'no-store',
    },
  });
}
