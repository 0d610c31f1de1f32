/**
 * exp, log and pow made of IEEE 754's basic operations only (+ − × ÷, √ and exact scaling), so
 * they give the same bits in every JavaScript engine. Math.exp, Math.log and `**` do not: the
 * V8 of Node 20 and that of a current Chromium differ in the last bit for about one input in
 * ten, and a Monte Carlo run in the browser must give the numbers the server gives for the same
 * seed. exp and log are musl's (after Sun's fdlibm), accurate to within one unit in the last place.
 */

/** 2^n for every exponent of a normal double, exact (built by doubling and halving). */
const POW2 = new Float64Array(2046);
POW2[1022] = 1;
for (let n = 1; n <= 1023; n++) POW2[1022 + n] = POW2[1022 + n - 1]! * 2;
for (let n = -1; n >= -1022; n--) POW2[1022 + n] = POW2[1022 + n + 1]! / 2;
const pow2 = (n: number) => POW2[1022 + n]!;

/** x · 2^n, exactly where the result is a normal number (musl's scalbn). */
function scalbn(x: number, n: number): number {
  let y = x;
  if (n > 1023) {
    y *= pow2(1023);
    n -= 1023;
    if (n > 1023) {
      y *= pow2(1023);
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    // Two steps keep the final one clear of double rounding among subnormal numbers.
    y *= pow2(-1022) * pow2(53);
    n += 1022 - 53;
    if (n < -1022) {
      y *= pow2(-1022) * pow2(53);
      n += 1022 - 53;
      if (n < -1022) n = -1022;
    }
  }
  return y * pow2(n);
}

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/** e^x. */
export function exp(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < 708.3964185322641)) {
    if (x !== x) return x; // NaN
    if (x > 709.782712893384) return Infinity;
    if (x < -745.1332191019411) return 0;
  }
  let hi: number;
  let lo: number;
  let k: number;
  // Argument reduction: x = k·ln2 + r with |r| ≤ ln2 / 2.
  if (ax > 0.34657359027997264) {
    k = ax >= 1.0397207708399179 ? Math.trunc(INV_LN2 * x + (x < 0 ? -0.5 : 0.5)) : x < 0 ? -1 : 1;
    hi = x - k * LN2_HI; // exact: k·LN2_HI has spare low bits
    lo = k * LN2_LO;
    x = hi - lo;
  } else if (ax > 3.725290298461914e-9) {
    k = 0;
    hi = x;
    lo = 0;
  } else {
    return 1 + x;
  }
  const xx = x * x;
  const c = x - xx * (P1 + xx * (P2 + xx * (P3 + xx * (P4 + xx * P5))));
  const y = 1 + ((x * c) / (2 - c) - lo + hi);
  return k === 0 ? y : scalbn(y, k);
}

const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

// A double's two 32-bit halves, to read and set its exponent (typed arrays: the same everywhere).
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

/** The natural logarithm. */
export function log(x: number): number {
  bits[0] = x;
  let hx = words[HIGH]!;
  let k = 0;
  if (hx < 0x00100000 || hx >>> 31 !== 0) {
    if (x === 0) return -Infinity;
    if (x < 0 || x !== x) return NaN;
    // Subnormal: scale up into the normal range.
    k -= 54;
    x *= pow2(54);
    bits[0] = x;
    hx = words[HIGH]!;
  } else if (hx >= 0x7ff00000) {
    return x; // +Infinity or NaN
  } else if (hx === 0x3ff00000 && words[LOW] === 0) {
    return 0;
  }
  // x = 2^k · m with m in [√2/2, √2).
  hx += 0x3ff00000 - 0x3fe6a09e;
  k += (hx >>> 20) - 0x3ff;
  hx = (hx & 0x000fffff) + 0x3fe6a09e;
  words[HIGH] = hx;
  const m = bits[0]!;
  const f = m - 1;
  const hfsq = 0.5 * f * f;
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  return s * (hfsq + r) + k * LN2_LO - hfsq + f + k * LN2_HI;
}

/** 2^27 + 1: splits a double into two halves whose products are exact (Veltkamp). */
const SPLITTER = 134217729;

/**
 * x^n for an integer n (|n| ≤ 4096), by squaring in double-double arithmetic (each product kept
 * with its rounding error, Dekker's way) on the mantissa, its power of two counted apart: the
 * result is correctly rounded or one unit off across the whole range, so growth compounded
 * over a hundred months is exact to the last digit.
 */
function powInt(x: number, n: number): number {
  if (x === 0 || !Number.isFinite(x)) return plainPowInt(x, n);
  let e = Math.abs(n);
  // x = m · 2^bE with |m| in [1, 2): the halves then stay far from overflow and underflow.
  let bE = 0;
  let baseHi = x;
  while (Math.abs(baseHi) >= 2) {
    baseHi /= 2;
    bE++;
  }
  while (Math.abs(baseHi) < 1) {
    baseHi *= 2;
    bE--;
  }
  let baseLo = 0;
  let hi = 1;
  let lo = 0;
  let rE = 0;
  while (e > 0) {
    if (e & 1) {
      [hi, lo] = mul(hi, lo, baseHi, baseLo);
      rE += bE;
      if (Math.abs(hi) >= 2) {
        hi /= 2;
        lo /= 2;
        rE++;
      }
    }
    e = Math.floor(e / 2);
    if (e > 0) {
      [baseHi, baseLo] = mul(baseHi, baseLo, baseHi, baseLo);
      bE *= 2;
      if (Math.abs(baseHi) >= 2) {
        baseHi /= 2;
        baseLo /= 2;
        bE++;
      }
    }
  }
  if (n >= 0) return scalbn(hi + lo, rE);
  const q = 1 / hi;
  const [ph, pl] = twoProduct(q, hi);
  return scalbn(q + q * (1 - ph - pl - q * lo), -rE);
}

/** The double-double product (ah + al)(bh + bl), renormalized. */
function mul(ah: number, al: number, bh: number, bl: number): [number, number] {
  const [p, e] = twoProduct(ah, bh);
  const err = e + (ah * bl + al * bh);
  const s = p + err;
  return [s, err - (s - p)];
}

/** a·b and its exact rounding error. */
function twoProduct(a: number, b: number): [number, number] {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return [p, ah * bh - p + ah * bl + al * bh + al * bl];
}

/** x^n by plain squaring: for a zero or infinite x, where nothing is rounded. */
function plainPowInt(x: number, n: number): number {
  let base = x;
  let e = Math.abs(n);
  let result = 1;
  while (e > 0) {
    if (e & 1) result *= base;
    e >>>= 1;
    if (e > 0) base *= base;
  }
  if (n >= 0) return result;
  return !Number.isFinite(result) || result === 0 ? plainPowInt(1 / x, -n) : 1 / result;
}

/** x^y, as JavaScript's `**` defines it (NaN, infinities, signed zeros). */
export function pow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x !== x || y !== y) return NaN;
  if (Number.isInteger(y) && Math.abs(y) <= 4096) return powInt(x, y);
  if (y === 0.5 && x > 0) return Math.sqrt(x); // correctly rounded, unlike exp(log(x) / 2)
  if (y === Infinity || y === -Infinity) {
    const ax = Math.abs(x);
    if (ax === 1) return NaN;
    return ax > 1 === y > 0 ? Infinity : 0;
  }
  // A large integer y: the sign of a negative base is that of y's parity (even beyond 2^53).
  const odd = Number.isInteger(y) && Math.abs(y) <= Number.MAX_SAFE_INTEGER && Math.abs(y % 2) === 1;
  if (x === 0 || x === Infinity || x === -Infinity) {
    const magnitude = (x === 0) === y > 0 ? 0 : Infinity;
    const negative = (Object.is(x, -0) || x === -Infinity) && odd;
    return negative ? -magnitude : magnitude;
  }
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    const magnitude = exp(y * log(-x));
    return odd ? -magnitude : magnitude;
  }
  return exp(y * log(x));
}

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** sin x for |x| ≤ π/4 (fdlibm's kernel; no argument reduction, so nothing outside). */
export function sinSmall(x: number): number {
  if (!(Math.abs(x) <= Math.PI / 4)) throw new RangeError(`sinSmall is for |x| ≤ π/4, not ${x}`);
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}
