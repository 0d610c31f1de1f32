/**
 * A director builds their own hospital's case in the browser, step by step (/scenarios/new),
 * in real headless Chromium against the built server (`node server.js`) with a fresh database:
 * only the labels a person sees (no JSON, no API call, no test id but the error summary), the
 * dashboard and the committee report that come out of it, numbers as people write them,
 * estimates that follow the beds, the steps without JavaScript, and at phone width.
 * Screenshots of every step in both languages at 1440 and 390 px go to test-results/screenshots/.
 * The director is a planner of the demo hospital, signed in once through the login form; the
 * case is saved under its user name.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  collectErrors,
  launchBrowser,
  newContext,
  screenshot,
  startServer,
  type RunningServer,
} from './server';
import { box, combobox, press, region, savedByOnVersionsPage, settled } from './people';
import { signInAs, type Session } from './sign-in';
import { pdfPages } from '../helpers/pdf';

let server: RunningServer;
let browser: Browser;
/** The director: a planner of the demo hospital. */
let director: Session;

/** A page of the signed-in director, in a new context (1440 px wide unless told otherwise). */
function page(options: Parameters<typeof newContext>[2] = {}): Promise<Page> {
  return director.newPage({ viewport: { width: 1440, height: 900 }, ...options });
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  director = await signInAs(browser, server, 'zhao.director', 'planner');
}, 120_000);

afterAll(async () => {
  await director?.close();
  await browser?.close();
  await server?.stop();
});

// ---------------------------------------------------------------------------------------------
// What a person does: find a part by its name, a box by its label, press a named button.

/** The step the page says it is on ("2. 预算"). */
function currentStep(p: Page): Promise<string> {
  return p.locator('nav li [aria-current="step"]').innerText();
}

function problems(p: Page): Promise<string> {
  return p
    .locator('[data-testid=form-errors]')
    .allInnerTexts()
    .then((t) => t.join('\n'));
}

/** Fails with the error summary's words when the page is not on the step expected. */
async function expectStep(p: Page, step: string): Promise<void> {
  expect(await currentStep(p), `on ${p.url()}:\n${await problems(p)}`).toBe(step);
}

/** The note a screen reader reads with a box: its estimate or its error. */
function noteOf(input: Locator, kind: 'estimate' | 'error'): Promise<string> {
  return input.evaluate((el, kind) => {
    const id = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).find((i) => i.endsWith(`-${kind}`));
    return (id && document.getElementById(id)?.textContent) || '';
  }, kind);
}

/** "1.1211万" or "7474" as a number. */
const zhNumber = (text: string) =>
  text.endsWith('万') ? Number(text.slice(0, -1).replace(/,/g, '')) * 1e4 : Number(text.replace(/,/g, ''));

/** Where a text occurs in a PDF: "page 1: …the words around it…", for a failure to show. */
function pagesWith(pages: string[], text: string): string[] {
  return pages.flatMap((page, i) => {
    const at = page.indexOf(text);
    return at < 0 ? [] : [`page ${i + 1}: …${page.slice(Math.max(0, at - 20), at + text.length + 20)}…`];
  });
}

/** Downloads the committee report the dashboard links to, with the page's own cookies. */
async function reportOf(p: Page, linkName: string): Promise<string[]> {
  const href = await p.getByRole('link', { name: linkName, exact: true }).getAttribute('href');
  expect(href).toBeTruthy();
  const response = await p.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  return pdfPages(new Uint8Array(await response.body()));
}

/** The id in a dashboard's address, /scenarios/<id>?saved=1. */
const scenarioIdOf = (p: Page) => new URL(p.url()).pathname.split('/')[2]!;

/** The innermost elements that reach past the right edge of a screen `width` wide. */
function overflowing(p: Page, width: number): Promise<string[]> {
  return p.evaluate((width) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      const right = el.getBoundingClientRect().right;
      if (right <= width + 1) continue;
      if ([...el.children].some((c) => c.getBoundingClientRect().right > width + 1)) continue;
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      out.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(right)} px) "${text}"`);
    }
    return out.slice(0, 8);
  }, width);
}

type Step = 'hospital' | 'budget' | 'use-case' | 'options' | 'review';
type AtStep = (step: Step) => Promise<void>;
const nothing: AtStep = async () => undefined;

// ---------------------------------------------------------------------------------------------
// The two tasks, as a director does them.

const ZH = {
  caseName: '护理文书助手：采购、自建还是先试点',
  hospital: '某县第二人民医院',
  options: ['SaaS 按席位', '本地服务器自建', '两个病区先试点 3 个月'],
};

/** 某县第二人民医院 (200 beds) plans a nursing-records assistant: buy, build or pilot first. */
async function chineseTask(p: Page, atStep: AtStep = nothing): Promise<void> {
  await p.goto('/scenarios/new');
  await settled(p);
  await expectStep(p, '1. 医院');
  await box(p, '规划名称').fill(ZH.caseName);
  await box(p, '医院名称').fill(ZH.hospital);
  await combobox(p, '机构类型').selectOption({ label: '县级医院' });
  await combobox(p, '医院等级').selectOption({ label: '二级' });
  await box(p, '床位数').fill('200');
  await box(region(p, '医师'), '人数').fill('60');
  await box(region(p, '护士'), '人数').fill('100');
  await atStep('hospital');
  await press(p, '下一步');

  await expectStep(p, '2. 预算');
  await box(p, '每年信息化预算').fill('800万');
  await box(p, 'AI 可占预算比例').fill('15%');
  await atStep('budget');
  await press(p, '下一步');

  await expectStep(p, '3. 使用场景');
  await combobox(p, '使用场景').selectOption({ label: '护理文书辅助书写' });
  await press(p, '添加工作流程');
  await press(p, '删除', region(p, '工作流程「入院护理评估」'));
  await expect(region(p, '工作流程「入院护理评估」').count()).resolves.toBe(0);
  await box(region(p, '工作流程「护理记录书写」'), '现状每份护理记录用时').fill('12 分钟');
  await atStep('use-case');
  await press(p, '下一步');

  await expectStep(p, '4. 方案');
  // The box to name a new option is the last "方案名称" (each option has its own above it).
  const addOption = async (name: string, pricing: string) => {
    await box(p, '方案名称').last().fill(name);
    await combobox(p, '类型与计价方式').selectOption({ label: pricing });
    await press(p, '添加方案');
    expect(await problems(p)).toBe('');
    return region(p, `方案「${name}」`);
  };

  const saas = await addOption(ZH.options[0]!, '采购 · 按席位订阅（每名医护人员每月）');
  await box(region(saas, '成本项「席位订阅费」'), '单价').fill('300');
  const saasEffect = region(saas, '对「护理记录书写」的效果');
  await box(saasEffect, '每任务核对分钟').fill('1');
  await box(saasEffect, '每次修改分钟').fill('3');
  await press(p, '删除', region(saas, '成本项「数据安全评估」'));
  await expect(region(saas, '成本项「数据安全评估」').count()).resolves.toBe(0);

  const build = await addOption(ZH.options[1]!, '自建 · 本地服务器（按负载测算台数）');
  await box(region(build, '成本项「本地推理服务器」'), '单台服务器价格').fill('15万');
  await box(region(build, '成本项「HIS/EMR 接口与数据治理」'), '金额').fill('10万');
  const buildEffect = region(build, '对「护理记录书写」的效果');
  await box(buildEffect, '每任务核对分钟').fill('1.5');
  await box(buildEffect, '每次修改分钟').fill('3');
  await press(p, '删除', region(build, '成本项「数据安全评估」'));

  const pilot = await addOption(ZH.options[2]!, '试点 · 试点费用');
  await box(region(pilot, '成本项「试点费用」'), '金额').fill('5万');
  await box(pilot, '最低净节省（分钟/任务）').fill('3');
  await atStep('options');
  await press(p, '下一步');

  await expectStep(p, '5. 核对');
  const review = await region(p, '核对').innerText();
  expect(review).toContain(`${ZH.hospital}：县级医院，二级，200 张床`);
  expect(review).toContain('信息化预算每年 800.00 万元，其中 AI 最多可用 15%，即每年 120.00 万元');
  for (const name of ZH.options) expect(review).toContain(`「${name}」`);
  await expect(p.getByRole('textbox', { name: '你的姓名' }).count()).resolves.toBe(0);
  await atStep('review');
  await press(p, '保存并查看结果');
}

const EN = {
  caseName: 'Chronic follow-up calls: buy or build',
  hospital: 'Qingshui Township Health Centre',
  options: ['Follow-up service subscription', 'Own assistant on a cloud API'],
};

/** A township health centre (40 beds) plans chronic-disease follow-up calls: buy or build. */
async function englishTask(p: Page, atStep: AtStep = nothing): Promise<void> {
  await p.goto('/scenarios/new');
  await settled(p);
  await expectStep(p, '1. Hospital');
  await box(p, 'Name of this case').fill(EN.caseName);
  await box(p, 'Hospital name').fill(EN.hospital);
  await combobox(p, 'Type').selectOption({ label: 'Township health centre' });
  await combobox(p, 'Grade').selectOption({ label: 'Ungraded' });
  await box(p, 'Beds').fill('40');
  // No national figure fits a township centre's occupancy: the director gives it.
  await box(p, 'Bed occupancy').fill('60%');
  await box(region(p, 'Physician'), 'Headcount').fill('12');
  await box(region(p, 'Nurse'), 'Headcount').fill('15');
  await atStep('hospital');
  await press(p, 'Next');

  await expectStep(p, '2. Budget');
  await box(p, 'Informatization budget a year').fill('1,000,000');
  await box(p, 'Share AI may take').fill('20%');
  await atStep('budget');
  await press(p, 'Next');

  await expectStep(p, '3. Use case');
  await combobox(p, 'Use case').selectOption({ label: 'Chronic-disease follow-up' });
  await press(p, 'Add workflow');
  await press(p, 'Remove', region(p, 'Workflow “Face-to-face follow-up and record”'));
  await box(region(p, 'Workflow “Follow-up phone calls”'), 'Follow-up calls per month').fill('400');
  await atStep('use-case');
  await press(p, 'Next');

  await expectStep(p, '4. Options');
  const addOption = async (name: string, pricing: string) => {
    await box(p, 'Option name').last().fill(name);
    await combobox(p, 'Kind and pricing').selectOption({ label: pricing });
    await press(p, 'Add option');
    expect(await problems(p)).toBe('');
    return region(p, `Option “${name}”`);
  };
  const buy = await addOption(EN.options[0]!, 'Buy · Yearly subscription');
  const buyEffect = region(buy, 'Effect on “Follow-up phone calls”');
  await box(buyEffect, 'Verification minutes per task').fill('0.5');
  await box(buyEffect, 'Share needing correction').fill('10%');
  await box(region(buy, 'Cost line “Yearly subscription”'), 'Amount').fill('20,000');
  await press(p, 'Remove', region(buy, 'Cost line “Data-security assessment”'));
  // Buying a product: nothing said about patient data leaving.
  await expect(buy.innerText()).resolves.not.toContain('patient data leaves the hospital');

  const build = await addOption(EN.options[1]!, 'Build · Cloud model API (per million tokens)');
  await expect(build.innerText()).resolves.toContain(
    'This option calls a cloud model: patient data leaves the hospital.',
  );
  const buildEffect = region(build, 'Effect on “Follow-up phone calls”');
  await box(buildEffect, 'Verification minutes per task').fill('1');
  await box(buildEffect, 'Share needing correction').fill('15%');
  await box(region(build, 'Cost line “HIS/EMR interfaces and data work”'), 'Amount').fill('30,000');
  await box(region(build, 'Cost line “Data-security assessment”'), 'Amount').fill('20,000');
  await atStep('options');
  await press(p, 'Next');

  await expectStep(p, '5. Review');
  const review = await region(p, 'Review').innerText();
  for (const name of EN.options) expect(review).toContain(`“${name}”`);
  await expect(p.getByRole('textbox', { name: 'Your name' }).count()).resolves.toBe(0);
  await atStep('review');
  await press(p, 'Save and see the results');
}

// ---------------------------------------------------------------------------------------------

describe('a new case in Chinese', () => {
  it('a director builds a 200-bed county hospital case in five steps; the dashboard and the report show it', async () => {
    const p = await page({ locale: 'zh-CN' });
    const errors = collectErrors(p);
    const started = Date.now();
    await chineseTask(p);
    await p.waitForURL((url) => /^\/scenarios\/[^/]+$/.test(url.pathname) && url.searchParams.has('saved'));
    await settled(p);
    const took = Date.now() - started;
    console.log(`The Chinese director's task (5 steps, 3 options, saved, dashboard drawn) took ${took} ms`);

    const id = scenarioIdOf(p);
    await expect(p.locator('.ok-banner').innerText()).resolves.toBe('已保存为第 1 版');
    await expect(p.locator('h1').innerText()).resolves.toContain(ZH.caseName);
    await expect(p.locator('main').innerText()).resolves.toContain(ZH.hospital);
    // The comparison names the three options, in the order they were added.
    const heads = await p.getByTestId('comparison').locator('thead th').allInnerTexts();
    expect(heads.slice(1)).toEqual(ZH.options);
    // The AI budget: 15% of 800万 is 120万 a year, in the budget-use chart's table (万元).
    const budgetChart = p.locator('figure', { has: p.locator('h3', { hasText: '年度预算使用' }) });
    await expect(budgetChart.locator('h3').innerText()).resolves.toContain('万元');
    await budgetChart.getByText('查看数据表').click();
    const table = budgetChart.locator('table');
    await expect(table.locator('thead th').allInnerTexts()).resolves.toEqual([
      '年度',
      'AI 预算',
      ...ZH.options.map((o) => `${o} (万元)`),
    ]);
    const yearly = await table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)));
    expect(yearly.map((r) => r[0])).toEqual(['2027', '2028', '2029', '2030', '2031']);
    expect(yearly.map((r) => r[1])).toEqual(Array(5).fill('120.00'));
    // No id or field path on the dashboard for a person to read.
    const shown = await p.locator('main').innerText();
    expect(shown).not.toContain(id);
    expect(shown).not.toMatch(/options\.|workflows\.|costLines|\bopt-\d|\bwf-\d/);

    // The committee report: the hospital and the case on the cover, no id anywhere.
    const pages = await reportOf(p, '预算委员会报告 PDF');
    expect(pages[0]).toContain(ZH.hospital);
    expect(pages[0]).toContain(ZH.caseName);
    const text = pages.join('\n');
    for (const name of ZH.options) expect(text).toContain(name);
    expect(errors).toEqual([]);
    expect.soft(pagesWith(pages, id), `the report shows the internal id ${id}`).toEqual([]);
    // Saved under the signed-in director's name.
    await expect(savedByOnVersionsPage(p, id)).resolves.toEqual({ '1': director.username });
  }, 120_000);
});

describe('a new case in English', () => {
  it('a township health centre compares buying with building on a cloud API', async () => {
    const p = await page({ locale: 'en' });
    const errors = collectErrors(p);
    const started = Date.now();
    await englishTask(p);
    await p.waitForURL((url) => /^\/scenarios\/[^/]+$/.test(url.pathname) && url.searchParams.has('saved'));
    await settled(p);
    console.log(
      `The English task (5 steps, 2 options, saved, dashboard drawn) took ${Date.now() - started} ms`,
    );

    const id = scenarioIdOf(p);
    await expect(p.locator('.ok-banner').innerText()).resolves.toBe('Saved as version 1');
    const heads = await p.getByTestId('comparison').locator('thead th').allInnerTexts();
    expect(heads.slice(1)).toEqual(EN.options);
    const pages = await reportOf(p, 'Committee report (PDF)');
    expect(pages[0]).toContain(EN.hospital);
    expect(pages[0]).toContain(EN.caseName);
    expect(errors).toEqual([]);
    expect.soft(pagesWith(pages, id), `the report shows the internal id ${id}`).toEqual([]);
    await expect(savedByOnVersionsPage(p, id)).resolves.toEqual({ '1': director.username });
  }, 120_000);
});

/** Step 1 of a Chinese case, enough to move on. */
async function hospitalStep(p: Page, beds = '200'): Promise<void> {
  await p.goto('/scenarios/new');
  await settled(p);
  await box(p, '规划名称').fill('数字的写法');
  await box(p, '医院名称').fill('某县中医院');
  await box(p, '床位数').fill(beds);
  await box(region(p, '医师'), '人数').fill('40');
  await box(region(p, '护士'), '人数').fill('70');
}

describe('numbers as people write them', () => {
  it('refuses "1e3" in words, next to the field and in the summary, keeps what was typed; takes "１２０万"', async () => {
    const p = await page({ locale: 'zh-CN' });
    await hospitalStep(p);
    await press(p, '下一步');
    await expectStep(p, '2. 预算');

    const budget = box(p, '每年信息化预算');
    await budget.fill('1e3');
    await box(p, 'AI 可占预算比例').fill('15%');
    await press(p, '下一步');
    expect(await currentStep(p)).toBe('2. 预算');
    const summary = await problems(p);
    expect(summary).toContain('每年信息化预算');
    expect(summary).toContain('不支持科学计数法');
    await expect(budget.inputValue()).resolves.toBe('1e3');
    await expect(budget.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(noteOf(budget, 'error')).resolves.toContain('不支持科学计数法');
    // The summary links to the box.
    const item = p.getByTestId('form-errors').getByRole('listitem').filter({ hasText: '科学计数法' });
    const link = item.getByRole('link', { name: /每年信息化预算/ });
    const boxId = await budget.getAttribute('id');
    await expect(link.getAttribute('href')).resolves.toBe(`#${boxId}`);
    // Something was typed: the box is refused for how it is written, not said to be empty.
    expect
      .soft(summary, 'the summary also calls the refused "1e3" box empty (必填)')
      .not.toMatch(/每年信息化预算：必填/);
    await screenshot(p, 'new-case-budget-error-zh-1440');

    // Full-width digits, as a Chinese input method types them.
    await budget.fill('１２０万');
    await press(p, '下一步');
    await expectStep(p, '3. 使用场景');
    await press(p, '上一步');
    await expectStep(p, '2. 预算');
    await expect(budget.inputValue()).resolves.toBe('120万');
    await expect(region(p, '预算与规划期').innerText()).resolves.toContain('AI 每年可用预算：');
  }, 120_000);
});

describe('estimates', () => {
  it('follow the beds until the director types their own number', async () => {
    const p = await page({ locale: 'zh-CN' });
    const beds = box(p, '床位数');
    const discharges = box(p, '年出院人次');
    const onAndBack = async () => {
      await press(p, '下一步');
      await expectStep(p, '2. 预算');
      await press(p, '上一步');
      await expectStep(p, '1. 医院');
    };
    await hospitalStep(p, '200');
    await expect(discharges.inputValue()).resolves.toBe('');
    await onAndBack();
    const at200 = await discharges.inputValue();
    expect(zhNumber(at200)).toBeGreaterThan(0);
    await expect(noteOf(discharges, 'estimate')).resolves.toMatch(/^估算/);

    await beds.fill('300');
    await onAndBack();
    const at300 = await discharges.inputValue();
    expect(at300).not.toBe(at200);
    // Discharges scale with beds.
    expect(zhNumber(at300) / zhNumber(at200)).toBeCloseTo(1.5, 1);
    await expect(noteOf(discharges, 'estimate')).resolves.toMatch(/^估算/);

    await discharges.fill('9000');
    await onAndBack();
    await expect(discharges.inputValue()).resolves.toBe('9000');
    await expect(noteOf(discharges, 'estimate')).resolves.toMatch(/^你填的/);
    await beds.fill('250');
    await onAndBack();
    await expect(beds.inputValue()).resolves.toBe('250');
    await expect(discharges.inputValue()).resolves.toBe('9000');
    await expect(noteOf(discharges, 'estimate')).resolves.toMatch(/^你填的/);
  }, 120_000);
});

describe('without JavaScript', () => {
  it('moves from step 1 to 2 and adds a workflow with server-rendered forms', async () => {
    const p = await page({ locale: 'zh-CN', javaScriptEnabled: false });
    await p.goto('/scenarios/new');
    await box(p, '规划名称').fill('不用脚本也能填');
    await box(p, '医院名称').fill('某县妇幼保健院');
    await box(p, '床位数').fill('120');
    await box(region(p, '医师'), '人数').fill('30');
    await box(region(p, '护士'), '人数').fill('50');
    await p.getByRole('button', { name: '下一步', exact: true }).click();
    await p.waitForURL((url) => url.searchParams.get('step') === 'budget');
    await expectStep(p, '2. 预算');

    await box(p, '每年信息化预算').fill('300万');
    await box(p, 'AI 可占预算比例').fill('10%');
    await p.getByRole('button', { name: '下一步', exact: true }).click();
    await p.waitForURL((url) => url.searchParams.get('step') === 'workflows');
    await expectStep(p, '3. 使用场景');

    await combobox(p, '使用场景').selectOption({ label: '护理文书辅助书写' });
    await p.getByRole('button', { name: '添加工作流程', exact: true }).click();
    await region(p, '工作流程「护理记录书写」').waitFor();
    await expect(region(p, '工作流程「入院护理评估」').count()).resolves.toBe(1);

    // And back: what was typed on step 2 is still there.
    await p.getByRole('button', { name: '上一步', exact: true }).click();
    await p.waitForURL((url) => url.searchParams.get('step') === 'budget');
    await expect(box(p, '每年信息化预算').inputValue()).resolves.toBe('300万');
  }, 120_000);
});

describe('phone width and screenshots', () => {
  it('every step in both languages at 1440 and 390 px; step 1 and the options do not scroll sideways', async () => {
    const widths: Record<string, number> = {};
    const wider: Record<string, string[]> = {};
    for (const [lang, task] of [
      ['zh', chineseTask],
      ['en', englishTask],
    ] as const) {
      const p = await page({ locale: lang === 'zh' ? 'zh-CN' : 'en' });
      await task(p, async (step) => {
        await screenshot(p, `new-case-${step}-${lang}-1440`);
        await p.setViewportSize({ width: 390, height: 844 });
        await p.evaluate(
          () =>
            new Promise<void>((resolve) =>
              requestAnimationFrame(() => requestAnimationFrame(() => resolve())),
            ),
        );
        widths[`${step}-${lang}`] = await p.evaluate(() => document.documentElement.scrollWidth);
        if (widths[`${step}-${lang}`]! > 391) wider[`${step}-${lang}`] = await overflowing(p, 390);
        await screenshot(p, `new-case-${step}-${lang}-390`);
        await p.setViewportSize({ width: 1440, height: 900 });
      });
      await p.waitForURL((url) => url.searchParams.has('saved'));
    }
    console.log('Page widths at 390 px:', widths, 'wider than the screen:', wider);
    for (const step of ['hospital-zh', 'hospital-en', 'options-zh', 'options-en'])
      expect(widths[step], `${step}: ${(wider[step] ?? []).join('; ')}`).toBeLessThanOrEqual(391);
  }, 240_000);
});
