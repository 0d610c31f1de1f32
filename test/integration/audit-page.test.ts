/**
 * The audit admin's page and CSV: only an audit admin reads them (anyone else signed in gets
 * "no such page" and the attempt is logged; no one signed in is sent to log in); filters by
 * user, action and day (Beijing time); the CSV is UTF-8 with BOM and its export is logged.
 */
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { appendAudit } from '~/audit/audit-log.server';
import { attemptLogin } from '~/auth/login.server';
import { getDb } from '~/db.server';
import { createUser } from '~/models/users.server';
import * as page from '~/routes/audit';
import * as csv from '~/routes/audit[.]csv';

import { call, callThrowing, closeAndRemoveTempDatabases, makeRequest, useTempDatabase } from './helpers';

useTempDatabase('audit-page');
afterAll(() => closeAndRemoveTempDatabases());

const CLIENT = { address: '10.0.0.5', userAgent: 'test' };
let auditor = '';
let planner = '';
beforeAll(async () => {
  await createUser({ username: 'auditor', systemRole: 'audit-admin', password: 'Audit-Admin-2026' });
  await createUser({ username: 'planner', password: 'Planner-Pass-2026' });
  const a = await attemptLogin({ username: 'auditor', password: 'Audit-Admin-2026' }, CLIENT, new Date());
  const p = await attemptLogin({ username: 'planner', password: 'Planner-Pass-2026' }, CLIENT, new Date());
  if (a.status !== 'ok' || p.status !== 'ok') throw new Error('login');
  auditor = `planner_session=${a.sessionId}`;
  // A system role works only with its second factor set up (the session above predates it).
  (getDb() as unknown as { $client: Database.Database }).$client
    .prepare("UPDATE users SET totp_secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' WHERE username = 'auditor'")
    .run();
  planner = `planner_session=${p.sessionId}`;
  // An event late on 6 December in Beijing (still the 6th in UTC too) and one early on the 7th
  // in Beijing (the 6th in UTC): the day filter goes by Beijing time.
  appendAudit({ action: 'logout', outcome: 'success', username: 'zhao' }, new Date('2026-12-06T15:30:00Z'));
  appendAudit({ action: 'logout', outcome: 'success', username: 'zhao' }, new Date('2026-12-06T16:30:00Z'));
}, 60_000);

type Page = {
  rows: { username: string; action: string; at: string; outcome: string }[];
  total: number;
  problem: string | null;
};
const open = (search: string, cookie: string, lang = 'zh-CN') =>
  call<Page>(
    page.loader as never,
    makeRequest(`/audit${search}`, { headers: { Cookie: cookie, 'Accept-Language': lang } }),
  );

describe('the audit page', () => {
  it('waits for a new audit admin’s first steps, for its data and CSV too', { timeout: 30_000 }, async () => {
    await createUser({ username: 'newaud', systemRole: 'audit-admin' });
    const { getUser, findUser } = await import('~/models/users.server');
    const user = findUser(getDb(), 'newaud')!;
    expect(getUser(getDb(), user.id)!.mustChangePassword).toBe(true);
    const { startSession } = await import('~/auth/sessions.server');
    const session = startSession(user, CLIENT, { pendingSecondFactor: false }, new Date());
    const cookie = `planner_session=${session.id}`;
    for (const [loader, path] of [
      [page.loader, '/audit?_data=routes%2Faudit'],
      [csv.loader, '/audit.csv'],
    ] as const) {
      const answer = await callThrowing(loader as never, makeRequest(path, { headers: { Cookie: cookie } }));
      expect(answer.status).toBe(302);
      expect(answer.headers.get('Location')).toMatch(/^\/password\?redirectTo=/);
    }
  });

  it(
    'is the audit admin’s alone; anyone else gets no such page, and the attempt is logged',
    { timeout: 30_000 },
    async () => {
      const denied = await callThrowing(
        page.loader as never,
        makeRequest('/audit', { headers: { Cookie: planner } }),
      );
      expect(denied.status).toBe(404);
      const anonymous = await callThrowing(
        page.loader as never,
        makeRequest('/audit?user=x', { as: 'anonymous' }),
      );
      expect(anonymous.status).toBe(302);
      expect(anonymous.headers.get('Location')).toBe('/login?redirectTo=%2Faudit%3Fuser%3Dx');
      const seen = await open('?action=access.denied', auditor);
      expect(seen.body.rows).toEqual([
        expect.objectContaining({ username: 'planner', action: '越权访问', outcome: '拒绝' }),
      ]);
    },
  );

  it(
    'filters by user and by day in Beijing time, newest first, in the page’s language',
    { timeout: 30_000 },
    async () => {
      const zhao = await open('?user=zha', auditor);
      expect(zhao.body.rows.map((r) => r.at)).toEqual(['2026-12-07 00:30:00', '2026-12-06 23:30:00']);
      const seventh = await open('?user=zhao&from=2026-12-07&to=2026-12-07', auditor, 'en');
      expect(seventh.body.rows).toEqual([
        expect.objectContaining({ at: '2026-12-07 00:30:00', action: 'Log out' }),
      ]);
      const bad = await open('?from=7%2F12%2F2026&action=DROP%20TABLE', auditor, 'en');
      expect(bad.body.problem).toBe('Check the filters: action, from');
    },
  );

  it('exports CSV with a BOM and Chinese headings, and logs the export', { timeout: 30_000 }, async () => {
    const answer = (await csv.loader({
      request: makeRequest('/audit.csv?user=zhao&lang=zh-CN', { headers: { Cookie: auditor } }),
      params: {},
      context: {},
    } as never)) as Response;
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('序号,时间（北京时间）,用户,角色,医院,操作')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(3);
    const after = await open('?action=audit.export', auditor);
    expect(after.body.rows[0]).toMatchObject({ username: 'auditor', action: '导出审计日志' });
    const denied = await callThrowing(
      csv.loader as never,
      makeRequest('/audit.csv', { headers: { Cookie: planner } }),
    );
    expect(denied.status).toBe(404);
  });
});
