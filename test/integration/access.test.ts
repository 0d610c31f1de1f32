/**
 * Every route as every caller (issue 16, 等保 2.0 §8.1.4 access control): one table of the route
 * modules in app/routes × who calls, each cell the answer that caller must get.
 *
 * - A page sends someone not signed in to log in (302 to /login?redirectTo=…); the API answers
 *   401 `unauthenticated`. A Bearer token opens the API only; a revoked one nothing.
 * - Another hospital's scenario (and a system role's, which has no hospital) is 404 and names
 *   nothing of it; a member whose role may not act is 403 naming the role.
 * - A refusal changes no data: only the audit log grows, by the row that records it
 *   (access.denied, csrf.refused or token.refused); nothing at all for someone not signed in.
 * - A file in app/routes that the table does not list fails the walk.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ROLE_LABELS, type HospitalRole } from '~/auth/roles';
import { getDb } from '~/db.server';
import { validateScenario } from '~/engine';
import type { Meaning } from '~/datasets/columns';
import { commitDataset } from '~/models/datasets.server';
import { DEMO_HOSPITAL, ensureHospital } from '~/models/hospitals.server';
import { createPortfolio, getPortfolioRow, putCachedPlan } from '~/models/portfolios.server';
import { recordReview } from '~/models/reviews.server';
import { createScenario, getScenarioRow } from '~/models/scenarios.server';
import { createShare } from '~/models/shares.server';
import { createApiToken, findUser } from '~/models/users.server';
import { createPortfolioShare } from '~/portfolio/shares.server';

import { planFixture } from '../portfolio/plan-fixture';

import {
  BUNDLED_KEYS,
  closeAndRemoveTempDatabases,
  expectNoLeak,
  makeRequest,
  readScenarioFile,
  ROOT,
  signInAs,
  sqlite,
  useJobPool,
  useTempDatabase,
} from './helpers';

useTempDatabase('access');
useJobPool();
afterAll(() => closeAndRemoveTempDatabases());

const ROUTES_DIR = join(ROOT, 'app', 'routes');

// ---------------------------------------------------------------------------------------------
// Who calls

/** The columns of the table, in this order. */
const CALLERS = [
  'anonymous',
  'viewer',
  'planner',
  'approver',
  'hospitalAdmin',
  'systemAdmin',
  'securityAdmin',
  'auditAdmin',
  'otherHospital',
  'viewerToken',
  'plannerToken',
  'otherToken',
  'revokedToken',
  'noCsrf',
] as const;
type CallerName = (typeof CALLERS)[number];

interface Caller {
  /** No credentials; a session of `user` (signed in afresh for every request); or a Bearer token. */
  kind: 'none' | 'session' | 'token';
  user?: string;
  /** A session's writes carry its CSRF token (the X-CSRF-Token header and the `csrf` field). */
  csrf?: boolean;
  /** The role a 403 of a 示例医院 scenario must name (a token's own role). */
  role?: HospitalRole;
  /** Not of 示例医院: nothing of its scenarios may be in what it is answered. */
  outsider: boolean;
}

const OTHER_HOSPITAL = '邻县中医院';

const CALLER: Record<CallerName, Caller> = {
  anonymous: { kind: 'none', outsider: true },
  viewer: { kind: 'session', user: 'access-viewer', csrf: true, role: 'viewer', outsider: false },
  planner: { kind: 'session', user: 'access-planner', csrf: true, role: 'planner', outsider: false },
  approver: { kind: 'session', user: 'access-approver', csrf: true, role: 'approver', outsider: false },
  hospitalAdmin: {
    kind: 'session',
    user: 'access-hospital-admin',
    csrf: true,
    role: 'hospital-admin',
    outsider: false,
  },
  systemAdmin: { kind: 'session', user: 'access-system-admin', csrf: true, outsider: true },
  securityAdmin: { kind: 'session', user: 'access-security-admin', csrf: true, outsider: true },
  auditAdmin: { kind: 'session', user: 'access-audit-admin', csrf: true, outsider: true },
  otherHospital: { kind: 'session', user: 'access-other-planner', csrf: true, outsider: true },
  // The planner's own tokens: one limited to reading, one with the planner's role.
  viewerToken: { kind: 'token', role: 'viewer', outsider: false },
  plannerToken: { kind: 'token', role: 'planner', outsider: false },
  otherToken: { kind: 'token', outsider: true },
  revokedToken: { kind: 'token', outsider: true },
  // The planner's session, its writes without the CSRF token.
  noCsrf: { kind: 'session', user: 'access-planner', csrf: false, role: 'planner', outsider: false },
};

// ---------------------------------------------------------------------------------------------
// What is there

/**
 * A 示例医院 case under names found nowhere else (not in the bundled examples a template list
 * shows): what must never reach an outsider.
 */
const SECRET_NAME = { 'zh-CN': '保密规划甲：影像辅助诊断', en: 'Confidential plan A: imaging triage' };
const SECRET_HOSPITAL = { 'zh-CN': '保密县人民医院', en: 'Confidential County Hospital' };
const SECRET_FILE = '保密计时表.csv';
const SECRET_PORTFOLIO = '保密组合甲：影像与随访';
const SECRETS = [
  ...Object.values(SECRET_NAME),
  SECRET_PORTFOLIO,
  ...Object.values(SECRET_HOSPITAL),
  DEMO_HOSPITAL,
  SECRET_FILE,
];

const countyDocument = readScenarioFile('county-hospital-300-beds.json');
const secretDocument = (() => {
  const validated = validateScenario({
    ...countyDocument,
    name: SECRET_NAME,
    hospital: { ...(countyDocument.hospital as object), name: SECRET_HOSPITAL },
  });
  if (!validated.ok) throw new Error('the secret case does not validate');
  return validated.scenario;
})();

interface Fixtures {
  demo: string;
  planner: { id: string; name: string };
  tokens: Partial<Record<CallerName, string>>;
  /** The secret case, and a dataset of it. */
  id: string;
  datasetId: string;
  /** The planner's new case, not yet saved. */
  draftId: string;
  /** A live link to a bundled example (its page shows the example to anyone, by design). */
  shareToken: string;
  /** A portfolio of the secret case, its version 1's plan kept. */
  portfolioId: string;
}
let fx: Fixtures;

const latest = (id: string) => getScenarioRow(id)!.latestVersion;
const latestPortfolio = (id: string) => getPortfolioRow(id)!.latestVersion;
const portfolioRequest = () => ({ name: SECRET_PORTFOLIO, scenarioIds: [fx.id] });

function freshPortfolioLink(): string {
  const made = createPortfolioShare(fx.portfolioId, { createdBy: 'fixture' });
  if (made.status !== 'created') throw new Error('no portfolio link');
  return made.link.id;
}

/** A new copy of the secret case, for a request that changes it for good. */
const freshCase = () => createScenario(secretDocument, { savedBy: 'fixture', hospitalId: fx.demo }).id;

/** A new copy whose version 1 awaits approval. */
function submittedCase(): string {
  const id = freshCase();
  recordReview(id, 1, 'submitted', '', { userId: fx.planner.id, name: fx.planner.name });
  return id;
}

const TIMES = new Uint8Array(
  readFileSync(join(ROOT, 'test', 'fixtures', 'datasets', 'time-motion-gb18030.csv')),
);
const TIMES_MAPPING: Meaning[] = [
  'department',
  'role',
  'workflow',
  'date',
  'phase',
  'minutes',
  'verificationMinutes',
];

async function freshDataset(id: string): Promise<string> {
  const stored = await commitDataset(id, { name: SECRET_FILE, bytes: TIMES }, {}, TIMES_MAPPING, 'fixture');
  if (!stored.ok) throw new Error(`dataset refused: ${JSON.stringify(stored.problems)}`);
  return stored.dataset.id;
}

function freshLink(id: string): { token: string; linkId: string } {
  const made = createShare(id, {});
  if (made.status !== 'created') throw new Error('no link');
  return { token: made.token, linkId: made.link.id };
}

/** A new case as its first step posts it. */
const NEW_CASE = {
  't:name': '护理文书助手：采购、自建还是先试点',
  't:hospital.name': '青山县人民医院',
  's:hospital.type': 'county',
  's:hospital.grade': 'level2',
  'n:hospital.beds': '200',
  'n:hospital.roles.physician.headcount': '60',
  'n:hospital.roles.nurse.headcount': '120',
  intent: 'next',
};

/** A new portfolio of the secret case as the list page's form posts it (a five-year case from 2027). */
const NEW_PORTFOLIO = (): Record<string, string> => ({
  hospital: fx.demo,
  name: '院级 AI 组合',
  useCase: fx.id,
  ...Object.fromEntries([2027, 2028, 2029, 2030, 2031].map((y) => [`budget:${y}`, '300万'])),
  start: '2027',
  objective: 'npv',
});

// ---------------------------------------------------------------------------------------------
// The table

type Body =
  { form: Record<string, string> } | { json: unknown } | { multipart: Record<string, string | File> };

/** The request of a row: its address (with query), the route's params and the body. */
interface Ask {
  path: string;
  params?: Record<string, string>;
  body?: Body;
}

/** 302 to the login page (with redirectTo = the address asked for, where the page gives one). */
const L = 'login';
type Cell = number | typeof L;

interface Row {
  /** The route module in app/routes. */
  file: string;
  /** "METHOD /address": GET goes to the loader, any other method to the action. */
  what: string;
  /** The request (made afresh for each caller: some change what they ask about for good). */
  ask: (caller: CallerName) => Ask | Promise<Ask>;
  /** One cell per caller, in CALLERS order. */
  expect: Cell[];
  /** Signing in, one's own account, or public: no access decision to audit (a CSRF refusal is one). */
  open?: boolean;
  /** Callers shown the 示例医院 names by design (a shared link's page; the audit admin's export). */
  shows?: CallerName[] | 'all';
}

const row = (
  file: string,
  what: string,
  ask: Row['ask'],
  expect: Cell[],
  options: Pick<Row, 'open' | 'shows'> = {},
): Row => ({ file, what, ask, expect, ...options });
const OPEN = { open: true };

const form = (fields: Record<string, string>): Body => ({ form: fields });
const scenarioJson = (doc: unknown, name: string) =>
  new File([JSON.stringify(doc)], name, { type: 'application/json' });

// prettier-ignore
const ROUTES: Row[] = [
  // ---- The API: 401 without credentials; another hospital 404; a role that may not, 403.
  //                                                                        anon view plan appr hadm  sys  sec  aud other vTok pTok oTok rTok noCsrf
  row('api.scenarios.ts', 'GET /api/scenarios', () => ({ path: '/api/scenarios' }),
                                                                            [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200]),
  row('api.scenarios.ts', 'POST /api/scenarios (a bundled example as a new case)',
    () => ({ path: '/api/scenarios', body: { json: countyDocument } }),
                                                                            [401, 403, 201, 403, 403, 403, 403, 403, 201, 403, 201, 201, 401, 403]),
  row('api.scenarios.$id.ts', 'GET /api/scenarios/:id', () => ({ path: `/api/scenarios/${fx.id}`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.ts', 'PUT /api/scenarios/:id', () => ({
    path: `/api/scenarios/${fx.id}`, params: { id: fx.id },
    body: { json: { baseVersion: latest(fx.id), document: secretDocument } },
  }),                                                                       [401, 403, 200, 403, 403, 404, 404, 404, 404, 403, 200, 404, 401, 403]),
  row('api.scenarios.$id.versions.ts', 'GET /api/scenarios/:id/versions',
    () => ({ path: `/api/scenarios/${fx.id}/versions`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.versions.$version.status.ts', 'GET /api/scenarios/:id/versions/:version/status',
    () => ({ path: `/api/scenarios/${fx.id}/versions/1/status`, params: { id: fx.id, version: '1' } }),
                                                                            [405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405]),
  row('api.scenarios.$id.versions.$version.status.ts', 'POST /api/scenarios/:id/versions/:version/status (submit)', () => {
    const id = freshCase();
    return { path: `/api/scenarios/${id}/versions/1/status`, params: { id, version: '1' }, body: { json: { status: 'submitted' } } };
  },                                                                        [401, 403, 200, 403, 403, 404, 404, 404, 404, 403, 200, 404, 401, 403]),
  row('api.scenarios.$id.versions.$version.status.ts', 'POST /api/scenarios/:id/versions/:version/status (approve)', () => {
    const id = submittedCase();
    return { path: `/api/scenarios/${id}/versions/1/status`, params: { id, version: '1' }, body: { json: { status: 'approved' } } };
  },                                                                        [401, 403, 403, 200, 403, 404, 404, 404, 404, 403, 403, 404, 401, 403]),
  row('api.scenarios.$id.versions.$version.status.ts', 'POST /api/scenarios/:id/versions/:version/status (return)', () => {
    const id = submittedCase();
    return {
      path: `/api/scenarios/${id}/versions/1/status`, params: { id, version: '1' },
      body: { json: { status: 'returned', comment: '请补充影像科的数据' } },
    };
  },                                                                        [401, 403, 403, 200, 403, 404, 404, 404, 404, 403, 403, 404, 401, 403]),
  row('api.scenarios.$id.datasets.ts', 'GET /api/scenarios/:id/datasets',
    () => ({ path: `/api/scenarios/${fx.id}/datasets`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.datasets.ts', 'POST /api/scenarios/:id/datasets (a preview)', () => ({
    path: `/api/scenarios/${fx.id}/datasets`, params: { id: fx.id },
    body: { multipart: { file: new File([TIMES], SECRET_FILE) } },
  }),                                                                       [401, 403, 200, 403, 403, 404, 404, 404, 404, 403, 200, 404, 401, 403]),
  row('api.scenarios.$id.datasets.$datasetId.ts', 'GET /api/scenarios/:id/datasets/:datasetId', () => ({
    path: `/api/scenarios/${fx.id}/datasets/${fx.datasetId}`, params: { id: fx.id, datasetId: fx.datasetId },
  }),                                                                       [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.datasets.$datasetId.ts', 'DELETE /api/scenarios/:id/datasets/:datasetId', async () => {
    const datasetId = await freshDataset(fx.id);
    return { path: `/api/scenarios/${fx.id}/datasets/${datasetId}`, params: { id: fx.id, datasetId } };
  },                                                                        [401, 403, 204, 403, 403, 404, 404, 404, 404, 403, 204, 404, 401, 403]),
  row('api.scenarios.$id.datasets.$datasetId.stats.ts', 'GET /api/scenarios/:id/datasets/:datasetId/stats', () => ({
    path: `/api/scenarios/${fx.id}/datasets/${fx.datasetId}/stats`, params: { id: fx.id, datasetId: fx.datasetId },
  }),                                                                       [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.report[.]pdf.ts', 'GET /api/scenarios/:id/report.pdf',
    () => ({ path: `/api/scenarios/${fx.id}/report.pdf`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.report[.]xlsx.ts', 'GET /api/scenarios/:id/report.xlsx',
    () => ({ path: `/api/scenarios/${fx.id}/report.xlsx`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.results.ts', 'GET /api/scenarios/:id/results',
    () => ({ path: `/api/scenarios/${fx.id}/results`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.results[.]csv.ts', 'GET /api/scenarios/:id/results.csv',
    () => ({ path: `/api/scenarios/${fx.id}/results.csv`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.samples[.]csv.ts', 'GET /api/scenarios/:id/samples.csv',
    () => ({ path: `/api/scenarios/${fx.id}/samples.csv?trials=200&seed=1`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.scenario[.]json.ts', 'GET /api/scenarios/:id/scenario.json',
    () => ({ path: `/api/scenarios/${fx.id}/scenario.json`, params: { id: fx.id } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.scenarios.$id.share.ts', 'GET /api/scenarios/:id/share',
    () => ({ path: `/api/scenarios/${fx.id}/share`, params: { id: fx.id } }),
                                                                            [405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405]),
  row('api.scenarios.$id.share.ts', 'POST /api/scenarios/:id/share',
    () => ({ path: `/api/scenarios/${fx.id}/share`, params: { id: fx.id }, body: { json: {} } }),
                                                                            [401, 403, 201, 403, 403, 404, 404, 404, 404, 403, 201, 404, 401, 403]),
  // A portfolio: as its hospital's scenarios (another hospital's planner may make one of its own only).
  row('api.portfolios.ts', 'GET /api/portfolios', () => ({ path: '/api/portfolios' }),
                                                                            [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401, 200]),
  row('api.portfolios.ts', 'POST /api/portfolios (of the secret case)',
    () => ({ path: '/api/portfolios', body: { json: portfolioRequest() } }),
                                                                            [401, 403, 201, 403, 403, 403, 403, 403, 400, 403, 201, 400, 401, 403]),
  row('api.portfolios.$id.ts', 'GET /api/portfolios/:id',
    () => ({ path: `/api/portfolios/${fx.portfolioId}`, params: { id: fx.portfolioId } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.portfolios.$id.ts', 'PUT /api/portfolios/:id', () => ({
    path: `/api/portfolios/${fx.portfolioId}`, params: { id: fx.portfolioId },
    body: { json: { baseVersion: latestPortfolio(fx.portfolioId), request: portfolioRequest() } },
  }),                                                                       [401, 403, 200, 403, 403, 404, 404, 404, 404, 403, 200, 404, 401, 403]),
  row('api.portfolios.$id.plan.ts', 'GET /api/portfolios/:id/plan (version 1, kept)',
    () => ({ path: `/api/portfolios/${fx.portfolioId}/plan?version=1`, params: { id: fx.portfolioId } }),
                                                                            [401, 200, 200, 200, 200, 404, 404, 404, 404, 200, 200, 404, 401, 200]),
  row('api.portfolios.$id.share.ts', 'GET /api/portfolios/:id/share',
    () => ({ path: `/api/portfolios/${fx.portfolioId}/share`, params: { id: fx.portfolioId } }),
                                                                            [401, 403, 200, 403, 200, 404, 404, 404, 404, 403, 200, 404, 401, 200]),
  row('api.portfolios.$id.share.ts', 'POST /api/portfolios/:id/share',
    () => ({ path: `/api/portfolios/${fx.portfolioId}/share`, params: { id: fx.portfolioId }, body: { json: {} } }),
                                                                            [401, 403, 201, 403, 403, 404, 404, 404, 404, 403, 201, 404, 401, 403]),
  row('api.portfolios.$id.share.ts', 'DELETE /api/portfolios/:id/share?link=', () => ({
    path: `/api/portfolios/${fx.portfolioId}/share?link=${freshPortfolioLink()}`, params: { id: fx.portfolioId },
  }),                                                                       [401, 403, 204, 403, 204, 404, 404, 404, 404, 403, 204, 404, 401, 403]),
  row('api.share.$token.ts', 'GET /api/share/:token',
    () => ({ path: `/api/share/${fx.shareToken}`, params: { token: fx.shareToken } }),
                                                                            [405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405, 405]),
  // A link is not there for whoever may not manage the case's links (the token is the secret).
  row('api.share.$token.ts', 'DELETE /api/share/:token', () => {
    const { token } = freshLink(fx.id);
    return { path: `/api/share/${token}`, params: { token } };
  },                                                                        [401, 404, 204, 404, 204, 404, 404, 404, 404, 404, 204, 404, 401, 403]),

  // ---- Pages: not signed in (a token is not a sign-in) → the login page.
  //                                                                        anon view plan appr hadm  sys  sec  aud other vTok pTok oTok rTok noCsrf
  row('scenarios._index.tsx', 'GET /scenarios', () => ({ path: '/scenarios' }),
                                                                            [  L, 200, 200, 200, 200, 200, 200, 200, 200,   L,   L,   L,   L, 200]),
  row('scenarios._index.tsx', 'POST /scenarios (a new case from an example)',
    () => ({ path: '/scenarios', body: form({ intent: 'create', name: '门诊导诊', template: 'county-hospital-300-beds' }) }),
                                                                            [  L, 403, 302, 403, 403, 403, 403, 403, 302,   L,   L,   L,   L, 403]),
  row('scenarios._index.tsx', 'POST /scenarios (import a file)', () => ({
    path: '/scenarios', body: { multipart: { file: scenarioJson(countyDocument, 'county.json') } },
  }),                                                                       [  L, 403, 302, 403, 403, 403, 403, 403, 302,   L,   L,   L,   L, 403]),
  row('scenarios._index.tsx', 'POST /scenarios (duplicate)', () => ({ path: '/scenarios', body: form({ intent: 'duplicate', id: fx.id }) }),
                                                                            [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios._index.tsx', 'POST /scenarios (archive)', () => ({ path: '/scenarios', body: form({ intent: 'archive', id: freshCase() }) }),
                                                                            [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.$id._index.tsx', 'GET /scenarios/:id', () => ({ path: `/scenarios/${fx.id}`, params: { id: fx.id } }),
                                                                            [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('scenarios.$id._index.tsx', 'POST /scenarios/:id (save the what-if)', () => ({
    path: `/scenarios/${fx.id}`, params: { id: fx.id },
    body: form({ baseVersion: String(latest(fx.id)), whatIf: 'discountRate=0.05' }),
  }),                                                                       [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.$id._index.tsx', 'POST /scenarios/:id (share)', () => ({
    path: `/scenarios/${fx.id}`, params: { id: fx.id }, body: form({ intent: 'share', version: String(latest(fx.id)) }),
  }),                                                                       [  L, 403, 200, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.$id._index.tsx', 'POST /scenarios/:id (revoke a link)', () => ({
    path: `/scenarios/${fx.id}`, params: { id: fx.id }, body: form({ intent: 'revokeShare', linkId: freshLink(fx.id).linkId }),
  }),                                                                       [  L, 403, 302, 403, 302, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.$id.edit.tsx', 'GET /scenarios/:id/edit', () => ({ path: `/scenarios/${fx.id}/edit`, params: { id: fx.id } }),
                                                                            [  L, 403, 200, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('scenarios.$id.edit.tsx', 'POST /scenarios/:id/edit (save the JSON)', () => ({
    path: `/scenarios/${fx.id}/edit`, params: { id: fx.id },
    body: form({ intent: 'json', baseVersion: String(latest(fx.id)), json: JSON.stringify(secretDocument) }),
  }),                                                                       [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.$id.data.tsx', 'GET /scenarios/:id/data', () => ({ path: `/scenarios/${fx.id}/data`, params: { id: fx.id } }),
                                                                            [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('scenarios.$id.data.tsx', 'POST /scenarios/:id/data (delete a dataset)', async () => ({
    path: `/scenarios/${fx.id}/data`, params: { id: fx.id }, body: form({ intent: 'delete', datasetId: await freshDataset(fx.id) }),
  }),                                                                       [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  // The data page's sample files name the case's workflows: its hospital's to download.
  row('scenarios.$id.data_.sample[.]csv.ts', 'GET /scenarios/:id/data/sample.csv', () => ({
    path: `/scenarios/${fx.id}/data/sample.csv?kind=observations&lang=zh-CN`, params: { id: fx.id },
  }),                                                                       [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('scenarios.$id.data_.sample[.]xlsx.ts', 'GET /scenarios/:id/data/sample.xlsx', () => ({
    path: `/scenarios/${fx.id}/data/sample.xlsx?kind=volumes&lang=en`, params: { id: fx.id },
  }),                                                                       [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  // A portfolio's committee PDF and plan sheet: downloads beside its page, for whoever may export it.
  row('portfolios.$id.report[.]pdf.ts', 'GET /portfolios/:id/report.pdf', () => ({
    path: `/portfolios/${fx.portfolioId}/report.pdf?version=1&lang=zh-CN`, params: { id: fx.portfolioId },
  }),                                                                       [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('portfolios.$id.report[.]xlsx.ts', 'GET /portfolios/:id/report.xlsx', () => ({
    path: `/portfolios/${fx.portfolioId}/report.xlsx?version=1&lang=en`, params: { id: fx.portfolioId },
  }),                                                                       [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('scenarios.$id.versions.tsx', 'GET /scenarios/:id/versions', () => ({ path: `/scenarios/${fx.id}/versions`, params: { id: fx.id } }),
                                                                            [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('scenarios.$id.versions.tsx', 'POST /scenarios/:id/versions (restore)', () => ({
    path: `/scenarios/${fx.id}/versions`, params: { id: fx.id }, body: form({ version: '1' }),
  }),                                                                       [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.$id.versions.tsx', 'POST /scenarios/:id/versions (submit)', () => {
    const id = freshCase();
    return { path: `/scenarios/${id}/versions`, params: { id }, body: form({ intent: 'review', version: '1', status: 'submitted' }) };
  },                                                                        [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.$id.versions.tsx', 'POST /scenarios/:id/versions (approve)', () => {
    const id = submittedCase();
    return { path: `/scenarios/${id}/versions`, params: { id }, body: form({ intent: 'review', version: '1', status: 'approved' }) };
  },                                                                        [  L, 403, 403, 302, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('scenarios.new._index.tsx', 'GET /scenarios/new', () => ({ path: '/scenarios/new' }),
                                                                            [  L, 403, 200, 403, 403, 403, 403, 403, 200,   L,   L,   L,   L, 200]),
  row('scenarios.new._index.tsx', 'POST /scenarios/new', () => ({ path: '/scenarios/new', body: form(NEW_CASE) }),
                                                                            [  L, 403, 302, 403, 403, 403, 403, 403, 302,   L,   L,   L,   L, 403]),
  // The planner's own new case: no one else's.
  row('scenarios.new.$draftId.tsx', 'GET /scenarios/new/:draftId',
    () => ({ path: `/scenarios/new/${fx.draftId}`, params: { draftId: fx.draftId } }),
                                                                            [  L, 403, 200, 403, 403, 403, 403, 403, 404,   L,   L,   L,   L, 200]),
  row('scenarios.new.$draftId.tsx', 'POST /scenarios/new/:draftId',
    () => ({ path: `/scenarios/new/${fx.draftId}?step=hospital`, params: { draftId: fx.draftId }, body: form(NEW_CASE) }),
                                                                            [  L, 403, 302, 403, 403, 403, 403, 403, 404,   L,   L,   L,   L, 403]),
  // A hospital's portfolios: every member sees them; a planner makes one (in a hospital of theirs).
  row('portfolios._index.tsx', 'GET /portfolios', () => ({ path: '/portfolios' }),
                                                                            [  L, 200, 200, 200, 200, 200, 200, 200, 200,   L,   L,   L,   L, 200]),
  row('portfolios._index.tsx', 'POST /portfolios (a new portfolio)', () => ({ path: '/portfolios', body: form(NEW_PORTFOLIO()) }),
                                                                            [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  // A portfolio's page: as its scenarios' pages (version 1, whose plan is kept: no solve here).
  row('portfolios.$id.tsx', 'GET /portfolios/:id (version 1, kept)',
    () => ({ path: `/portfolios/${fx.portfolioId}?version=1`, params: { id: fx.portfolioId } }),
                                                                            [  L, 200, 200, 200, 200, 404, 404, 404, 404,   L,   L,   L,   L, 200]),
  row('portfolios.$id.tsx', 'POST /portfolios/:id (re-pin)', () => ({
    path: `/portfolios/${fx.portfolioId}`, params: { id: fx.portfolioId },
    body: form({ intent: 'repin', baseVersion: String(latestPortfolio(fx.portfolioId)) }),
  }),                                                                       [  L, 403, 302, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('portfolios.$id.tsx', 'POST /portfolios/:id (share)', () => ({
    path: `/portfolios/${fx.portfolioId}`, params: { id: fx.portfolioId },
    body: form({ intent: 'share', version: '1', expiresInDays: '30' }),
  }),                                                                       [  L, 403, 200, 403, 403, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('portfolios.$id.tsx', 'POST /portfolios/:id (revoke a link)', () => ({
    path: `/portfolios/${fx.portfolioId}`, params: { id: fx.portfolioId },
    body: form({ intent: 'revokeShare', linkId: freshPortfolioLink() }),
  }),                                                                       [  L, 403, 302, 403, 302, 404, 404, 404, 404,   L,   L,   L,   L, 403]),
  row('reference.tsx', 'GET /reference', () => ({ path: '/reference' }),
                                                                            [  L, 200, 200, 200, 200, 200, 200, 200, 200,   L,   L,   L,   L, 200]),
  // The audit log is the audit admin's alone: to anyone else it is no page.
  row('audit.tsx', 'GET /audit', () => ({ path: '/audit' }),
                                                                            [  L, 404, 404, 404, 404, 404, 404, 200, 404,   L,   L,   L,   L, 404]),
  row('audit[.]csv.ts', 'GET /audit.csv', () => ({ path: '/audit.csv' }),
                                                                            [  L, 404, 404, 404, 404, 404, 404, 200, 404,   L,   L,   L,   L, 404],
    { shows: ['auditAdmin'] }),

  // ---- Administration: each page its role's alone (the hospital names are theirs to see).
  //                                                                        anon view plan appr hadm  sys  sec  aud other vTok pTok oTok rTok noCsrf
  row('admin.accounts.tsx', 'GET /admin/accounts', () => ({ path: '/admin/accounts' }),
                                                                            [  L, 404, 404, 404, 404, 404, 200, 404, 404,   L,   L,   L,   L, 404],
    { shows: ['securityAdmin'] }),
  row('admin.accounts.tsx', 'POST /admin/accounts (the policy)', () => ({
    path: '/admin/accounts', body: form({ intent: 'policy', minLength: '10', minKinds: '3', maxFailures: '5', lockMinutes: '15' }),
  }),                                                                       [  L, 404, 404, 404, 404, 404, 200, 404, 404,   L,   L,   L,   L, 404],
    { shows: ['securityAdmin'] }),
  row('admin.hospitals.tsx', 'GET /admin/hospitals', () => ({ path: '/admin/hospitals' }),
                                                                            [  L, 404, 404, 404, 404, 200, 404, 404, 404,   L,   L,   L,   L, 404],
    { shows: ['systemAdmin'] }),
  row('admin.hospitals.tsx', 'POST /admin/hospitals (add one)', (name) => ({
    path: '/admin/hospitals', body: form({ intent: 'add', name: `新增医院-${name}` }),
  }),                                                                       [  L, 404, 404, 404, 404, 200, 404, 404, 404,   L,   L,   L,   L, 404],
    { shows: ['systemAdmin'] }),
  row('admin.members.tsx', 'GET /admin/members', () => ({ path: '/admin/members' }),
                                                                            [  L, 404, 404, 404, 200, 404, 404, 404, 404,   L,   L,   L,   L, 404]),
  row('admin.members.tsx', 'POST /admin/members (a role)', () => ({
    path: '/admin/members', body: form({ intent: 'setRole', hospitalId: fx.demo, username: 'access-viewer', role: 'viewer' }),
  }),                                                                       [  L, 404, 404, 404, 200, 404, 404, 404, 404,   L,   L,   L,   L, 404]),

  // ---- Signing in, one's own account, and what is public.
  //                                                                        anon view plan appr hadm  sys  sec  aud other vTok pTok oTok rTok noCsrf
  row('_index.tsx', 'GET /', () => ({ path: '/' }),
                                                                            [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302], OPEN),
  row('docs.scenario[.]schema[.]json.ts', 'GET /docs/scenario.schema.json', () => ({ path: '/docs/scenario.schema.json' }),
                                                                            [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], OPEN),
  row('lang.tsx', 'GET /lang', () => ({ path: '/lang' }),
                                                                            [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302], OPEN),
  row('lang.tsx', 'POST /lang', () => ({ path: '/lang', body: form({ lang: 'en', redirectTo: '/scenarios' }) }),
                                                                            [302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302, 302], OPEN),
  // Signed in already: nothing to do here.
  row('login.tsx', 'GET /login', () => ({ path: '/login' }),
                                                                            [200, 302, 302, 302, 302, 302, 302, 302, 302, 200, 200, 200, 200, 302], OPEN),
  // (A name per caller: five wrong passwords lock a name.)
  row('login.tsx', 'POST /login (a wrong password)', (name) => ({ path: '/login', body: form({ username: `nobody-${name}`, password: 'wrong' }) }),
                                                                            [401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401], OPEN),
  row('login_.code.tsx', 'GET /login/code', () => ({ path: '/login/code' }),
                                                                            [  L, 200, 200, 200, 200, 200, 200, 200, 200,   L,   L,   L,   L, 200], OPEN),
  // No session waits for a code: back to the login.
  row('login_.code.tsx', 'POST /login/code', () => ({ path: '/login/code', body: form({ code: '000000' }) }),
                                                                            [  L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L], OPEN),
  row('logout.tsx', 'GET /logout', () => ({ path: '/logout' }),
                                                                            [  L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L], OPEN),
  row('logout.tsx', 'POST /logout', () => ({ path: '/logout', body: form({}) }),
                                                                            [  L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L,   L, 403], OPEN),
  // One's own account: anyone signed in; a token for a hospital only its members may make.
  row('account.tsx', 'GET /account', () => ({ path: '/account' }),
                                                                            [  L, 200, 200, 200, 200, 200, 200, 200, 200,   L,   L,   L,   L, 200], OPEN),
  row('account.tsx', 'POST /account (a viewer token for 示例医院)', () => ({
    path: '/account', body: form({ intent: 'createToken', hospitalId: fx.demo, role: 'viewer', name: 'walk' }),
  }),                                                                       [  L, 200, 200, 200, 200, 403, 403, 403, 403,   L,   L,   L,   L, 403], OPEN),
  row('password.tsx', 'GET /password', () => ({ path: '/password' }),
                                                                            [  L, 200, 200, 200, 200, 200, 200, 200, 200,   L,   L,   L,   L, 200], OPEN),
  // The accounts have no password: the current one typed is wrong.
  row('password.tsx', 'POST /password (a wrong current password)', () => ({
    path: '/password', body: form({ current: 'wrong', next: 'Ne3w-Passw0rd-2026', repeat: 'Ne3w-Passw0rd-2026' }),
  }),                                                                       [  L, 400, 400, 400, 400, 400, 400, 400, 400,   L,   L,   L,   L, 403], OPEN),
  // The system accounts have a second factor already: nothing to set up.
  row('totp.tsx', 'GET /totp', () => ({ path: '/totp' }),
                                                                            [  L, 200, 200, 200, 200, 302, 302, 302, 200,   L,   L,   L,   L, 200], OPEN),
  row('totp.tsx', 'POST /totp (a wrong code)', () => ({
    path: '/totp', body: form({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', code: 'wrong' }),
  }),                                                                       [  L, 400, 400, 400, 400, 400, 400, 400, 400,   L,   L,   L,   L, 403], OPEN),
  // A shared link opens for anyone; keeping a copy takes a planner (of any hospital: the copy is theirs).
  row('s.$token.tsx', 'GET /s/:token', () => ({ path: `/s/${fx.shareToken}`, params: { token: fx.shareToken } }),
                                                                            [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { ...OPEN, shows: 'all' }),
  // A link to a portfolio's version opens its plan for anyone, read-only (its version 1, kept).
  row('p.$token.tsx', 'GET /p/:token', () => {
    const made = createPortfolioShare(fx.portfolioId, { version: 1, createdBy: 'fixture' });
    if (made.status !== 'created') throw new Error('no portfolio link');
    return { path: `/p/${made.token}`, params: { token: made.token } };
  },                                                                        [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200], { ...OPEN, shows: 'all' }),
  row('s.$token.tsx', 'POST /s/:token (keep a copy)', () => ({
    path: `/s/${fx.shareToken}`, params: { token: fx.shareToken }, body: form({ whatIf: 'fit=0.5' }),
  }),                                                                       [  L, 403, 302, 403, 403, 403, 403, 403, 302,   L,   L,   L,   L, 403]),
];

// ---------------------------------------------------------------------------------------------
// Calling a route

type RouteFn = (args: { request: Request; params: Record<string, string>; context: object }) => unknown;
type RouteModule = { loader?: RouteFn; action?: RouteFn };

const loadRoute = (file: string) => import(join(ROUTES_DIR, file)) as Promise<RouteModule>;

/** The caller's credentials for one request: a new session each time (a logout ends one). */
function credentials(name: CallerName): { headers: Record<string, string>; csrf: string | null } {
  const caller = CALLER[name];
  if (caller.kind === 'none') return { headers: {}, csrf: null };
  if (caller.kind === 'token') return { headers: { Authorization: `Bearer ${fx.tokens[name]}` }, csrf: null };
  const identity = signInAs(caller.user!);
  return { headers: { Cookie: identity.cookie }, csrf: caller.csrf ? identity.csrf : null };
}

function buildRequest(method: string, ask: Ask, name: CallerName): Request {
  const { headers, csrf } = credentials(name);
  const all: Record<string, string> = { 'Accept-Language': 'zh-CN', ...headers };
  if (csrf && method !== 'GET') all['X-CSRF-Token'] = csrf;
  const body = ask.body;
  if (!body) return makeRequest(ask.path, { as: 'anonymous', method, headers: all });
  if ('json' in body)
    return makeRequest(ask.path, { as: 'anonymous', method, headers: all, json: body.json });
  if ('form' in body)
    return makeRequest(ask.path, {
      as: 'anonymous',
      method,
      headers: all,
      body: new URLSearchParams({ ...body.form, ...(csrf ? { csrf } : {}) }),
    });
  const multipart = new FormData();
  for (const [k, v] of Object.entries(body.multipart)) multipart.append(k, v);
  if (csrf) multipart.append('csrf', csrf);
  return makeRequest(ask.path, { as: 'anonymous', method, headers: all, body: multipart });
}

/** What the route answers, returned or thrown (Remix answers a thrown Response as it is). */
async function answer(fn: RouteFn, request: Request, params: Record<string, string>): Promise<Response> {
  try {
    const returned = await fn({ request, params, context: {} });
    expect(returned).toBeInstanceOf(Response);
    return returned as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/**
 * A hash of every table's rows but the audit log (its rows and its sequence), the sessions and a
 * token's last use: each request may touch those.
 */
function dataChecksums(): Record<string, string> {
  const db = sqlite();
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('audit_log', 'sessions')")
    .pluck()
    .all() as string[];
  const query: Record<string, string> = {
    api_tokens: 'SELECT id, user_id, hospital_id, role, name, token_hash, revoked_at FROM api_tokens',
    sqlite_sequence: "SELECT name, seq FROM sqlite_sequence WHERE name <> 'audit_log'",
  };
  const sums: Record<string, string> = {};
  for (const table of tables) {
    const hash = createHash('sha256');
    const rows = db.prepare(query[table] ?? `SELECT * FROM "${table}"`).raw();
    // In storage order: a row deleted and made again counts as a change.
    for (const row of rows.iterate() as Iterable<unknown[]>)
      for (const value of row)
        hash.update(
          Buffer.isBuffer(value)
            ? value
            : value === null
              ? '\u0001'
              : `${typeof value}:${String(value)}\u0000`,
        );
    sums[table] = hash.digest('hex');
  }
  return sums;
}

const lastAuditSeq = () => (sqlite().prepare('SELECT max(seq) FROM audit_log').pluck().get() as number) ?? 0;
const auditSince = (seq: number) =>
  sqlite().prepare('SELECT action, outcome FROM audit_log WHERE seq > ? ORDER BY seq').all(seq) as {
    action: string;
    outcome: string;
  }[];

const isDenial = (cell: Cell) => cell === L || cell === 401 || cell === 403 || cell === 404 || cell === 405;

/** The audit row a refusal must leave, or null for none (no one signed in: nothing to record). */
function deniedAudit(r: Row, method: string, name: CallerName, cell: Cell): string | null | undefined {
  // A signed-in form without its CSRF token, one's own account's too.
  if (name === 'noCsrf' && method !== 'GET' && cell === 403) return 'csrf.refused';
  if (r.open || cell === 405) return undefined;
  if (cell === L || name === 'anonymous') return null;
  if (name === 'revokedToken') return 'token.refused';
  return 'access.denied';
}

async function walk(r: Row, name: CallerName, cell: Cell): Promise<void> {
  const method = r.what.split(' ')[0]!;
  const module = await loadRoute(r.file);
  const fn = method === 'GET' ? module.loader : module.action;
  expect(fn, `${r.file} has no ${method === 'GET' ? 'loader' : 'action'}`).toBeTypeOf('function');
  const ask = await r.ask(name);
  const request = buildRequest(method, ask, name);
  const before = isDenial(cell) ? dataChecksums() : null;
  const seq = lastAuditSeq();

  const response = await answer(fn!, request, ask.params ?? {});
  const text = await response.text();
  const location = response.headers.get('Location');

  if (cell === L) {
    expect(response.status, text).toBe(302);
    const to = new URL(location ?? '', 'http://localhost');
    expect(to.pathname).toBe('/login');
    const back = to.searchParams.get('redirectTo');
    const asked = new URL(request.url);
    // A page behind the sign-in comes back to where it was asked for.
    if (back !== null || !r.open) expect(back).toBe(asked.pathname + asked.search);
  } else {
    expect(response.status, text.slice(0, 500)).toBe(cell);
    if (cell >= 300 && cell < 400) expect(location ?? '').not.toMatch(/^\/login\b/);
  }

  const isApi = r.file.startsWith('api.');
  const aboutScenario = r.file.includes('$id') || r.file.startsWith('api.share.');
  const caller = CALLER[name];

  if (before) {
    // A refusal tells no stack trace nor server path, and changes no data.
    expectNoLeak(text);
    expect(dataChecksums()).toEqual(before);
    const audit = deniedAudit(r, method, name, cell);
    const added = auditSince(seq);
    if (audit === null) expect(added).toEqual([]);
    if (audit) expect(added.map((a) => a.action)).toContain(audit);
  }

  if (isApi && cell === 401) {
    expect(JSON.parse(text)).toMatchObject({ errors: [{ code: 'unauthenticated' }] });
    expect(response.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
  }
  if (isApi && cell === 403 && name === 'noCsrf')
    expect(JSON.parse(text)).toMatchObject({ errors: [{ code: 'csrfMissing' }] });
  if (isApi && cell === 404 && aboutScenario)
    expect(JSON.parse(text).errors[0].code).toMatch(/^(notFound|shareNotFound)$/);
  // A member's refusal names the role that may not.
  if (cell === 403 && aboutScenario && caller.role && name !== 'noCsrf')
    expect(text).toContain(ROLE_LABELS[caller.role]['zh-CN']);

  // Nothing of 示例医院's cases reaches anyone outside it (unless the route shows it by design).
  const shown = r.shows === 'all' || (r.shows ?? []).includes(name);
  if (caller.outsider && !shown) for (const secret of SECRETS) expect(text).not.toContain(secret);
}

// ---------------------------------------------------------------------------------------------
// The walk

beforeAll(async () => {
  const db = getDb();
  const demo = ensureHospital(db, DEMO_HOSPITAL).id;
  const other = ensureHospital(db, OTHER_HOSPITAL).id;
  signInAs('access-viewer', { hospital: DEMO_HOSPITAL, role: 'viewer' });
  signInAs('access-planner', { hospital: DEMO_HOSPITAL, role: 'planner' });
  signInAs('access-approver', { hospital: DEMO_HOSPITAL, role: 'approver' });
  signInAs('access-hospital-admin', { hospital: DEMO_HOSPITAL, role: 'hospital-admin' });
  signInAs('access-system-admin', { systemRole: 'system-admin' });
  signInAs('access-security-admin', { systemRole: 'security-admin' });
  signInAs('access-audit-admin', { systemRole: 'audit-admin' });
  signInAs('access-other-planner', { hospital: OTHER_HOSPITAL, role: 'planner' });
  const planner = findUser(db, 'access-planner')!;
  const otherPlanner = findUser(db, 'access-other-planner')!;
  const token = (user: typeof planner, hospital: string, role: HospitalRole) => {
    const made = createApiToken(db, user, { id: hospital }, { role });
    if (made.status !== 'created') throw new Error(made.status);
    return made;
  };
  const revoked = token(planner, demo, 'planner');
  sqlite()
    .prepare("UPDATE api_tokens SET revoked_at = '2026-01-01T00:00:00.000Z' WHERE id = ?")
    .run(revoked.id);

  const id = createScenario(secretDocument, { savedBy: 'fixture', hospitalId: demo }).id;
  fx = {
    demo,
    planner: { id: planner.id, name: planner.username },
    tokens: {
      viewerToken: token(planner, demo, 'viewer').token,
      plannerToken: token(planner, demo, 'planner').token,
      otherToken: token(otherPlanner, other, 'planner').token,
      revokedToken: revoked.token,
    },
    id,
    datasetId: '',
    draftId: '',
    shareToken: freshLink('township-health-centre-api').token,
    portfolioId: '',
  };
  const portfolio = createPortfolio({ hospitalId: demo, request: portfolioRequest(), savedBy: 'fixture' });
  if (portfolio.status !== 'created') throw new Error(JSON.stringify(portfolio));
  fx.portfolioId = portfolio.id;
  putCachedPlan(portfolio.id, 1, '', planFixture(id, id));
  fx.datasetId = await freshDataset(id);
  // The planner's new case, as the first step's post makes it.
  const started = await answer(
    (await loadRoute('scenarios.new._index.tsx')).action!,
    buildRequest('POST', { path: '/scenarios/new', body: form(NEW_CASE) }, 'planner'),
    {},
  );
  expect(started.status).toBe(302);
  fx.draftId = new URL(started.headers.get('Location')!, 'http://localhost').pathname.split('/').pop()!;
}, 60_000);

describe('the table', () => {
  it('lists every route module in app/routes, and walks each loader and action it exports', async () => {
    const inDirectory = readdirSync(ROUTES_DIR).sort();
    expect([...new Set(ROUTES.map((r) => r.file))].sort()).toEqual(inDirectory);
    for (const file of inDirectory) {
      const module = await loadRoute(file);
      const exported = (['loader', 'action'] as const).filter((fn) => typeof module[fn] === 'function');
      const walked = new Set(
        ROUTES.filter((r) => r.file === file).map((r) => (r.what.startsWith('GET ') ? 'loader' : 'action')),
      );
      expect([...walked].sort(), file).toEqual([...exported].sort());
    }
  });

  it('has one cell per caller in every row', () => {
    for (const r of ROUTES) expect(r.expect, r.what).toHaveLength(CALLERS.length);
  });
});

for (const r of ROUTES)
  describe(`${r.what} — ${r.file}`, () => {
    CALLERS.forEach((name, i) => {
      const cell = r.expect[i]!;
      it(`${name} → ${cell === L ? '302 /login' : cell}`, { timeout: 60_000 }, () => walk(r, name, cell));
    });
  });

describe('another hospital', () => {
  it(
    'finds none of the bundled 示例医院 cases: 404 naming neither the case nor its hospital',
    { timeout: 60_000 },
    async () => {
      const api = await loadRoute('api.scenarios.$id.ts');
      const page = await loadRoute('scenarios.$id._index.tsx');
      for (const key of BUNDLED_KEYS) {
        const doc = readScenarioFile(`${key}.json`) as { name: object; hospital: { name: object } };
        const names = [...Object.values(doc.name), ...Object.values(doc.hospital.name), DEMO_HOSPITAL];
        for (const [fn, path, outsiders] of [
          [api.loader!, `/api/scenarios/${key}`, ['otherHospital', 'otherToken', 'systemAdmin']],
          [page.loader!, `/scenarios/${key}`, ['otherHospital', 'systemAdmin']],
        ] as const) {
          // It is there: its own hospital reads it, by its name.
          const own = await answer(fn, buildRequest('GET', { path }, 'viewer'), { id: key });
          expect(own.status).toBe(200);
          expect(await own.text()).toContain((doc.name as Record<string, string>)['zh-CN']);
          for (const name of outsiders) {
            const response = await answer(fn, buildRequest('GET', { path }, name), { id: key });
            expect(response.status, `${path} as ${name}`).toBe(404);
            const text = await response.text();
            for (const secret of names) expect(text).not.toContain(secret);
          }
        }
      }
    },
  );
});
