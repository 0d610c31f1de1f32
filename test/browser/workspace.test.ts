/**
 * The planning workspace in real headless Chromium against the built server (`node server.js`)
 * with a fresh database: copy an example, edit a case in its forms, what-if, language,
 * no-JavaScript, versions, accessibility basics and screenshots for a person to look at
 * (test-results/screenshots/). The new-case steps have their own file (new-case.test.ts).
 * Everything is done by a planner of the demo hospital, signed in once through the login form;
 * what it saves is recorded under its user name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  collectErrors,
  hydrated,
  launchBrowser,
  newContext,
  ROOT,
  screenshot,
  startServer,
  type RunningServer,
} from './server';
import { box, combobox, press, region, savedByOnVersionsPage, settled } from './people';
import { DEMO_HOSPITAL, signInAs, type Session } from './sign-in';

const COUNTY = 'county-hospital-300-beds';
const TOWNSHIP = 'township-health-centre-api';
const BUNDLED = [
  COUNTY,
  'county-hospital-nursing-assistant',
  'county-hospital-chronic-risk',
  TOWNSHIP,
  'tertiary-hospital-on-prem',
];
/** The cost line the editor tests change: the follow-up system's yearly subscription (option 3 of 4). */
const EDITED_OPTION = 2;
const EDITED_OPTION_EN = 'Option “Chronic follow-up assistant, hospital-wide”';
const EDITED_LINE_EN = 'Cost line “Follow-up system subscription”';

let server: RunningServer;
let browser: Browser;
/** The planner every page here is opened by. */
let planner: Session;
/** A copy of the county scenario made through the API; the editor tests edit it, versions compares. */
let editId = '';
/** Another copy, which two people edit at once. */
let conflictId = '';
let originalAmount = 0;
let newAmount = 0;

/** A page of the signed-in planner, in a new context with these options (locale, JavaScript). */
function page(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  return planner.newPage(options);
}

/** The comparison table's NPV row, one cell per option. */
function npvRow(p: Page): Promise<string[]> {
  return p
    .getByTestId('comparison')
    .locator('tbody tr')
    .filter({ has: p.locator('th', { hasText: /^(NPV|净现值)$/ }) })
    .locator('td')
    .allInnerTexts();
}

function summary(p: Page): Promise<string> {
  return p.getByTestId('summary').innerText();
}

/** The `d` of every line in the cumulative net cash chart. */
function cumulativeCurves(p: Page): Promise<(string | null)[]> {
  return p
    .locator('figure[aria-labelledby="chart-cumulative"] path.recharts-line-curve')
    .evaluateAll((paths) => paths.map((path) => path.getAttribute('d')));
}

/** Inputs, selects and textareas without an accessible label (label for, wrapping label, aria). */
function unlabelledControls(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('input, select, textarea')]
      .filter((el) => el.type !== 'hidden')
      .filter((el) => {
        const viaLabel = [...(el.labels ?? [])].some((l) => (l.textContent ?? '').trim() !== '');
        const ariaLabel = (el.getAttribute('aria-label') ?? '').trim() !== '';
        const labelledBy = (el.getAttribute('aria-labelledby') ?? '')
          .split(/\s+/)
          .some((id) => id && (document.getElementById(id)?.textContent ?? '').trim() !== '');
        return !(viaLabel || ariaLabel || labelledBy);
      })
      .map((el) => `${el.tagName.toLowerCase()}[name=${el.name}]#${el.id}`),
  );
}

// What a person does in the editor: find a part by its name, a box by its label, press a named
// button, and wait until the page it brings is drawn.

/** The amount of the follow-up system's subscription, in the English editor. */
/** Opens every folded part of the case forms (complete lines and effects start folded). */
async function openParts(p: Page): Promise<void> {
  await p.evaluate(() =>
    document.querySelectorAll('details.form-section').forEach((d) => ((d as HTMLDetailsElement).open = true)),
  );
}
const subscriptionAmount = async (p: Page) => {
  await openParts(p);
  return box(region(region(p, EDITED_OPTION_EN), EDITED_LINE_EN), 'Amount');
};

/**
 * Why a version is saved, under the forms (who saves it is the signed-in user). The JSON form
 * under "Advanced…" has a box of the same name but is folded away (not in the accessibility
 * tree); every cost line has a "Note" too, so the one to save with is the last.
 */
const saveNote = (p: Page, name: string) => p.getByRole('textbox', { name, exact: true }).last();

/** The note a screen reader reads with a box: its error or its estimate. */
function noteOf(input: Locator, kind: 'estimate' | 'error'): Promise<string> {
  return input.evaluate((el, kind) => {
    const id = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).find((i) => i.endsWith(`-${kind}`));
    return (id && document.getElementById(id)?.textContent) || '';
  }, kind);
}

function problems(p: Page): Promise<string> {
  return p
    .locator('[data-testid=form-errors]')
    .allInnerTexts()
    .then((t) => t.join('\n'));
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  planner = await signInAs(browser, server, 'wang.planner', 'planner');
  const document = JSON.parse(readFileSync(join(ROOT, 'scenarios', `${COUNTY}.json`), 'utf8')) as {
    id?: string;
    name: unknown;
    options: { costLines: { amount?: number }[] }[];
  };
  delete document.id;
  document.name = { 'zh-CN': '浏览器测试：县医院', en: 'Browser test: county hospital' };
  originalAmount = document.options[EDITED_OPTION]!.costLines[0]!.amount!;
  newAmount = originalAmount * 2;
  const response = await planner.fetch('/api/scenarios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(document),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  editId = ((await response.json()) as { id: string }).id;
  document.name = { 'zh-CN': '浏览器测试：两人同时修改', en: 'Browser test: two editors at once' };
  const second = await planner.fetch('/api/scenarios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(document),
  });
  expect(second.status, await second.clone().text()).toBe(201);
  conflictId = ((await second.json()) as { id: string }).id;
}, 120_000);

afterAll(async () => {
  await planner?.close();
  await browser?.close();
  await server?.stop();
});

describe('scenario list', () => {
  it('shows the five bundled scenarios, links to the new-case steps and copies the county example', async () => {
    const p = await page({ locale: 'en' });
    await p.goto('/scenarios');
    await hydrated(p);
    for (const key of BUNDLED)
      await expect(p.locator(`main a[href="/scenarios/${key}"]`).count()).resolves.toBe(1);
    const rows = await p.locator('main table tbody tr').allInnerTexts();
    expect(rows.join('\n')).toContain('A county people');

    const copy = p.locator('form', { has: p.getByRole('button', { name: 'Copy the example' }) });
    await copy
      .getByLabel('Example')
      .selectOption({ label: await p.locator(`a[href="/scenarios/${COUNTY}"]`).innerText() });
    await copy.getByLabel('Scenario name').fill('Our county plan 2027');
    await expect(
      copy.getByLabel('Your name').count(),
      'no name to type: the saver is who is signed in',
    ).resolves.toBe(0);
    await press(p, 'Copy the example', copy);

    // The copy opens in the editor's forms, with the example's numbers.
    await p.waitForURL(/\/scenarios\/[^/?]+\/edit$/);
    expect(new URL(p.url()).pathname).not.toContain(COUNTY);
    await expect(p.locator('h1').innerText()).resolves.toContain('Our county plan 2027');
    await expect(box(p, 'Name of this case').inputValue()).resolves.toBe('Our county plan 2027');
    // The copy is the owning hospital's case: it takes that hospital's name, the example's figures.
    await expect(box(p, 'Hospital name').inputValue()).resolves.toBe(DEMO_HOSPITAL);
    await expect(box(p, 'Beds').inputValue()).resolves.toBe('300');
    await expect((await subscriptionAmount(p)).inputValue()).resolves.toBe(
      originalAmount.toLocaleString('en-US'),
    );
    // Version 1 of the copy is recorded under the signed-in planner.
    const copyId = new URL(p.url()).pathname.split('/')[2]!;
    await expect(savedByOnVersionsPage(p, copyId)).resolves.toEqual({ '1': planner.username });

    // "New case" on the list opens the steps.
    await p.goto('/scenarios');
    await hydrated(p);
    await p.getByRole('link', { name: 'New case', exact: true }).click();
    await p.waitForURL((url) => url.pathname === '/scenarios/new');
    await settled(p);
    // For the hospital the new case will belong to.
    await expect(p.locator('h1').innerText()).resolves.toBe(`New case · ${DEMO_HOSPITAL}`);
  }, 120_000);
});

describe('editor', () => {
  it('refuses "abc" next to the field and in the summary, and stores nothing', async () => {
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${editId}/edit`);
    await settled(p);
    const amount = await subscriptionAmount(p);
    await amount.fill('abc');
    await saveNote(p, 'Note').fill('a price nobody can read');
    await press(p, 'Save as new version');

    expect(new URL(p.url()).pathname).toBe(`/scenarios/${editId}/edit`);
    await expect(amount.inputValue()).resolves.toBe('abc');
    await expect(saveNote(p, 'Note').inputValue(), 'the note is kept after a refusal').resolves.toBe(
      'a price nobody can read',
    );
    await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(noteOf(amount, 'error')).resolves.toMatch(/number/i);
    // The summary says where, in words, and links to the box.
    const summaryText = await problems(p);
    expect(summaryText).toMatch(/before this can be saved/);
    expect(summaryText).toContain('Follow-up system subscription');
    expect(summaryText).not.toMatch(/options\.|costLines|\bamount\b/);
    const link = p.getByTestId('form-errors').getByRole('link').first();
    await expect(link.getAttribute('href')).resolves.toBe(`#${await amount.getAttribute('id')}`);
    await amount.scrollIntoViewIfNeeded();
    await screenshot(p, 'editor-en-error', false);

    await p.goto(`/scenarios/${editId}/versions`);
    await expect(p.locator('[data-testid=versions-table] tbody tr').count()).resolves.toBe(1);
  }, 120_000);

  it('saves a changed cost as version 2 and the dashboard shows the new NPV', async () => {
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${editId}`);
    const before = await npvRow(p);
    expect(before).toHaveLength(4);

    await p.goto(`/scenarios/${editId}/edit`);
    await settled(p);
    await (await subscriptionAmount(p)).fill(newAmount.toLocaleString('en-US'));
    await saveNote(p, 'Note').fill('subscription price from the vendor quote');
    await press(p, 'Save as new version');

    expect(await problems(p)).toBe('');
    await p.waitForURL(
      (url) => url.pathname === `/scenarios/${editId}` && url.searchParams.get('saved') === '2',
    );
    await expect(p.locator('.ok-banner').innerText()).resolves.toBe('Saved as version 2');
    const after = await npvRow(p);
    expect(after[EDITED_OPTION]).not.toBe(before[EDITED_OPTION]);
    // The pilot (option 4) scales up into the changed option, so it moves too; the others do not.
    expect(after.slice(0, EDITED_OPTION)).toEqual(before.slice(0, EDITED_OPTION));
    await expect(p.locator('main').innerText()).resolves.toContain('Version 2');
    // Saved under the signed-in planner's name (the copy's version 1 was made through the API by it too).
    await expect(savedByOnVersionsPage(p, editId)).resolves.toEqual({
      '1': planner.username,
      '2': planner.username,
    });
  }, 120_000);

  it('renames an option, adds and removes cost lines, adds a workflow, and saves a version', async () => {
    const p = await page({ locale: 'zh-CN' });
    const errors = collectErrors(p);
    await p.goto(`/scenarios/${TOWNSHIP}/edit`);
    await settled(p);
    const OLD = '自建轻量集成（直接调用大模型 API）';
    const NEW = '自建随访助手（调用云端大模型）';

    // Rename the option and add a data-security assessment to it: one post does both.
    const old = region(p, `方案「${OLD}」`);
    await box(old, '方案名称').fill(NEW);
    await combobox(old, '成本项类型').selectOption({ label: '数据安全评估' });
    await press(p, '添加成本项', old);
    expect(await problems(p)).toBe('');
    await expect(region(p, `方案「${OLD}」`).count()).resolves.toBe(0);
    const option = region(p, `方案「${NEW}」`);
    const assessment = region(option, '成本项「数据安全评估」');
    await box(assessment, '金额').fill('3万');
    // The change is kept in a draft until it is saved.
    await expect(p.locator('main').innerText()).resolves.toContain('这些修改尚未保存');

    await openParts(p);
    await press(p, '删除', region(option, '成本项「短信提醒」'));
    await expect(region(option, '成本项「短信提醒」').count()).resolves.toBe(0);
    // The filled-in assessment folds to its title with the other complete lines; opened, it kept its amount.
    await openParts(p);
    await expect(box(assessment, '金额').inputValue()).resolves.toBe('3万');

    const workflowNames = () =>
      region(p, '使用场景与工作流程')
        .getByRole('region')
        .evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')!));
    const before = await workflowNames();
    await combobox(p, '使用场景').selectOption({ label: '检查检验结果解读提示' });
    await press(p, '添加工作流程');
    const added = (await workflowNames()).filter((name) => !before.includes(name));
    expect(added.length).toBeGreaterThan(0);

    // Save: what the new workflow asks for is said in words, then filled in.
    const NOTE = '改名、加数据安全评估、去掉短信、加检验结果解读';
    await saveNote(p, '说明').fill(NOTE);
    await press(p, '保存为新版本');
    const asked = await problems(p);
    expect(asked).not.toMatch(/options\.|workflows\.|costLines/);
    // The refusal is a 400, which Chromium logs as a failed resource: not an error of the page.
    errors.length = 0;
    for (const name of added)
      for (const input of await region(p, name).getByRole('textbox').all())
        if ((await input.getAttribute('aria-invalid')) === 'true') await input.fill('2');
    await saveNote(p, '说明').fill(NOTE);
    await press(p, '保存为新版本');
    expect(await problems(p), asked).toBe('');
    await p.waitForURL(
      (url) => url.pathname === `/scenarios/${TOWNSHIP}` && url.searchParams.get('saved') === '2',
    );
    await expect(p.locator('.ok-banner').innerText()).resolves.toBe('已保存为第 2 版');
    const heads = await p.getByTestId('comparison').locator('thead th').allInnerTexts();
    expect(heads).toContain(NEW);
    expect(heads).not.toContain(OLD);

    // The versions page says what changed, in words.
    await p.goto(`/scenarios/${TOWNSHIP}/versions?a=1&b=2`);
    await settled(p);
    const changes = p.locator('section', { has: p.locator('h2', { hasText: '输入变化' }) });
    const said = await changes.innerText();
    await screenshot(p, 'versions-zh-form-edits');
    const saved = p
      .locator('[data-testid=versions-table] tbody tr')
      .filter({ has: p.locator('td', { hasText: /^2$/ }) });
    await expect(saved.innerText()).resolves.toContain(NOTE);
    await expect(saved.innerText()).resolves.toContain(planner.username);
    expect(said).toContain(NEW);
    expect(said).toContain('数据安全评估');
    expect(said).toContain('短信提醒');
    for (const name of added) expect(said).toContain(name.replace(/^工作流程/, ''));
    expect(said).not.toMatch(/options\.|workflows\.|costLines|\bamount\b/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('refuses to overwrite a version someone saved after the page was opened (409)', async () => {
    const first = await page({ locale: 'zh-CN' });
    const second = await page({ locale: 'zh-CN' });
    for (const p of [first, second]) {
      await p.goto(`/scenarios/${conflictId}/edit`);
      await settled(p);
    }
    await box(second, '床位数').fill('320');
    await press(second, '保存为新版本');
    await second.waitForURL((url) => url.searchParams.get('saved') === '2');

    await box(first, '床位数').fill('310');
    const answered = first.waitForResponse((r) => r.request().method() === 'POST');
    await press(first, '保存为新版本');
    expect((await answered).status()).toBe(409);
    expect(new URL(first.url()).pathname).toBe(`/scenarios/${conflictId}/edit`);
    await expect(first.getByRole('alert').first().innerText()).resolves.toContain(
      '保存失败：有人在你打开后保存了第 2 版',
    );
    // What was typed is still there; the other person's version stands.
    await expect(box(first, '床位数').inputValue()).resolves.toBe('310');
    await first.goto(`/scenarios/${conflictId}/versions`);
    await expect(first.locator('[data-testid=versions-table] tbody tr').count()).resolves.toBe(2);
    await first.goto(`/scenarios/${conflictId}/edit`);
    await expect(box(first, '床位数').inputValue()).resolves.toBe('320');
  }, 120_000);

  it('shows no JSON, field path or id outside "Advanced…"', async () => {
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${COUNTY}/edit`);
    await settled(p);
    const shown = await p.locator('main').innerText();
    expect(shown).not.toMatch(/options\.|workflows\.|costLines|schemaVersion|[{}]/);
    expect(shown).not.toContain(COUNTY);
    // The JSON is still there for what no form covers.
    const advanced = p.locator('details', { has: p.locator('summary', { hasText: /^Advanced/ }) });
    await advanced.locator('summary').click();
    await expect(advanced.getByRole('textbox', { name: 'JSON' }).inputValue()).resolves.toContain(
      '"schemaVersion"',
    );
  }, 120_000);
});

describe('dashboard Monte Carlo', () => {
  it("gives in Chromium's worker exactly the numbers the server gives for the same seed and trials", async () => {
    const trials = 2000;
    const seed = 424242;
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    // The dashboard's own worker and the page's own document and expressions, as its button uses.
    const inBrowser = await p.evaluate(
      ({ trials, seed }) => {
        type Data = { document: unknown; expressions: unknown; workerUrl: string | null };
        const loaderData = (
          window as unknown as { __remixContext: { state: { loaderData: Record<string, Data> } } }
        ).__remixContext.state.loaderData;
        const data = Object.values(loaderData).find((d) => d && d.workerUrl)!;
        return new Promise<string>((resolve, reject) => {
          const worker = new Worker(data.workerUrl!);
          worker.onmessage = (event: MessageEvent<{ type: string; result?: unknown; message?: string }>) => {
            if (event.data.type === 'done') resolve(JSON.stringify(event.data.result));
            if (event.data.type === 'error') reject(new Error(event.data.message));
          };
          worker.postMessage({ document: data.document, expressions: data.expressions, trials, seed });
        });
      },
      { trials, seed },
    );
    const browserMc = JSON.parse(inBrowser) as {
      options: Record<string, unknown>;
      evpi: number;
      winners: unknown;
      sweeps: unknown;
    };
    const response = await planner.fetch(`/api/scenarios/${COUNTY}/results?trials=${trials}&seed=${seed}`);
    expect(response.status).toBe(200);
    const nodeResults = (await response.json()) as {
      options: { id: string; mc: { trials: number; seed: number } }[];
      evpi: number;
      winners: unknown;
      sweeps: unknown;
    };
    expect(nodeResults.options.map((o) => [o.mc.trials, o.mc.seed])).toEqual(
      nodeResults.options.map(() => [trials, seed]),
    );
    // Every percentile, probability, histogram bin, tornado bar and sweep, to the last bit.
    for (const o of nodeResults.options) expect(browserMc.options[o.id], o.id).toEqual(o.mc);
    expect(browserMc.evpi).toBe(nodeResults.evpi);
    expect(browserMc.winners).toEqual(nodeResults.winners);
    expect(browserMc.sweeps).toEqual(nodeResults.sweeps);
  }, 120_000);

  it('runs the trials in a worker with a progress bar, the same numbers every time', async () => {
    const run = async () => {
      const p = await page({ locale: 'en' });
      await p.goto(`/scenarios/${COUNTY}`);
      await hydrated(p);
      await p.getByRole('button', { name: /^Run [\d,]+ trials/ }).click();
      await p.waitForSelector('[data-testid=mc-table]', { timeout: 60_000 });
      const rows = await p.locator('[data-testid=mc-table] tbody tr').allInnerTexts();
      const fans = await p.locator('[data-testid=uncertainty] .recharts-area').count();
      return { p, rows, fans };
    };
    const first = await run();
    // One row per option plus the status quo; a P10–P90 band per option; NPV bands not flat.
    expect(first.rows).toHaveLength(5);
    expect(first.fans).toBe(4);
    // Columns: option, base case, P10, P50, P90, mean, …
    const speech = first.rows[0]!.split('\t');
    expect(speech[2]).not.toBe(speech[4]);
    // How to read them: the pilot's base case lies below its P10 and says why; the purchase reads as it is.
    const reading = first.p.getByTestId('reading');
    expect(await reading.locator('.reading-option').count()).toBe(4);
    const pilot = reading.getByTestId('reading-pilot-followup');
    expect(await pilot.getByTestId('reading-flag').innerText()).toContain('below the simulated P10');
    expect(await pilot.innerText()).toContain("The pilot's stop rule");
    expect(await reading.getByTestId('reading-buy-speech-emr').getByTestId('reading-flag').count()).toBe(0);
    expect(await first.p.locator('[data-testid=mc-table] tbody tr').nth(3).locator('td.bad').count()).toBe(1);
    await screenshot(first.p, 'dashboard-en-monte-carlo');
    const second = await run();
    expect(second.rows).toEqual(first.rows);
    // Again on the same page: the kept worker gives the same numbers; so does a new one after a cancel.
    const again = async () => {
      await second.p.getByRole('button', { name: /^Run [\d,]+ trials/ }).click();
      await second.p.waitForSelector('[data-testid=mc-table]', { timeout: 60_000 });
      return second.p.locator('[data-testid=mc-table] tbody tr').allInnerTexts();
    };
    expect(await again()).toEqual(first.rows);
    await second.p.getByRole('button', { name: /^Run [\d,]+ trials/ }).click();
    const cancel = second.p.getByRole('button', { name: 'Cancel' });
    // The trials may finish between seeing the button and pressing it: then there is nothing to cancel.
    await cancel.click({ timeout: 2_000 }).catch(() => undefined);
    expect(await again()).toEqual(first.rows);

    // The break-even table names where an option's NPV crosses zero; the two-way table is a
    // 5 × 5 grid that moves when another input is chosen, and says so when both are the same.
    const p = second.p;
    await expect(p.locator('[data-testid=break-even] tbody tr').count()).resolves.toBeGreaterThan(3);
    await expect(p.locator('[data-testid=break-even]').innerText()).resolves.toMatch(/\d/);
    const cells = () => p.locator('[data-testid=two-way] tbody td').allInnerTexts();
    const grid = await cells();
    expect(grid).toHaveLength(25);
    expect(new Set(grid).size).toBeGreaterThan(1);
    const columns = p.locator('#two-way-b');
    const choices = await columns
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const current = await columns.inputValue();
    await columns.selectOption(choices.find((c) => c !== current && c !== '')!);
    await expect.poll(cells).not.toEqual(grid);
    await columns.selectOption(await p.locator('#two-way-a').inputValue());
    await expect(p.locator('[data-testid=two-way]').innerText()).resolves.toContain(
      'Choose two different inputs',
    );
  }, 120_000);
});

describe('dashboard what-if', () => {
  it('redraws the summary, table and chart in the browser and resets', async () => {
    const p = await page({ locale: 'en' });
    const documentRequests: string[] = [];
    p.on('request', (r) => {
      if (r.resourceType() === 'document' || r.url().includes('_data=')) documentRequests.push(r.url());
    });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    documentRequests.length = 0;
    await p.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const before = { summary: await summary(p), npv: await npvRow(p), curves: await cumulativeCurves(p) };
    expect(before.curves.length).toBe(4);
    const fitOutput = p.locator('output[for="whatif-fit"]');
    const fitShown = await fitOutput.innerText();

    await p.locator('#whatif-fit').focus();
    for (let i = 0; i < 6; i++) await p.keyboard.press('ArrowLeft');

    await expect.poll(() => fitOutput.innerText()).not.toBe(fitShown);
    const fit = new URL(p.url()).searchParams.get('fit');
    expect(fit).not.toBeNull();
    expect(Number(fit)).toBeLessThan(0.7);
    await expect.poll(() => summary(p)).not.toBe(before.summary);
    expect(await npvRow(p)).not.toEqual(before.npv);
    const curves = await cumulativeCurves(p);
    expect(curves.length).toBe(4);
    expect(curves.some((d, i) => d !== before.curves[i])).toBe(true);
    await expect(p.locator('main').innerText()).resolves.toContain('These results use changed assumptions');
    // No page load and no loader request: it all ran in the browser.
    expect(await p.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(
      true,
    );
    expect(documentRequests).toEqual([]);

    await p.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => summary(p)).toBe(before.summary);
    expect(await npvRow(p)).toEqual(before.npv);
    expect(await cumulativeCurves(p)).toEqual(before.curves);
    await expect(fitOutput.innerText()).resolves.toBe(fitShown);
    expect(new URL(p.url()).searchParams.has('fit')).toBe(false);
  }, 120_000);

  it('the adoption slider also recalculates, and a reload keeps the what-if from the address', async () => {
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    const base = await npvRow(p);
    await p.locator('#whatif-adoption').focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowLeft');
    await expect.poll(() => npvRow(p)).not.toEqual(base);
    const changed = await npvRow(p);
    const adoption = new URL(p.url()).searchParams.get('adoption');
    expect(adoption).not.toBeNull();

    await p.reload();
    await hydrated(p);
    expect(await npvRow(p)).toEqual(changed);
    await expect(p.locator('#whatif-adoption').inputValue()).resolves.toBe(adoption);
  }, 120_000);
});

describe('Monte Carlo after a what-if', () => {
  it('says its trials ran before the what-if changed, until they are run again', async () => {
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    const runButton = p.getByRole('button', { name: /^Run [\d,]+ trials/ });
    await runButton.click();
    await p.waitForSelector('[data-testid=mc-table]', { timeout: 60_000 });
    const before = await p.locator('[data-testid=mc-table] tbody tr').allInnerTexts();
    await expect(p.getByTestId('mc-stale').count()).resolves.toBe(0);
    await p.locator('#whatif-adoption').focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowLeft');
    await expect.poll(() => p.getByTestId('mc-stale').count()).toBe(1);
    await expect(p.getByTestId('mc-stale').innerText()).resolves.toMatch(/before the what-if changed/);
    await runButton.click();
    await expect.poll(() => p.getByTestId('mc-stale').count(), { timeout: 60_000 }).toBe(0);
    await p.waitForSelector('[data-testid=mc-table]');
    // A lower adoption ceiling moves the bands.
    expect(await p.locator('[data-testid=mc-table] tbody tr').allInnerTexts()).not.toEqual(before);
  }, 120_000);
});

describe('Monte Carlo in Chinese', () => {
  it('names its trials and seed in Chinese', async () => {
    const p = await page({ locale: 'zh-CN' });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    await p.getByRole('button', { name: /^运行 [\d,]+ 次模拟/ }).click();
    await p.waitForSelector('[data-testid=mc-table]', { timeout: 60_000 });
    const panel = await p.getByTestId('uncertainty').innerText();
    expect(panel).toMatch(/[\d,]+ 次模拟，种子 \d+/);
    expect(panel).not.toMatch(/\bseed\b|\btrials\b/);
  }, 120_000);
});

describe('language', () => {
  it('follows Accept-Language, switches, and remembers the choice in a cookie', async () => {
    const en = await page({ locale: 'en' });
    await en.goto('/scenarios');
    await expect(en.locator('h1').innerText()).resolves.toBe('Scenarios');
    await expect(en.locator('html').getAttribute('lang')).resolves.toBe('en');

    const zh = await page({ locale: 'zh-CN' });
    await zh.goto(`/scenarios/${COUNTY}`);
    await expect(zh.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(zh.locator('#summary-title').innerText()).resolves.toBe('结论');
    await expect(zh.locator('#what-if-title').innerText()).resolves.toBe('假设调整（即时重算）');
    // What the savings rest on: the scenario's own notes and sources in Chinese too.
    const evidence = await zh.locator('[data-testid="evidence"]').textContent();
    expect(evidence).toContain('美国电子病历系统日志（门诊接诊中的病历书写部分）');
    expect(evidence).toContain('大模型草稿被修改的比例为 31.5 %（5.28）');
    expect(evidence).not.toContain('US EHR logs');

    // Switch the English page to Chinese, then load another page afresh.
    await hydrated(en);
    await en.locator('.lang-switch button').click();
    await en.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await expect(en.locator('h1').innerText()).resolves.toBe('规划');
    expect(new URL(en.url()).pathname).toBe('/scenarios');
    const cookies = await en.context().cookies();
    expect(cookies.find((c) => c.name === 'lang')).toBeDefined();
    await en.goto(`/scenarios/${COUNTY}`);
    await expect(en.locator('#summary-title').innerText()).resolves.toBe('结论');

    // And back, from the dashboard: it stays on the dashboard.
    await hydrated(en);
    await en.locator('.lang-switch button').click();
    await en.waitForFunction(() => document.documentElement.lang === 'en');
    expect(new URL(en.url()).pathname).toBe(`/scenarios/${COUNTY}`);
    await expect(en.locator('#summary-title').innerText()).resolves.toBe('In short');
    await expect(en.locator('[data-testid="evidence"]').textContent()).resolves.toContain(
      'US EHR logs (documentation part of an ambulatory encounter)',
    );
    await en.goto('/reference');
    await expect(en.locator('h1').innerText()).resolves.toBe('Reference figures');
  }, 120_000);

  it('switching language keeps the what-if in the address', async () => {
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    await p.locator('#whatif-fit').focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowLeft');
    await expect.poll(() => new URL(p.url()).searchParams.get('fit')).not.toBeNull();
    const fit = new URL(p.url()).searchParams.get('fit');

    await p.locator('.lang-switch button').click();
    await p.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    // The page still shows the changed assumption; the address (what a reload or a shared
    // link uses) must still carry it.
    await expect(p.locator('output[for="whatif-fit"]').getAttribute('class')).resolves.toBe('bad');
    expect(new URL(p.url()).searchParams.get('fit')).toBe(fit);
  }, 120_000);
});

describe('without JavaScript', () => {
  it('renders SVG charts and the table, and the what-if form works as a GET', async () => {
    const p = await page({ locale: 'en', javaScriptEnabled: false });
    await p.goto(`/scenarios/${COUNTY}`);
    await expect(p.locator('figure svg.recharts-surface').count()).resolves.toBeGreaterThanOrEqual(4);
    await expect(
      p.locator('figure[aria-labelledby="chart-cumulative"] path.recharts-line-curve').count(),
    ).resolves.toBe(4);
    const base = await npvRow(p);
    expect(base).toHaveLength(4);
    const baseSummary = await summary(p);

    await p.goto(`/scenarios/${COUNTY}?adoption=0.3`);
    const changed = await npvRow(p);
    expect(changed).not.toEqual(base);
    await expect(summary(p)).resolves.not.toBe(baseSummary);
    await expect(p.locator('#whatif-adoption').inputValue()).resolves.toBe('0.3');

    // The form itself: move a slider with the keyboard and press Recalculate.
    await p.goto(`/scenarios/${COUNTY}`);
    await p.locator('#whatif-adoption').focus();
    for (let i = 0; i < 4; i++) await p.keyboard.press('ArrowLeft');
    await p.getByRole('button', { name: 'Recalculate' }).click();
    await p.waitForURL(/adoption=/);
    expect(await npvRow(p)).not.toEqual(base);
  }, 120_000);

  it('Recalculate with no slider moved gives the same numbers as the base page', async () => {
    const p = await page({ locale: 'en', javaScriptEnabled: false });
    await p.goto(`/scenarios/${COUNTY}`);
    const base = await npvRow(p);
    await p.getByRole('button', { name: 'Recalculate' }).click();
    await p.waitForURL(/fit=/);
    expect(await npvRow(p), `after Recalculate: ${p.url()}`).toEqual(base);
  }, 120_000);
});

describe('versions', () => {
  it('compares version 1 and 2: the changed input and the changed result', async () => {
    const p = await page({ locale: 'en' });
    await p.goto(`/scenarios/${editId}/versions`);
    await hydrated(p);
    await expect(p.locator('[data-testid=versions-table] tbody tr').count()).resolves.toBe(2);
    await expect(p.getByLabel('Compare').inputValue()).resolves.toBe('1');
    await p.getByRole('button', { name: 'Compare' }).click();
    await p.waitForURL((url) => url.searchParams.get('a') === '1' && url.searchParams.get('b') === '2');

    // The changed input in words: its option and cost line, its label, both amounts with the unit.
    const inputs = p.locator('section', { has: p.locator('h2', { hasText: 'Inputs changed' }) });
    await inputs.waitFor();
    await expect(inputs.locator('h3').allInnerTexts()).resolves.toEqual([
      'Option “Chronic follow-up assistant, hospital-wide” · Cost line “Follow-up system subscription”',
    ]);
    const money = (n: number) => `CNY ${n.toLocaleString('en-US')}`;
    // A typed amount drops the example's note about the figure it replaced (app/editor/apply.ts).
    await expect(inputs.locator('li').allInnerTexts()).resolves.toEqual([
      `Amount: ${money(originalAmount)} → ${money(newAmount)}`,
      'Note: Vendor quote assumed: per-hospital prices are NOT FOUND (4.17). → none',
    ]);
    await expect(inputs.innerText()).resolves.not.toMatch(/options\.|costLines|\bamount\b/);

    const results = p.locator('section', { has: p.locator('h2', { hasText: 'Results changed' }) });
    const npvRows = results.locator('tbody tr', { has: p.locator('th', { hasText: /^NPV$/ }) });
    await expect(npvRows.count()).resolves.toBe(4);
    const changedNpv = await npvRows.evaluateAll((rows) =>
      rows
        .map((r) => [...r.querySelectorAll('td.num')].map((td) => td.textContent))
        .filter(([a, b]) => a !== b),
    );
    // The changed option and the pilot that scales up into it.
    expect(changedNpv).toHaveLength(2);
    // A dearer subscription is worse for the hospital: red, and said in words, not by colour alone.
    await expect(results.locator('td.bad').count()).resolves.toBeGreaterThan(0);
    await expect(results.locator('td.bad .change-mark').first().innerText()).resolves.toBe('↓ worse');
  }, 120_000);
});

describe('accessibility basics', () => {
  it('labels every input, select and textarea on the editor, dashboard and other pages', async () => {
    const p = await page({ locale: 'en' });
    const unlabelled: Record<string, string[]> = {};
    for (const path of [
      '/scenarios',
      `/scenarios/${COUNTY}`,
      `/scenarios/${COUNTY}/edit`,
      '/scenarios/new',
      `/scenarios/${editId}/versions`,
      '/reference',
    ]) {
      await p.goto(path);
      await hydrated(p);
      const missing = await unlabelledControls(p);
      if (missing.length > 0) unlabelled[path] = missing;
    }
    expect(unlabelled).toEqual({});
  }, 120_000);

  it('logs no console errors on the list, dashboard, editor, versions and reference pages', async () => {
    const p = await page({ locale: 'zh-CN' });
    const errors = collectErrors(p);
    const seen: Record<string, string[]> = {};
    for (const path of [
      '/scenarios',
      `/scenarios/${COUNTY}`,
      `/scenarios/${COUNTY}/edit`,
      '/scenarios/new',
      `/scenarios/${COUNTY}/versions`,
      `/scenarios/${editId}/versions?a=1&b=2`,
      '/reference',
    ]) {
      errors.length = 0;
      await p.goto(path);
      await hydrated(p);
      if (errors.length > 0) seen[path] = [...errors];
    }
    expect(seen).toEqual({});
  }, 120_000);

  it('logs no console errors when the dashboard is reloaded after a save (?saved=2)', async () => {
    const p = await page({ locale: 'en' });
    const errors = collectErrors(p);
    await p.goto(`/scenarios/${editId}?saved=2`);
    await hydrated(p);
    await expect(p.locator('.ok-banner').innerText()).resolves.toBe('Saved as version 2');
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('downloads', () => {
  it('the dashboard links the committee report, the workbook and the CSV in the page language', async () => {
    const p = await page({ locale: 'zh-CN' });
    await p.goto(`/scenarios/${COUNTY}`);
    await hydrated(p);
    const pdf = p.getByRole('link', { name: '预算委员会报告 PDF' });
    const href = await pdf.getAttribute('href');
    expect(href).toBe(`/api/scenarios/${COUNTY}/report.pdf?version=1&lang=zh-CN`);
    const response = await planner.fetch(href!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(new TextDecoder().decode(new Uint8Array(await response.arrayBuffer()).slice(0, 5))).toBe('%PDF-');
    for (const [name, type] of [
      ['报表 Excel（含公式）', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['年度结果 CSV', 'text/csv; charset=utf-8'],
    ] as const) {
      const link = await p.getByRole('link', { name }).getAttribute('href');
      expect(link).toContain('lang=zh-CN');
      const file = await planner.fetch(link!);
      expect(file.headers.get('content-type')).toBe(type);
    }
  }, 120_000);
});

describe('screenshots', () => {
  it('saves full-page screenshots of every page for a person to look at', async () => {
    const zh = await page({ locale: 'zh-CN' });
    const en = await page({ locale: 'en' });
    const shots: [Page, string, string][] = [
      [zh, '/scenarios', 'list-zh'],
      [zh, `/scenarios/${COUNTY}`, 'dashboard-zh'],
      [en, `/scenarios/${COUNTY}`, 'dashboard-en'],
      [zh, `/scenarios/${COUNTY}/edit`, 'editor-zh'],
      [zh, `/scenarios/${editId}/versions?a=1&b=2`, 'versions-zh'],
      // The whole library is ~38,000 px tall: a search for full page, the first screen of all.
      [zh, `/reference?q=${encodeURIComponent('护士')}`, 'reference-zh-search'],
    ];
    for (const [p, path, name] of shots) {
      await p.goto(path);
      await hydrated(p);
      const file = await screenshot(p, name);
      expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    }
    await zh.goto('/reference');
    await screenshot(zh, 'reference-zh-first-screen', false);
    const noScript = await page({ locale: 'zh-CN', javaScriptEnabled: false });
    await noScript.goto(`/scenarios/${COUNTY}`);
    await screenshot(noScript, 'dashboard-zh-no-javascript');
  }, 120_000);
});
