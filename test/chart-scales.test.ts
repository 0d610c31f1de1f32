import { describe, expect, it } from 'vitest';
import { axisMoney, twoLines, zeroAlignedScales } from '~/dashboard/charts';

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

describe('twoLines (option names under the bars)', () => {
  it('wraps English at a space and cuts the rest with an ellipsis', () => {
    expect(twoLines("Buy a top hospital's speech-to-EMR", 14, true)).toEqual(['Buy a top', "hospital's sp…"]);
  });

  it('wraps Chinese by characters', () => {
    expect(twoLines('采购三甲医院语音电子病历', 8, false)).toEqual(['采购三甲医院语音', '电子病历']);
  });

  it('keeps a short name on one line', () => {
    expect(twoLines('Pilot', 14, true)).toEqual(['Pilot', '']);
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
