/**
 * The engine's own exp, log and pow: accurate, JavaScript's semantics at the edges, and built of
 * basic operations only (the browser test compares a whole Monte Carlo run in Chromium with
 * Node's, bit for bit).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { exp, log, pow, sinSmall } from '~/engine/math';

/** Distance in units in the last place (0 for the same double; Infinity across the finite range). */
function ulps(a: number, b: number): number {
  if (Object.is(a, b)) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b) || Math.sign(a) !== Math.sign(b)) return Infinity;
  const bits = new BigInt64Array(new Float64Array([Math.abs(a), Math.abs(b)]).buffer);
  const d = bits[0]! - bits[1]!;
  return Number(d < 0n ? -d : d);
}

describe('exp and log', () => {
  it('are within one unit in the last place of the platform’s, over their whole range', () => {
    fc.assert(
      fc.property(fc.double({ min: -745, max: 709.7, noNaN: true }), (x) => {
        expect(ulps(exp(x), Math.exp(x))).toBeLessThanOrEqual(1);
      }),
      { seed: 1, numRuns: 20000 },
    );
    fc.assert(
      fc.property(fc.double({ min: 5e-324, max: 1.7e308, noNaN: true }), (x) => {
        expect(ulps(log(x), Math.log(x))).toBeLessThanOrEqual(1);
      }),
      { seed: 2, numRuns: 20000 },
    );
    // Near 1, where log is small and a careless reduction loses digits.
    for (let i = -1000; i <= 1000; i++) {
      const x = 1 + i * 1e-6;
      expect(ulps(log(x), Math.log(x)), String(x)).toBeLessThanOrEqual(1);
    }
  }, 20_000);

  it('give the known values and JavaScript’s answers at the edges', () => {
    expect(exp(0)).toBe(1);
    expect(ulps(exp(1), Math.E)).toBeLessThanOrEqual(1);
    expect(log(1)).toBe(0);
    expect(log(2)).toBe(Math.LN2);
    expect(log(10)).toBe(Math.LN10);
    expect(log(Math.E)).toBe(1);
    expect(exp(log(123.456))).toBeCloseTo(123.456, 12);
    for (const x of [NaN, Infinity, -Infinity, 800, -800, 1e-300, -0, 0])
      expect(exp(x), String(x)).toBe(Math.exp(x));
    for (const x of [
      NaN,
      Infinity,
      -Infinity,
      -1,
      0,
      -0,
      5e-324,
      2.2250738585072014e-308,
      1.7976931348623157e308,
    ])
      expect(log(x), String(x)).toBe(Math.log(x));
  });
});

describe('pow', () => {
  it('is close to the platform’s for the powers the engine takes (growth over years, discounting)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 1.5, noNaN: true }),
        fc.integer({ min: -120, max: 120 }),
        (x, n) => {
          expect(ulps(pow(x, n), x ** n)).toBeLessThanOrEqual(64);
        },
      ),
      { seed: 3, numRuns: 20000 },
    );
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.double({ min: -8, max: 8, noNaN: true }),
        (x, y) => {
          expect(Math.abs(pow(x, y) / x ** y - 1)).toBeLessThan(1e-13);
        },
      ),
      { seed: 4, numRuns: 20000 },
    );
    // Small exact cases stay exact.
    expect(pow(2, 10)).toBe(1024);
    expect(pow(1.5, 2)).toBe(2.25);
    expect(pow(10, 3)).toBe(1000);
    expect(pow(4, 0.5)).toBe(2);
    expect(pow(2, 0.5)).toBe(Math.SQRT2);
    expect(pow(9, -1)).toBe(1 / 9);
  }, 20_000);

  it('follows JavaScript’s ** for zeros, infinities, NaN and negative bases', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      2,
      -2,
      0.5,
      -0.5,
      3,
      -3,
      Infinity,
      -Infinity,
      NaN,
      1 / 3,
      1e10,
      1e10 + 1,
      2 ** 60,
    ];
    for (const x of values)
      for (const y of values) {
        const expected = x ** y;
        // Special results exactly; ordinary ones within a unit for whole powers, a few for others
        // (exp(y·log x) loses about |y·log x| units).
        if (!Number.isFinite(expected) || expected === 0 || Math.abs(expected) === 1)
          expect(pow(x, y), `${x} ** ${y}`).toBe(expected);
        else
          expect(ulps(pow(x, y), expected), `${x} ** ${y}`).toBeLessThanOrEqual(Number.isInteger(y) ? 1 : 16);
      }
    expect(pow(2, -1074)).toBe(5e-324);
    // A negative base with an odd negative exponent keeps its sign down to the smallest numbers.
    expect(pow(-2, -1073)).toBe((-2) ** -1073);
    expect(pow(-10, -309)).toBe((-10) ** -309);
    // Whole powers near both ends of the range stay within a unit.
    for (const [x, n] of [
      [1.3, 2650],
      [1.3, -2650],
      [0.7, 1950],
      [0.1, 295],
      [0.8471908839654837, -4083],
      [1e300, 1],
      [1e-300, -1],
      [5e-324, 1],
    ] as const)
      expect(ulps(pow(x, n), x ** n), `${x} ** ${n}`).toBeLessThanOrEqual(1);
    expect(pow(2, 1024)).toBe(Infinity);
  });
});

describe('sinSmall', () => {
  it('is within a unit in the last place of the platform’s sin on [−π/4, π/4], and refuses beyond', () => {
    fc.assert(
      fc.property(fc.double({ min: -Math.PI / 4, max: Math.PI / 4, noNaN: true }), (x) => {
        expect(ulps(sinSmall(x), Math.sin(x))).toBeLessThanOrEqual(1);
      }),
      { seed: 5, numRuns: 20000 },
    );
    expect(sinSmall(0)).toBe(0);
    expect(2 * sinSmall(Math.PI / 6)).toBeCloseTo(1, 15);
    expect(() => sinSmall(1)).toThrow(RangeError);
    expect(() => sinSmall(NaN)).toThrow(RangeError);
  });
});
