/**
 * xoshiro128** (Blackman & Vigna), seeded through splitmix32: 32-bit integer arithmetic only
 * (Math.imul and unsigned shifts), so the same seed gives the same numbers in Node and in
 * every browser.
 */

export interface Rng {
  /** A float in [0, 1) with 32 random bits. */
  next(): number;
  /** The raw 32-bit output, as an unsigned integer. */
  nextUint32(): number;
  /**
   * Fills `column` with uniforms strictly inside (0, 1): (nextUint32() + 0.5) / 2³², one draw
   * after another. The generator's state stays in locals through the loop: a call per draw
   * took five times as long.
   */
  fillUniforms(column: Float64Array): void;
  /**
   * Moves on `count` draws without making them: where a share of the trials run elsewhere
   * starts in the stream (the draws after are those drawing one by one would give).
   */
  skip(count: number): void;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

export function createRng(seed: number): Rng {
  const init = splitmix32(seed);
  return createRngFromState(init(), init(), init(), init());
}

/** The generator from a given 128-bit state (the reference test vectors start from one). */
export function createRngFromState(a: number, b: number, c: number, d: number): Rng {
  // The state is kept as signed 32-bit integers (the same bits), which the engine holds
  // unboxed; only the output is turned unsigned. Unsigned state would be boxed numbers,
  // allocated on every draw.
  let s0 = a | 0;
  let s1 = b | 0;
  let s2 = c | 0;
  let s3 = d | 0;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one state to avoid
  const nextUint32 = () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const fillUniforms = (column: Float64Array) => {
    let a0 = s0;
    let a1 = s1;
    let a2 = s2;
    let a3 = s3;
    for (let i = 0; i < column.length; i++) {
      const result = Math.imul(rotl(Math.imul(a1, 5), 7), 9) >>> 0;
      const t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = rotl(a3, 11);
      column[i] = (result + 0.5) / 4294967296;
    }
    s0 = a0;
    s1 = a1;
    s2 = a2;
    s3 = a3;
  };
  const skip = (count: number) => {
    let a0 = s0;
    let a1 = s1;
    let a2 = s2;
    let a3 = s3;
    for (let i = 0; i < count; i++) {
      const t = a1 << 9;
      a2 ^= a0;
      a3 ^= a1;
      a1 ^= a2;
      a0 ^= a3;
      a2 ^= t;
      a3 = rotl(a3, 11);
    }
    s0 = a0;
    s1 = a1;
    s2 = a2;
    s3 = a3;
  };
  return { nextUint32, next: () => nextUint32() / 4294967296, fillUniforms, skip };
}

/** Rotates the 32 bits of x left by k (a signed 32-bit result). */
const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/** A 32-bit hash of a text (FNV-1a), to give each uncertain input its own stream. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
