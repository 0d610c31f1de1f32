/**
 * How a run's trials are shared out between workers: consecutive ranges covering every trial
 * once. The first worker also runs the base, the tornado and the sweeps, about three quarters
 * of a trial's work for each of their runs (measured on the bundled scenarios: a run with one
 * input moved skips the options that do not read it), so it takes that many fewer trials.
 * Where the trials go changes no number (the engine's shares join to one run's).
 */
import { RUNS_PER_INPUT } from '~/engine/uncertainty/work';

/** A one-at-a-time run's work, in trials. */
const ONE_AT_A_TIME_COST = 0.75;

export interface Share {
  from: number;
  to: number;
  oneAtATime: boolean;
}

export function shareTrials(trials: number, workers: number, drawnInputs: number): Share[] {
  const count = Math.max(1, Math.floor(workers));
  const extra = ONE_AT_A_TIME_COST * (1 + RUNS_PER_INPUT * drawnInputs);
  // Each worker's load (trials, and the first one's extra runs) as even as whole trials allow.
  const even = (trials + extra) / count;
  const shares: Share[] = [];
  let from = 0;
  for (let w = 0; w < count; w++) {
    const wanted = w === 0 ? even - extra : even;
    const to = w === count - 1 ? trials : Math.min(trials, from + Math.max(0, Math.round(wanted)));
    shares.push({ from, to, oneAtATime: w === 0 });
    from = to;
  }
  return shares;
}

/** The document's inputs that are drawn (not fixed, not following another). */
export function drawnInputCount(uncertainty: { inputs: Record<string, { kind: string }> }): number {
  return Object.values(uncertainty.inputs).filter((d) => d.kind !== 'fixed' && d.kind !== 'sameAs').length;
}
