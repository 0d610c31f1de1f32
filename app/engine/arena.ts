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

/** One arena for many trials: nothing it hands out may outlive the next `reset()`. */
export function reusableArena(months: number, compact = false): Arena {
  // Pools by array length (a handful of lengths: months, years, 12, effects…), each a list
  // and how many of it are handed out since the last reset.
  const arrays: Float64Array[][] = [];
  const used: number[] = [];
  const ledgers: Ledger[] = [];
  let ledgersUsed = 0;
  return {
    months,
    compact,
    array(length = months) {
      let pool = arrays[length];
      if (!pool) {
        pool = arrays[length] = [];
        used[length] = 0;
      }
      const i = used[length]!++;
      if (i < pool.length) return pool[i]!.fill(0);
      const array = new Float64Array(length);
      pool.push(array);
      return array;
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
      used.fill(0);
      ledgersUsed = 0;
    },
  };
}
