/**
 * GET /portfolios/:id/report.pdf|xlsx[?version=N][&lang=zh-CN|en][&budgetByYear=<CNY>,<CNY>,…]
 * — the committee's PDF chapter or the plan sheet of a portfolio version (the latest when not
 * named), for its own budget or a what-if one, as the plan page shows it. Like the page, it
 * takes a signed-in member of the hospital that owns the portfolio whose role may export (a
 * viewer may); anyone else is sent to sign in, or answered 404 (not their hospital's). The plan
 * is the kept one (`portfolioPlanFor`); the file is made by the worker pool; a pool that cannot
 * take the work answers 503 with Retry-After. Refusals are plain text in the caller's language;
 * every download is audited like a scenario's export.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';

import { recordAction, requirePageCaller } from '~/auth/caller.server';
import { getDb } from '~/db.server';
import { isLang, localize, type Lang } from '~/engine/text';
import { attachment, downloadName } from '~/exports/download.server';
import { WHOLE } from '~/http/numbers';
import { getLang } from '~/i18n/locale.server';
import { JobRefused, jobPool, runJob } from '~/jobs/pool.server';
import { getHospital } from '~/models/hospitals.server';
import { readPortfolio } from '~/models/portfolios.server';
import { getScenarioRow } from '~/models/scenarios.server';

import { requirePortfolioOnPage } from './access.server';
import { exportWord, type ExportWord } from './export-words';
import { portfolioPlanFor } from './plan.server';
import { portfolioProblemMessage } from './problems';
import { parseBudgetParam } from './request';

export type PortfolioExportFormat = 'pdf' | 'xlsx';

const CONTENT_TYPES: Record<PortfolioExportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** A refusal as text: what the browser shows when a download link cannot give its file. */
function refusal(
  status: number,
  lang: Lang,
  lines: string[],
  headers: Record<string, string> = {},
): Response {
  return new Response([exportWord(lang, 'downloadRefused'), ...lines].join('\n'), {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': lang, ...headers },
  });
}

const JOB_WORDS: Record<JobRefused['code'], ExportWord> = {
  queueFull: 'busy',
  jobTimeout: 'tooLong',
  jobFailed: 'failed',
};

export async function portfolioDownload(
  { request, params, context }: LoaderFunctionArgs,
  format: PortfolioExportFormat,
): Promise<Response> {
  const callerLang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const id = params.id!;
  const { hospitalId } = requirePortfolioOnPage(caller, id, 'export', callerLang);
  const url = new URL(request.url);
  const say = (key: ExportWord, values: Record<string, string | number> = {}) =>
    exportWord(callerLang, key, values);

  const langAsked = url.searchParams.get('lang');
  if (langAsked !== null && !isLang(langAsked)) return refusal(400, callerLang, [say('badLang')]);
  const lang: Lang = langAsked ?? callerLang;
  const versionAsked = url.searchParams.get('version');
  if (versionAsked !== null && !WHOLE.test(versionAsked))
    return refusal(400, callerLang, [say('badVersion')]);
  const stored = readPortfolio(id, versionAsked === null ? undefined : Number(versionAsked));
  if (!stored) return refusal(404, callerLang, [say('noVersion', { version: versionAsked ?? '' })]);
  const { document } = stored;
  const budgetAsked = url.searchParams.get('budgetByYear');
  let budgetByYear: number[] | undefined;
  if (budgetAsked !== null) {
    const budget = parseBudgetParam(budgetAsked, document);
    if (!budget.ok)
      return refusal(
        400,
        callerLang,
        budget.problems.map((p) => portfolioProblemMessage(p, callerLang)),
      );
    budgetByYear = budget.budgetByYear;
  }

  try {
    const found = await portfolioPlanFor(id, stored.version, budgetByYear);
    if (found.status === 'notFound' || found.status === 'versionNotFound')
      return refusal(404, callerLang, [say('noVersion', { version: stored.version })]);
    if (found.status === 'scenarioInvalid')
      return refusal(422, callerLang, [
        say('scenarioInvalid', {
          name: localize(getScenarioRow(found.scenarioId)?.name, callerLang),
          version: found.version,
        }),
      ]);
    // The hospital the portfolio belongs to, by the name it is registered under.
    const hospital = getHospital(getDb(), hospitalId)?.name ?? '';
    const input = {
      plan: found.plan,
      document: found.portfolio.document,
      hospital,
      version: found.portfolio.version,
      savedAt: found.portfolio.savedAt,
      lang,
    };
    const bytes =
      format === 'pdf'
        ? await runJob('portfolioReportPdf', { ...input, generatedAt: new Date().toISOString() })
        : await runJob('portfolioPlanXlsx', input);
    recordAction(caller, {
      action: 'export',
      outcome: 'success',
      hospitalId,
      objectType: 'portfolio',
      objectId: id,
      version: found.portfolio.version,
      detail: { format: `report.${format}`, lang, ...(budgetByYear ? { budgetByYear } : {}) },
    });
    return new Response(bytes, {
      headers: {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': attachment(
          downloadName({ hospital, title: document.name }, found.portfolio.version, lang, format),
        ),
        'Cache-Control': 'private, no-store',
      },
    });
  } catch (error) {
    if (!(error instanceof JobRefused)) throw error;
    const limit = Number((jobPool().settings.timeoutMs / 1000).toFixed(1));
    return refusal(
      503,
      callerLang,
      [say(JOB_WORDS[error.code], { seconds: error.retryAfterSeconds, limit })],
      {
        'Retry-After': String(error.retryAfterSeconds),
      },
    );
  }
}
