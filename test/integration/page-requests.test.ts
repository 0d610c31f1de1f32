/**
 * Issue 15: one request must never crash or fool a page. Every page action answers what no
 * form sends with 405 (and Allow), 415 or 400 in the user's language, storing nothing; the
 * language switch goes back to a path on this site only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseWhatIfParams } from '~/dashboard/what-if-params';
import { whatIfToSearch } from '~/dashboard/what-if-search';
import { createDraft } from '~/models/drafts.server';
import { createShare } from '~/models/shares.server';
import { getScenario, getScenarioRow } from '~/models/scenarios.server';
import { action as langAction } from '~/routes/lang';
import { action as shareAction, loader as sharedLoader } from '~/routes/s.$token';
import { action as dashboardAction, loader as dashboardLoader } from '~/routes/scenarios.$id._index';
import { action as dataAction } from '~/routes/scenarios.$id.data';
import { action as editAction } from '~/routes/scenarios.$id.edit';
import { action as versionsAction } from '~/routes/scenarios.$id.versions';
import { action as listAction } from '~/routes/scenarios._index';
import { action as newCaseStepAction } from '~/routes/scenarios.new.$draftId';
import { action as newCaseAction } from '~/routes/scenarios.new._index';

import { GUARD_MESSAGES } from '../../request-guards.js';
import {
  closeAndRemoveTempDatabases,
  defaultTester,
  expectNothingChanges,
  makeRequest,
  useTempDatabase,
} from './helpers';

useTempDatabase('page-requests');
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'township-health-centre-api';
type Action = (args: never) => unknown;
let token = '';
let pages: { name: string; path: string; params: Record<string, string>; action: Action }[] = [];

// The first read migrates and seeds the database.
beforeAll(() => {
  const scenario = getScenario(ID)!;
  const tester = defaultTester();
  const draft = createDraft(scenario.document, {
    step: 'hospital',
    userId: tester.userId,
    hospitalId: getScenarioRow(ID)!.hospitalId!,
  });
  const share = createShare(ID, {});
  if (share.status !== 'created') throw new Error('no share');
  token = share.token;
  pages = [
    { name: '/scenarios', path: '/scenarios', params: {}, action: listAction },
    { name: '/scenarios/new', path: '/scenarios/new', params: {}, action: newCaseAction },
    {
      name: '/scenarios/new/:draftId',
      path: `/scenarios/new/${draft.id}?step=hospital`,
      params: { draftId: draft.id },
      action: newCaseStepAction,
    },
    { name: '/scenarios/:id', path: `/scenarios/${ID}`, params: { id: ID }, action: dashboardAction },
    { name: '/scenarios/:id/edit', path: `/scenarios/${ID}/edit`, params: { id: ID }, action: editAction },
    {
      name: '/scenarios/:id/versions',
      path: `/scenarios/${ID}/versions`,
      params: { id: ID },
      action: versionsAction,
    },
    { name: '/scenarios/:id/data', path: `/scenarios/${ID}/data`, params: { id: ID }, action: dataAction },
    { name: '/s/:token', path: `/s/${share.token}`, params: { token: share.token }, action: shareAction },
    { name: '/lang', path: '/lang', params: {}, action: langAction },
  ];
}, 60_000);

/** What the action answered, thrown or returned. */
async function answer(action: Action, request: Request, params: Record<string, string>): Promise<Response> {
  try {
    return (await action({ request, params, context: {} } as never)) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const FORM = 'application/x-www-form-urlencoded';
const cases = [
  { method: 'PUT', type: FORM, body: 'savedBy=x', status: 405, code: 'methodNotAllowed' },
  { method: 'DELETE', type: FORM, body: 'savedBy=x', status: 405, code: 'methodNotAllowed' },
  { method: 'PATCH', type: FORM, body: 'savedBy=x', status: 405, code: 'methodNotAllowed' },
  { method: 'POST', type: 'text/plain', body: 'savedBy=x', status: 415, code: 'unsupportedMediaType' },
  { method: 'POST', type: 'application/json', body: '{"a":1}', status: 415, code: 'unsupportedMediaType' },
  { method: 'POST', type: 'text/html', body: 'x', status: 415, code: 'unsupportedMediaType' },
] as const;

describe('page actions refuse what no form sends', () => {
  for (const c of cases)
    it(
      `${c.method} ${c.type}: ${c.status} on every page, in the user's language, storing nothing`,
      { timeout: 30_000 },
      async () => {
        for (const page of pages)
          for (const lang of ['zh-CN', 'en'] as const) {
            const response = await expectNothingChanges(() =>
              answer(
                page.action,
                makeRequest(page.path, {
                  method: c.method,
                  headers: { 'Content-Type': c.type, 'Accept-Language': lang },
                  body: c.body,
                }),
                page.params,
              ),
            );
            expect(response.status, `${page.name} ${lang}`).toBe(c.status);
            expect(await response.text(), page.name).toBe(GUARD_MESSAGES[c.code][lang]);
            if (c.status === 405) expect(response.headers.get('Allow')).toBe('GET, HEAD, POST');
          }
      },
    );

  it(
    'answers 400 to a multipart body that does not parse (pages whose forms are not uploads)',
    { timeout: 30_000 },
    async () => {
      const uploads = ['/scenarios', '/scenarios/:id/data'];
      for (const page of pages.filter((p) => !uploads.includes(p.name)))
        for (const [lang, type] of [
          ['zh-CN', 'multipart/form-data; boundary=zzz'],
          ['en', 'multipart/form-data; boundary=zzz'],
          ['en', 'multipart/form-data'],
        ] as const) {
          const response = await expectNothingChanges(() =>
            answer(
              page.action,
              makeRequest(page.path, {
                method: 'POST',
                headers: { 'Content-Type': type, 'Accept-Language': lang },
                body: '--zzz\r\nnot a part\r\n',
              }),
              page.params,
            ),
          );
          expect(response.status, page.name).toBe(400);
          expect(await response.text()).toBe(GUARD_MESSAGES.badForm[lang]);
        }
    },
  );
});

describe('the language switch', () => {
  const switchTo = (redirectTo: string) =>
    langAction({
      request: makeRequest('/lang', {
        method: 'POST',
        headers: { 'Content-Type': FORM },
        body: new URLSearchParams({ lang: 'en', redirectTo }).toString(),
      }),
      params: {},
      context: {},
    } as never) as Promise<Response>;

  it(
    'goes back to a path on this site only, however the target is written',
    { timeout: 15_000 },
    async () => {
      for (const target of [
        '/\\evil.example',
        '//evil.example',
        '\\evil.example',
        '\\\\evil.example',
        '/%5Cevil.example',
        '/%2F%2Fevil.example',
        '/%2f/evil.example',
        '/%252F%252Fevil.example',
        'https://evil.example/',
        'javascript:alert(1)',
        '/\tevil.example',
        '/x%0d%0aSet-Cookie:%20a=b',
        ' /scenarios',
      ]) {
        const response = await switchTo(target);
        expect(response.status, target).toBe(302);
        expect(response.headers.get('Location'), target).toBe('/');
      }
      for (const target of [
        '/scenarios',
        '/scenarios/x/edit?draft=d#opt-1',
        '/reference?q=%E5%8C%BB%E7%94%9F',
      ])
        expect((await switchTo(target)).headers.get('Location')).toBe(target);
    },
  );
});

/** What `Number()` reads and no page of ours writes. */
const NOT_DECIMAL = [
  '0x1',
  '0b1',
  '0o1',
  '1e-1',
  ' 0.5 ',
  '0.5 ',
  'Infinity',
  '-Infinity',
  '+0.5',
  '.5',
  '0x10',
];

describe('numbers in addresses and hidden fields are plain decimals', () => {
  it('refuses hex, binary, octal, exponents, spaces and Infinity in a what-if by name', () => {
    for (const raw of NOT_DECIMAL) {
      const { whatIf, problems } = parseWhatIfParams(new URLSearchParams({ fit: raw, adoption: '0.5' }));
      expect(whatIf, raw).toEqual({ adoption: 0.5 });
      expect(problems.map((p) => p.path)).toEqual(['fit']);
    }
    expect(parseWhatIfParams(new URLSearchParams('budget=1000000&wageGrowth=-0.05')).whatIf).toEqual({
      budget: 1_000_000,
      wageGrowth: -0.05,
    });
  });

  it('writes every what-if so that it reads back (no exponent notation)', () => {
    const whatIf = { wageGrowth: 1e-7, discountRate: 0.0000025, budget: 1e12, fit: 0.6 };
    const search = whatIfToSearch(whatIf);
    expect(search).not.toMatch(/[0-9]e[-+]?[0-9]/i);
    expect(parseWhatIfParams(new URLSearchParams(search))).toEqual({ whatIf, problems: [] });
  });

  it(
    'the dashboard and a shared link name a what-if that is not a plain decimal',
    { timeout: 30_000 },
    async () => {
      for (const raw of ['0x1', '1e-1', 'Infinity']) {
        const query = `?fit=${encodeURIComponent(raw)}`;
        for (const [loader, path, params] of [
          [dashboardLoader, `/scenarios/${ID}${query}`, { id: ID }],
          [sharedLoader, `/s/${token}${query}`, { token }],
        ] as const) {
          const response = (await loader({
            request: makeRequest(path, { headers: { 'Accept-Language': 'en' } }),
            params,
            context: {},
          } as never)) as Response;
          const body = (await response.json()) as { whatIf: Record<string, number>; paramErrors: string[] };
          expect(body.whatIf.fit, `${path}`).toBeUndefined();
          expect(body.paramErrors.join(' '), path).toMatch(/^fit: /);
        }
      }
    },
  );

  it(
    'refuses hex and exponent versions and days in the pages’ posts, storing nothing',
    { timeout: 30_000 },
    async () => {
      const form = (path: string, fields: Record<string, string>) =>
        makeRequest(path, {
          method: 'POST',
          headers: { 'Content-Type': FORM, 'Accept-Language': 'en' },
          body: new URLSearchParams(fields).toString(),
        });
      const posts: [Action, string, Record<string, string>, Record<string, string>][] = [];
      for (const bad of ['0x1', '1e0', ' 1 ', '0b1']) {
        posts.push(
          [
            dashboardAction,
            `/scenarios/${ID}`,
            { id: ID },
            { baseVersion: bad, savedBy: 'A', whatIf: 'fit=0.5' },
          ],
          [dashboardAction, `/scenarios/${ID}`, { id: ID }, { intent: 'share', version: bad, whatIf: '' }],
          [
            dashboardAction,
            `/scenarios/${ID}`,
            { id: ID },
            { intent: 'share', version: '1', whatIf: '', expiresInDays: bad === '1e0' ? '7e0' : `${bad}7` },
          ],
          [
            editAction,
            `/scenarios/${ID}/edit`,
            { id: ID },
            { baseVersion: bad, intent: 'save', savedBy: 'A' },
          ],
          [
            dataAction,
            `/scenarios/${ID}/data`,
            { id: ID },
            { datasetId: 'x', workflowId: 'y', baseVersion: bad, savedBy: 'A' },
          ],
          [versionsAction, `/scenarios/${ID}/versions`, { id: ID }, { version: bad, savedBy: 'A' }],
        );
      }
      for (const [action, path, params, fields] of posts) {
        const response = await expectNothingChanges(() => answer(action, form(path, fields), params));
        expect(response.status, `${path} ${JSON.stringify(fields)}`).toBe(400);
      }
    },
  );
});
