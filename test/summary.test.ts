/** The dashboard's plain-language summary: one sentence per option, in either language. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { compileScenario, runModel, validateScenarioJson } from '~/engine';
import { scenarioSummary } from '~/i18n/summary';

const bundled = (name: string) => {
  const v = validateScenarioJson(
    readFileSync(join(import.meta.dirname, '..', 'scenarios', `${name}.json`), 'utf8'),
  );
  if (!v.ok) throw new Error(`${name} is invalid`);
  return compileScenario(v.scenario);
};

describe('scenario summary', () => {
  it('starts each English sentence with a capital (the kind, or the quoted name)', () => {
    // The on-premises option's name does not say "build": the sentence starts with the kind.
    const lines = scenarioSummary(
      runModel(bundled('tertiary-hospital-on-prem'), undefined, { lang: 'en' }),
      'en',
    );
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^(["A-Z])/);
    expect(lines.some((l) => l.startsWith('Build "'))).toBe(true);
  });

  it('names a budget breach with the spacing Chinese text gives a Latin word, and the kind once', () => {
    const lines = scenarioSummary(
      runModel(bundled('county-hospital-300-beds'), undefined, { lang: 'zh-CN' }),
      'zh-CN',
    );
    expect(lines.some((l) => l.includes('第 1 年超出 AI 预算'))).toBe(true);
    // "采购三甲医院…" already says 采购: not "采购「采购…」".
    expect(lines[0]).toMatch(/^「采购/);
  });
});
