/**
 * GET /scenarios/:id/data/sample.csv|xlsx?kind=observations|volumes[&lang=zh-CN|en] — a sample
 * file of one kind for this scenario, in the language asked (the page's by default), for anyone
 * who may export the scenario (it names the scenario's workflows); the download is audited like
 * every export. A parameter that is not one of its choices is a 400 that names it, in the
 * caller's language.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { requireScenarioOnPage } from '~/auth/access.server';
import { recordAction, requirePageCaller } from '~/auth/caller.server';
import { LANGUAGES } from '~/engine/text';
import { attachment } from '~/exports/download.server';
import { getLang } from '~/i18n/locale.server';

import { latestOrAnswer } from './data-page.server';
import { sampleXlsx } from './sample-xlsx.server';
import { SAMPLE_KINDS, sampleCsv, sampleFileName, sampleTable, type SampleFormat } from './samples';
import { dataWord } from './words';

const sampleParams = z.object({
  kind: z.enum(SAMPLE_KINDS),
  lang: z.enum(LANGUAGES).optional(),
});

const PARAM_MESSAGES = { kind: 'sampleBadKind', lang: 'sampleBadLang' } as const;

const CONTENT_TYPES: Record<SampleFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function sampleDownload(
  { request, params, context }: LoaderFunctionArgs,
  format: SampleFormat,
): Promise<Response> {
  const callerLang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const { hospitalId } = requireScenarioOnPage(caller, params.id!, 'export', callerLang);
  const url = new URL(request.url);
  const parsed = sampleParams.safeParse({
    kind: url.searchParams.get('kind') ?? undefined,
    lang: url.searchParams.get('lang') ?? undefined,
  });
  if (!parsed.success) {
    const bad = [
      ...new Set(parsed.error.issues.map((i) => String(i.path[0]))),
    ] as (keyof typeof PARAM_MESSAGES)[];
    const message = [
      dataWord(callerLang, 'sampleRefused'),
      ...bad.map((p) => dataWord(callerLang, PARAM_MESSAGES[p])),
    ];
    return new Response(message.join('\n'), {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': callerLang },
    });
  }
  const { kind } = parsed.data;
  const lang = parsed.data.lang ?? callerLang;
  const scenario = latestOrAnswer(params.id!);
  const table = sampleTable(kind, scenario.document, lang);
  const body = format === 'csv' ? sampleCsv(table, lang) : await sampleXlsx(table, lang);
  const name = sampleFileName(kind, format, lang);
  recordAction(caller, {
    action: 'export',
    outcome: 'success',
    hospitalId,
    objectType: 'scenario',
    objectId: params.id!,
    version: scenario.latestVersion,
    detail: { format: `sample-${kind}.${format}`, lang },
  });
  return new Response(body, {
    headers: {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': attachment(name),
      'Cache-Control': 'private, no-store',
    },
  });
}
