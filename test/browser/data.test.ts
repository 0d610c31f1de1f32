/**
 * The measured-data page (/scenarios/:id/data) in real headless Chromium against the built
 * server: upload and preview (GB18030, UTF-8 with BOM and semicolons), the column mapping,
 * refused files, storing, the statistics and calibrating the scenario as a new version.
 * Works on a copy of the county scenario made through the API, so other files are unaffected.
 * A planner of the demo hospital, signed in once through the login form, does it all: what it
 * stores is recorded under its user name.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
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
import { savedByOnVersionsPage } from './people';
import { signInAs, type Session } from './sign-in';

const COUNTY = 'county-hospital-300-beds';
const FIXTURES = join(ROOT, 'test', 'fixtures', 'datasets');
const GB18030_FILE = 'time-motion-gb18030.csv';
const PILOT_FILE = 'pilot-log-utf8-bom-semicolon.csv';

let server: RunningServer;
let browser: Browser;
/** The planner every page here is opened by. */
let planner: Session;
/** The copy of the county scenario every test here works on. */
let scenarioId = '';

/** A page of the signed-in planner, in a new context with these options (the locale). */
function page(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  return planner.newPage(options);
}

const dataPath = () => `/scenarios/${scenarioId}/data`;

/** Opens the data page, hydrated, and returns how many datasets it lists. */
async function openDataPage(p: Page): Promise<number> {
  await p.goto(dataPath());
  await hydrated(p);
  return p.getByTestId('dataset').count();
}

/** Chooses a fixture in the upload form and presses Preview. */
async function uploadFixture(p: Page, file: string): Promise<void> {
  const form = p.getByTestId('upload-form');
  await form.locator('input[name="file"]').setInputFiles(join(FIXTURES, file));
  await form.getByRole('button', { name: /^(预览|Preview)$/ }).click();
}

/** The datasets the server lists for the scenario now (a fresh page load, not the page's state). */
async function storedFileNames(): Promise<string[]> {
  const p = await page();
  await p.goto(dataPath());
  return p.getByTestId('dataset').locator('h3').allInnerTexts();
}

/** The calibrate form of one workflow, found by its name in the legend. */
function calibrateForm(p: Page, workflow: string) {
  return p.getByTestId('calibrate-form').filter({ has: p.locator('legend', { hasText: workflow }) });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  planner = await signInAs(browser, server, 'li.planner', 'planner');
  const document = JSON.parse(readFileSync(join(ROOT, 'scenarios', `${COUNTY}.json`), 'utf8')) as {
    id?: string;
    name: unknown;
  };
  delete document.id;
  document.name = { 'zh-CN': '浏览器测试：测量数据', en: 'Browser test: measured data' };
  const response = await planner.fetch('/api/scenarios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(document),
  });
  expect(response.status, await response.clone().text()).toBe(201);
  scenarioId = ((await response.json()) as { id: string }).id;
  expect(scenarioId).not.toBe(COUNTY);
}, 120_000);

afterAll(async () => {
  await planner?.close();
  await browser?.close();
  await server?.stop();
});

describe('measured data, Chinese', () => {
  it('previews the GB18030 file with guessed column meanings, stores it and shows the statistics', async () => {
    const p = await page({ locale: 'zh-CN' });
    const errors = collectErrors(p);
    await expect(openDataPage(p)).resolves.toBe(0);
    await expect(p.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');

    await uploadFixture(p, GB18030_FILE);
    const preview = p.getByTestId('preview');
    await preview.waitFor();
    const summary = await preview.locator('p').first().innerText();
    expect(summary).toContain(GB18030_FILE);
    expect(summary).toContain('73 行');
    expect(summary).toContain('GB18030');
    expect(summary).toContain('逗号');
    expect(summary).toContain('计时观察');

    // One select per column, labelled by its header (NFKC: the file's full-width brackets are
    // shown half-width), set to the guessed meaning.
    const meanings: Record<string, string> = {};
    for (const header of ['科室', '岗位', '流程', '日期', '阶段', '每任务耗时(分钟)', '核对修改时间(分钟)'])
      meanings[header] = await preview.getByLabel(header, { exact: true }).inputValue();
    expect(meanings).toEqual({
      科室: 'department',
      岗位: 'role',
      流程: 'workflow',
      日期: 'date',
      阶段: 'phase',
      '每任务耗时(分钟)': 'minutes',
      '核对修改时间(分钟)': 'verificationMinutes',
    });
    await expect(preview.locator('select[id^="mapping-"]').count()).resolves.toBe(7);
    await expect(preview.getByTestId('preview-problems').count()).resolves.toBe(0);
    await expect(preview.locator('p.good').innerText()).resolves.toBe('没有发现问题，可以保存。');
    // The decoded Chinese text, not mojibake, in the first rows.
    await expect(preview.locator('table').last().innerText()).resolves.toContain('内科门诊');
    await screenshot(p, 'data-zh-preview');

    await expect(preview.getByLabel('你的姓名').count(), 'who stores it is who is signed in').resolves.toBe(
      0,
    );
    await preview.getByRole('button', { name: '保存数据集' }).click();
    await p.waitForURL((url) => url.pathname === dataPath() && url.searchParams.has('stored'));
    await hydrated(p);

    await expect(p.getByRole('status').innerText()).resolves.toBe(`已保存数据集 ${GB18030_FILE}（73 行）。`);
    await expect(p.getByTestId('preview').count()).resolves.toBe(0);
    const datasets = p.getByTestId('dataset');
    await expect(datasets.count()).resolves.toBe(1);
    await expect(datasets.locator('h3').innerText()).resolves.toContain(GB18030_FILE);
    // Recorded under the signed-in planner's name.
    await expect(datasets.innerText()).resolves.toContain(planner.username);
    const stats = datasets.getByTestId('dataset-stats');
    const notes = stats.locator('tbody tr', { has: p.locator('th', { hasText: /^门诊病历书写$/ }) });
    await expect(notes.count()).resolves.toBe(1);
    // The baseline column: 25 timings before AI.
    await expect(notes.locator('td').first().innerText()).resolves.toMatch(/^n=25，/);
    await expect(stats.locator('tbody tr').count()).resolves.toBe(2);
    await expect(stats.innerText()).resolves.toContain('慢病患者随访');
    // The follow-up pilot is checked against its plan: its rule on the data so far, and a chart
    // of each month's measured saving with its interval beside the plan and the threshold.
    const pilot = p.getByTestId('pilot-check');
    await expect(pilot.count()).resolves.toBe(1);
    await expect(pilot.innerText()).resolves.toMatch(/按规则应推广|按规则应停止/);
    await expect(pilot.locator('.recharts-wrapper > svg.recharts-surface').count()).resolves.toBe(1);
    await expect(pilot.locator('.recharts-errorBar').count()).resolves.toBeGreaterThan(0);
    await screenshot(p, 'data-zh-stored');

    expect(errors).toEqual([]);
  });

  it('refuses a file with an unterminated quote in Chinese, naming the line, and stores nothing', async () => {
    const p = await page({ locale: 'zh-CN' });
    const before = await openDataPage(p);
    expect(before).toBeGreaterThan(0);

    await uploadFixture(p, 'bad/unterminated-quote.csv');
    const errors = p.getByTestId('upload-errors');
    await errors.waitFor();
    // The quote opens on line 3 of the file (line 1 is the header).
    await expect(errors.innerText()).resolves.toContain('第 3 行开始的引号没有闭合');
    await expect(p.getByTestId('preview').count()).resolves.toBe(0);
    await expect(p.getByTestId('dataset').count()).resolves.toBe(before);
    expect(new URL(p.url()).searchParams.has('stored')).toBe(false);
    await screenshot(p, 'data-zh-refused', false);

    expect(await storedFileNames()).toHaveLength(before);
  });

  it('a mapping without the workflow column is a problem on check and is refused on store', async () => {
    const p = await page({ locale: 'zh-CN' });
    const before = await openDataPage(p);

    await uploadFixture(p, GB18030_FILE);
    const preview = p.getByTestId('preview');
    await preview.waitFor();
    await expect(preview.getByTestId('preview-problems').count()).resolves.toBe(0);
    const workflowSelect = preview.getByLabel('流程', { exact: true });
    await expect(workflowSelect.inputValue()).resolves.toBe('workflow');
    await workflowSelect.selectOption('ignore');

    await preview.getByRole('button', { name: '按此对应重新检查' }).click();
    const problems = p.getByTestId('preview-problems');
    await problems.waitFor();
    await expect(problems.innerText()).resolves.toContain('请把一列对应为“工作流程”');
    await expect(p.locator('p.good').count()).resolves.toBe(0);
    await expect(preview.getByLabel('流程', { exact: true }).inputValue()).resolves.toBe('ignore');

    await preview.getByRole('button', { name: '保存数据集' }).click();
    const refused = p.getByTestId('upload-errors');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toContain('请把一列对应为“工作流程”');
    expect(new URL(p.url()).searchParams.has('stored')).toBe(false);
    await expect(p.getByTestId('dataset').count()).resolves.toBe(before);
    expect(await storedFileNames()).toHaveLength(before);
  });

  it('calibrates the follow-up baseline and an option from the data as a new version', async () => {
    const p = await page({ locale: 'zh-CN' });
    const errors = collectErrors(p);
    await openDataPage(p);
    const form = calibrateForm(p, '慢病患者随访');
    await expect(form.count()).resolves.toBe(1);

    const baseline = form.getByLabel(/^\s*基线：/);
    const label = await form.locator('label', { has: p.locator('input[name="baseline"]') }).innerText();
    const measured = /→\s*([\d.]+)\s*分钟/.exec(label);
    expect(measured, label).not.toBeNull();
    await baseline.check();
    const options = form.locator('input[name="optionIds"]');
    await expect(options.count()).resolves.toBe(2);
    const option = form.getByLabel(/^\s*慢病随访助手全院推广 的效果/);
    await expect(option.getAttribute('value')).resolves.toBe('followup-rollout');
    const optionLabel = await form
      .locator('label', { has: p.locator('input[value="followup-rollout"]') })
      .innerText();
    const withAi = /使用 AI 后 ([\d.]+) 分钟/.exec(optionLabel);
    expect(withAi, optionLabel).not.toBeNull();
    await option.check();
    await form.getByRole('button', { name: '保存为新版本' }).click();

    await p.waitForURL(
      (url) => url.pathname === `/scenarios/${scenarioId}` && url.searchParams.get('saved') === '2',
    );
    await hydrated(p);
    await expect(p.locator('.ok-banner').innerText()).resolves.toBe('已保存为第 2 版');

    // The saved document: the measured baseline, as evidence from the file.
    const api = (await (await planner.fetch(`/api/scenarios/${scenarioId}`)).json()) as {
      version: number;
      savedBy: string;
      document: {
        workflows: { id: string; baselineMinutesPerTask: number; baselineEvidence?: { kind: string } }[];
        options: { id: string; effects: { basis: string; minutesWithAiPerTask?: number }[] }[];
      };
    };
    expect(api.version).toBe(2);
    expect(api.savedBy).toBe(planner.username);
    const followup = api.document.workflows.find((w) => w.id === 'chronic-followup')!;
    expect(followup.baselineMinutesPerTask).toBeCloseTo(Number(measured![1]), 2);
    expect(followup.baselineMinutesPerTask).not.toBe(12);
    expect(followup.baselineEvidence?.kind).toBe('measured');
    const effect = (id: string) => api.document.options.find((o) => o.id === id)!.effects[0]!;
    expect(effect('followup-rollout').basis).toBe('measured');
    expect(effect('followup-rollout').minutesWithAiPerTask).toBeCloseTo(Number(withAi![1]), 2);
    // The option left unticked keeps its claimed effect.
    expect(effect('pilot-followup').basis).toBe('claimed');

    await p.goto(`/scenarios/${scenarioId}/versions`);
    await hydrated(p);
    const versions = p.locator('[data-testid=versions-table] tbody tr');
    await expect(versions.count()).resolves.toBe(2);
    await expect(p.locator('[data-testid=versions-table]').innerText()).resolves.toContain(
      `按数据集 ${GB18030_FILE} 校准`,
    );
    await expect(savedByOnVersionsPage(p, scenarioId)).resolves.toEqual({
      '1': planner.username,
      '2': planner.username,
    });
    expect(errors).toEqual([]);
  });
});

describe('measured data, English', () => {
  it('previews the UTF-8 (BOM) semicolon pilot log and says so', async () => {
    const p = await page({ locale: 'en' });
    const errors = collectErrors(p);
    await openDataPage(p);
    await expect(p.locator('html').getAttribute('lang')).resolves.toBe('en');

    await uploadFixture(p, PILOT_FILE);
    const preview = p.getByTestId('preview');
    await preview.waitFor();
    const summary = await preview.locator('p').first().innerText();
    expect(summary).toContain(PILOT_FILE);
    expect(summary).toContain('UTF-8');
    expect(summary).toContain('Semicolon');
    expect(summary).toContain('time-motion observations');
    await expect(preview.getByLabel('Workflow', { exact: true }).inputValue()).resolves.toBe('workflow');
    await expect(preview.getByLabel('Phase', { exact: true }).inputValue()).resolves.toBe('phase');
    await expect(preview.getByLabel('Minutes per task', { exact: true }).inputValue()).resolves.toBe(
      'minutes',
    );
    // The BOM is not part of the first header.
    await expect(preview.getByLabel('Date', { exact: true }).inputValue()).resolves.toBe('date');
    await expect(preview.locator('p.good').innerText()).resolves.toBe('No problems found: ready to store.');
    await expect(preview.getByRole('button', { name: 'Store the dataset' }).count()).resolves.toBe(1);
    await screenshot(p, 'data-en-preview');
    expect(errors).toEqual([]);
  });
});

/** Each file input of the page: its box and opacity, and whether it sits in a labelled picker. */
async function fileInputs(p: Page) {
  return p.locator('input[type="file"]').evaluateAll((inputs) =>
    inputs.map((input) => {
      const box = input.getBoundingClientRect();
      return {
        width: box.width,
        height: box.height,
        opacity: getComputedStyle(input).opacity,
        inPicker: input.closest('.file-picker') !== null,
        name: (input as HTMLInputElement).name,
      };
    }),
  );
}

/**
 * The page's width beyond the window (0 when nothing scrolls sideways), and for a failure's
 * message the elements that reach past it.
 */
const sidewaysOverflow = (p: Page) =>
  p.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const past = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5)
      // What scrolls inside its own box does not widen the page.
      .filter((e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
          if (getComputedStyle(a).overflowX !== 'visible') return false;
        return true;
      })
      .slice(0, 8)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} → ${Math.round(e.getBoundingClientRect().right)}`,
      );
    return { overflow: document.documentElement.scrollWidth - width, past };
  });

/** Unfolds the guide of what file to prepare, unless it is open. */
async function openGuide(p: Page): Promise<void> {
  const guide = p.getByTestId('file-guide');
  if ((await guide.getAttribute('open')) === null) await guide.locator('summary').click();
}

describe('the file picker speaks the page’s language, and the page says what file to prepare', () => {
  it('on the Chinese data page: a Chinese picker, the native input out of sight, the chosen name, and the upload', async () => {
    const p = await page({ locale: 'zh-CN' });
    const errors = collectErrors(p);
    await openDataPage(p);
    const picker = p.getByTestId('file-picker');
    await expect(picker.innerText()).resolves.toMatch(/^文件（CSV、TXT 或 XLSX）\s*选择文件…\s*未选择文件$/);
    // The browser's own "Choose File / No file chosen" is drawn inside the native input: it is
    // out of sight (1 × 1 px, transparent), and the page's text has no such words.
    expect(await fileInputs(p)).toEqual([
      { width: 1, height: 1, opacity: '0', inPicker: true, name: 'file' },
    ]);
    const body = await p.locator('body').innerText();
    expect(body).not.toMatch(/Choose File|No file chosen/i);
    // The input is named by its label, for a screen reader and for getByLabel.
    await expect(p.getByLabel('文件（CSV、TXT 或 XLSX）').getAttribute('type')).resolves.toBe('file');

    // The keyboard reaches the input, and the button shows where the focus is.
    let focused = '';
    for (let i = 0; i < 40 && focused !== 'file'; i++) {
      await p.keyboard.press('Tab');
      focused = await p.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type ?? '');
    }
    expect(focused).toBe('file');
    await expect(
      picker.locator('.file-picker-button').evaluate((b) => getComputedStyle(b).outlineStyle),
    ).resolves.toBe('solid');

    // Choosing a file shows its name; the form sends it as before.
    await picker.locator('input[type="file"]').setInputFiles(join(FIXTURES, GB18030_FILE));
    await expect(picker.locator('.file-picker-name').innerText()).resolves.toBe(GB18030_FILE);
    await p.getByTestId('upload-form').getByRole('button', { name: '预览' }).click();
    const preview = p.getByTestId('preview');
    await preview.waitFor();
    await expect(preview.locator('p').first().innerText()).resolves.toContain(GB18030_FILE);
    expect(errors).toEqual([]);
  });

  it('on the Chinese list page the import picker is Chinese too', async () => {
    const p = await page({ locale: 'zh-CN' });
    await p.goto('/scenarios');
    await hydrated(p);
    expect(await fileInputs(p)).toEqual([
      { width: 1, height: 1, opacity: '0', inPicker: true, name: 'file' },
    ]);
    const picker = p.locator('.file-picker');
    await expect(picker.innerText()).resolves.toMatch(/^文件\s*选择文件…\s*未选择文件$/);
    await picker.locator('input[type="file"]').setInputFiles(join(ROOT, 'scenarios', `${COUNTY}.json`));
    await expect(picker.locator('.file-picker-name').innerText()).resolves.toBe(`${COUNTY}.json`);
  });

  it('without JavaScript the picker still says whether a file is chosen, and the form still sends it', async () => {
    const p = await page({ locale: 'zh-CN', javaScriptEnabled: false });
    await p.goto(dataPath());
    const picker = p.getByTestId('file-picker');
    await expect(picker.locator('.file-picker-name').innerText()).resolves.toBe('未选择文件');
    await picker.locator('input[type="file"]').setInputFiles(join(FIXTURES, GB18030_FILE));
    await expect(picker.locator('.file-picker-name').innerText()).resolves.toBe('已选择文件');
    await p.getByTestId('upload-form').getByRole('button', { name: '预览' }).click();
    await p.getByTestId('preview').waitFor();
    await expect(p.getByTestId('preview').locator('p').first().innerText()).resolves.toContain('73 行');
  });

  it('a sample downloaded from the Chinese guide uploads cleanly, its columns recognised', async () => {
    const p = await page({ locale: 'zh-CN', acceptDownloads: true });
    const errors = collectErrors(p);
    await openDataPage(p);
    const guide = p.getByTestId('file-guide');
    // Open for a first file; folded once the case has data (a click opens it).
    const datasets = await p.getByTestId('dataset').count();
    await expect(guide.getAttribute('open')).resolves.toBe(datasets > 0 ? null : '');
    await openGuide(p);
    const observations = guide.getByTestId('guide-observations');
    await expect(observations.locator('h3').innerText()).resolves.toBe('计时观察');
    const rows = observations.locator('tbody tr');
    await expect(rows.locator('th').allInnerTexts()).resolves.toEqual([
      '日期\nDate',
      '科室\nDepartment',
      '岗位\nRole',
      '工作流程\nWorkflow',
      '阶段\nPhase',
      '每任务分钟\nMinutes per task',
      '每任务分钟（基线）\nMinutes per task, baseline',
      '每任务分钟（使用 AI）\nMinutes per task, with AI',
      '核对修改分钟\nVerification minutes',
    ]);
    const workflow = rows.filter({ has: p.locator('th', { hasText: '工作流程' }) });
    await expect(workflow.locator('td').allInnerTexts()).resolves.toEqual([
      '中文：流程、任务、工作、业务类型\n英文：workflow, task, activity',
      '—',
      '必填',
      '门诊病历书写 / 护理文书记录 / 慢病患者随访',
    ]);
    // The English words are marked as English on the Chinese page.
    await expect(workflow.locator('td span[lang="en"]').innerText()).resolves.toBe(
      'workflow, task, activity',
    );

    for (const [kind, link, rowsInFile] of [
      ['observations', 'Excel 文件（XLSX）', 48],
      ['volumes', 'CSV 文件', 72],
    ] as const) {
      // (A preview folds the guide, bringing the preview up: open it again.)
      await openGuide(p);
      const [download] = await Promise.all([
        p.waitForEvent('download'),
        guide.getByTestId(`guide-${kind}`).getByRole('link', { name: link }).click(),
      ]);
      const name = download.suggestedFilename();
      expect(name).toBe(kind === 'observations' ? '计时观察样例.xlsx' : '月度业务量样例.csv');
      const file = await download.path();
      await p
        .getByTestId('upload-form')
        .locator('input[type="file"]')
        .setInputFiles({
          name,
          mimeType: 'application/octet-stream',
          buffer: readFileSync(file),
        });
      await expect(p.getByTestId('file-picker').locator('.file-picker-name').innerText()).resolves.toBe(name);
      await p.getByTestId('upload-form').getByRole('button', { name: '预览' }).click();
      const preview = p.getByTestId('preview');
      await preview.locator('p', { hasText: name }).waitFor();
      await expect(preview.locator('p').first().innerText()).resolves.toContain(`${rowsInFile} 行`);
      await expect(preview.getByTestId('preview-problems').count()).resolves.toBe(0);
      await expect(preview.locator('p.good').innerText()).resolves.toBe('没有发现问题，可以保存。');
      // No column left unrecognised.
      const meanings = await preview
        .locator('select[id^="mapping-"]')
        .evaluateAll((s) => s.map((x) => (x as HTMLSelectElement).value));
      expect(meanings).not.toContain('ignore');
      expect(meanings).toHaveLength(kind === 'observations' ? 7 : 4);
    }
    expect(errors).toEqual([]);
  });

  for (const lang of ['zh-CN', 'en'] as const)
    for (const width of [1440, 390])
      it(`the data page with its guide open, ${lang} at ${width} px: nothing scrolls sideways`, async () => {
        const p = await page({ locale: lang, viewport: { width, height: 900 } });
        await openDataPage(p);
        await openGuide(p);
        await expect(p.getByTestId('file-picker').innerText()).resolves.toContain(
          lang === 'zh-CN' ? '选择文件…' : 'Choose a file…',
        );
        await expect(p.getByTestId('guide-volumes').locator('h3').innerText()).resolves.toBe(
          lang === 'zh-CN' ? 'HIS 月度业务量' : 'Monthly HIS volumes',
        );
        await screenshot(p, `data-guide-${lang}-${width}`);
        const sideways = await sidewaysOverflow(p);
        expect(sideways.overflow, sideways.past.join('\n')).toBe(0);
      });
});
