/**
 * Dataset import through the API routes against a real SQLite file: preview, commit, list,
 * statistics, delete; every bad file and bad mapping refused with a message in the user's
 * language and the database unchanged.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';

import { MAX_DATA_ROWS, MAX_UPLOAD_BYTES } from '~/datasets/read-file.server';
import type { DatasetInfo, DatasetPreview } from '~/models/datasets.server';
import type { DatasetStatistics } from '~/models/datasets.server';
import {
  action as datasetAction,
  loader as datasetLoader,
} from '~/routes/api.scenarios.$id.datasets.$datasetId';
import { loader as statsLoader } from '~/routes/api.scenarios.$id.datasets.$datasetId.stats';
import { action as uploadAction, loader as listLoader } from '~/routes/api.scenarios.$id.datasets';

import {
  call,
  CHINESE,
  closeAndRemoveTempDatabases,
  countRows,
  expectErrorShape,
  expectNoLeak,
  expectNothingChanges,
  makeRequest,
  ROOT,
  sqlite,
  tableChecksums,
  type ErrorBody,
  useJobPool,
  useTempDatabase,
} from './helpers';

useTempDatabase('datasets');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
const FIXTURES = join(ROOT, 'test', 'fixtures', 'datasets');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

type Errors = ErrorBody & {
  errors: { path: string; code: string; message: string; row?: number; column?: number }[];
};

function upload(
  file: { name: string; bytes: Uint8Array } | null,
  fields: Record<string, string> = {},
  lang = 'zh-CN',
  id = ID,
): Request {
  const form = new FormData();
  if (file) form.append('file', new File([file.bytes as Uint8Array<ArrayBuffer>], file.name));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return makeRequest(`/api/scenarios/${id}/datasets`, {
    method: 'POST',
    headers: { 'Accept-Language': lang },
    body: form,
  });
}

const post = <T>(request: Request, id = ID) => call<T>(uploadAction, request, { id });

const DATASET_TABLES = ['datasets', 'dataset_observations', 'dataset_volumes', 'column_mappings'];
function datasetChecksums() {
  const all = tableChecksums();
  return Object.fromEntries(DATASET_TABLES.map((t) => [t, all[t]]));
}

describe('preview', () => {
  it('reads a GB18030 file with Chinese headers and proposes a meaning for each column, storing no dataset', async () => {
    const before = datasetChecksums();
    const answer = await post<{ preview: DatasetPreview }>(
      upload({ name: '计时.csv', bytes: fixture('time-motion-gb18030.csv') }),
    );
    expect(answer.status).toBe(200);
    const p = answer.body.preview;
    expect(p.encoding).toBe('gb18030');
    expect(p.separator).toBe(',');
    expect(p.columns.map((c) => [c.header, c.meaning])).toEqual([
      ['科室', 'department'],
      ['岗位', 'role'],
      ['流程', 'workflow'],
      ['日期', 'date'],
      ['阶段', 'phase'],
      ['每任务耗时(分钟)', 'minutes'],
      ['核对修改时间(分钟)', 'verificationMinutes'],
    ]);
    expect(p.rows[0]).toEqual({
      row: 2,
      cells: ['内科门诊', '医生', '门诊病历书写', '2026/3/1', '使用前', '3.5', ''],
    });
    expect(p.rowCount).toBe(73);
    expect(p.kind).toBe('observations');
    expect(p.problems).toEqual([]);
    expect(p.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(datasetChecksums()).toEqual(before);
  }, 20_000);

  it('reads UTF-8 with BOM, semicolons and decimal commas; UTF-16 tab-separated volumes; XLSX', async () => {
    const semi = await post<{ preview: DatasetPreview }>(
      upload({ name: 'pilot.csv', bytes: fixture('pilot-log-utf8-bom-semicolon.csv') }, {}, 'en'),
    );
    expect(semi.status).toBe(200);
    expect(semi.body.preview).toMatchObject({
      encoding: 'utf-8',
      separator: ';',
      kind: 'observations',
      problems: [],
    });
    const volumes = await post<{ preview: DatasetPreview }>(
      upload({ name: 'his.txt', bytes: fixture('his-volumes-utf16.txt') }),
    );
    expect(volumes.body.preview).toMatchObject({
      encoding: 'utf-16le',
      separator: '\t',
      kind: 'volumes',
      problems: [],
    });
    const xlsx = await post<{ preview: DatasetPreview }>(
      upload({ name: 'nursing.xlsx', bytes: fixture('nursing-wide.xlsx') }),
    );
    expect(xlsx.body.preview).toMatchObject({ format: 'xlsx', kind: 'observations', problems: [] });
    expect(xlsx.body.preview.rows[0]!.cells[2]).toBe('2026-06-01');
  });

  it('uses the encoding and separator the user chose, and says when the choice is wrong', async () => {
    const wrong = await post<Errors>(
      upload({ name: 'x.csv', bytes: fixture('time-motion-gb18030.csv') }, { encoding: 'utf-8' }, 'en'),
    );
    expect(wrong.status).toBe(400);
    expect(expectErrorShape(wrong.body).errors[0]).toMatchObject({ path: 'file', code: 'wrongEncoding' });
    const forced = await post<{ preview: DatasetPreview }>(
      upload(
        { name: 'x.csv', bytes: fixture('pilot-log-utf8-bom-semicolon.csv') },
        { separator: 'semicolon' },
      ),
    );
    expect(forced.body.preview.separator).toBe(';');
    const bad = await post<Errors>(
      upload(
        { name: 'x.csv', bytes: fixture('pilot-log-utf8-bom-semicolon.csv') },
        { separator: 'colon' },
        'en',
      ),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ path: 'separator', message: expect.stringContaining('semicolon') }),
    ]);
  });
});

describe('commit', () => {
  let gbDataset: DatasetInfo;

  it('stores every row in one go, with the file hash, name and mapping', async () => {
    const preview = await post<{ preview: DatasetPreview }>(
      upload({ name: '计时.csv', bytes: fixture('time-motion-gb18030.csv') }),
    );
    const mapping = preview.body.preview.columns.map((c) => c.meaning).join(',');
    const before = countRows('dataset_observations');
    const answer = await post<{ dataset: DatasetInfo }>(
      upload(null, {
        uploadId: preview.body.preview.uploadId,
        mapping,
        commit: 'true',
        uploadedBy: '信息科 王工',
      }),
    );
    expect(answer.status).toBe(201);
    gbDataset = answer.body.dataset;
    expect(gbDataset).toMatchObject({
      kind: 'observations',
      fileName: '计时.csv',
      fileHash: preview.body.preview.fileHash,
      encoding: 'gb18030',
      rowCount: 73,
      // The caller's name: a typed uploadedBy is ignored.
      uploadedBy: 'tester',
    });
    expect(gbDataset.mapping[5]).toEqual({ column: 6, header: '每任务耗时(分钟)', meaning: 'minutes' });
    expect(countRows('dataset_observations') - before).toBe(73);
    // The preview's file is not kept once committed.
    expect(countRows('pending_uploads', 'id = ?', preview.body.preview.uploadId)).toBe(0);

    const list = await call<DatasetInfo[]>(listLoader, makeRequest(`/api/scenarios/${ID}/datasets`), {
      id: ID,
    });
    expect(list.body.map((d) => d.id)).toContain(gbDataset.id);
  });

  it('a dataset still being stored is read by no one; one left half stored by a crash goes at the next commit', async () => {
    // As a commit cut short leaves it: the dataset row and some of its rows, marked 'storing'.
    sqlite()
      .prepare(
        `INSERT INTO datasets (id, scenario_id, kind, file_name, file_hash, file_bytes, format, mapping, row_count, uploaded_by, state, uploaded_at)
         VALUES ('halfstored', ?, 'observations', 'half.csv', 'x', 1, 'csv', '[]', 2, 'tester', 'storing', '2020-01-01T00:00:00.000Z')`,
      )
      .run(ID);
    sqlite()
      .prepare(
        `INSERT INTO dataset_observations (dataset_id, row, workflow_id, phase, minutes)
         SELECT 'halfstored', row, workflow_id, phase, minutes FROM dataset_observations WHERE dataset_id = ? LIMIT 2`,
      )
      .run(gbDataset.id);
    const list = await call<DatasetInfo[]>(listLoader, makeRequest(`/api/scenarios/${ID}/datasets`), {
      id: ID,
    });
    expect(list.body.map((d) => d.id)).not.toContain('halfstored');
    const one = await call(datasetLoader, makeRequest(`/api/scenarios/${ID}/datasets/halfstored`), {
      id: ID,
      datasetId: 'halfstored',
    });
    expect(one.status).toBe(404);
    const stored = await post<{ dataset: DatasetInfo }>(
      upload(
        { name: 'again.csv', bytes: fixture('time-motion-gb18030.csv') },
        { mapping: gbDataset.mapping.map((c) => c.meaning).join(','), commit: 'true' },
      ),
    );
    expect(stored.status).toBe(201);
    expect(countRows('datasets', "id = 'halfstored'")).toBe(0);
    expect(countRows('dataset_observations', "dataset_id = 'halfstored'")).toBe(0);
    expect(countRows('dataset_observations', 'dataset_id = ?', stored.body.dataset.id)).toBe(73);
  });

  it('answers statistics per workflow and phase, with the outlier flagged and kept', async () => {
    const stats = await call<DatasetStatistics>(
      statsLoader,
      makeRequest(`/api/scenarios/${ID}/datasets/${gbDataset.id}/stats`),
      { id: ID, datasetId: gbDataset.id },
    );
    expect(stats.status).toBe(200);
    const notes = stats.body.workflows.find((w) => w.workflowId === 'outpatient-notes')!;
    expect(notes.baseline!.n).toBe(25);
    expect(notes.withAi!.n).toBe(24);
    expect(notes.verification!.n).toBe(24);
    // The 14.5-minute note (row 26) is outside the fences: flagged, and in the mean.
    expect(notes.baseline!.outlierRows).toEqual([26]);
    expect(notes.baseline!.max).toBe(14.5);
    expect(notes.from).toBe('2026-03-01');
    expect(notes.to).toBe('2026-04-20');
    expect(notes.saving!.method).toBe('bootstrap');
    expect(notes.saving!.low).toBeLessThan(notes.saving!.mean);
    expect(notes.saving!.high).toBeGreaterThan(notes.saving!.mean);
    expect(notes.saving!.mean).toBeCloseTo(
      notes.baseline!.mean - notes.withAi!.mean - notes.verification!.mean,
      9,
    );
    // The follow-up pilot's rule (3 minutes) on the data so far: above it, but not surely.
    const followup = stats.body.workflows.find((w) => w.workflowId === 'chronic-followup')!;
    expect(stats.body.pilots).toEqual([
      expect.objectContaining({
        optionId: 'pilot-followup',
        workflowId: 'chronic-followup',
        threshold: 3,
        byRule: 'scaleUp',
        conclusive: false,
        soFar: expect.objectContaining({ n: 12, mean: followup.saving!.mean }),
        months: [expect.objectContaining({ month: '2026-04', n: 12 })],
      }),
    ]);
    expect(stats.body.pilots[0]!.planned).toBeGreaterThan(0);
  });

  it('remembers the hospital’s mapping for its next file', async () => {
    const file = {
      name: 'log.csv',
      bytes: new TextEncoder().encode('任务名称,组,用时\r\n门诊病历书写,使用前,3.5\r\n'),
    };
    const first = await post<{ preview: DatasetPreview }>(upload(file));
    // "组" is guessed as a phase column; "任务名称" as workflow; "用时" as minutes.
    expect(first.body.preview.columns.map((c) => c.from)).toEqual(['guessed', 'guessed', 'guessed']);
    const committed = await post<{ dataset: DatasetInfo }>(
      upload(file, { mapping: 'workflow,phase,minutes', commit: 'true', uploadedBy: 'A' }),
    );
    expect(committed.status).toBe(201);
    const again = await post<{ preview: DatasetPreview }>(upload(file));
    expect(again.body.preview.columns.map((c) => c.from)).toEqual(['remembered', 'remembered', 'remembered']);
  });

  it('stores monthly volumes from the HIS export and the wide XLSX', async () => {
    const volumes = await post<{ dataset: DatasetInfo }>(
      upload(
        { name: 'his.txt', bytes: fixture('his-volumes-utf16.txt') },
        { mapping: 'date,measure,count', commit: 'true', uploadedBy: 'HIS' },
      ),
    );
    expect(volumes.status).toBe(201);
    const stats = await call<DatasetStatistics>(
      statsLoader,
      makeRequest(`/api/scenarios/${ID}/datasets/${volumes.body.dataset.id}/stats`),
      { id: ID, datasetId: volumes.body.dataset.id },
    );
    const visits = stats.body.volumes.find((v) => v.key === 'outpatientVisits')!;
    expect(visits.months).toHaveLength(12);
    expect(visits.months[0]!.month).toBe('2025-01-01');
    // "32,534" is thirty-two thousand, not 32.
    expect(visits.months[0]!.count).toBeGreaterThan(20_000);

    const wide = await post<{ dataset: DatasetInfo }>(
      upload(
        { name: 'nursing.xlsx', bytes: fixture('nursing-wide.xlsx') },
        {
          mapping: 'workflow,department,date,minutesBaseline,minutesWithAi,verificationMinutes',
          commit: 'true',
          uploadedBy: '护理部',
        },
      ),
    );
    expect(wide.status).toBe(201);
    expect(wide.body.dataset.rowCount).toBe(40);
  });

  it('deleting a dataset leaves every scenario version as it was', async () => {
    const versionsBefore = tableChecksums().scenario_versions;
    const request = makeRequest(`/api/scenarios/${ID}/datasets/${gbDataset.id}`, { method: 'DELETE' });
    const answer = await call(datasetAction, request, { id: ID, datasetId: gbDataset.id });
    expect(answer.status).toBe(204);
    expect(countRows('dataset_observations', 'dataset_id = ?', gbDataset.id)).toBe(0);
    expect(tableChecksums().scenario_versions).toBe(versionsBefore);
    const gone = await call<Errors>(
      datasetLoader,
      makeRequest(`/api/scenarios/${ID}/datasets/${gbDataset.id}`, { headers: { 'Accept-Language': 'en' } }),
      {
        id: ID,
        datasetId: gbDataset.id,
      },
    );
    expect(gone.status).toBe(404);
    expect(gone.body.errors[0]!.code).toBe('datasetNotFound');
  });
});

/** What each bad fixture is refused with: status and code, whether at preview or at commit. */
const REFUSALS: Record<string, { status: number; code: string; at: 'preview' | 'commit'; mapping?: string }> =
  {
    'empty.csv': { status: 400, code: 'emptyFile', at: 'preview' },
    'only-bom.csv': { status: 400, code: 'emptyFile', at: 'preview' },
    'header-only.csv': { status: 400, code: 'noRows', at: 'preview' },
    'blank-lines.csv': { status: 400, code: 'emptyFile', at: 'preview' },
    'image.png': { status: 415, code: 'binaryFile', at: 'preview' },
    'legacy-excel.xls': { status: 415, code: 'legacyXls', at: 'preview' },
    'broken.xlsx': { status: 400, code: 'xlsxMalformed', at: 'preview' },
    'unterminated-quote.csv': { status: 400, code: 'unterminatedQuote', at: 'preview' },
    'ragged-rows.csv': { status: 400, code: 'raggedRow', at: 'preview' },
    'duplicate-header.csv': { status: 400, code: 'duplicateHeader', at: 'preview' },
    'numbers-no-header.csv': { status: 400, code: 'noHeader', at: 'preview' },
    'too-many-columns.csv': { status: 400, code: 'tooManyColumns', at: 'preview' },
    'not-text-latin1.csv': { status: 400, code: 'undecodable', at: 'preview' },
    'bad-number.csv': { status: 422, code: 'badNumber', at: 'commit', mapping: 'workflow,phase,minutes' },
    'bad-date.csv': { status: 422, code: 'badDate', at: 'commit', mapping: 'workflow,date,phase,minutes' },
    'unknown-workflow.csv': {
      status: 422,
      code: 'unknownWorkflow',
      at: 'commit',
      mapping: 'workflow,phase,minutes',
    },
    'unknown-phase.csv': {
      status: 422,
      code: 'unknownPhase',
      at: 'commit',
      mapping: 'workflow,phase,minutes',
    },
    'negative-minutes.csv': {
      status: 422,
      code: 'negative',
      at: 'commit',
      mapping: 'workflow,phase,minutes',
    },
    'hours-not-minutes.csv': {
      status: 422,
      code: 'tooLong',
      at: 'commit',
      mapping: 'workflow,phase,minutes',
    },
    'no-workflow-column.csv': {
      status: 400,
      code: 'mappingMissing',
      at: 'commit',
      mapping: 'department,phase,minutes',
    },
  };

describe('bad files', () => {
  it('has a refusal written down for every bad fixture (at least 15)', () => {
    const files = readdirSync(join(FIXTURES, 'bad')).sort();
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(Object.keys(REFUSALS).sort()).toEqual(files);
  });

  for (const [name, expected] of Object.entries(REFUSALS)) {
    it(`refuses ${name} (${expected.code}) in Chinese and English, storing nothing`, async () => {
      for (const lang of ['zh-CN', 'en']) {
        const fields =
          expected.at === 'commit'
            ? { mapping: expected.mapping!, commit: 'true', uploadedBy: '测试' }
            : ({} as Record<string, string>);
        const answer = await expectNothingChanges(() =>
          post<Errors>(upload({ name, bytes: fixture(`bad/${name}`) }, fields, lang)),
        );
        expect(answer.status).toBe(expected.status);
        const errors = expectErrorShape(answer.body).errors as Errors['errors'];
        expect(errors[0]!.code).toBe(expected.code);
        if (lang === 'zh-CN') expect(errors[0]!.message).toMatch(CHINESE);
        // English, apart from the file's own words it quotes.
        else expect(errors[0]!.message.replace(/"[^"]*"/g, '')).not.toMatch(CHINESE);
        expectNoLeak(answer.text);
        if (expected.at === 'commit' && expected.status === 422) {
          // Cell problems name the row and column as a spreadsheet numbers them.
          expect(errors[0]!.row).toBeGreaterThanOrEqual(2);
          expect(errors[0]!.column).toBeGreaterThanOrEqual(1);
          expect(errors[0]!.path).toBe(`file.rows.${errors[0]!.row}.columns.${errors[0]!.column}`);
        }
      }
    });
  }

  it('refuses a wide row with neither timing, naming its row, and stores nothing', async () => {
    const file = {
      name: 'wide.csv',
      bytes: new TextEncoder().encode('流程,使用前,使用后\r\n门诊病历书写,,\r\n'),
    };
    const answer = await expectNothingChanges(() =>
      post<Errors>(
        upload(
          file,
          { mapping: 'workflow,minutesBaseline,minutesWithAi', commit: 'true', uploadedBy: 'A' },
          'en',
        ),
      ),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.errors[0]).toMatchObject({ code: 'emptyCell', row: 2, column: 2 });
  });

  it('shows a refused commit of an earlier preview again, as a preview with that mapping shows it', async () => {
    const cases = [
      // A cell the mapping cannot read (422), a mapping without a workflow (400), a mapping
      // one column short (400: the preview fills the column with its guess).
      { name: 'bad/bad-number.csv', mapping: 'workflow,phase,minutes', status: 422, code: 'badNumber' },
      {
        name: 'bad/no-workflow-column.csv',
        mapping: 'department,phase,minutes',
        status: 400,
        code: 'mappingMissing',
      },
      { name: 'bad/bad-number.csv', mapping: 'workflow,phase', status: 400, code: 'mappingUnknownColumn' },
    ];
    for (const c of cases) {
      const first = await post<{ preview: DatasetPreview }>(
        upload({ name: c.name, bytes: fixture(c.name) }, {}, 'en'),
      );
      const { uploadId } = first.body.preview;
      const shown = await post<{ preview: DatasetPreview }>(
        upload(null, { uploadId, mapping: c.mapping }, 'en'),
      );
      expect(shown.status).toBe(200);
      const refused = await expectNothingChanges(() =>
        post<Errors & { moreProblems: number; preview: DatasetPreview }>(
          upload(null, { uploadId, mapping: c.mapping, commit: 'true', uploadedBy: 'A' }, 'en'),
        ),
      );
      expect(refused.status).toBe(c.status);
      expect(refused.body.errors[0]!.code).toBe(c.code);
      expect(refused.body.moreProblems).toBe(0);
      expect(refused.body.preview).toEqual(shown.body.preview);
      expect(refused.body.preview.uploadId).toBe(uploadId);
    }
    // A file sent with the commit is not a preview to show again.
    const direct = await expectNothingChanges(() =>
      post<Errors & { preview?: DatasetPreview }>(
        upload(
          { name: 'bad-number.csv', bytes: fixture('bad/bad-number.csv') },
          { mapping: 'workflow,phase,minutes', commit: 'true', uploadedBy: 'A' },
          'en',
        ),
      ),
    );
    expect(direct.status).toBe(422);
    expect(direct.body.preview).toBeUndefined();
  }, 20_000);

  it('refuses a small XLSX that would unpack to an enormous sheet before loading it', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('x');
    sheet.addRow(['流程', '阶段', '分钟']);
    // One cell in the last column Excel has: asking for every cell up to it would make 16,384.
    for (let r = 2; r < 200; r++) sheet.getCell(r, 16_384).value = 1;
    const bytes = new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
    expect(bytes.byteLength).toBeLessThan(100_000);
    const answer = await expectNothingChanges(() =>
      post<Errors>(upload({ name: 'wide.xlsx', bytes }, {}, 'en')),
    );
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0]!.code).toBe('tooManyColumns');
  }, 20_000);

  it('refuses a file over the size limit (413) and one over the row limit', async () => {
    const big = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x31);
    const tooBig = await expectNothingChanges(() =>
      post<Errors>(upload({ name: 'big.csv', bytes: big }, {}, 'en')),
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errors[0]).toMatchObject({ path: 'file', code: 'fileTooLarge' });
    const rows = `流程,阶段,分钟\n${'门诊病历书写,使用前,3\n'.repeat(MAX_DATA_ROWS + 1)}`;
    const tooMany = await expectNothingChanges(() =>
      post<Errors>(upload({ name: 'rows.csv', bytes: new TextEncoder().encode(rows) }, {}, 'en')),
    );
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0]!.code).toBe('tooManyRows');
  }, 35_000);

  it('refuses a body that is not multipart, a commit without a mapping, and an unknown scenario', async () => {
    const notMultipart = await post<Errors>(
      makeRequest(`/api/scenarios/${ID}/datasets`, {
        method: 'POST',
        json: { file: 'x' },
        headers: { 'Accept-Language': 'en' },
      }),
    );
    expect(notMultipart.status).toBe(415);
    const file = { name: 'x.csv', bytes: fixture('time-motion-gb18030.csv') };
    const noMapping = await expectNothingChanges(() =>
      post<Errors>(upload(file, { commit: 'true', uploadedBy: 'A' }, 'en')),
    );
    expect(noMapping.body.errors[0]!.path).toBe('mapping');
    const badMapping = await expectNothingChanges(() =>
      post<Errors>(upload(file, { commit: 'true', uploadedBy: 'A', mapping: 'workflow,colour' }, 'en')),
    );
    expect(badMapping.status).toBe(400);
    expect(badMapping.body.errors[0]!.path).toBe('mapping');
    const twice = await expectNothingChanges(() =>
      post<Errors>(
        upload(
          file,
          { commit: 'true', uploadedBy: 'A', mapping: 'department,role,workflow,date,phase,minutes,minutes' },
          'en',
        ),
      ),
    );
    expect(twice.body.errors.map((e) => e.code)).toContain('mappingTwice');
    const unknown = await post<Errors>(upload(file, {}, 'en', 'no-such-scenario'), 'no-such-scenario');
    expect(unknown.status).toBe(404);
    const staleUpload = await expectNothingChanges(() =>
      post<Errors>(upload(null, { uploadId: 'nope' }, 'en')),
    );
    expect(staleUpload.status).toBe(400);
    expect(staleUpload.body.errors[0]!.path).toBe('uploadId');
  }, 20_000);
});
