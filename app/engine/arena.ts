/**
 * Where a run takes its working arrays. A result that is kept gets fresh ones; Monte Carlo
 * trials reuse one set, zeroed at each hand-out, because allocating and collecting a few
 * dozen month arrays per option per trial was the largest part of a trial's time.
 */
import { emptyLedger, resetLedger, type Ledger } from './ledger';

export interface Arena {
  months: number;
  /** Hands out compact ledgers (trial totals only; see emptyLedger). */
  compact: boolean;
  /** A zeroed array of `length` numbers (default: one per month). */
  array(length?: number): Float64Array;
  /** An empty ledger. */
  ledger(): Ledger;
  /** Starts over: everything handed out before may be handed out again. */
  reset(): void;
}

export function freshArena(months: number): Arena {
  return {
    months,
    compact: false,
    array: (length = months) => new Float64Array(length),
    ledger: () => emptyLedger(months),
    reset: () => {},
  };
}

interface Pool<T> {
  items: T[];
  next: number;
}

function take<T>(pool: Pool<T>, make: () => T, clear: (item: T) => void): T {
  if (pool.next < pool.items.length) {
    const item = pool.items[pool.next++]!;
    clear(item);
    return item;
  }
  const item = make();
  pool.items.push(item);
  pool.next++;
  return item;
}

/** One arena for many trials: nothing it hands out may outlive the next `reset()`. */
export function reusableArena(months: number, compact = false): Arena {
  const arrays = new Map<number, Pool<Float64Array>>();
  const ledgers: Pool<Ledger> = { items: [], next: 0 };
  const zero = (a: Float64Array) => a.fill(0);
  return {
    months,
    compact,
    array(length = months) {
      let pool = arrays.get(length);
      if (!pool) arrays.set(length, (pool = { items: [], next: 0 }));
      return take(pool, () => new Float64Array(length), zero);
    },
    ledger: () => take(ledgers, () => emptyLedger(months, compact), resetLedger),
    reset() {
      for (const pool of arrays.values()) pool.next = 0;
      ledgers.next = 0;
    },
  };
}
