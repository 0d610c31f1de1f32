/**
 * Chinese pages reach the browser as React wrote them, byte for byte: React 18's streaming
 * renderer pads a 2,048-byte block with NULs when a Chinese character does not fit at its end,
 * and the browser then shows "�" in the middle of a word. Every bundled case's dashboard and the
 * list, in both languages, must carry no byte 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BUNDLED_SCENARIOS } from '../../scenarios';
import { compileScenario, runModel, validateScenario } from '~/engine';
import * as dashboard from '~/routes/scenarios.$id._index';
import * as list from '~/routes/scenarios._index';

import { BUNDLED_KEYS, closeAndRemoveTempDatabases, useTempDatabase, signedInHeaders } from './helpers';
import { serveApp, type RunningApp } from './remix-app';

useTempDatabase('html-bytes');
let app: RunningApp;
beforeAll(async () => {
  app = await serveApp({
    'routes/scenarios._index': { path: 'scenarios', index: true, module: list },
    'routes/scenarios.$id._index': { path: 'scenarios/:id', index: true, module: dashboard },
  });
}, 60_000);
afterAll(async () => {
  await app.close();
  await closeAndRemoveTempDatabases();
});

/** Bundled cases in which every option has a negative NPV, worked out by the engine. */
const allLosing = BUNDLED_SCENARIOS.filter(({ document }) => {
  const validated = validateScenario(document);
  if (!validated.ok) throw new Error('bundled scenario invalid');
  return runModel(compileScenario(validated.scenario)).options.every((o) => o.npv < 0);
}).length;

describe('pages as bytes', () => {
  it('carry no NUL byte, in Chinese or English', { timeout: 120_000 }, async () => {
    const paths = ['/scenarios', ...BUNDLED_KEYS.map((key) => `/scenarios/${key}`)];
    for (const lang of ['zh-CN', 'en'])
      for (const path of paths) {
        const response = await fetch(`${app.base}${path}`, {
          headers: { 'Accept-Language': lang, ...signedInHeaders() },
        });
        expect(response.status).toBe(200);
        const bytes = Buffer.from(await response.arrayBuffer());
        expect({ path, lang, nul: bytes.indexOf(0) }).toEqual({ path, lang, nul: -1 });
        // Dropping the padding kept every character whole.
        expect(bytes.toString('utf8')).not.toContain('\uFFFD');
        // The tab's title is in the page's language: the case's own name on its dashboard.
        const title = /<title>([^<]*)<\/title>/.exec(bytes.toString('utf8'))?.[1];
        const product = lang === 'zh-CN' ? '医院 AI 投入规划' : 'Hospital AI Planner';
        expect(title).toMatch(
          path === '/scenarios' ? new RegExp(`^${product}$`) : new RegExp(`^[^·]+ · ${product}$`),
        );
        // A bundled case whose every option loses money is "none is worth doing" on the list,
        // never a "best" option (all but the nursing assistant, whose module just pays).
        if (path === '/scenarios') {
          const html = bytes.toString('utf8');
          const verdict = lang === 'zh-CN' ? '都不值得做（维持现状更好）' : 'None is worth doing';
          expect(html.split(verdict).length - 1).toBe(allLosing);
          expect(html).toContain(lang === 'zh-CN' ? '亏损最少：' : 'Least loss: ');
        }
      }
  });
});
