/**
 * Issue 15: one request must never crash or fool a page. Every page action answers what no
 * form sends with 405 (and Allow), 415 or 400 in the user's language, storing nothing; the
 * language switch goes back to a path on this site only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createDraft } from '~/models/drafts.server';
import { createShare } from '~/models/shares.server';
import { getScenario } from '~/models/scenarios.server';
import { action as langAction } from '~/routes/lang';
import { action as shareAction } from '~/routes/s.$token';
import { action as dashboardAction } from '~/routes/scenarios.$id._index';
import { action as dataAction } from '~/routes/scenarios.$id.data';
import { action as editAction } from '~/routes/scenarios.$id.edit';
import { action as versionsAction } from '~/routes/scenarios.$id.versions';
import { action as listAction } from '~/routes/scenarios._index';
import { action as newCaseStepAction } from '~/routes/scenarios.new.$draftId';
import { action as newCaseAction } from '~/routes/scenarios.new._index';

import { GUARD_MESSAGES } from '../../request-guards.js';
import { closeAndRemoveTempDatabases, expectNothingChanges, makeRequest, useTempDatabase } from './helpers';

useTempDatabase('page-requests');
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'township-health-centre-api';
type Action = (args: never) => unknown;
let pages: { name: string; path: string; params: Record<string, string>; action: Action }[] = [];

beforeAll(() => {
  const scenario = getScenario(ID)!;
  const draft = createDraft(scenario.document, { step: 'hospital' });
  const share = createShare(ID, {});
  if (share.status !== 'created') throw new Error('no share');
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
});

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
  { method: 'POST', type: 'multipart/form-data', body: 'x', status: 415, code: 'unsupportedMediaType' },
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
        for (const lang of ['zh-CN', 'en'] as const) {
          const response = await expectNothingChanges(() =>
            answer(
              page.action,
              makeRequest(page.path, {
                method: 'POST',
                headers: { 'Content-Type': 'multipart/form-data; boundary=zzz', 'Accept-Language': lang },
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
