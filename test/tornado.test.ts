/**
 * A tornado shows what moves its option: no empty rows for another option's inputs, and labels
 * that do not repeat the option's name its chart title already gives.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { uncertainInputLabels } from '~/catalogue/inputs';
import { compileScenario, movingBars, runModel, runMonteCarlo, validateScenarioJson } from '~/engine';
import type { Scenario } from '~/engine/schema';

function county(): Scenario {
  const text = readFileSync(
    join(import.meta.dirname, '..', 'scenarios', 'county-hospital-300-beds.json'),
    'utf8',
  );
  const checked = validateScenarioJson(text);
  if (!checked.ok) throw new Error('the county scenario does not validate');
  return checked.scenario;
}

describe('movingBars', () => {
  const bars = [
    { input: 'a', low: 90, high: 130 },
    { input: 'b', low: 100, high: 100.2 },
    { input: 'c', low: 99.4, high: 100 },
    { input: 'd', low: 100, high: 100 },
    { input: 'e', low: 95, high: 101 },
  ];

  it('keeps the inputs that move NPV by half a unit and 1 % of the widest reach, in order, up to the limit', () => {
    const mc = { tornado: bars, baseNpv: 100 };
    expect(movingBars(mc, 10).map((b) => b.input)).toEqual(['a', 'c', 'e']);
    expect(movingBars(mc, 2).map((b) => b.input)).toEqual(['a', 'c']);
    expect(movingBars(mc, 0)).toEqual([]);
    // Next to a reach of 10,000, one of 60 reads the same at both ends of a table in 万元: left
    // out; one of 200 (2 %) kept.
    const wide = {
      tornado: [
        { input: 'big', low: -9900, high: 10100 },
        { input: 'medium', low: -100, high: 200 },
        { input: 'tiny', low: 40, high: 160 },
        ...bars,
      ],
      baseNpv: 100,
    };
    expect(movingBars(wide, 10).map((b) => b.input)).toEqual(['big', 'medium']);
    expect(movingBars({ tornado: [], baseNpv: 0 }, 10)).toEqual([]);
  });

  it('leaves out, for each bundled option, the inputs of options it never reads', () => {
    const scenario = county();
    const model = compileScenario(scenario);
    const base = runModel(model);
    const mc = runMonteCarlo(model, scenario.uncertainty!, { trials: 200 });
    const speech = base.options.find((o) => o.id === 'buy-speech-emr')!;
    const shown = movingBars(mc.options[speech.id]!, 99).map((b) => b.input);
    expect(shown.length).toBeGreaterThan(0);
    // The speech system reads its own effect and the outpatient workflow, not the nurses' or follow-up's.
    for (const input of shown) expect(input).toMatch(/^(options\.buy-speech-emr\.|workflows\.outpatient)/);
    expect(mc.options[speech.id]!.tornado.length).toBeGreaterThan(shown.length);
    // The zero the bars are measured from is the deterministic NPV of the same inputs (a trial
    // sums by year, the full run by month: equal to rounding).
    for (const o of base.options) {
      expect(Math.abs(mc.options[o.id]!.baseNpv - o.npv), o.id).toBeLessThanOrEqual(1e-9 * Math.abs(o.npv));
    }
  }, 20_000);
});

describe('tornado labels', () => {
  it("name an option's own inputs by field alone and a pilot's scale-up inputs as the scale-up", () => {
    const scenario = county();
    const { labels: all, byOption } = uncertainInputLabels(scenario, 'en');
    const pilot = byOption['pilot-followup']!;
    const rollout = byOption['followup-rollout']!;
    const ceiling = 'options.followup-rollout.effects.chronic-followup.adoption.ceiling';
    const pilotCeiling = Object.keys(pilot).find(
      (p) => p.startsWith('options.pilot-followup.') && p.endsWith('ceiling'),
    );
    expect(pilotCeiling).toBeDefined();
    // The page-wide label names the option (two options have a follow-up adoption ceiling).
    expect(all[ceiling]).toContain('Chronic follow-up assistant, hospital-wide');
    // In the option's own tornado the title names it: the label does not.
    expect(rollout[ceiling]).not.toContain('Chronic follow-up assistant');
    expect(rollout[ceiling]).toMatch(/^Chronic-disease follow-up · Adoption ceiling/);
    // In the pilot's, the rollout's input is the scale-up's, its own is plain: the two differ.
    expect(pilot[ceiling]).toMatch(/^Scale-up · Chronic-disease follow-up · Adoption ceiling/);
    expect(pilot[pilotCeiling!]).toMatch(/^Chronic-disease follow-up · Adoption ceiling/);
    // Hospital-wide inputs carry no option at all, in either language.
    const baseline = 'workflows.chronic-followup.baselineMinutesPerTask';
    expect(pilot[baseline]).toBe(rollout[baseline]);
    const zh = uncertainInputLabels(scenario, 'zh-CN').byOption['pilot-followup']!;
    expect(zh[ceiling]).toMatch(/^扩大推广 · /);
  });
});
