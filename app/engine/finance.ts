/**
 * Appraisal arithmetic, as a committee checks it in a spreadsheet: year k's flow is
 * discounted by (1 + r)^k, k = 1..N (NPV(rate, year1..yearN)); IRR is the rate where that
 * NPV is zero.
 */
import { exp, log, pow } from './math';
import { compoundFactors } from './timeline';

export function npv(rate: number, flows: ArrayLike<number>): number {
  const discount = compoundFactors(rate, flows.length + 1);
  let sum = 0;
  for (let k = 0; k < flows.length; k++) sum += flows[k]! / discount[k + 1]!;
  return sum;
}

export type IrrNote = 'noSignChange' | 'multipleRoots' | 'noRootInRange' | 'financingFlow';
export interface IrrResult {
  irr: number | null;
  note: IrrNote | null;
}

const EPS = 1e-9;
/** The IRR is searched for 1 + r in [X_MIN, X_MAX], i.e. r from −99 % to +10,000 %. */
const X_MIN = 0.01;
const X_MAX = 101;
const GRID_STEPS = 2000;

/** NPV at 1 + r = x, by Horner's rule in 1/x (no powers). */
function npvAt(values: readonly number[], x: number): number {
  const y = 1 / x;
  let acc = 0;
  for (let k = values.length - 1; k >= 0; k--) acc = acc * y + values[k]!;
  return acc * y;
}

function bisect(values: readonly number[], a: number, b: number): number {
  let fa = npvAt(values, a);
  for (let j = 0; j < 200 && b - a > 1e-15 * b; j++) {
    const m = (a + b) / 2;
    const fm = npvAt(values, m);
    if (fa * fm <= 0) b = m;
    else {
      a = m;
      fa = fm;
    }
  }
  return (a + b) / 2;
}

/**
 * The internal rate of return over −99 % … +10,000 %. NPV·x^N is a polynomial in x = 1 + r; by
 * Descartes' rule one sign change in the flows means exactly one positive root, found by
 * bisection. Several sign changes may mean several roots: every sign change of the NPV on a
 * fine log grid is then bisected, and more than one root makes the IRR undefined.
 */
export function irr(flows: ArrayLike<number>): IrrResult {
  const values = Array.from(flows, (v) => (Math.abs(v) < EPS ? 0 : v));
  const signs = values.filter((v) => v !== 0).map(Math.sign);
  const changes = signs.slice(1).filter((s, i) => s !== signs[i]).length;
  if (changes === 0) return { irr: null, note: 'noSignChange' };
  // Money in first and out later (funding before cost) is a loan's flow: its "IRR" is a
  // borrowing rate, and a high one would read as a good investment. Report none.
  if (signs[0]! > 0) return { irr: null, note: 'financingFlow' };
  if (changes === 1) {
    const fLo = npvAt(values, X_MIN);
    const fHi = npvAt(values, X_MAX);
    if (fLo === 0) return { irr: X_MIN - 1, note: null };
    if (fLo * fHi > 0) return { irr: null, note: 'noRootInRange' };
    return { irr: bisect(values, X_MIN, X_MAX) - 1, note: null };
  }
  const lo = log(X_MIN);
  const step = (log(X_MAX) - lo) / GRID_STEPS;
  const roots: number[] = [];
  let x0 = X_MIN;
  let f0 = npvAt(values, x0);
  for (let i = 1; i <= GRID_STEPS; i++) {
    const x1 = exp(lo + step * i);
    const f1 = npvAt(values, x1);
    if (f0 === 0) roots.push(x0);
    else if (f0 * f1 < 0) roots.push(bisect(values, x0, x1));
    x0 = x1;
    f0 = f1;
  }
  if (roots.length === 0) return { irr: null, note: 'noRootInRange' };
  if (roots.length > 1) return { irr: null, note: 'multipleRoots' };
  return { irr: roots[0]! - 1, note: null };
}

/**
 * The month (1-based) from which the cumulative flow stays at or above zero to the end; 0 if it
 * never goes below zero; null if it ends below zero.
 */
export function paybackMonth(monthlyFlows: ArrayLike<number>, monthlyDiscount = 0): number | null {
  // (1 + d)^k for k = 0 … months, shared like every compound factor (this runs on every what-if).
  const discount = compoundFactors(monthlyDiscount, monthlyFlows.length + 1);
  let cumulative = 0;
  let lastNegative = -1;
  for (let t = 0; t < monthlyFlows.length; t++) {
    cumulative += monthlyFlows[t]! / discount[t + 1]!;
    if (cumulative < -1e-6) lastNegative = t;
  }
  if (lastNegative === -1) return 0;
  if (lastNegative === monthlyFlows.length - 1) return null;
  return lastNegative + 2;
}

/** The monthly rate equivalent to a yearly one: (1 + r)^(1/12) − 1. */
export const monthlyRate = (yearly: number): number => pow(1 + yearly, 1 / 12) - 1;
