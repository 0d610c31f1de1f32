/**
 * The measured-data page's loader and action against a real SQLite file: upload and store
 * through the page, statistics in the loader, calibration as a new version (refused without a
 * name, on a stale version, or with nothing chosen, storing nothing), delete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { getScenario } from '~/models/scenarios.server';
import { loader as statsLoader } from '~/routes/api.scenarios.$id.datasets.$datasetId.stats';
import { action, loader } from '~/routes/scenarios.$id.data';

import {
  call,
  closeAndRemoveTempDatabases,
  countRows,
  expectNothingChanges,
  makeRequest,
  ROOT,
  useJobPool,
  useTempDatabase,
} from './helpers';

useTempDatabase('data-page');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
const gb = new Uint8Array(
  readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'time-motion-gb18030.csv')),
);

type PageData = {
  latestVersion: number;
  datasets: {
    id: string;
    fileName: string;
    workflows: {
      workflowId: string;
      name: string;
      baseline: { n: number } | null;
      baselineCalibrated: boolean;
      options: { id: string; alreadyMeasured: boolean }[];
    }[];
    pilots: { optionId: string; workflowId: string; planned: number; soFar: { mean: number } | null }[];
    volumes: { key: string; last12: number | null; current: number | null }[];
  }[];
  stored: { fileName: string; rowCount: number } | null;
};

const form = (fields: Record<string, string | string[]>, lang = 'en') => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  return makeRequest(`/scenarios/${ID}/data`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': lang },
    body: body.toString(),
  });
};

async function page(query = ''): Promise<PageData> {
  const answer = await call<PageData>(
    loader,
    makeRequest(`/scenarios/${ID}/data${query}`, { headers: { 'Accept-Language': 'en' } }),
    { id: ID },
  );
  expect(answer.status).toBe(200);
  return answer.body;
}

describe('measured-data page', () => {
  let datasetId = '';

  it('stores an upload through the page and redirects to the list, which shows its statistics', async () => {
    const upload = new FormData();
    upload.append('file', new File([gb], '计时.csv'));
    upload.append('mapping', 'department,role,workflow,date,phase,minutes,verificationMinutes');
    upload.append('commit', 'true');
    upload.append('uploadedBy', '信息科');
    const response = (await action({
      request: makeRequest(`/scenarios/${ID}/data`, { method: 'POST', body: upload }),
      params: { id: ID },
      context: {},
    } as never)) as Response;
    expect(response.status).toBe(302);
    const location = response.headers.get('Location')!;
    expect(location).toMatch(new RegExp(`^/scenarios/${ID}/data\\?stored=`));
    const data = await page(location.slice(location.indexOf('?')));
    expect(data.stored).toEqual({ fileName: '计时.csv', rowCount: 73 });
    const dataset = data.datasets[0]!;
    datasetId = dataset.id;
    const followup = dataset.workflows.find((w) => w.workflowId === 'chronic-followup')!;
    expect(followup.name).toBe('Chronic-disease follow-up');
    expect(followup.baseline!.n).toBe(12);
    expect(followup.options.map((o) => o.id)).toEqual(['followup-rollout', 'pilot-followup']);
    // Nothing calibrated yet: every value is on offer.
    expect(followup.baselineCalibrated).toBe(false);
    expect(followup.options.map((o) => o.alreadyMeasured)).toEqual([false, false]);
    // The page's pilot checks are the statistics API's, to the last digit.
    const stats = await call<{ pilots: unknown[] }>(
      statsLoader,
      makeRequest(`/api/scenarios/${ID}/datasets/${datasetId}/stats`),
      { id: ID, datasetId },
    );
    expect(dataset.pilots).toHaveLength(1);
    expect(dataset.pilots).toEqual(
      stats.body.pilots.map((p) => ({
        ...(p as object),
        optionName: expect.any(String),
        workflowName: expect.any(String),
      })),
    );
  }, 20_000);

  it('refuses a calibration with nothing chosen, or on a stale version, storing nothing', async () => {
    const base = { intent: 'calibrate', datasetId, workflowId: 'chronic-followup', baseVersion: '1' };
    const nothing = await expectNothingChanges(() =>
      call<{ errors: { message: string }[] }>(action, form({ ...base, savedBy: 'A' }, 'zh-CN'), { id: ID }),
    );
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors[0]!.message).toBe('无法校准：没有勾选任何数值');
    const stale = await expectNothingChanges(() =>
      call<{ errors: { message: string }[] }>(
        action,
        form({ ...base, baseVersion: '0', savedBy: 'A', baseline: 'on' }),
        { id: ID },
      ),
    );
    expect(stale.status).toBe(400);
  });

  it('calibrates the baseline and an effect as a new version, marked measured with the file as evidence', async () => {
    const response = await call(
      action,
      form({
        intent: 'calibrate',
        datasetId,
        workflowId: 'chronic-followup',
        baseVersion: '1',
        savedBy: '院长办公室',
        baseline: 'on',
        optionIds: ['followup-rollout'],
      }),
      { id: ID },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe(`/scenarios/${ID}?saved=2`);
    const v2 = getScenario(ID)!;
    expect(v2.version).toBe(2);
    expect(v2.note).toBe('Calibrated from 计时.csv');
    const workflow = v2.document.workflows.find((w) => w.id === 'chronic-followup')!;
    expect(workflow.baselineEvidence).toMatchObject({
      kind: 'measured',
      n: 12,
      from: '2026-03-02',
      to: '2026-04-13',
    });
    const effect = v2.document.options.find((o) => o.id === 'followup-rollout')!.effects[0]!;
    expect(effect.basis).toBe('measured');
    // The pilot's effect was not chosen: it stays claimed.
    expect(v2.document.options.find((o) => o.id === 'pilot-followup')!.effects[0]!.basis).toBe('claimed');
    // Calibrating again from version 1 is a stale save.
    const stale = await expectNothingChanges(() =>
      call(
        action,
        form({
          intent: 'calibrate',
          datasetId,
          workflowId: 'chronic-followup',
          baseVersion: '1',
          savedBy: 'B',
          baseline: 'on',
        }),
        {
          id: ID,
        },
      ),
    );
    expect(stale.status).toBe(409);
    // The page no longer offers what version 2 already holds from these numbers.
    const followup = (await page()).datasets[0]!.workflows.find((w) => w.workflowId === 'chronic-followup')!;
    expect(followup.baselineCalibrated).toBe(true);
    expect(followup.options).toEqual([
      expect.objectContaining({ id: 'followup-rollout', alreadyMeasured: true }),
      expect.objectContaining({ id: 'pilot-followup', alreadyMeasured: false }),
    ]);
  });

  it('deletes the dataset; version 2 keeps its calibrated figures', async () => {
    const response = await call(action, form({ intent: 'delete', datasetId }), { id: ID });
    expect(response.status).toBe(302);
    expect(countRows('datasets')).toBe(0);
    expect(
      getScenario(ID, 2)!.document.workflows.find((w) => w.id === 'chronic-followup')!.baselineEvidence.kind,
    ).toBe('measured');
  });

  it('calibrates yearly volumes and the monthly profile from an HIS export as a new version', async () => {
    const his = new Uint8Array(
      readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'his-volumes-utf16.txt')),
    );
    const upload = new FormData();
    upload.append('file', new File([his], 'his.txt'));
    upload.append('mapping', 'date,measure,count');
    upload.append('commit', 'true');
    upload.append('uploadedBy', 'HIS');
    const stored = (await action({
      request: makeRequest(`/scenarios/${ID}/data`, { method: 'POST', body: upload }),
      params: { id: ID },
      context: {},
    } as never)) as Response;
    expect(stored.status).toBe(302);
    const data = await page();
    const dataset = data.datasets.find((d) => d.fileName === 'his.txt')!;
    const latest = getScenario(ID)!.version;
    // Each measure's last twelve months against the yearly volume the scenario holds.
    const hospital = getScenario(ID)!.document.hospital;
    const visits = dataset.volumes.find((v) => v.key === 'outpatientVisits')!;
    expect(visits.last12).toBeGreaterThan(0);
    expect(visits.current).toBe(hospital.outpatientVisitsPerYear);
    const refused = await expectNothingChanges(() =>
      call<{ errors: { message: string }[] }>(
        action,
        form({
          intent: 'calibrateVolumes',
          datasetId: dataset.id,
          baseVersion: String(latest),
          savedBy: 'A',
        }),
        { id: ID },
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0]!.message).toBe('Cannot calibrate: nothing was chosen');
    const response = await call(
      action,
      form({
        intent: 'calibrateVolumes',
        datasetId: dataset.id,
        baseVersion: String(latest),
        savedBy: '统计室',
        measures: ['outpatientVisits', 'discharges'],
        seasonality: 'on',
      }),
      { id: ID },
    );
    expect(response.status).toBe(302);
    const next = getScenario(ID)!;
    expect(next.version).toBe(latest + 1);
    const total = (
      await call<{ volumes: { key: string; months: { count: number }[] }[] }>(
        statsLoader,
        makeRequest(`/api/scenarios/${ID}/datasets/${dataset.id}/stats`),
        { id: ID, datasetId: dataset.id },
      )
    ).body.volumes
      .find((v) => v.key === 'outpatientVisits')!
      .months.reduce((sum, m) => sum + m.count, 0);
    expect(next.document.hospital.outpatientVisitsPerYear).toBe(Math.round(total));
    expect(next.document.hospital.outpatientVisitsPerYear).toBe(visits.last12);
    expect(next.document.hospital.seasonality).toHaveLength(12);
    // January and February are the busy months of this export.
    expect(next.document.hospital.seasonality![0]).toBeGreaterThan(1);
    expect(next.document.sources!['hospital.dischargesPerYear']).toMatchObject({
      kind: 'measured',
      n: 12,
      from: '2025-01-01',
    });
  });
});
