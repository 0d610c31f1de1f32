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
    // The breach year is named as the dashboard's tables name it: the calendar year (the county
    // plan starts in 2027), not "第 1 年".
    expect(lines.some((l) => l.includes('2027 年超出 AI 预算'))).toBe(true);
    // "采购三甲医院…" already says 采购: not "采购「采购…」".
    expect(lines[0]).toMatch(/^「采购/);
  });

  it('says added work as added, and sets freed hours beside money of two kinds', () => {
    const zh = scenarioSummary(
      runModel(bundled('county-hospital-300-beds'), undefined, { lang: 'zh-CN' }),
      'zh-CN',
    );
    // The speech-to-EMR purchase frees −576 hours over the plan: it adds 576.
    expect(zh[0]).toContain('增加工时 576 小时');
    expect(zh.join('')).not.toMatch(/释放[^；]*[-−]\d/);
    // Money with money: paper value and cash realized, not hours "of which" cash.
    expect(zh[1]).toContain('释放工时 32,837 小时，账面价值 111.55 万元，实际变现 93.10 万元');
    expect(zh.join('')).not.toContain('其中实际变现');
    const en = scenarioSummary(
      runModel(bundled('county-hospital-300-beds'), undefined, { lang: 'en' }),
      'en',
    );
    expect(en[0]).toContain('adds 576 hours of work');
    expect(en[1]).toContain('frees 32,837 hours, worth CNY 1,115,530 on paper and CNY 931,005 in cash');
  });
});
