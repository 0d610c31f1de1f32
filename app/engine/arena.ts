/**
 * Where a run takes its working arrays. A result that is kept gets fresh ones; Monte Carlo
 * trials reuse one set, zeroed at each hand-out, because allocating and collecting a few
 * dozen month arrays per option per trial was the largest part of a trial's time.
 */
import { emptyLedger, resetLedger, type Ledger } from './ledger';

export interface Arena {
  /** A zeroed array of `length` numbers (default: one per month). */
  array(length?: number): Float64Array;
  /** As `array`, but holding whatever it held: for a caller that writes every element. */
  scratch(length?: number): Float64Array;
  /**
   * A list of `length` columns for an expression's variables, null where a variable is one
   * number. A reused list may still hold the columns an earlier caller set: clear it first.
   */
  columnList(length: number): (Float64Array | null)[];
  /** An empty ledger. */
  ledger(): Ledger;
  /** Starts over: everything handed out before may be handed out again. */
  reset(): void;
}

export function freshArena(months: number): Arena {
  return {
    array: (length = months) => new Float64Array(length),
    scratch: (length = months) => new Float64Array(length),
    columnList: (length) => new Array<Float64Array | null>(length).fill(null),
    ledger: () => emptyLedger(months),
    reset: () => {},
  };
}

/** Zeroes a handed-back array: a loop, which for a few dozen numbers is quicker than fill(). */
function zeroed(array: Float64Array): Float64Array {
  for (let i = 0; i < array.length; i++) array[i] = 0;
  return array;
}

interface Pool {
  items: Float64Array[];
  used: number;
}

/** One arena for many trials: nothing it hands out may outlive the next `reset()`. */
export function reusableArena(months: number, compact: boolean): Arena {
  // Month-long arrays are most of what a trial asks for: their pool is kept apart from the
  // other lengths (years, 12, effects…), each a list and how many are handed out since reset.
  const monthly: Pool = { items: [], used: 0 };
  const others = new Map<number, Pool>();
  // The same pools in a list, for a reset that walks them without an iterator (every trial).
  const otherList: Pool[] = [];
  const ledgers: Ledger[] = [];
  let ledgersUsed = 0;
  const columnLists = new Map<number, (Float64Array | null)[]>();
  const take = (pool: Pool, length: number, zero: boolean): Float64Array => {
    if (pool.used < pool.items.length) {
      const array = pool.items[pool.used++]!;
      return zero ? zeroed(array) : array;
    }
    const array = new Float64Array(length);
    pool.items.push(array);
    pool.used++;
    return array;
  };
  const poolOf = (length: number): Pool => {
    if (length === months) return monthly;
    let pool = others.get(length);
    if (!pool) {
      others.set(length, (pool = { items: [], used: 0 }));
      otherList.push(pool);
    }
    return pool;
  };
  return {
    array: (length = months) => take(poolOf(length), length, true),
    scratch: (length = months) => take(poolOf(length), length, false),
    columnList(length) {
      let list = columnLists.get(length);
      if (!list) columnLists.set(length, (list = new Array<Float64Array | null>(length).fill(null)));
      return list;
    },
    ledger() {
      if (ledgersUsed < ledgers.length) {
        const ledger = ledgers[ledgersUsed++]!;
        resetLedger(ledger);
        return ledger;
      }
      const ledger = emptyLedger(months, compact);
      ledgers.push(ledger);
      ledgersUsed++;
      return ledger;
    },
    reset() {
      monthly.used = 0;
      for (let i = 0; i < otherList.length; i++) otherList[i]!.used = 0;
      ledgersUsed = 0;
    },
  };
}
