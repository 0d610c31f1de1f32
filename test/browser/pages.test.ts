/**
 * Every page a signed-in admin (a planner of the demo hospital, and the system's administrator)
 * can reach, and the pages of someone not signed in (login, a share link), opened in headless
 * Chromium on a 390 px phone in both languages:
 *
 * - no page scrolls sideways (`scrollWidth <= innerWidth`; a table may scroll inside its box);
 * - a Chinese page shows no Latin-script word outside a short whitelist (numbers, units, product
 *   names, the host) and what the user typed. The text is what a person sees or hears: the
 *   rendered text (screen-reader text included), the options of a choice, placeholders, titles,
 *   aria-labels and the words on buttons. Text in an element marked with another `lang` (the
 *   language switch's "English") is that language on purpose and is not read.
 *
 * Failures name the page and the offending words (or the elements that reach past the edge).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXPRESSION_BUILTINS } from '~/engine/expression-variables';

import { isModelLike, LATIN_TERMS, latinWords, REFERENCE_NAMES } from '../helpers/latin-words';
import { box, combobox, press, region, settled } from './people';
import { launchBrowser, newContext, ROOT, startServer, type RunningServer } from './server';
import { ADMIN, NEW_PASSWORD, signIn, signInAs, type Session } from './sign-in';
import { totpCode } from '~/auth/totp.server';

const BUNDLED = [
  'county-hospital-300-beds',
  'county-hospital-nursing-assistant',
  'county-hospital-chronic-risk',
  'township-health-centre-api',
  'tertiary-hospital-on-prem',
];
const COUNTY = BUNDLED[0]!;
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1440, height: 900 };

/** A case the user made, with names in their own words (Latin letters included). */
const USER_CASE = {
  name: { 'zh-CN': 'SaaS 按席位：语音病历', en: 'SaaS per seat: speech-to-EMR' },
  hospital: { 'zh-CN': 'Qingshui 县医院', en: 'Qingshui county hospital' },
};
/** What the user typed in the new-case steps. */
const DRAFT = { caseName: 'SaaS 按席位护理文书', hospital: '某县第二人民医院', option: 'SaaS 按席位' };

/**
 * Names of institutions, studies and products the bundled examples and the new-case steps quote
 * beside their Chinese names ("宾夕法尼亚大学医学中心，Penn Medicine").
 */
const PROPER_NAMES = ['Penn Medicine', 'NYU Langone', 'NEJM AI', 'UCLA', 'NYU', 'Nabla', 'DAX'];

interface Seen {
  /** The whole page's width and the window's. */
  scrollWidth: number;
  innerWidth: number;
  /** The innermost elements reaching past the right edge. */
  overflowing: string[];
  /** Text a person sees or hears, by where it came from. */
  texts: string[];
}

/** What the page shows, read in the browser. */
function readPage(p: Page): Promise<Seen> {
  return p.evaluate(() => {
    const foreign = (el: Element | null) => {
      const marked = el?.closest('[lang]');
      return Boolean(marked && !marked.getAttribute('lang')!.startsWith('zh'));
    };
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      // A key to type into an authenticator app is not words; a box's text is what was typed in
      // it (the case's JSON in the advanced editor), not the page's.
      if (
        el.closest('script, style, template, noscript, option, select, textarea, [data-testid=totp-secret]')
      )
        continue;
      if (foreign(el)) continue;
      // A link named by its own host name is an address, not words (it may break at its dots).
      const link = el.closest('a[href]');
      if (link instanceof HTMLAnchorElement && link.textContent?.trim() === link.hostname) continue;
      if (!el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)) continue;
      texts.push(node.textContent.trim());
    }
    for (const el of document.body.querySelectorAll('*')) {
      if (foreign(el) || el.closest('template, noscript')) continue;
      for (const name of ['placeholder', 'title', 'aria-label', 'alt', 'aria-description']) {
        const value = el.getAttribute(name);
        if (value?.trim()) texts.push(value.trim());
      }
      if (el instanceof HTMLOptionElement && el.text.trim()) texts.push(el.text.trim());
      if (el instanceof HTMLInputElement && ['submit', 'button', 'reset'].includes(el.type) && el.value)
        texts.push(el.value);
    }
    const width = window.innerWidth;
    const overflowing: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      const right = el.getBoundingClientRect().right;
      if (right <= width + 1) continue;
      // Inside a box that scrolls (or clips) sideways, an element may reach past the edge.
      let clipped = false;
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
        const overflowX = getComputedStyle(up).overflowX;
        if (overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 1) {
          clipped = true;
          break;
        }
      }
      if (clipped) continue;
      if ([...el.children].some((c) => c.getBoundingClientRect().right > width + 1)) continue;
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
      overflowing.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(right)} px) "${text}"`);
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: width,
      overflowing: overflowing.slice(0, 8),
      texts,
    };
  });
}

type Lang = 'zh-CN' | 'en';

/** Who opens a page: the first admin (a planner of the demo hospital), the other administrators, or nobody. */
type Who = 'admin' | 'security' | 'audit' | 'hospitalAdmin' | 'anonymous';

interface PageCase {
  name: string;
  path: () => string;
  /** Who opens it; the first admin unless said. */
  who?: Who;
  /** Words the user typed (or ids the app made) that this page shows; a function when known later. */
  userWords?: string[] | (() => string[]);
  /**
   * The page shows reference figures, whose Chinese text keeps proper names and citations as
   * published (test/reference.test.ts checks each against the English text).
   */
  figures?: boolean;
  /** The page helps write a formula: it names the words a formula is written with (beds, tasks …). */
  formulas?: boolean;
  /** The status it answers with (200 unless said). */
  status?: number;
}

let server: RunningServer;
let browser: Browser;
let admin: Session;
/** Opens a new browser context on a signed-in session. */
type SessionContexts = Pick<Session, 'newContext' | 'close'>;
const sessions = {} as Record<Exclude<Who, 'anonymous'>, SessionContexts>;
let userCaseId = '';
let draftPath = '';
let shareToken = '';
let portfolioId = '';
let portfolioToken = '';

/** What users typed: names of cases, hospitals and options, and the user names of the accounts. */
const USER_WORDS = [
  USER_CASE.name['zh-CN'],
  USER_CASE.hospital['zh-CN'],
  ...Object.values(DRAFT),
  'admin',
  'head.admin',
  'security.admin',
  'audit.admin',
];

const PAGES: PageCase[] = [
  { name: 'scenario list', path: () => '/scenarios' },
  { name: 'archived scenarios', path: () => '/scenarios?archived=1' },
  { name: 'portfolios', path: () => '/portfolios' },
  { name: 'new case', path: () => '/scenarios/new', figures: true },
  ...(['hospital', 'budget', 'workflows', 'options', 'review'] as const).map((step) => ({
    name: `new case draft, step ${step}`,
    path: () => `${draftPath}?step=${step}`,
    figures: true,
    formulas: true,
  })),
  ...BUNDLED.map((id) => ({ name: `dashboard ${id}`, path: () => `/scenarios/${id}` })),
  { name: "dashboard of the user's case", path: () => `/scenarios/${userCaseId}` },
  { name: 'editor', path: () => `/scenarios/${COUNTY}/edit`, figures: true, formulas: true },
  { name: 'data page', path: () => `/scenarios/${COUNTY}/data` },
  { name: 'versions', path: () => `/scenarios/${COUNTY}/versions` },
  { name: "versions of the user's case", path: () => `/scenarios/${userCaseId}/versions` },
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((page) => ({
    name: `reference, page ${page}`,
    path: () => `/reference?page=${page}`,
    figures: true,
  })),
  { name: 'reference, searched', path: () => '/reference?q=nurse&grade=derived', figures: true },
  {
    name: 'reference, a wrong address',
    path: () => '/reference?page=0&topic=gossip',
    figures: true,
    status: 400,
  },
  { name: 'account', path: () => '/account' },
  { name: 'admin: accounts', path: () => '/admin/accounts', who: 'security' },
  { name: 'admin: hospitals', path: () => '/admin/hospitals' },
  { name: 'admin: members', path: () => '/admin/members', who: 'hospitalAdmin' },
  // The users script records the server's operating-system account that ran it (命令行（root）).
  // The audit log names each object by its id as stored (a case's random id may be all letters).
  { name: 'audit', path: () => '/audit', who: 'audit', userWords: () => ['root', userCaseId, portfolioId] },
  { name: 'second factor', path: () => '/totp' },
  { name: 'password', path: () => '/password' },
  { name: 'login', path: () => '/login', who: 'anonymous' },
  { name: 'share link', path: () => `/s/${shareToken}`, who: 'anonymous' },
  { name: 'portfolio plan', path: () => `/portfolios/${portfolioId}` },
  {
    name: 'portfolio plan, a what-if with a bad figure',
    path: () => `/portfolios/${portfolioId}?budget2028=abc`,
  },
  { name: 'portfolio share link', path: () => `/p/${portfolioToken}`, who: 'anonymous' },
];

/** Opens a page in a language on a screen (a phone unless said), signed in or not, and reads it. */
async function open(page: PageCase, lang: Lang, viewport = PHONE): Promise<Seen> {
  const options: BrowserContextOptions = { locale: lang, viewport };
  const who = page.who ?? 'admin';
  const context =
    who === 'anonymous'
      ? await newContext(browser, server.origin, options)
      : await sessions[who].newContext(options);
  try {
    const p = await context.newPage();
    const response = await p.goto(page.path());
    expect(response?.status(), `${page.name} (${lang})`).toBe(page.status ?? 200);
    await settled(p);
    // What a person may open (notes and sources, a data table) is read open: it must fit too.
    await p.evaluate(() => {
      for (const details of document.querySelectorAll('details')) details.open = true;
    });
    await settled(p);
    return await readPage(p);
  } finally {
    await context.close();
  }
}

/**
 * The Latin-script words of a Chinese page that are neither whitelisted nor the user's, each with
 * the text it was found in (the first time).
 */
function foreignWords(seen: Seen, userWords: readonly string[], page: PageCase): string[] {
  const allowed = new Set([
    ...LATIN_TERMS,
    ...userWords.flatMap(latinWords),
    ...(page.formulas ? EXPRESSION_BUILTINS : []),
  ]);
  const figures = page.figures ?? false;
  const host = new URL(server.origin).host;
  const found = new Map<string, string>();
  for (const text of seen.texts) {
    let plain = text.replaceAll(server.origin, ' ').replaceAll(host, ' ');
    for (const name of PROPER_NAMES) plain = plain.replaceAll(name, ' ');
    for (const word of latinWords(plain)) {
      if (allowed.has(word) || isModelLike(word) || found.has(word)) continue;
      if (figures && REFERENCE_NAMES.has(word)) continue;
      found.set(word, text.length > 60 ? `${text.slice(0, 60)}…` : text);
    }
  }
  return [...found].map(([word, text]) => `${word} (in “${text}”)`);
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(browser, server, ADMIN);
  sessions.admin = admin;
  sessions.hospitalAdmin = await signInAs(browser, server, 'head.admin', 'hospital-admin');
  for (const [who, role] of [
    ['security', 'security-admin'],
    ['audit', 'audit-admin'],
  ] as const) {
    const username = `${who}.admin`;
    sessions[who] = await signInWithSecondFactor(username, createSystemAccount(username, role));
  }

  // The user's own case: a copy of the county example under their own names.
  const document = JSON.parse(readFileSync(join(ROOT, 'scenarios', `${COUNTY}.json`), 'utf8')) as {
    id?: string;
    name: unknown;
    hospital: { name: unknown };
  };
  delete document.id;
  document.name = USER_CASE.name;
  document.hospital.name = USER_CASE.hospital;
  const created = await admin.fetch('/api/scenarios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(document),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  userCaseId = ((await created.json()) as { id: string }).id;

  const shared = await admin.fetch(`/api/scenarios/${userCaseId}/share`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({}),
  });
  expect(shared.status, await shared.clone().text()).toBe(201);
  shareToken = ((await shared.json()) as { token: string }).token;

  // A portfolio of the three examples over a common five years, and a link to its plan.
  const portfolio = await admin.fetch('/api/portfolios', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      name: '全院 AI 项目组合',
      scenarioIds: BUNDLED,
      startYear: 2027,
      horizonYears: 5,
      discountRate: 0.08,
      budgetByYear: [1_500_000, 1_500_000, 1_500_000, 1_500_000, 1_500_000],
      committedByYear: [100_000, 100_000, 100_000, 100_000, 100_000],
      researchBudgetByYear: [0, 0, 0, 0, 0],
    }),
  });
  expect(portfolio.status, await portfolio.clone().text()).toBe(201);
  portfolioId = ((await portfolio.json()) as { id: string }).id;
  const portfolioShared = await admin.fetch(`/api/portfolios/${portfolioId}/share`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({}),
  });
  expect(portfolioShared.status, await portfolioShared.clone().text()).toBe(201);
  portfolioToken = ((await portfolioShared.json()) as { token: string }).token;

  // A draft of a new case, as far as its options, typed in the steps.
  const p = await admin.newPage({ locale: 'zh-CN' });
  await p.goto('/scenarios/new');
  await settled(p);
  await box(p, '规划名称').fill(DRAFT.caseName);
  await box(p, '医院名称').fill(DRAFT.hospital);
  await combobox(p, '机构类型').selectOption({ label: '县级医院' });
  await combobox(p, '医院等级').selectOption({ label: '二级' });
  await box(p, '床位数').fill('200');
  await box(region(p, '医师'), '人数').fill('60');
  await box(region(p, '护士'), '人数').fill('100');
  await press(p, '下一步');
  await box(p, '每年信息化预算').fill('800万');
  await box(p, 'AI 可占预算比例').fill('15%');
  await press(p, '下一步');
  await combobox(p, '使用场景').selectOption({ label: '护理文书辅助书写' });
  await press(p, '添加工作流程');
  await press(p, '删除', region(p, '工作流程「入院护理评估」'));
  await box(region(p, '工作流程「护理记录书写」'), '现状每份护理记录用时').fill('12 分钟');
  await press(p, '下一步');
  await box(p, '方案名称').last().fill(DRAFT.option);
  await combobox(p, '类型与计价方式').selectOption({ label: '采购 · 按席位订阅（每名医护人员每月）' });
  await press(p, '添加方案');
  const url = new URL(p.url());
  draftPath = url.pathname;
  expect(draftPath).toMatch(/^\/scenarios\/new\/[^/]+$/);
  await p.close();
}, 180_000);

/** Makes an account with a system role with the users script and returns its one-time password. */
function createSystemAccount(username: string, role: 'security-admin' | 'audit-admin'): string {
  const made = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'scripts/users.ts',
      'create',
      username,
      '--system-role',
      role,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: server.databaseFile },
      encoding: 'utf8',
      timeout: 90_000,
    },
  );
  if (made.status !== 0) throw new Error(`users create ${username} failed: ${made.stderr}${made.stdout}`);
  return made.stdout.trim();
}

/**
 * A system administrator's first sign-in: the one-time password replaced, then the second factor
 * set up with the key the page shows (an administrator may not put it off).
 */
async function signInWithSecondFactor(username: string, oneTime: string): Promise<SessionContexts> {
  const first = await newContext(browser, server.origin);
  const p = await first.newPage();
  await p.goto('/login');
  await p.fill('form.auth-form input[name=username]', username);
  await p.fill('form.auth-form input[name=password]', oneTime);
  await p.click('form.auth-form button[type=submit]');
  await p.waitForURL((url) => url.pathname === '/password', { timeout: 30_000 });
  await p.fill('form.auth-form input[name=current]', oneTime);
  await p.fill('form.auth-form input[name=next]', NEW_PASSWORD);
  await p.fill('form.auth-form input[name=repeat]', NEW_PASSWORD);
  await p.click('form.auth-form button[type=submit]');
  await p.waitForURL((url) => url.pathname === '/totp', { timeout: 30_000 });
  const secret = (await p.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  await p.fill('form.auth-form input[name=code]', totpCode(secret, Date.now()));
  await p.click('form.auth-form button[type=submit]');
  await p.waitForURL((url) => url.pathname !== '/totp', { timeout: 30_000 });
  const state = await first.storageState();
  await first.close();
  const contexts: BrowserContext[] = [];
  return {
    newContext: async (options = {}) => {
      const made = await newContext(browser, server.origin, { storageState: state, ...options });
      contexts.push(made);
      return made;
    },
    close: async () => {
      for (const c of contexts.splice(0)) await c.close().catch(() => undefined);
    },
  };
}

afterAll(async () => {
  for (const s of Object.values(sessions)) await s.close();
  await browser?.close();
  await server?.stop();
});

/** Each page read once per language and screen: the checks below share the reading. */
const readings = new Map<string, Promise<Seen>>();
function seen(page: PageCase, lang: Lang, viewport = PHONE): Promise<Seen> {
  const key = `${page.name}|${lang}|${viewport.width}`;
  if (!readings.has(key)) readings.set(key, open(page, lang, viewport));
  return readings.get(key)!;
}

function expectNoSidewaysScroll(reading: Seen, what: string): void {
  const says = `${what} is ${reading.scrollWidth} px wide in a ${reading.innerWidth} px window`;
  expect(reading.overflowing.join('\n'), says).toBe('');
  expect(reading.scrollWidth, says).toBeLessThanOrEqual(reading.innerWidth);
}

describe.each(PAGES)('$name', (page) => {
  it.each(['zh-CN', 'en'] as const)('does not scroll sideways at 390 px (%s)', async (lang) => {
    expectNoSidewaysScroll(await seen(page, lang), `${page.name} (${lang})`);
  });

  it('fits a 1440 px window in English (the longer words)', async () => {
    expectNoSidewaysScroll(await seen(page, 'en', LAPTOP), `${page.name} (en)`);
  });

  it('is all in Chinese on a Chinese page', async () => {
    const reading = await seen(page, 'zh-CN');
    const own = typeof page.userWords === 'function' ? page.userWords() : (page.userWords ?? []);
    const words = foreignWords(reading, [...USER_WORDS, ...own], page);
    expect(words.join('\n'), page.name).toBe('');
  });
});

describe('scenario list', () => {
  it.each([390, 800, 1024, 1280, 1440])(
    'keeps the example to copy, and its long English name, inside its card at %i px',
    async (width) => {
      const context = await admin.newContext({ locale: 'en', viewport: { width, height: 900 } });
      try {
        const p = await context.newPage();
        await p.goto('/scenarios');
        await settled(p);
        const boxes = await p.locator('select[name=template]').evaluate((select) => {
          const card = select.closest('.card')!.getBoundingClientRect();
          const own = select.getBoundingClientRect();
          const longest = Math.max(...[...(select as HTMLSelectElement).options].map((o) => o.text.length));
          return {
            card: { left: card.left, right: card.right },
            own: { left: own.left, right: own.right },
            longest,
          };
        });
        // The bundled examples' English names are long (over 80 characters): the select shrinks.
        expect(boxes.longest).toBeGreaterThan(80);
        expect(boxes.own.left).toBeGreaterThanOrEqual(boxes.card.left);
        expect(boxes.own.right).toBeLessThanOrEqual(boxes.card.right);
      } finally {
        await context.close();
      }
    },
  );
});
