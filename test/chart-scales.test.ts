import { describe, expect, it } from 'vitest';
import { zeroAlignedScales } from '~/dashboard/charts';

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
