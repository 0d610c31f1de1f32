/**
 * Appraisal arithmetic, as a committee checks it in a spreadsheet: year k's flow is
 * discounted by (1 + r)^k, k = 1..N (NPV(rate, year1..yearN)); IRR is the rate where that
 * NPV is zero.
 */

export function npv(rate: number, flows: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < flows.length; k++) sum += flows[k]! / (1 + rate) ** (k + 1);
  return sum;
}

export type IrrNote = 'noSignChange' | 'multipleRoots' | 'noRootInRange';
export interface IrrResult {
  irr: number | null;
  note: IrrNote | null;
}

const EPS = 1e-9;

/**
 * The internal rate of return, searched over −99 % … +10,000 %: every sign change of the NPV on a
 * fine grid of rates is bisected; one root is the IRR, several make it undefined.
 */
export function irr(flows: ArrayLike<number>): IrrResult {
  const values = Array.from(flows).map((v) => (Math.abs(v) < EPS ? 0 : v));
  const signs = values.filter((v) => v !== 0).map(Math.sign);
  const changes = signs.slice(1).filter((s, i) => s !== signs[i]).length;
  if (changes === 0) return { irr: null, note: 'noSignChange' };
  // Search in x = 1 + r on a log grid; NPV·x^N is a polynomial, so roots are bracketed reliably.
  const f = (x: number) => {
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += values[k]! / x ** (k + 1);
    return sum;
  };
  const lo = Math.log(0.01);
  const hi = Math.log(101);
  const steps = 4000;
  const roots: number[] = [];
  let x0 = Math.exp(lo);
  let f0 = f(x0);
  for (let i = 1; i <= steps; i++) {
    const x1 = Math.exp(lo + ((hi - lo) * i) / steps);
    const f1 = f(x1);
    if (f0 === 0) roots.push(x0);
    else if (f0 * f1 < 0) {
      let a = x0;
      let b = x1;
      let fa = f0;
      for (let j = 0; j < 200 && b - a > 1e-15 * b; j++) {
        const m = (a + b) / 2;
        const fm = f(m);
        if (fa * fm <= 0) b = m;
        else {
          a = m;
          fa = fm;
        }
      }
      roots.push((a + b) / 2);
    }
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
  let cumulative = 0;
  let lastNegative = -1;
  for (let t = 0; t < monthlyFlows.length; t++) {
    cumulative += monthlyFlows[t]! / (1 + monthlyDiscount) ** (t + 1);
    if (cumulative < -1e-6) lastNegative = t;
  }
  if (lastNegative === -1) return 0;
  if (lastNegative === monthlyFlows.length - 1) return null;
  return lastNegative + 2;
}

/** The monthly rate equivalent to a yearly one: (1 + r)^(1/12) − 1. */
export const monthlyRate = (yearly: number): number => (1 + yearly) ** (1 / 12) - 1;
