/**
 * What-if sharing links against a real SQLite file: made through the API and the dashboard,
 * opened read-only with their what-if (the address's knobs over it), counted, revoked,
 * expired, forked into a new scenario; tokens stored only as hashes; refusals store nothing
 * and never say which scenario a link was for.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { documentWithWhatIf } from '~/dashboard/dashboard.server';
import { getScenario, listScenarios } from '~/models/scenarios.server';
import { action as shareApi } from '~/routes/api.scenarios.$id.share';
import { action as revokeApi } from '~/routes/api.share.$token';
import { action as dashboardAction, loader as dashboardLoader } from '~/routes/scenarios.$id._index';
import { action as keepCopy, loader as sharedLoader } from '~/routes/s.$token';
import { copyName } from '~/shares/shared-view.server';

import {
  call,
  callThrowing,
  closeAndRemoveTempDatabases,
  expectErrorShape,
  expectNothingChanges,
  makeRequest,
  sqlite,
  useTempDatabase,
  type ErrorBody,
} from './helpers';

useTempDatabase('shares');
afterAll(() => closeAndRemoveTempDatabases());

const ID = 'county-hospital-300-beds';

type Created = { url: string; token: string; version: number; expiresAt: string | null };
type Shared = { title: string; version: number; whatIf: Record<string, number>; paramErrors: string[] };

const share = (json: unknown, id = ID, lang = 'en') =>
  call<Created & ErrorBody>(
    shareApi,
    makeRequest(`/api/scenarios/${id}/share`, { method: 'POST', json, headers: { 'Accept-Language': lang } }),
    { id },
  );
const open = (token: string, query = '') =>
  call<Shared>(sharedLoader, makeRequest(`/s/${token}${query}`, { headers: { 'Accept-Language': 'en' } }), {
    token,
  });
const revoke = (token: string) =>
  call<ErrorBody>(revokeApi, makeRequest(`/api/share/${token}`, { method: 'DELETE' }), { token });
const form = (path: string, fields: Record<string, string>) =>
  makeRequest(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
    body: new URLSearchParams(fields).toString(),
  });

describe('making a link', () => {
  it('answers url, token, version and expiry; stores the token only as its hash', async () => {
    const answer = await share({ expiresInDays: 30, overrides: { fit: 0.6 } });
    expect(answer.status).toBe(201);
    expect(answer.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(answer.body.url).toBe(`http://localhost/s/${answer.body.token}`);
    expect(answer.body.version).toBe(1);
    const days = (Date.parse(answer.body.expiresAt!) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    // Nothing in the database holds the token itself.
    const dump = JSON.stringify(sqlite().prepare('SELECT * FROM share_links').all());
    expect(dump).not.toContain(answer.body.token);
    expect(dump).toContain('"overrides":"{\\"fit\\":0.6}"');
  }, 20_000);

  it('names every bad field and stores nothing; 404 for an unknown scenario or version', async () => {
    const bad = await expectNothingChanges(() =>
      share({ version: 0, expiresInDays: 0, overrides: { fit: 2, colour: 1 }, extra: true }),
    );
    expect(bad.status).toBe(400);
    const paths = expectErrorShape(bad.body)
      .errors.map((e) => e.path)
      .sort();
    expect(paths).toEqual(['', 'expiresInDays', 'overrides', 'overrides.fit', 'version'].sort());
    const noScenario = await expectNothingChanges(() => share({}, 'no-such-scenario'));
    expect(noScenario.status).toBe(404);
    const noVersion = await expectNothingChanges(() => share({ version: 99 }));
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.errors[0]!.path).toBe('version');
    // A version of a scenario that does not exist: it is the scenario that is missing.
    const neither = await expectNothingChanges(() => share({ version: 1 }, 'no-such-scenario'));
    expect(neither.status).toBe(404);
    expect(neither.body.errors[0]!.code).toBe('notFound');
    const notJson = await call(
      shareApi,
      makeRequest(`/api/scenarios/${ID}/share`, {
        method: 'POST',
        body: 'fit=1',
        headers: { 'Content-Type': 'text/plain' },
      }),
      { id: ID },
    );
    expect(notJson.status).toBe(415);
  });
});

describe('opening a link', () => {
  it('shows the pinned version with the link’s what-if, the address’s knobs over it, and counts the view', async () => {
    const { body } = await share({ overrides: { fit: 0.6, tokenPrice: 2 } });
    const first = await open(body.token);
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(1);
    expect(first.body.whatIf).toEqual({ fit: 0.6, tokenPrice: 2 });
    const second = await open(body.token, '?fit=0.4&colour=red&adoption=7');
    expect(second.body.whatIf).toEqual({ fit: 0.4, tokenPrice: 2 });
    expect(second.body.paramErrors.sort()).toEqual([
      'adoption: Must be at most 1',
      'colour: Unknown field(s): colour',
    ]);
    const row = sqlite()
      .prepare('SELECT views, last_viewed_at FROM share_links ORDER BY created_at DESC LIMIT 1')
      .get() as {
      views: number;
      last_viewed_at: string | null;
    };
    expect(row.views).toBe(2);
    expect(row.last_viewed_at).not.toBeNull();
  });

  it('pins its version: a later save does not change what the link shows', async () => {
    const { body } = await share({ version: 1 });
    const v1 = getScenario(ID, 1)!;
    const saved = await call(
      dashboardAction,
      form(`/scenarios/${ID}`, { baseVersion: '1', savedBy: 'A', whatIf: 'discountRate=0.05' }),
      { id: ID },
    );
    expect(saved.status).toBe(302);
    expect(getScenario(ID)!.version).toBe(2);
    const shown = await open(body.token);
    expect(shown.body.version).toBe(1);
    expect((shown.body as unknown as { document: unknown }).document).toEqual(
      JSON.parse(JSON.stringify(v1.document)),
    );
  });

  it('is 404 for an unknown or malformed token and 410 once revoked or expired, naming no scenario', async () => {
    const unknown = await callThrowing(sharedLoader, makeRequest('/s/x'), { token: 'A'.repeat(43) });
    expect(unknown.status).toBe(404);
    const malformed = await callThrowing(sharedLoader, makeRequest('/s/x'), {
      token: "'; DROP TABLE share_links; --",
    });
    expect(malformed.status).toBe(404);

    const { body } = await share({});
    expect((await revoke(body.token)).status).toBe(204);
    const revoked = await callThrowing(sharedLoader, makeRequest('/s/x'), { token: body.token });
    expect(revoked.status).toBe(410);
    expect(await revoked.text()).not.toMatch(/county|县医院|scenario/i);
    expect((await revoke(body.token)).status).toBe(410);
    expect((await revoke('B'.repeat(43))).status).toBe(404);

    const expiring = await share({ expiresInDays: 1 });
    sqlite()
      .prepare(
        "UPDATE share_links SET expires_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 minute') WHERE expires_at IS NOT NULL",
      )
      .run();
    const expired = await callThrowing(sharedLoader, makeRequest('/s/x'), { token: expiring.body.token });
    expect(expired.status).toBe(410);
    // An expired link can still be revoked, once.
    expect((await revoke(expiring.body.token)).status).toBe(204);
    expect((await revoke(expiring.body.token)).status).toBe(410);
  });
});

describe('keeping a copy', () => {
  it('names the copy in the languages of the name, a plain name in the viewer’s, and keeps a name too long for it', () => {
    expect(copyName('县医院', 'zh-CN')).toBe('县医院（副本）');
    expect(copyName('County', 'en')).toBe('County (copy)');
    expect(copyName({ en: 'County' }, 'zh-CN')).toEqual({ en: 'County (copy)' });
    const long = 'x'.repeat(500);
    expect(copyName(long, 'en')).toBe(long);
  });

  it('forks the shared version with the viewer’s what-if into a new scenario', async () => {
    const { body } = await share({ version: 1, overrides: { fit: 0.6 } });
    const before = listScenarios().length;
    const kept = await call(keepCopy, form(`/s/${body.token}`, { savedBy: '财务科', whatIf: 'fit=0.5' }), {
      token: body.token,
    });
    expect(kept.status).toBe(302);
    const id = kept.headers.get('Location')!.replace('/scenarios/', '');
    expect(listScenarios()).toHaveLength(before + 1);
    const copy = getScenario(id)!;
    expect(copy.note).toBe('Copied from a shared link (version 1, fit=0.5)');
    // The list tells the copy from the original: "(copy)" in each language of the name.
    const original = getScenario(ID)!.document.name as { 'zh-CN': string; en: string };
    expect(copy.document.name).toEqual({
      'zh-CN': `${original['zh-CN']}（副本）`,
      en: `${original.en} (copy)`,
    });
    const fits = copy.document.options
      .flatMap((o) => o.effects)
      .flatMap((e) => (e.basis === 'claimed' ? [e.fit] : []));
    expect(fits.every((f) => f === 0.5)).toBe(true);
  });

  it('refuses a bad what-if, and once the link is revoked, storing nothing', async () => {
    const { body } = await share({});
    const badWhatIf = await expectNothingChanges(() =>
      call<{ error: string }>(keepCopy, form('/s/x', { savedBy: 'A', whatIf: 'fit=9' }), {
        token: body.token,
      }),
    );
    expect(badWhatIf.status).toBe(400);
    expect(badWhatIf.body.error).toBe('fit: Must be at most 1');
    await revoke(body.token);
    const gone = await callThrowing(keepCopy, form('/s/x', { savedBy: 'A' }), { token: body.token });
    expect(gone.status).toBe(410);
  });
});

describe('a document with a what-if (saving one, keeping a copy)', () => {
  it('writes the knobs into the inputs and validates, or answers 400 naming each bad knob', async () => {
    const document = getScenario(ID, 1)!.document;
    const made = documentWithWhatIf(document, 'discountRate=0.06', 'en');
    expect(made.ok && made.scenario.discountRate).toBe(0.06);
    expect(document.discountRate).not.toBe(0.06);
    const unchanged = documentWithWhatIf(document, '', 'en');
    expect(unchanged.ok && unchanged.scenario).toEqual(document);
    const bad = documentWithWhatIf(document, 'fit=9&colour=1', 'en');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.answer.status).toBe(400);
    const { error } = (await bad.answer.json()) as { error: string };
    expect(error.split('; ').sort()).toEqual(['colour: Unknown field(s): colour', 'fit: Must be at most 1']);
  });
});

describe('the owner’s dashboard', () => {
  it('makes a link with the current what-if (shown once), lists links with views, and revokes one', async () => {
    const made = await call<{ shareUrl: string }>(
      dashboardAction,
      form(`/scenarios/${ID}`, { intent: 'share', version: '2', whatIf: 'fit=0.7', expiresInDays: '7' }),
      { id: ID },
    );
    expect(made.status).toBe(200);
    const token = made.body.shareUrl.split('/s/')[1]!;
    await open(token);
    const page = await call<{
      shares: { id: string; version: number; overrides: unknown; views: number; revokedAt: string | null }[];
    }>(dashboardLoader, makeRequest(`/scenarios/${ID}`), { id: ID });
    const link = page.body.shares.find(
      (s) => s.version === 2 && JSON.stringify(s.overrides) === '{"fit":0.7}',
    )!;
    expect(link.views).toBe(1);
    expect(JSON.stringify(page.body.shares)).not.toContain(token);
    const revoked = await call(
      dashboardAction,
      form(`/scenarios/${ID}`, { intent: 'revokeShare', linkId: link.id }),
      { id: ID },
    );
    expect(revoked.status).toBe(302);
    expect((await callThrowing(sharedLoader, makeRequest('/s/x'), { token })).status).toBe(410);
    const badShare = await expectNothingChanges(() =>
      call<{ error: string }>(
        dashboardAction,
        form(`/scenarios/${ID}`, { intent: 'share', version: '1', whatIf: 'fit=3' }),
        { id: ID },
      ),
    );
    expect(badShare.status).toBe(400);
  });
});
