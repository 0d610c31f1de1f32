/**
 * The new-case review's sentence per option: added work said as added, and the first year's
 * budget share set beside what the hospital pays itself when funding covers part of the spend.
 */
import { describe, expect, it } from 'vitest';

import { compileScenario, runModel, validateScenario, type Scenario } from '~/engine';
import { describeCase } from '~/new-case/review';
import { BUNDLED_SCENARIOS } from '../../scenarios';

function bundled(key: string): Scenario {
  const checked = validateScenario(BUNDLED_SCENARIOS.find((s) => s.key === key)!.document);
  if (!checked.ok) throw new Error(`${key} does not validate`);
  return checked.scenario;
}

function sentences(doc: Scenario, lang: 'zh-CN' | 'en') {
  const model = compileScenario(doc);
  return describeCase(doc, runModel(model, model.params.base, { lang }), lang).options;
}

describe('the review of a new case', () => {
  it('says an option that adds work adds it, never "−576 hours freed"', () => {
    const county = bundled('county-hospital-300-beds');
    const [speech] = sentences(county, 'zh-CN');
    // The speech-to-EMR purchase adds 575.66 hours of physicians' checking: 576 rounded.
    expect(speech).toContain('增加工时 576 小时');
    expect(speech).not.toMatch(/释放工时 -/);
    expect(sentences(county, 'en')[0]).toContain('it adds 576 hours');
  });

  it("sets the first year's budget share beside the spend net of funding", () => {
    // The tertiary hospital's on-premises build draws on its research budget from month 1.
    const [funded] = sentences(bundled('tertiary-hospital-on-prem'), 'zh-CN');
    expect(funded).toMatch(/首年支出 [\d,.]+ 万元，扣除资金来源 [\d,.]+ 万元 后占 AI 预算的 [\d.]+%/);
    const [unfunded] = sentences(bundled('county-hospital-300-beds'), 'zh-CN');
    expect(unfunded).toMatch(/首年支出 [\d,.]+ 万元（AI 预算的 [\d.]+%）/);
  });
});
