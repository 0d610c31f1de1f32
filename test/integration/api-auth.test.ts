/**
 * Who may call the JSON API: a personal token (`Authorization: Bearer`, one hospital, at most
 * the user's role there, revocable, its last use kept) or the browser's session (whose writes
 * also carry X-CSRF-Token); anyone else gets 401 `unauthenticated`. Refusals store nothing but
 * the audit log's line.
 */
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { getDb } from '~/db.server';
import { findHospitalByName } from '~/models/hospitals.server';
import { getScenario, getScenarioRow } from '~/models/scenarios.server';
import { createApiToken, findUser, setMembership } from '~/models/users.server';
import { action as saveScenario, loader as readScenario } from '~/routes/api.scenarios.$id';
import { action as createScenario, loader as listScenarios } from '~/routes/api.scenarios';

import { apiTokens, auditLog } from '../../db/schema';
import {
  call,
  closeAndRemoveTempDatabases,
  countRows,
  expectErrorShape,
  makeRequest,
  signInAs,
  useTempDatabase,
  type TestIdentity,
} from './helpers';

useTempDatabase('api-auth');
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';
let planner: TestIdentity;
let plannerToken = '';
let viewerToken = '';

beforeAll(() => {
  planner = signInAs('陈规划', { hospital: '示例医院', role: 'planner' });
  const db = getDb();
  const demo = findHospitalByName(db, '示例医院')!;
  const user = findUser(db, '陈规划')!;
  const made = createApiToken(db, user, demo);
  const narrow = createApiToken(db, user, demo, { role: 'viewer' });
  if (made.status !== 'created' || narrow.status !== 'created') throw new Error('no token');
  plannerToken = made.token;
  viewerToken = narrow.token;
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const lastAudit = () => getDb().select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get()!;

describe('the API door', () => {
  it('answers 401 unauthenticated (with WWW-Authenticate) to no one, a bad token and a revoked one', async () => {
    for (const headers of [{}, bearer('hap_nope'), { Authorization: 'Basic abc' }]) {
      const answer = await call(listScenarios, makeRequest('/api/scenarios', { as: 'anonymous', headers }));
      expect(answer.status).toBe(401);
      expect(expectErrorShape(answer.body).errors[0]!.code).toBe('unauthenticated');
      expect(answer.headers.get('WWW-Authenticate')).toBe('Bearer realm="planner"');
    }
    // A presented token that is wrong is a security event; no credentials at all is not.
    expect(lastAudit()).toMatchObject({ action: 'token.refused', outcome: 'failure' });
  });

  it('a token reads its hospital’s scenarios, records its last use, and is refused once revoked', async () => {
    const listed = await call<{ id: string }[]>(
      listScenarios,
      makeRequest('/api/scenarios', { headers: bearer(viewerToken) }),
    );
    expect(listed.status).toBe(200);
    expect(listed.body.map((s) => s.id).sort()).toEqual([
      'county-hospital-300-beds',
      'county-hospital-chronic-risk',
      'county-hospital-nursing-assistant',
      'tertiary-hospital-on-prem',
      'township-health-centre-api',
    ]);
    const row = getDb().select().from(apiTokens).where(eq(apiTokens.role, 'viewer')).get()!;
    expect(row.lastUsedAt).not.toBeNull();
    getDb()
      .update(apiTokens)
      .set({ revokedAt: new Date().toISOString() })
      .where(eq(apiTokens.id, row.id))
      .run();
    const revoked = await call(
      listScenarios,
      makeRequest('/api/scenarios', { headers: bearer(viewerToken) }),
    );
    expect(revoked.status).toBe(401);
  });

  it('a token’s role bounds what it may do, whatever the user’s role; the user’s role bounds the token', async () => {
    const db = getDb();
    const demo = findHospitalByName(db, '示例医院')!;
    const user = findUser(db, '陈规划')!;
    const narrow = createApiToken(db, user, demo, { role: 'viewer' });
    if (narrow.status !== 'created') throw new Error('no token');
    const document = getScenario(ID)!.document;
    const before = countRows('scenario_versions');
    const byViewerToken = await call(
      saveScenario,
      makeRequest(`/api/scenarios/${ID}`, {
        method: 'PUT',
        headers: bearer(narrow.token),
        json: { baseVersion: 1, document },
      }),
      { id: ID },
    );
    expect(byViewerToken.status).toBe(403);
    expect(countRows('scenario_versions')).toBe(before);
    // A viewer's token cannot be made for the planner role.
    const viewerUser = signInAs('赵查看', { hospital: '示例医院', role: 'viewer' });
    expect(createApiToken(db, findUser(db, viewerUser.username)!, demo, { role: 'planner' })).toMatchObject({
      status: 'roleTooHigh',
    });
    // A planner's token whose user is later made a viewer acts as a viewer.
    const saved = await call(
      saveScenario,
      makeRequest(`/api/scenarios/${ID}`, {
        method: 'PUT',
        headers: bearer(plannerToken),
        json: { baseVersion: 1, document, note: 'by token' },
      }),
      { id: ID },
    );
    expect(saved.status).toBe(200);
    setMembership(db, user.id, demo.id, 'viewer');
    const demoted = await call(
      saveScenario,
      makeRequest(`/api/scenarios/${ID}`, {
        method: 'PUT',
        headers: bearer(plannerToken),
        json: { baseVersion: 2, document },
      }),
      { id: ID },
    );
    expect(demoted.status).toBe(403);
    setMembership(db, user.id, demo.id, 'planner');
  });

  it('a token of another hospital sees none of this one’s scenarios: 404, nothing named', async () => {
    const db = getDb();
    const stranger = signInAs('外院', { hospital: '另一家医院', role: 'planner' });
    const token = createApiToken(db, findUser(db, stranger.username)!, findHospitalByName(db, '另一家医院')!);
    if (token.status !== 'created') throw new Error('no token');
    const read = await call(
      readScenario,
      makeRequest(`/api/scenarios/${ID}`, { headers: bearer(token.token) }),
      {
        id: ID,
      },
    );
    expect(read.status).toBe(404);
    expect(read.text).not.toContain(getScenario(ID)!.document.hospital.name as unknown as string);
    expect(read.text).not.toContain('示例医院');
    expect(lastAudit()).toMatchObject({ action: 'access.denied', outcome: 'denied', username: '外院' });
    const listed = await call<unknown[]>(
      listScenarios,
      makeRequest('/api/scenarios', { headers: bearer(token.token) }),
    );
    expect(listed.body).toEqual([]);
  });

  it('a session’s API write needs X-CSRF-Token; with it, the write is the session user’s', async () => {
    const document = getScenario(ID)!.document;
    const before = countRows('scenario_versions');
    const forged = await call(
      createScenario,
      makeRequest('/api/scenarios', {
        as: planner,
        method: 'POST',
        json: document,
        headers: { 'X-CSRF-Token': 'x' },
      }),
    );
    expect(forged.status).toBe(403);
    expect(expectErrorShape(forged.body).errors[0]!.code).toBe('csrfMissing');
    expect(countRows('scenario_versions')).toBe(before);
    expect(lastAudit()).toMatchObject({ action: 'csrf.refused', outcome: 'denied', username: '陈规划' });
    const made = await call<{ id: string }>(
      createScenario,
      makeRequest('/api/scenarios', { as: planner, method: 'POST', json: document }),
    );
    expect(made.status).toBe(201);
    expect(getScenarioRow(made.body.id)!.hospitalId).toBe(findHospitalByName(getDb(), '示例医院')!.id);
    expect(lastAudit()).toMatchObject({ action: 'scenario.create', outcome: 'success', username: '陈规划' });
  });

  it('a planner of several hospitals names the one a new scenario goes to', async () => {
    const db = getDb();
    const both = signInAs('两院规划', { hospital: '示例医院', role: 'planner' });
    const second = findHospitalByName(db, '另一家医院')!;
    setMembership(db, findUser(db, both.username)!.id, second.id, 'planner');
    const document = {
      ...getScenario(ID)!.document,
      hospital: { ...getScenario(ID)!.document.hospital, name: '无名' },
    };
    const unnamed = await call(
      createScenario,
      makeRequest('/api/scenarios', { as: both, method: 'POST', json: document }),
    );
    expect(unnamed.status).toBe(400);
    expect(expectErrorShape(unnamed.body).errors[0]).toMatchObject({
      path: 'hospital',
      code: 'hospitalRequired',
    });
    const named = await call<{ id: string }>(
      createScenario,
      makeRequest(`/api/scenarios?hospital=${encodeURIComponent('另一家医院')}`, {
        as: both,
        method: 'POST',
        json: document,
      }),
    );
    expect(named.status).toBe(201);
    expect(getScenarioRow(named.body.id)!.hospitalId).toBe(second.id);
    const notTheirs = await call(
      createScenario,
      makeRequest('/api/scenarios?hospital=第三家医院', { as: both, method: 'POST', json: document }),
    );
    expect(notTheirs.status).toBe(403);
  });
});
