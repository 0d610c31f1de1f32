import { describe, expect, it } from 'vitest';

import {
  niceScale,
  optionLabels,
  textWidth,
  ticksEvery,
  wrapLines,
  zeroAlignedScales,
} from '~/dashboard/chart-layout';
import { axisMoney, tickMoney } from '~/dashboard/charts';
import { histogramAxis } from '~/dashboard/uncertainty-charts';

describe('zeroAlignedScales (hours and money on two axes)', () => {
  it('puts both zeros on the same grid line with round steps', () => {
    // Hours −576 … 32,837 → step nice(8,209) = 10,000: 4 above, 1 below.
    // Money 0 … 112 万 → step nice(28) = 50: 3 above; the shared count is 4 above, 1 below.
    const scales = zeroAlignedScales([-576, 32837, 20073], [0, 112, 93.1]);
    expect(scales).toEqual([
      { domain: [-10000, 40000], ticks: [-10000, 0, 10000, 20000, 30000, 40000] },
      { domain: [-50, 200], ticks: [-50, 0, 50, 100, 150, 200] },
    ]);
  });

  it('leaves the axes to the chart when nothing is negative', () => {
    expect(zeroAlignedScales([10, 20], [1, 2])).toBeNull();
  });

  it('leaves the axes to the chart when one side has nothing above zero', () => {
    expect(zeroAlignedScales([-10, -20], [1, 2])).toBeNull();
  });
});

describe('niceScale (one axis, computed, not measured)', () => {
  it('runs from round step to round step around the values and zero', () => {
    // −576 … 32,837 over 4 steps: 8,353 → a step of 10,000, from −1 to 4 steps.
    expect(niceScale([-576, 32837])).toEqual({
      domain: [-10000, 40000],
      ticks: [-10000, 0, 10000, 20000, 30000, 40000],
    });
  });

  it('writes decimal steps exactly (0.6, not 0.6000000000000001)', () => {
    // 0 … 0.5 over 4 steps: 0.125 → 0.2, up to 3 steps.
    expect(niceScale([0.12, 0.5]).ticks).toEqual([0, 0.2, 0.4, 0.6]);
  });

  it('gives one value some room on each side, and all zeros an axis from 0', () => {
    // 5 ± a tenth of it rounded (0.5); 1 / 4 = 0.25 → a step of 0.5.
    expect(niceScale([5], 4, false)).toEqual({ domain: [4.5, 5.5], ticks: [4.5, 5, 5.5] });
    expect(niceScale([0, 0]).domain).toEqual([0, 4]);
  });
});

describe('histogramAxis (the NPV histogram)', () => {
  const bins = (counts: number[]) => counts.map((count, i) => ({ from: i * 10, to: i * 10 + 10, count }));

  it('keeps a bin of room beyond the outer bars', () => {
    // Bars 0 … 240, a bin either side: −10 … 250 over 6 steps: 43 → 50.
    const { scale, binWidth } = histogramAxis(bins(Array.from({ length: 24 }, () => 10)));
    expect(binWidth).toBe(10);
    expect(scale.domain).toEqual([-50, 250]);
  });

  it('centres a distribution that is one bar and a thin tail on that bar', () => {
    // 977 of 1,000 trials in the last bar (230–240, centre 235): −10 … 250 made symmetric about
    // 235 is −10 … 480; over 6 steps 81.7 → 100.
    const counts = [...Array.from({ length: 23 }, () => 1), 977];
    const { scale } = histogramAxis(bins(counts));
    expect(scale.domain).toEqual([-100, 500]);
    const [lo, hi] = scale.domain;
    expect(Math.abs((235 - lo) / (hi - lo) - 0.5)).toBeLessThan(0.1);
  });
});

describe('text that places itself (estimated, never measured)', () => {
  it('estimates Chinese at one em a character and digits at a little over half', () => {
    expect(textWidth('累计', 18)).toBe(36);
    expect(textWidth('2027', 10)).toBeCloseTo(22.4, 9);
  });

  it('thins year labels where they would touch, more where the font is larger', () => {
    // "2027" is 4 × 0.56 em: 29.1 units at 13, 40.3 at 18, each with a gap of 8.
    expect(ticksEvery(44.6, ['2027'])).toEqual({ wide: 1, narrow: 2 });
    expect(ticksEvery(27, ['2027'])).toEqual({ wide: 2, narrow: 2 });
    expect(ticksEvery(60, ['2027'])).toEqual({ wide: 1, narrow: 1 });
  });
});

describe('wrapLines (option names under the bars)', () => {
  it('wraps English at a space and cuts the last line with an ellipsis', () => {
    expect(wrapLines("Buy a top hospital's speech-to-EMR system", 14, 2, true)).toEqual([
      'Buy a top',
      "hospital's…",
    ]);
    expect(wrapLines("Buy a top hospital's speech-to-EMR system", 14, 3, true)).toEqual([
      'Buy a top',
      "hospital's",
      'speech-to-EMR…',
    ]);
  });

  it('wraps Chinese by characters', () => {
    expect(wrapLines('采购三甲医院语音电子病历', 8, 3, false)).toEqual(['采购三甲医院语音', '电子病历']);
  });

  it('never cuts a Latin word inside a Chinese name ("大模型 AP…" would read as another word)', () => {
    // Six a line would end the first line inside "API": it ends before the word instead.
    expect(wrapLines('采购大模型API服务', 6, 2, false)).toEqual(['采购大模型', 'API服务']);
    // The last line too backs off to before the word, then ends with the ellipsis.
    expect(wrapLines('大模型API接口服务', 5, 1, false)).toEqual(['大模型…']);
  });

  it('keeps a short name on one line', () => {
    expect(wrapLines('Pilot', 14, 3, true)).toEqual(['Pilot']);
  });
});

describe('optionLabels', () => {
  it('wraps every name to its slot, or numbers them all when one would get too few characters', () => {
    // A slot of 100 at 13 units: 92 / 13 = 7 Chinese characters a line, 92 / 8.06 = 11 Latin.
    expect(optionLabels(['采购三甲医院语音电子病历', 'Pilot'], 100, 13)).toEqual([
      ['采购三甲医院语', '音电子病历'],
      ['Pilot'],
    ]);
    // At 18 units a slot of 60 leaves 52 / 18 = 2 Chinese characters: numbers instead.
    expect(optionLabels(['采购三甲医院语音电子病历', 'Pilot'], 60, 18)).toEqual([null, null]);
  });
});

describe('axisMoney (money on chart axes)', () => {
  it('says 万元 in Chinese and thousands in English, and zero as 0', () => {
    expect(axisMoney('zh-CN')(1_500_000)).toBe('150');
    expect(axisMoney('en')(1_500_000)).toBe('1,500k');
    expect(axisMoney('en')(0)).toBe('0');
  });
});

describe('axisMoney on small amounts', () => {
  it('keeps decimals only where a tick has them', () => {
    expect(axisMoney('zh-CN')(450_000)).toBe('45');
    expect(axisMoney('zh-CN')(225_000)).toBe('22.5');
    expect(axisMoney('zh-CN')(5_000)).toBe('0.50');
  });
});

describe('tickMoney (an axis of money with its ticks)', () => {
  it('writes every tick with the decimals of its step', () => {
    // A step of 5,000 元 is 0.5 万: one decimal on every tick.
    expect([0, 5000, 10000, 15000, 20000].map(tickMoney('zh-CN', [0, 5000, 10000, 15000, 20000]))).toEqual([
      '0',
      '0.5',
      '1.0',
      '1.5',
      '2.0',
    ]);
    // 50 元 apart is 0.005 万: three decimals, so no two ticks read the same.
    expect([-100, -50, 0, 50, 100].map(tickMoney('zh-CN', [-100, -50, 0, 50, 100]))).toEqual([
      '-0.010',
      '-0.005',
      '0',
      '0.005',
      '0.010',
    ]);
    // Whole steps keep whole numbers, in thousands in English.
    expect([-1_000_000, 0, 1_000_000].map(tickMoney('en', [-1_000_000, 0, 1_000_000]))).toEqual([
      '-1,000k',
      '0',
      '1,000k',
    ]);
  });
});
