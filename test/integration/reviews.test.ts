/**
 * A version's way to the budget committee: a planner submits it, an approver approves it or
 * returns it with a comment (POST /api/scenarios/:id/versions/:n/status and the versions page);
 * an approved version is final; every output says the state — the dashboard, the PDF cover and
 * the XLSX summary.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { reviewDate } from '~/versions/review-flow';
import { action as saveScenario } from '~/routes/api.scenarios.$id';
import { loader as reportPdf } from '~/routes/api.scenarios.$id.report[.]pdf';
import { loader as reportXlsx } from '~/routes/api.scenarios.$id.report[.]xlsx';
import { action as setStatus } from '~/routes/api.scenarios.$id.versions.$version.status';
import { loader as versionsApi } from '~/routes/api.scenarios.$id.versions';
import { loader as dashboard } from '~/routes/scenarios.$id._index';
import { action as versionsPage } from '~/routes/scenarios.$id.versions';
import { getScenario } from '~/models/scenarios.server';

import { pdfPages } from '../helpers/pdf';
import {
  call,
  callThrowing,
  closeAndRemoveTempDatabases,
  countRows,
  expectErrorShape,
  makeRequest,
  signInAs,
  useJobPool,
  useTempDatabase,
  type TestIdentity,
} from './helpers';

useTempDatabase('reviews');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'township-health-centre-api';
let planner: TestIdentity;
let approver: TestIdentity;
let viewer: TestIdentity;

beforeAll(() => {
  planner = signInAs('李规划', { hospital: '示例医院', role: 'planner' });
  approver = signInAs('王主任', { hospital: '示例医院', role: 'approver' });
  viewer = signInAs('张查看', { hospital: '示例医院', role: 'viewer' });
});

const status = (as: TestIdentity, body: unknown, version = '1', lang = 'zh-CN') =>
  call<{
    status?: string;
    by?: string;
    comment?: string;
    errors?: { path: string; code: string; message: string }[];
  }>(
    setStatus,
    makeRequest(`/api/scenarios/${ID}/versions/${version}/status`, {
      as,
      method: 'POST',
      json: body,
      headers: { 'Accept-Language': lang },
    }),
    { id: ID, version },
  );

async function dashboardState(as: TestIdentity): Promise<string | null> {
  const answer = await call<{ review: { status: string } | null }>(
    dashboard,
    makeRequest(`/scenarios/${ID}`, { as }),
    { id: ID },
  );
  return answer.body.review?.status ?? null;
}

describe('submitting, returning and approving a version', () => {
  it('a draft says so on the dashboard; only a planner submits it, only an approver decides', async () => {
    expect(await dashboardState(viewer)).toBeNull();
    const byViewer = await status(viewer, { status: 'submitted' });
    expect(byViewer.status).toBe(403);
    expect(expectErrorShape(byViewer.body).errors[0]!.message).toBe('你在本院的角色（查看者）不能提交审批。');
    const byApprover = await status(approver, { status: 'submitted' });
    expect(byApprover.status).toBe(403);
    // Nothing to approve yet: a draft cannot be approved.
    const tooEarly = await status(approver, { status: 'approved' }, '1', 'en');
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.errors![0]!.message).toBe('This version has not been submitted for approval.');
    expect(countRows('version_reviews')).toBe(0);

    const submitted = await status(planner, { status: 'submitted', comment: '请审阅' });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', by: '李规划', comment: '请审阅' });
    expect(await dashboardState(viewer)).toBe('submitted');
    // Submitted twice is refused, and says why.
    expect((await status(planner, { status: 'submitted' })).status).toBe(409);
    // A planner cannot approve their own submission.
    expect((await status(planner, { status: 'approved' })).status).toBe(403);
  });

  it('a return needs a comment; a returned version may be submitted again', async () => {
    const noComment = await status(approver, { status: 'returned', comment: '  ' });
    expect(noComment.status).toBe(400);
    expect(noComment.body.errors![0]).toMatchObject({ path: 'comment', code: 'commentRequired' });
    const returned = await status(approver, { status: 'returned', comment: '补充设备报价' });
    expect(returned.status).toBe(200);
    expect(await dashboardState(planner)).toBe('returned');
    expect((await status(planner, { status: 'submitted' })).status).toBe(200);
  });

  it('an approval is final, says who and when, and a change to the case is a new version (a draft)', async () => {
    const approved = await status(approver, { status: 'approved', comment: '同意' });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', by: '王主任' });
    for (const next of ['submitted', 'returned', 'approved'])
      expect(
        (await status(next === 'submitted' ? planner : approver, { status: next, comment: 'x' })).status,
      ).toBe(409);
    const trail = await call<{ version: number; review: { status: string; by: string } | null }[]>(
      versionsApi,
      makeRequest(`/api/scenarios/${ID}/versions`, { as: viewer }),
      { id: ID },
    );
    expect(trail.body.find((v) => v.version === 1)!.review).toMatchObject({
      status: 'approved',
      by: '王主任',
    });

    const saved = await call<{ version: number }>(
      saveScenario,
      makeRequest(`/api/scenarios/${ID}`, {
        as: planner,
        method: 'PUT',
        json: { baseVersion: 1, document: getScenario(ID)!.document, note: 'after approval' },
      }),
      { id: ID },
    );
    expect(saved.body.version).toBe(2);
    expect(await dashboardState(planner)).toBeNull();
    const v1 = await call<{ review: { status: string } | null }>(
      dashboard,
      makeRequest(`/scenarios/${ID}?version=1`, { as: viewer }),
      { id: ID },
    );
    expect(v1.body.review?.status).toBe('approved');
  });

  it('refuses a bad body, an unknown version and another hospital’s scenario, storing nothing', async () => {
    const before = countRows('version_reviews');
    expect((await status(planner, { status: 'done' })).status).toBe(400);
    expect((await status(planner, {})).body.errors![0]).toMatchObject({ path: 'status', code: 'required' });
    expect((await status(planner, { status: 'submitted' }, '99')).status).toBe(404);
    expect((await status(planner, { status: 'submitted' }, 'x1')).status).toBe(404);
    const stranger = signInAs('外院规划', { hospital: '另一家医院', role: 'planner' });
    const other = await status(stranger, { status: 'submitted' }, '2');
    expect(other.status).toBe(404);
    expect(other.text).not.toContain('示例');
    expect(countRows('version_reviews')).toBe(before);
  });

  it('the versions page submits and decides with the same rules (its forms carry the CSRF token)', async () => {
    const form = (as: TestIdentity, fields: Record<string, string>, csrf = true) =>
      makeRequest(`/scenarios/${ID}/versions`, {
        as,
        method: 'POST',
        body: new URLSearchParams(fields),
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          ...(csrf ? {} : { 'X-CSRF-Token': 'forged' }),
        },
      });
    const forged = await callThrowing(
      versionsPage,
      form(planner, { intent: 'review', version: '2', status: 'submitted' }, false),
      { id: ID },
    );
    expect(forged.status).toBe(403);
    const submitted = await call(
      versionsPage,
      form(planner, { intent: 'review', version: '2', status: 'submitted' }),
      {
        id: ID,
      },
    );
    expect(submitted.status).toBe(302);
    const refused = await call<{ error: string }>(
      versionsPage,
      form(approver, { intent: 'review', version: '2', status: 'returned', comment: '' }),
      { id: ID },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('退回时请写明需要修改什么。');
  });
});

describe('every output says the approval state', { timeout: 60_000 }, () => {
  it('the PDF cover: approved, with the version, the approver and the day; a draft says so', async () => {
    const pdf = async (version: number, lang: string) => {
      const response = (await reportPdf({
        request: makeRequest(`/api/scenarios/${ID}/report.pdf?version=${version}&lang=${lang}`, {
          as: viewer,
        }),
        params: { id: ID },
        context: {},
      } as never)) as Response;
      expect(response.status).toBe(200);
      return (await pdfPages(new Uint8Array(await response.arrayBuffer())))[0]!;
    };
    const day = reviewDate(new Date().toISOString());
    expect(await pdf(1, 'zh-CN')).toContain(`已批准 · 第 1 版 · 王主任 · ${day}`);
    expect(await pdf(1, 'en')).toContain(`Approved · version 1 · 王主任 · ${day}`);
    expect(await pdf(2, 'zh-CN')).toContain('已提交审批 · 李规划 · ');
  });

  it('the XLSX summary, beside the version', async () => {
    const xlsx = async (version: number) => {
      const response = (await reportXlsx({
        request: makeRequest(`/api/scenarios/${ID}/report.xlsx?version=${version}&lang=zh-CN`, {
          as: viewer,
        }),
        params: { id: ID },
        context: {},
      } as never)) as Response;
      expect(response.status).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(await response.arrayBuffer());
      const summary = workbook.worksheets[0]!;
      return { version: summary.getCell('B3').value, state: summary.getCell('C3').value };
    };
    expect(await xlsx(1)).toEqual({
      version: 1,
      state: `已批准 · 第 1 版 · 王主任 · ${reviewDate(new Date().toISOString())}`,
    });
    expect((await xlsx(2)).state).toMatch(/^已提交审批 · 李规划 · /);
  });
});
