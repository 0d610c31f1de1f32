/**
 * The new-case flow (/scenarios/new, /scenarios/new/:draftId?step=…): loaders and actions
 * against a real SQLite file. The director's case is walked by posts only, as a browser posts
 * (every field the page shows, with what the director typed): 200 beds, “800万”, “15%”, nursing
 * documentation, three options (buy per seat, build on the premises, pilot first), then saved.
 * Refused posts, checks of a step, and addresses that are no page.
 */
import { afterAll, describe, expect, it } from 'vitest';

import { compileScenario, runModel, validateScenario } from '~/engine';
import { getDraft, MAX_DRAFT_CHARS, updateDraft } from '~/models/drafts.server';
import { getScenario } from '~/models/scenarios.server';
import type { NewCaseData } from '~/new-case/new-case.server';
import { action as editAction, loader as editLoader } from '~/routes/scenarios.$id.edit';
import { loader as listLoader } from '~/routes/scenarios._index';
import { action as newAction, loader as newLoader } from '~/routes/scenarios.new._index';
import { action as stepAction, loader as stepLoader } from '~/routes/scenarios.new.$draftId';

import {
  call,
  callThrowing,
  closeAndRemoveTempDatabases,
  countRows,
  expectNoLeak,
  expectNothingChanges,
  makeRequest,
  useTempDatabase,
} from './helpers';

useTempDatabase('new-case');
afterAll(() => closeAndRemoveTempDatabases());

type Lang = 'zh-CN' | 'en';
type Page = NewCaseData;
type Field = Page['page']['sections'][number]['fields'][number];
type Section = Page['page']['sections'][number];

const fieldsOf = (sections: readonly Section[]): Field[] =>
  sections.flatMap((s) => [...s.fields, ...fieldsOf(s.children ?? [])]);

/** The page of a step (the first step of a new case when there is no draft yet). */
async function load(draftId: string | null, step?: string, query = '', lang: Lang = 'en') {
  const headers = { 'Accept-Language': lang };
  if (draftId === null) return call<Page>(newLoader, makeRequest('/scenarios/new', { headers }));
  const search = new URLSearchParams(step ? { step } : {}).toString();
  return call<Page>(stepLoader, makeRequest(`/scenarios/new/${draftId}?${search}${query}`, { headers }), {
    draftId,
  });
}

/** What a browser posts from a page: every field as shown (range ends too), then what was typed. */
function formOf(page: Page, typed: Record<string, string>): URLSearchParams {
  const form = new URLSearchParams();
  for (const f of fieldsOf(page.page.sections)) {
    form.set(f.name, f.value);
    if (f.range && 'lowName' in f.range) {
      form.set(f.range.lowName, f.range.low);
      form.set(f.range.highName, f.range.high);
    }
  }
  for (const [name, value] of Object.entries(typed)) form.set(name, value);
  return form;
}

/** Posts a step's form; the answer as the browser gets it. */
async function post(
  draftId: string | null,
  step: string,
  form: URLSearchParams,
  lang: Lang = 'en',
): Promise<Response> {
  const headers = { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': lang };
  const body = form.toString();
  if (draftId === null)
    return newAction({
      request: makeRequest('/scenarios/new', { method: 'POST', headers, body }),
      params: {},
      context: {},
    } as never) as Promise<Response>;
  return stepAction({
    request: makeRequest(`/scenarios/new/${draftId}?step=${step}`, { method: 'POST', headers, body }),
    params: { draftId },
    context: {},
  } as never) as Promise<Response>;
}

/** Loads a step, posts it back with what was typed and the button pressed. */
async function submit(
  draftId: string | null,
  step: string,
  typed: Record<string, string>,
  lang: Lang = 'en',
): Promise<Response> {
  const page = await load(draftId, step, '', lang);
  expect(page.status).toBe(200);
  return post(draftId, step, formOf(page.body, typed), lang);
}

const location = (response: Response) => new URL(response.headers.get('Location') ?? '', 'http://localhost');
const draftOf = (response: Response) => location(response).pathname.split('/').pop()!;

/** The director's hospital, as typed on the first step. */
const HOSPITAL = {
  't:name': '护理文书助手：采购、自建还是先试点',
  't:hospital.name': '青山县人民医院',
  's:hospital.type': 'county',
  's:hospital.grade': 'level2',
  'n:hospital.beds': '200',
  'n:hospital.roles.physician.headcount': '60',
  'n:hospital.roles.nurse.headcount': '120',
};

/** A value a director might type into an asked field, by what the field holds. */
function typedFor(name: string): string {
  const field = name.slice(name.lastIndexOf('.') + 1);
  if (field === 'unitPrice') return '150';
  if (field === 'capexPerServer') return '12万';
  if (field === 'amount') return '5万';
  if (field === 'claimedReduction') return '30%';
  if (field === 'minNetMinutesPerTask') return '1';
  if (/Minutes/.test(field)) return '2';
  throw new Error(`no value for ${name}`);
}

describe('the director’s case, by posts only', () => {
  let draftId = '';

  it('hospital: 200 beds, staff counted; the estimates follow the beds', async () => {
    const first = await load(null);
    expect(first.body.draftId).toBeNull();
    expect(first.body.step).toBe('hospital');
    const response = await submit(null, 'hospital', { ...HOSPITAL, intent: 'next' });
    expect(response.status).toBe(302);
    draftId = draftOf(response);
    expect(location(response).searchParams.get('step')).toBe('budget');
    const doc = getDraft(draftId)!.document;
    expect(doc.hospital.beds).toBe(200);
    expect(doc.hospital.dischargesPerYear).toBe(7474);
    expect(doc.hospital.outpatientVisitsPerYear).toBe(130048);
    expect(doc.hospital.name).toBe('青山县人民医院');
  }, 20_000);

  it('budget: “800万” and “15%”', async () => {
    const page = await load(draftId, 'budget');
    expect(page.body.hospitalName).toBe('青山县人民医院');
    const response = await submit(draftId, 'budget', {
      'n:budget.informatizationBaseAnnual': '800万',
      'n:budget.aiShare': '15%',
      intent: 'next',
    });
    expect(response.status).toBe(302);
    expect(location(response).searchParams.get('step')).toBe('workflows');
    const doc = getDraft(draftId)!.document;
    expect(doc.budget.informatizationBaseAnnual).toBe(8_000_000);
    expect(doc.budget.aiShare).toBe(0.15);
  });

  it('use case: nursing documentation; next before the asked minutes are given stays, with the problems listed', async () => {
    const added = await submit(draftId, 'workflows', {
      intent: 'addWorkflow',
      'new:useCase': 'nursingDocumentation',
    });
    expect(added.status).toBe(302);
    expect(location(added).searchParams.get('step')).toBe('workflows');
    expect(location(added).hash).toMatch(/^#wf-/);
    expect(getDraft(draftId)!.document.workflows).toHaveLength(2);

    const early = await submit(draftId, 'workflows', { intent: 'next' });
    expect(early.status).toBe(302);
    expect(location(early).searchParams.get('step')).toBe('workflows');
    expect(location(early).searchParams.get('check')).toBe('1');
    const checked = await load(draftId, 'workflows', '&check=1');
    const problems = checked.body.page.problems;
    expect(problems.map((p) => `${p.place}: ${p.message}`)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Workflow “Nursing records” · .*: Required$/),
        expect.stringMatching(/^Workflow “Admission nursing assessment” · .*: Required$/),
      ]),
    );
    for (const p of problems) {
      expect(p.anchor).toBeTruthy();
      expect(`${p.place} ${p.message}`).not.toMatch(/workflows\.|wf-\d/);
    }

    const fields = fieldsOf(checked.body.page.sections).filter((f) =>
      f.name.endsWith('.baselineMinutesPerTask'),
    );
    expect(fields).toHaveLength(2);
    const done = await submit(draftId, 'workflows', {
      [fields[0]!.name]: '8',
      [fields[1]!.name]: '15分钟',
      intent: 'next',
    });
    expect(done.status).toBe(302);
    expect(location(done).searchParams.get('step')).toBe('options');
    expect(getDraft(draftId)!.document.workflows.map((w) => w.baselineMinutesPerTask)).toEqual([8, 15]);
  });

  it('options: buy per seat, build on the premises, pilot first; the asked fields filled where the check names them', async () => {
    for (const [pricing, name] of [
      ['buy:perSeat', '采购：按席位订阅'],
      ['build:onPremServers', '自建：本地服务器'],
      ['pilot:pilotFee', '先试点'],
    ]) {
      const response = await submit(draftId, 'options', {
        intent: 'addOption',
        'new:pricing': pricing!,
        'new:optionName': name!,
      });
      expect(response.status, pricing).toBe(302);
      expect(location(response).hash).toMatch(/^#opt-/);
    }
    const doc = getDraft(draftId)!.document;
    expect(doc.options.map((o) => [o.name, o.kind])).toEqual([
      ['采购：按席位订阅', 'buy'],
      ['自建：本地服务器', 'build'],
      ['先试点', 'pilot'],
    ]);

    const early = await submit(draftId, 'options', { intent: 'next' });
    expect(location(early).searchParams.get('check')).toBe('1');
    const checked = await load(draftId, 'options', '&check=1');
    expect(checked.body.page.problems.length).toBeGreaterThan(0);
    const fields = fieldsOf(checked.body.page.sections);
    const asked: Record<string, string> = {};
    for (const p of checked.body.page.problems) {
      expect(`${p.place} ${p.message}`).not.toMatch(/options\.|costLines|opt-\d|line-\d/);
      const field = fields.find((f) => `f-${f.name.replace(/[^A-Za-z0-9_-]/g, '_')}` === p.anchor);
      expect(field, `${p.place}: ${p.message}`).toBeDefined();
      asked[field!.name] = typedFor(field!.name);
    }
    // The per-seat price is among them: nobody published one (4.17).
    expect(Object.keys(asked).some((n) => n.endsWith('.unitPrice'))).toBe(true);
    const done = await submit(draftId, 'options', { ...asked, intent: 'next' });
    expect(done.status).toBe(302);
    expect(location(done).searchParams.get('step')).toBe('review');
    expect(location(done).searchParams.get('check')).toBeNull();
  });

  it('review, then create: a scenario whose AI budget is 1,200,000 every year, the hospital as typed, three options', async () => {
    const review = await load(draftId, 'review');
    expect(review.body.page.problems).toEqual([]);
    expect(review.body.review).not.toBeNull();
    expect(review.body.review!.budget).toContain('CNY 1,200,000');
    expect(review.body.review!.options).toHaveLength(3);

    const before = countRows('scenarios');
    // The version is saved under the signed-in user's name (a typed one is ignored).
    const created = await submit(draftId, 'review', { intent: 'create', savedBy: '王院长' });
    expect(created.status).toBe(302);
    const target = location(created);
    expect(target.searchParams.get('saved')).toBe('1');
    const id = target.pathname.split('/').pop()!;
    expect(countRows('scenarios')).toBe(before + 1);
    const saved = getScenario(id)!;
    expect(saved.document.hospital.name).toBe('青山县人民医院');
    expect(saved.document.hospital.beds).toBe(200);
    expect(saved.document.options.map((o) => o.kind)).toEqual(['buy', 'build', 'pilot']);
    expect(saved.document.options.find((o) => o.kind === 'pilot')!.pilot!.scaleUpOptionId).toBe(
      saved.document.options[0]!.id,
    );
    const v = validateScenario(saved.document);
    expect(v.ok).toBe(true);
    const result = runModel(compileScenario(saved.document), undefined, { lang: 'en' });
    for (const option of result.options) {
      expect(option.years).toHaveLength(5);
      for (const year of option.years) expect(year.budget).toBe(1_200_000);
    }
    // The draft became the scenario: it is gone.
    expect(getDraft(draftId)).toBeNull();
    const gone = await callThrowing(stepLoader, makeRequest(`/scenarios/new/${draftId}?step=review`), {
      draftId,
    });
    expect(gone.status).toBe(404);
  });
});

describe('refused posts', () => {
  /** A draft of a new case past its first step. */
  async function aDraft(): Promise<string> {
    const response = await submit(null, 'hospital', { ...HOSPITAL, intent: 'next' });
    expect(response.status).toBe(302);
    return draftOf(response);
  }

  it('an unreadable number answers 400 with the field’s place in words, what was typed shown again', async () => {
    const draftId = await aDraft();
    for (const lang of ['en', 'zh-CN'] as const) {
      const response = await submit(draftId, 'hospital', { 'n:hospital.beds': '1e3', intent: 'next' }, lang);
      expect(response.status).toBe(400);
      const text = await response.clone().text();
      expectNoLeak(text);
      const body = (await response.json()) as Page;
      const problem = body.page.problems[0]!;
      if (lang === 'en') {
        expect(problem.place).toBe('Hospital · Beds');
        expect(problem.message).toMatch(/[Ss]cientific notation/);
      } else {
        expect(problem.place).toBe('医院概况 · 床位数');
        expect(problem.message).toMatch(/科学计数法/);
      }
      expect(problem.anchor).toBe('f-n_hospital_beds');
      expect(fieldsOf(body.page.sections).find((f) => f.name === 'n:hospital.beds')!.value).toBe('1e3');
      expect(body.step).toBe('hospital');
      // The beds are not changed.
      expect(getDraft(draftId)!.document.hospital.beds).toBe(200);
    }
  });

  // BUG: app/new-case/new-case.server.ts, postNewCase: the draft is written (updateDraft, or
  // createDraft on the first post) before `posted.state.errors` and `posted.refused` are looked
  // at, so a refused post stores the rest of the form, the step it was going to
  // (`destination`) and a new updatedAt — the editor (editor.server.ts) stores nothing on a
  // refused post. Expected: no row changes; actual: the drafts row changes.
  it('an unreadable number stores nothing (a draft of a new case)', async () => {
    const draftId = await aDraft();
    const page = await load(draftId, 'hospital');
    await expectNothingChanges(async () => {
      const response = await post(
        draftId,
        'hospital',
        formOf(page.body, { 'n:hospital.beds': '1e3', 't:hospital.name': '别的名字', intent: 'next' }),
      );
      expect(response.status).toBe(400);
    });
  });

  // BUG: the same in postNewCase for the first post of a new case: createDraft runs before the
  // refusal, so a draft row is inserted for a post that was refused with 400.
  it('an unreadable number on the first post makes no draft', async () => {
    const first = await load(null);
    await expectNothingChanges(async () => {
      const response = await post(
        null,
        'hospital',
        formOf(first.body, { ...HOSPITAL, 'n:hospital.beds': '0x10', intent: 'next' }),
      );
      expect(response.status).toBe(400);
    });
  });

  it('next with a required field missing comes back to the same step with check=1, and its page lists the problem', async () => {
    const draftId = await aDraft();
    const response = await submit(draftId, 'hospital', { 't:hospital.name': '', intent: 'next' });
    expect(response.status).toBe(302);
    expect(location(response).pathname).toBe(`/scenarios/new/${draftId}`);
    expect(location(response).searchParams.get('step')).toBe('hospital');
    expect(location(response).searchParams.get('check')).toBe('1');
    const checked = await load(draftId, 'hospital', '&check=1');
    expect(checked.body.page.problems).toContainEqual(
      expect.objectContaining({ place: 'Hospital · Name', anchor: 'f-t_hospital_name' }),
    );
    // Without check=1 the same page lists nothing.
    expect((await load(draftId, 'hospital')).body.page.problems).toEqual([]);
  });

  it('a pilot before any buy or build option is refused in words (400)', async () => {
    const draftId = await aDraft();
    const response = await submit(draftId, 'options', {
      intent: 'addOption',
      'new:pricing': 'pilot:pilotFee',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Page;
    expect(body.refused).toMatch(/A pilot needs a buy or build option/);
    expect(getDraft(draftId)!.document.options).toEqual([]);
  });

  it('a post that would leave the case too large to keep is refused in words, and nothing is stored', async () => {
    const draftId = await aDraft();
    // A case already at the limit (long texts everywhere): the next post would grow it past.
    const atLimit = { ...getDraft(draftId)!.document, description: 'x'.repeat(MAX_DRAFT_CHARS) };
    updateDraft(draftId, atLimit, 'hospital');
    for (const lang of ['en', 'zh-CN'] as const) {
      const response = await submit(draftId, 'hospital', { 'n:hospital.beds': '300', intent: 'next' }, lang);
      expect(response.status).toBe(400);
      const body = (await response.json()) as Page;
      expect(body.refused).toMatch(lang === 'en' ? /too large to keep \(at most 1 MB/ : /太大，无法保存/);
      expect(getDraft(draftId)!.document).toEqual(atLimit);
    }
  });

  it('create on a case that is not complete answers 400 on the review step, with its problems', async () => {
    const draftId = await aDraft();
    const response = await submit(draftId, 'review', { intent: 'create', savedBy: '王院长' });
    expect(response.status).toBe(400);
    const body = (await response.json()) as Page;
    expect(body.step).toBe('review');
    expect(body.page.problems.length).toBeGreaterThan(0);
    expect(body.page.problems.map((p) => p.place).join('\n')).not.toMatch(/options\.|workflows\.|budget\./);
  });
});

describe('addresses that are no page', () => {
  it('an unknown draft id: 404 from the loader and the action', async () => {
    const loaded = await callThrowing(stepLoader, makeRequest('/scenarios/new/nope?step=budget'), {
      draftId: 'nope',
    });
    expect(loaded.status).toBe(404);
    const posted = await expectNothingChanges(() =>
      callThrowing(
        stepAction,
        makeRequest('/scenarios/new/nope?step=budget', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'intent=next&n%3Ahospital.beds=10',
        }),
        { draftId: 'nope' },
      ),
    );
    expect(posted.status).toBe(404);
  });

  it('a step that is not a step: 404', async () => {
    const response = await submit(null, 'hospital', { ...HOSPITAL, intent: 'next' });
    const draftId = draftOf(response);
    for (const step of ['payment', 'Hospital', '', 'review ']) {
      const loaded = await callThrowing(
        stepLoader,
        makeRequest(`/scenarios/new/${draftId}?step=${encodeURIComponent(step)}`),
        { draftId },
      );
      expect(loaded.status, step).toBe(404);
    }
    const posted = await expectNothingChanges(() =>
      callThrowing(
        stepAction,
        makeRequest(`/scenarios/new/${draftId}?step=payment`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'intent=next',
        }),
        { draftId },
      ),
    );
    expect(posted.status).toBe(404);
    // No step at all is the first one.
    expect((await load(draftId)).body.step).toBe('hospital');
  });

  it('the draft of an existing scenario’s editor is not a new case', async () => {
    const id = 'county-hospital-300-beds';
    const edited = (await editAction({
      request: makeRequest(`/scenarios/${id}/edit`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          baseVersion: '1',
          intent: 'addOption',
          'new:pricing': 'buy:licence',
        }).toString(),
      }),
      params: { id },
      context: {},
    } as never)) as Response;
    expect(edited.status).toBe(302);
    const draftId = location(edited).searchParams.get('draft')!;
    expect(getDraft(draftId)!.scenarioId).toBe(id);
    const loaded = await callThrowing(stepLoader, makeRequest(`/scenarios/new/${draftId}?step=options`), {
      draftId,
    });
    expect(loaded.status).toBe(404);
    const posted = await expectNothingChanges(() =>
      callThrowing(
        stepAction,
        makeRequest(`/scenarios/new/${draftId}?step=options`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: 'intent=create&savedBy=x',
        }),
        { draftId },
      ),
    );
    expect(posted.status).toBe(404);
  });
});

describe('estimates across the steps', () => {
  // BUG: blankCase (app/builder/templates.ts) marks the budget as estimated (budgetPerBed) while it
  // has no number; the first post of the hospital step runs syncReferences
  // (app/builder/references.ts via apply.ts / case-form.server.ts), which drops every source whose
  // path holds no number, so the mark is lost. The budget step then shows an empty box with the
  // text “Your number. The reference figures give CNY 1,620,000 … Empty the box to use the
  // estimate.” although the director typed nothing. Expected: the box shows 1,620,000 as an estimate.
  it('the budget step shows the budget estimated from the beds typed on the hospital step', async () => {
    const response = await submit(null, 'hospital', { ...HOSPITAL, intent: 'next' });
    const draftId = draftOf(response);
    const page = await load(draftId, 'budget');
    const budget = fieldsOf(page.body.page.sections).find(
      (f) => f.name === 'n:budget.informatizationBaseAnnual',
    )!;
    expect(budget.estimate).toMatchObject({ typed: false });
    expect(budget.value).toBe('1,620,000');
  });

  it('an estimated box left empty on the budget step takes the estimate', async () => {
    const response = await submit(null, 'hospital', { ...HOSPITAL, intent: 'next' });
    const draftId = draftOf(response);
    const next = await submit(draftId, 'budget', { 'n:budget.aiShare': '15%', intent: 'next' });
    expect(next.status).toBe(302);
    const doc = getDraft(draftId)!.document;
    expect(doc.budget.informatizationBaseAnnual).toBe(1_620_000);
    expect(doc.sources!['budget.informatizationBaseAnnual']).toMatchObject({ estimate: 'budgetPerBed' });
  });
});

describe('unfinished work is found again', () => {
  it('the list page offers a new case begun and not finished, at the step it was left', async () => {
    const started = await submit(null, 'hospital', { ...HOSPITAL, intent: 'next' });
    const draftId = draftOf(started);
    const list = await call<{ unfinished: { href: string; name: string }[] }>(
      listLoader,
      makeRequest('/scenarios', { headers: { 'Accept-Language': 'zh-CN' } }),
    );
    expect(list.body.unfinished).toContainEqual(
      expect.objectContaining({ href: `/scenarios/new/${draftId}?step=budget`, name: HOSPITAL['t:name'] }),
    );
  });

  it('the editor opened again offers the edits left unsaved, and keeps one draft per case', async () => {
    const edit = (fields: Record<string, string>) =>
      editAction({
        request: makeRequest('/scenarios/county-hospital-300-beds/edit', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Accept-Language': 'en' },
          body: new URLSearchParams(fields).toString(),
        }),
        params: { id: 'county-hospital-300-beds' },
        context: {},
      } as never) as Promise<Response>;
    const first = await edit({ baseVersion: '1', intent: 'refresh', 'n:hospital.beds': '310' });
    const firstDraft = new URL(first.headers.get('Location')!, 'http://x').searchParams.get('draft')!;
    const page = await call<{ resume: { href: string; when: string } | null }>(
      editLoader,
      makeRequest('/scenarios/county-hospital-300-beds/edit', { headers: { 'Accept-Language': 'en' } }),
      { id: 'county-hospital-300-beds' },
    );
    expect(page.body.resume?.href).toBe(`/scenarios/county-hospital-300-beds/edit?draft=${firstDraft}`);
    // Beijing time, to the minute.
    expect(page.body.resume?.when).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    // Starting afresh instead replaces it: one draft of edits per case.
    const second = await edit({ baseVersion: '1', intent: 'refresh', 'n:hospital.beds': '320' });
    const secondDraft = new URL(second.headers.get('Location')!, 'http://x').searchParams.get('draft')!;
    expect(getDraft(firstDraft)).toBeNull();
    expect(getDraft(secondDraft)!.document.hospital.beds).toBe(320);
  });
});
