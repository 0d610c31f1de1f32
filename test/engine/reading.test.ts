/**
 * How to read an option's base case beside its simulation: hand-made Monte Carlo summaries with
 * hand-worked expectations, then the bundled county case, whose follow-up and pilot are the two
 * the issue found contradicting themselves without a word.
 */
import { describe, expect, it } from 'vitest';

import { compileScenario, runModel, runMonteCarlo, validateScenario } from '~/engine';
import type { ModelRealization } from '~/engine/model';
import type { OptionResult } from '~/engine/results';
import type { OptionMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import { readNumbers } from '~/engine/uncertainty/reading';
import { readingFlag, readingHeadline, readingReasons } from '~/i18n/reading';
import { BUNDLED_SCENARIOS } from '../../scenarios';

const NONE = { mode: 'notRealized' } as ModelRealization;
const AVOIDED = { mode: 'avoidedStaffing' } as ModelRealization;
/** Nurses' freed hours become avoided posts; every other role's are not cashed. */
const model = { realization: [NONE, AVOIDED, NONE, NONE, NONE] };

function option(fields: Partial<OptionResult> = {}): OptionResult {
  return { id: 'o', name: 'Option', byRole: [], pilot: null, ...fields } as OptionResult;
}

function mc(fields: Partial<OptionMonteCarlo>): OptionMonteCarlo {
  return {
    baseNpv: 0,
    npv: { p10: -100000, p50: 0, p90: 100000, mean: 0 },
    medianShifts: [],
    ...fields,
  } as OptionMonteCarlo;
}

const words = {
  currency: 'CNY',
  trials: 5000,
  inputLabel: (path: string) => ({ a: '声称的工时降幅', b: '适配度' })[path] ?? path,
  optionName: (id: string) => ({ target: '全院推广' })[id] ?? id,
};

describe('readNumbers', () => {
  it('names the lopsided input, the whole-post step and the long tail behind a median far from the base case', () => {
    const reading = readNumbers(
      model,
      option({ byRole: [{ role: 'nurse', hoursFreed: 20000, fteFreed: 2.25 }] }),
      mc({
        baseNpv: -10000,
        npv: { p10: -400000, p50: -200000, p90: 10000, mean: -130000 },
        medianShifts: [
          // −23,700 moves the same way as the gap (−190,000) by more than a tenth of it (19,000).
          { input: 'a', baseValue: 0.5, medianValue: 0.475, npv: -33700 },
          // Too small to name (−500), and the wrong way (+5,000).
          { input: 'b', baseValue: 0.75, medianValue: 0.73, npv: -10500 },
          { input: 'c', baseValue: 1, medianValue: 1.1, npv: -5000 },
        ],
      }),
    );
    expect(reading.medianDiffers).toBe(true); // 190,000 ≥ 10 % of the 410,000 spread
    expect(reading.meanDiffers).toBe(true); // 70,000 ≥ 41,000
    expect(reading.outsideBand).toBeNull();
    expect(reading.reasons).toEqual([
      {
        kind: 'lopsidedInputs',
        inputs: [{ input: 'a', baseValue: 0.5, medianValue: 0.475, npvEffect: -23700 }],
      },
      // 2.25 FTE is 2 posts; (2.25 − 2) / 2.25 = 11.1 % fewer hours loses one.
      {
        kind: 'wholePosts',
        steps: [{ role: 'nurse', fte: 2.25, posts: 2, hoursToStep: 0.25 / 2.25, direction: 'loseOne' }],
      },
      { kind: 'longTail', side: 'high' },
    ]);
    const zh = readingReasons(reading, words, 'zh-CN');
    expect(zh[0]).toContain('“声称的工时降幅”最可能值 0.5、中位数 0.475（单这一项使净现值 -2.37 万元）');
    expect(zh[1]).toContain('释放护士 2.25 人（FTE），折合 2 个岗位；工时少约 11% 就少一个岗位');
    expect(zh[2]).toContain('均值高于中位数');
    expect(readingHeadline(reading, words, 'zh-CN')).toBe(
      '基准情形（每个输入取最可能值）净现值 -1.00 万元；5,000 次模拟的中位数 -20.00 万元，均值 -13.00 万元，P10–P90 为 -40.00 万元 至 1.00 万元。',
    );
    expect(readingReasons(reading, words, 'en')[1]).toContain(
      'frees 2.25 nurse FTE in its final year, 2 whole posts',
    );
  });

  it('says the numbers agree when median and mean are close to the base case', () => {
    const reading = readNumbers(
      model,
      option(),
      mc({ baseNpv: -1928795, npv: { p10: -1960138, p50: -1934965, p90: -1910926, mean: -1935792 } }),
    );
    // 6,170 and 827 are under 10,000 yuan: not worth a sentence.
    expect([reading.medianDiffers, reading.meanDiffers, reading.outsideBand]).toEqual([false, false, null]);
    expect(reading.reasons).toEqual([]);
    expect(readingReasons(reading, words, 'zh-CN')).toEqual([
      '基准情形与模拟的中位数、均值相近：可以按基准情形来读。',
    ]);
    expect(readingFlag(reading, 'zh-CN')).toBeNull();
  });

  it('always explains a median on the other side of zero, however wide the spread', () => {
    const reading = readNumbers(
      model,
      option(),
      mc({ baseNpv: 5000, npv: { p10: -1000000, p50: -8000, p90: 1000000, mean: -8000 } }),
    );
    // 13,000 is 0.65 % of the spread but turns a gain into a loss.
    expect(reading.medianDiffers).toBe(true);
    // Nothing named explains it: caps and thresholds are.
    expect(reading.reasons).toEqual([{ kind: 'thresholds' }]);
  });

  it('flags a pilot whose base case lies below P10 and names its stop rule', () => {
    const reading = readNumbers(
      model,
      option({
        pilot: {
          decisionMonth: 6,
          measuredNetMinutesPerTask: 4,
          threshold: 3,
          decision: 'scaleUp',
          scaleUpOptionId: 'target',
          scaleUpMonth: 9,
        },
      }),
      mc({
        baseNpv: -120585,
        npv: { p10: -116687, p50: -44535, p90: -44472, mean: -52168 },
        pilot: { targetId: 'target', probScaleUp: 0.3548, informationValue: 0, netValue: 0 },
      }),
    );
    expect(reading.outsideBand).toBe('belowP10');
    expect(reading.reasons).toContainEqual({
      kind: 'pilotStopRule',
      baseDecision: 'scaleUp',
      probScaleUp: 0.3548,
      targetId: 'target',
    });
    expect(readingFlag(reading, 'zh-CN')).toBe('基准情形低于模拟的 P10：九成以上的试算结果比它好。');
    expect(readingReasons(reading, words, 'zh-CN').join('')).toContain(
      '试点达标并推广为“全院推广”；模拟中只有 35% 的试算达标推广',
    );
  });
});

describe('the bundled county case', () => {
  it('explains why the follow-up and the pilot read differently from their simulations', () => {
    const checked = validateScenario(
      BUNDLED_SCENARIOS.find((s) => s.key === 'county-hospital-300-beds')!.document,
    );
    if (!checked.ok) throw new Error('the bundled county case does not validate');
    const compiled = compileScenario(checked.scenario);
    const result = runModel(compiled, compiled.params.base, { lang: 'zh-CN' });
    const simulation = runMonteCarlo(compiled, checked.scenario.uncertainty!, { trials: 2000 });
    const read = (id: string) =>
      readNumbers(
        compiled,
        result.options.find((o) => o.id === id)!,
        simulation.options[id]!,
      );

    const followUp = read('followup-rollout');
    expect(followUp.medianDiffers).toBe(true);
    expect(followUp.reasons.map((r) => r.kind)).toContain('wholePosts');
    const pilot = read('pilot-followup');
    expect(pilot.outsideBand).toBe('belowP10');
    expect(pilot.reasons.map((r) => r.kind)).toContain('pilotStopRule');
    // The speech-to-EMR purchase reads as it is.
    expect(read('buy-speech-emr').reasons).toEqual([]);
  }, 60_000);
});
