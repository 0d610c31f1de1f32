/**
 * The data page's sample files through their routes (/scenarios/:id/data/sample.csv|xlsx):
 * both languages and formats, a parameter out of its choices refused with a 400 that names it in
 * the caller's language, another hospital's case not found, the download audited; and every
 * sample uploaded through the page's own upload (preview, then store) is read, its columns
 * recognised from the headers and every row taken.
 */
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

import { action as dataAction, loader as dataLoader } from '~/routes/scenarios.$id.data';
import { loader as csvLoader } from '~/routes/scenarios.$id.data_.sample[.]csv';
import { loader as xlsxLoader } from '~/routes/scenarios.$id.data_.sample[.]xlsx';

import {
  call,
  callThrowing,
  closeAndRemoveTempDatabases,
  countRows,
  makeRequest,
  signInAs,
  sqlite,
  useJobPool,
  useTempDatabase,
} from './helpers';

useTempDatabase('data-samples');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
const LOADERS = { csv: csvLoader, xlsx: xlsxLoader };
type Format = keyof typeof LOADERS;
type Kind = 'observations' | 'volumes';
type Lang = 'zh-CN' | 'en';

const ask = (format: Format, query: string, init: Parameters<typeof makeRequest>[1] = {}) =>
  call(LOADERS[format], makeRequest(`/scenarios/${ID}/data/sample.${format}${query}`, init), { id: ID });

/** The sample's bytes, as a browser downloads them. */
async function download(
  format: Format,
  kind: Kind,
  lang: Lang,
): Promise<{ bytes: Uint8Array; response: Response }> {
  const response = (await LOADERS[format]({
    request: makeRequest(`/scenarios/${ID}/data/sample.${format}?kind=${kind}&lang=${lang}`),
    params: { id: ID },
    context: {},
  } as never)) as Response;
  return { bytes: new Uint8Array(await response.clone().arrayBuffer()), response };
}

async function xlsxRows(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) =>
    rows.push(
      Array.from((row.values as unknown[]).slice(1), (v) => v).map((v) =>
        v instanceof Date ? v.toISOString() : String(v ?? ''),
      ),
    ),
  );
  return rows;
}

describe('the sample routes', () => {
  it('serves a CSV in UTF-8 with a BOM, headers in the language asked, named for a person', async () => {
    const zh = await download('csv', 'observations', 'zh-CN');
    expect(zh.response.status).toBe(200);
    expect(zh.response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(zh.response.headers.get('Content-Disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('计时观察样例.csv')}`,
    );
    expect([...zh.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(zh.bytes);
    expect(text.split('\r\n')[0]).toBe('\ufeff日期,科室,岗位,工作流程,阶段,每任务分钟,核对修改分钟');
    // Three workflows, 8 timings before and 8 with the AI each, and the header.
    expect(text.trimEnd().split('\r\n')).toHaveLength(1 + 3 * 16);

    const en = await download('csv', 'volumes', 'en');
    expect(en.response.headers.get('Content-Disposition')).toContain('filename="monthly-volumes-sample.csv"');
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(en.bytes).trimEnd().split('\r\n');
    expect(lines[0]).toBe('\ufeffMonth,Measure,Workflow,Count');
    // Twelve months of three measures and three workflows' task counts.
    expect(lines).toHaveLength(1 + 12 * 6);
  });

  it('serves an XLSX with the headers in the language asked, numbers as numbers and dates as dates', async () => {
    const zh = await download('xlsx', 'volumes', 'zh-CN');
    expect(zh.response.status).toBe(200);
    expect(zh.response.headers.get('Content-Type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(zh.response.headers.get('Content-Disposition')).toContain(
      encodeURIComponent('月度业务量样例.xlsx'),
    );
    const rows = await xlsxRows(zh.bytes);
    expect(rows[0]).toEqual(['月份', '指标', '工作流程', '数量']);
    expect(rows[1]).toEqual([
      '2026-01-01T00:00:00.000Z',
      '门急诊人次',
      '',
      expect.stringMatching(/^\d{4,5}$/),
    ]);
    expect(rows).toHaveLength(1 + 12 * 6);

    const en = await download('xlsx', 'observations', 'en');
    const enRows = await xlsxRows(en.bytes);
    expect(enRows[0]).toEqual([
      'Date',
      'Department',
      'Role',
      'Workflow',
      'Phase',
      'Minutes per task',
      'Verification minutes',
    ]);
    expect(enRows[1]!.slice(1, 5)).toEqual([
      'Internal medicine clinic',
      'physician',
      'Outpatient note writing',
      'baseline',
    ]);
  });

  it('takes the page language when the link names none', async () => {
    const answer = await ask('csv', '?kind=observations', { headers: { 'Accept-Language': 'en' } });
    expect(answer.status).toBe(200);
    // (The BOM is read away as the text is decoded.)
    expect(answer.text.split('\r\n')[0]).toBe(
      'Date,Department,Role,Workflow,Phase,Minutes per task,Verification minutes',
    );
  });

  it.each([
    ['', 'zh-CN', ['kind'], '参数 kind（样例种类）须为 observations（计时观察）或 volumes（月度业务量）。'],
    ['?kind=timings', 'en', ['kind'], 'The parameter kind (which sample) must be observations'],
    ['?kind=volumes&lang=fr', 'zh-CN', ['lang'], '参数 lang（语言）须为 zh-CN（中文）或 en（英文）。'],
    ['?kind=x&lang=fr', 'en', ['kind', 'lang'], 'The parameter lang (language)'],
  ] as const)('refuses %j with a 400 in %s naming %j', async (query, lang, named, says) => {
    for (const format of ['csv', 'xlsx'] as const) {
      const answer = await ask(format, query, { headers: { 'Accept-Language': lang } });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('Content-Type')).toBe('text/plain; charset=utf-8');
      expect(answer.text).toContain(says);
      expect(
        answer.text.startsWith(lang === 'zh-CN' ? '无法生成样例文件：' : 'Cannot make the sample file:'),
      ).toBe(true);
      for (const param of ['kind', 'lang'])
        expect(answer.text.includes(`parameter ${param}`) || answer.text.includes(`参数 ${param}`)).toBe(
          named.includes(param as never),
        );
    }
  });

  it("is not found for another hospital's planner, and sends the signed-out to log in", async () => {
    const outsider = signInAs('samples-outsider', { hospital: '邻县中医院', role: 'planner' });
    const refused = await callThrowing(
      csvLoader,
      makeRequest(`/scenarios/${ID}/data/sample.csv?kind=observations`, { as: outsider }),
      { id: ID },
    );
    expect(refused.status).toBe(404);
    expect(await refused.text()).not.toContain('门诊病历书写');
    const anonymous = await callThrowing(
      xlsxLoader,
      makeRequest(`/scenarios/${ID}/data/sample.xlsx?kind=volumes`, { as: 'anonymous' }),
      { id: ID },
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toMatch(/^\/login\?redirectTo=/);
  });

  it('records the download in the audit log, as every export', async () => {
    const before = countRows('audit_log', "action = 'export'");
    await download('xlsx', 'observations', 'zh-CN');
    expect(countRows('audit_log', "action = 'export'")).toBe(before + 1);
    const last = sqlite()
      .prepare("SELECT object_id, detail FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1")
      .get() as { object_id: string; detail: string };
    expect(last.object_id).toBe(ID);
    expect(JSON.parse(last.detail)).toEqual({ format: 'sample-observations.xlsx', lang: 'zh-CN' });
  });
});

type Preview = {
  preview: {
    kind: string;
    rowCount: number;
    format: string;
    columns: { header: string; meaning: string }[];
    problems: unknown[];
  };
};

describe('every sample uploads cleanly through the page', () => {
  for (const lang of ['zh-CN', 'en'] as const)
    for (const kind of ['observations', 'volumes'] as const)
      for (const format of ['csv', 'xlsx'] as const)
        it(`${kind} · ${format} · ${lang}: previewed with every column recognised, then stored`, async () => {
          const { bytes } = await download(format, kind, lang);
          const name = `sample-${kind}-${lang}.${format}`;
          const upload = (commit: boolean, mapping?: string) => {
            const form = new FormData();
            form.append('file', new File([bytes as BlobPart], name));
            if (mapping) form.append('mapping', mapping);
            form.append('commit', String(commit));
            return makeRequest(`/scenarios/${ID}/data`, {
              method: 'POST',
              body: form,
              headers: { 'Accept-Language': lang },
            });
          };
          const previewed = await call<Preview>(dataAction, upload(false), { id: ID });
          expect(previewed.status, previewed.text.slice(0, 300)).toBe(200);
          const { preview } = previewed.body;
          expect(preview.kind).toBe(kind);
          expect(preview.format).toBe(format);
          expect(preview.problems).toEqual([]);
          expect(preview.rowCount).toBe(kind === 'observations' ? 48 : 72);
          expect(preview.columns.map((c) => c.meaning)).toEqual(
            kind === 'observations'
              ? ['date', 'department', 'role', 'workflow', 'phase', 'minutes', 'verificationMinutes']
              : ['date', 'measure', 'workflow', 'count'],
          );

          const stored = (await dataAction({
            request: upload(true, preview.columns.map((c) => c.meaning).join(',')),
            params: { id: ID },
            context: {},
          } as never)) as Response;
          expect(stored.status).toBe(302);
          const location = stored.headers.get('Location')!;
          const page = await call<{
            stored: { fileName: string; rowCount: number };
            datasets: { fileName: string; workflows: { n?: number }[]; volumes: { key: string }[] }[];
          }>(dataLoader, makeRequest(location), { id: ID });
          expect(page.body.stored).toEqual({ fileName: name, rowCount: kind === 'observations' ? 48 : 72 });
          const dataset = page.body.datasets.find((d) => d.fileName === name)!;
          if (kind === 'observations') expect(dataset.workflows).toHaveLength(3);
          else
            expect(dataset.volumes.map((v) => v.key).sort()).toEqual([
              'chronic-followup',
              'discharges',
              'inpatientDays',
              'nursing-docs',
              'outpatient-notes',
              'outpatientVisits',
            ]);
        }, 30_000);
});
