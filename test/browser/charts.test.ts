/**
 * The dashboard's charts lay out for any number of options and any length of name, in both
 * languages, on a laptop and on a phone, and the server's first paint (what a page without
 * JavaScript keeps) is the page the browser hydrates: measured from the boxes Chromium draws.
 *
 * Cases of 2 to 6 options with long Chinese and English names are made from the county example
 * through the API; each dashboard is opened at 1440 and 390 px, with JavaScript off and on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  collectErrors,
  hydrated,
  launchBrowser,
  ROOT,
  screenshot,
  startServer,
  type RunningServer,
} from './server';
import { ADMIN, signIn, type Session } from './sign-in';

const OPTION_COUNTS = [2, 3, 4, 5, 6] as const;
const WIDTHS = [1440, 390] as const;
const LOCALES = ['zh-CN', 'en'] as const;
/** Smallest axis text, in CSS pixels as drawn, that a director can read on a phone. */
const LEGIBLE_PX = 10;

/** Long names: the option's own, made longer, so that every name differs. */
const LONG_NAME = {
  'zh-CN': (name: string, i: number) => `方案${i}：${name}（含与现有 HIS 深度集成、三年维保与全院培训）`,
  en: (name: string, i: number) =>
    `Option ${i}: ${name}, integrated with the existing HIS, with three years of support and training`,
};

interface CountyDocument {
  id?: string;
  name: unknown;
  options: { id: string; name: { 'zh-CN': string; en: string } }[];
  uncertainty: { inputs: Record<string, unknown>; correlations?: { a?: string; b?: string }[] };
}

/** The county example with `count` options (its four, then copies of them), every name long. */
function caseWith(count: number): CountyDocument {
  const county = JSON.parse(
    readFileSync(join(ROOT, 'scenarios', 'county-hospital-300-beds.json'), 'utf8'),
  ) as CountyDocument;
  const four = county.options;
  const options = Array.from({ length: count }, (_, k) => {
    const copy = structuredClone(four[k % four.length]!);
    if (k >= four.length) copy.id = `${copy.id}-${k + 1}`;
    copy.name = {
      'zh-CN': LONG_NAME['zh-CN'](copy.name['zh-CN'], k + 1),
      en: LONG_NAME.en(copy.name.en, k + 1),
    };
    return copy;
  });
  const kept = new Set(options.map((o) => o.id));
  // The uncertain inputs of options left out go with them.
  const ownerKept = (path: string) => !path.startsWith('options.') || kept.has(path.split('.')[1]!);
  const inputs = Object.fromEntries(
    Object.entries(county.uncertainty.inputs).filter(([path]) => ownerKept(path)),
  );
  const correlations = (county.uncertainty.correlations ?? []).filter(
    (c) => (!c.a || ownerKept(c.a)) && (!c.b || ownerKept(c.b)),
  );
  const document = { ...county, options, uncertainty: { ...county.uncertainty, inputs, correlations } };
  delete document.id;
  document.name = { 'zh-CN': `图表测试：${count} 个方案`, en: `Chart test: ${count} options` };
  return document;
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
  text: string;
}

interface Layout {
  /** Legend entries (the HTML legends, or recharts' own). */
  legends: Box[];
  /** Where each legend entry is in its chart, to a tenth of a pixel (the page around may move). */
  legendPlaces: string[];
  /** Axis tick labels as drawn (hidden ones left out), each with the index of its chart. */
  ticks: (Box & { chart: number })[];
  /** Each chart's plot area (its grid). */
  plots: Box[];
  /** Charts whose SVG reaches beyond the card or figure it is in. */
  overflowing: string[];
  /** The smallest axis text as drawn, in CSS pixels. */
  smallestTickPx: number;
  documentWidth: number;
  /** Each chart's SVG, written out, for the server's and the browser's to be compared. */
  svgs: string[];
  /** Cells of the evidence table outside its section (a column cut off or scrolled away). */
  evidenceCellsOutside: number;
}

/** Boxes of what a chart draws, as Chromium lays them out. */
function layout(p: Page): Promise<Layout> {
  return p.evaluate(() => {
    const box = (el: Element): Box => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, text: el.textContent ?? '' };
    };
    const drawn = (b: Box) => b.right - b.left > 0 && b.bottom - b.top > 0;
    const charts = [...document.querySelectorAll('.recharts-wrapper')];
    const ticks = charts.flatMap((chart, i) =>
      [...chart.querySelectorAll('.recharts-cartesian-axis-tick text')]
        .map((t) => ({ ...box(t), chart: i }))
        .filter(drawn),
    );
    const fontPx = (t: Element) => {
      const svg = t.closest('svg')!;
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return parseFloat(getComputedStyle(t).fontSize) * scale;
    };
    const shown = charts.flatMap((chart) =>
      [...chart.querySelectorAll('.recharts-cartesian-axis-tick text')].filter((t) => drawn(box(t))),
    );
    const overflowing = charts
      .filter((chart) => {
        const svg = chart.querySelector('svg')!.getBoundingClientRect();
        const holder = (chart.closest('figure, .card') ?? chart.parentElement!).getBoundingClientRect();
        return svg.left < holder.left - 0.5 || svg.right > holder.right + 0.5;
      })
      .map(
        (chart) =>
          chart.querySelector('svg')?.id || chart.closest('figure')?.textContent?.slice(0, 30) || '?',
      );
    const evidence = document.querySelector('[data-testid=evidence]');
    const section = evidence?.getBoundingClientRect();
    const evidenceCellsOutside = evidence
      ? [...evidence.querySelectorAll('td, th')].filter((cell) => {
          const r = cell.getBoundingClientRect();
          return r.width > 0 && (r.left < section!.left - 0.5 || r.right > section!.right + 0.5);
        }).length
      : 0;
    const legendItems = [...document.querySelectorAll('.chart-legend li, .recharts-legend-item')].filter(
      (item) => item.getBoundingClientRect().width > 0,
    );
    const legendPlaces = legendItems.map((item) => {
      const r = item.getBoundingClientRect();
      const chart = (item.closest('.chart, .recharts-wrapper') ?? document.body).getBoundingClientRect();
      const at = [r.left - chart.left, r.top - chart.top, r.width, r.height].map((x) => x.toFixed(1));
      return `${item.textContent} @ ${at.join(', ')}`;
    });
    return {
      legends: legendItems.map(box),
      legendPlaces,
      ticks,
      plots: charts
        .map((chart) => chart.querySelector('.recharts-cartesian-grid'))
        .filter((g) => g !== null)
        .map(box),
      overflowing,
      smallestTickPx: Math.min(...shown.map(fontPx)),
      documentWidth: document.documentElement.scrollWidth,
      // Each element with its attributes in order and its style as the browser reads it (the
      // server writes "width:100%", the browser "width: 100%;"), and its text.
      svgs: charts.map((chart) => {
        const write = (el: Element): string => {
          const attributes = [...el.attributes]
            .map((a) => `${a.name}=${a.name === 'style' ? (el as SVGElement).style.cssText : a.value}`)
            .sort();
          const inside = [...el.childNodes]
            .map((n) => (n.nodeType === Node.TEXT_NODE ? (n.textContent ?? '') : write(n as Element)))
            .join('');
          return `<${el.tagName} ${attributes.join(' ')}>${inside}</${el.tagName}>`;
        };
        return write(chart.querySelector('svg')!);
      }),
      evidenceCellsOutside,
    };
  });
}

/**
 * Where two SVGs draw differently: their markup apart from numbers, and any number more than a
 * hundredth apart. (The server's recharts writes curve paths to full precision, the browser's
 * to three decimals: the same drawing.)
 */
function drawingDifferences(server: string[], browser: string[]): string[] {
  const number = /-?\d+(?:\.\d+)?(?:e-?\d+)?/g;
  if (server.length !== browser.length) return [`${server.length} charts, then ${browser.length}`];
  return server.flatMap((svg, i) => {
    const other = browser[i]!;
    const [a, b] = [svg.match(number) ?? [], other.match(number) ?? []];
    if (svg.replace(number, '#') !== other.replace(number, '#') || a.length !== b.length)
      return [`chart ${i} is drawn differently`];
    const off = a.findIndex((x, k) => Math.abs(Number(x) - Number(b[k])) > 0.01);
    return off < 0 ? [] : [`chart ${i}: ${a[off]} became ${b[off]}`];
  });
}

function overlap(a: Box, b: Box): boolean {
  return (
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5
  );
}

/** What is wrong with a laid-out page, in words (empty when nothing is). */
function problems(l: Layout, width: number): string[] {
  const found: string[] = [];
  for (const legend of l.legends) {
    for (const tick of l.ticks)
      if (overlap(legend, tick)) found.push(`legend "${legend.text}" on axis label "${tick.text}"`);
    for (const plot of l.plots) if (overlap(legend, plot)) found.push(`legend "${legend.text}" on a plot`);
  }
  for (let i = 0; i < l.ticks.length; i++)
    for (let j = i + 1; j < l.ticks.length; j++)
      if (l.ticks[i]!.chart === l.ticks[j]!.chart && overlap(l.ticks[i]!, l.ticks[j]!))
        found.push(`axis labels "${l.ticks[i]!.text}" and "${l.ticks[j]!.text}" touch`);
  for (const chart of l.overflowing) found.push(`chart ${chart} is wider than its card`);
  if (l.smallestTickPx < LEGIBLE_PX) found.push(`axis text of ${l.smallestTickPx.toFixed(1)} px`);
  if (l.documentWidth > width) found.push(`the page is ${l.documentWidth} px wide in a ${width} px window`);
  if (l.evidenceCellsOutside > 0)
    found.push(`${l.evidenceCellsOutside} evidence cells outside their section`);
  return found;
}

let server: RunningServer;
let browser: Browser;
let admin: Session;
const ids = new Map<number, string>();

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  admin = await signIn(browser, server, ADMIN);
  for (const count of OPTION_COUNTS) {
    const response = await admin.fetch('/api/scenarios', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(caseWith(count)),
    });
    expect(response.status, await response.clone().text()).toBe(201);
    ids.set(count, ((await response.json()) as { id: string }).id);
  }
}, 180_000);

afterAll(async () => {
  await admin?.close();
  await browser?.close();
  await server?.stop();
});

/** The dashboard of the case with `count` options, laid out in a window `width` px wide. */
async function open(count: number, locale: string, width: number, javaScript: boolean) {
  const p = await admin.newPage({ locale, viewport: { width, height: 900 }, javaScriptEnabled: javaScript });
  const errors = collectErrors(p);
  await p.goto(`/scenarios/${ids.get(count)}`);
  if (javaScript) await hydrated(p);
  return { p, errors };
}

describe('dashboard charts for 2 to 6 options with long names', () => {
  for (const count of OPTION_COUNTS)
    for (const locale of LOCALES)
      it(`${count} options, ${locale}: no legend on an axis or a plot, nothing wider than its box, the same before and after hydration`, async () => {
        for (const width of WIDTHS) {
          const server = await open(count, locale, width, false);
          const first = await layout(server.p);
          const browser = await open(count, locale, width, true);
          const hydratedLayout = await layout(browser.p);
          if (count === 6) {
            await screenshot(server.p, `charts-${count}-${locale}-${width}-no-javascript`);
            await screenshot(browser.p, `charts-${count}-${locale}-${width}`);
          }
          const where = `${count} options, ${locale}, ${width} px`;
          expect(first.legends.length, where).toBeGreaterThan(count);
          expect(first.ticks.length, where).toBeGreaterThan(10);
          expect(problems(first, width), `${where}, without JavaScript`).toEqual([]);
          expect(problems(hydratedLayout, width), `${where}, hydrated`).toEqual([]);
          // The first paint is the hydrated page: the same SVG, the same legend boxes.
          expect(drawingDifferences(first.svgs, hydratedLayout.svgs), where).toEqual([]);
          expect(hydratedLayout.legendPlaces, where).toEqual(first.legendPlaces);
          expect(browser.errors, where).toEqual([]);
          await server.p.context().close();
          await browser.p.context().close();
        }
      }, 240_000);
});

describe('the Monte Carlo charts on a phone', () => {
  for (const locale of LOCALES)
    it(`6 options, ${locale}: the fans, histograms and tornados fit the phone`, async () => {
      const { p, errors } = await open(6, locale, 390, true);
      await p.locator('[data-testid=uncertainty] button').first().click();
      await p.waitForSelector('[data-testid=mc-table]', { timeout: 120_000 });
      await p.locator('[data-testid^=tornado-]').first().waitFor();
      const l = await layout(p);
      await screenshot(p, `charts-6-${locale}-390-monte-carlo`);
      expect(problems(l, 390)).toEqual([]);
      // Each tornado's input names are page text, as large as the rest of the page's small print.
      const labelPx = await p
        .locator('.tornado-label')
        .evaluateAll((labels) =>
          Math.min(
            ...labels.filter((x) => x.textContent).map((x) => parseFloat(getComputedStyle(x).fontSize)),
          ),
        );
      expect(labelPx).toBeGreaterThanOrEqual(13);
      expect(errors).toEqual([]);
      await p.context().close();
    }, 240_000);
});
