/**
 * What the page and its Monte Carlo workers say to each other. A run is split into shares of
 * its trials, one a worker (see shares.ts); each share comes back as typed arrays handed over
 * without copying, and one worker joins and summarizes them with the engine's own functions
 * (its code compiled by the warm-up, the page's thread left to draw), so the numbers are those
 * of one run of all the trials (and of the server's) for the seed.
 */
import type { ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import type { MonteCarloResult, MonteCarloShape } from '~/engine/uncertainty/monte-carlo';
import type { OneAtATime } from '~/engine/uncertainty/sensitivity';
import type { TrialColumns } from '~/engine/uncertainty/trials';

/**
 * Compile the document and run a few trials, before any click: the engine's code is then
 * compiled by the browser and the first real run goes at full speed.
 */
export interface WarmRequest {
  type: 'warm';
  document: Scenario;
  expressions: ParsedExpressions;
}

/** Trials [from, to) of a run of `trials`; the document is left out when the worker has it. */
export interface ShareRequest {
  type: 'share';
  run: number;
  document?: Scenario;
  expressions?: ParsedExpressions;
  trials: number;
  seed: number;
  from: number;
  to: number;
  /** This worker also runs the base, the tornado and the sweeps (one worker of a run does). */
  oneAtATime: boolean;
}

/** The shares of a run, all of them, joined and summarized: answered `done` with the run. */
export interface SummaryRequest {
  type: 'summary';
  run: number;
  trials: number;
  seed: number;
  parts: TrialColumns[];
  shape: MonteCarloShape;
  oneAtATime: OneAtATime;
}

/** A whole run in one answer (`done`): what the server's results give for the seed. */
export interface WholeRunRequest {
  type?: undefined;
  document: Scenario;
  expressions: ParsedExpressions;
  trials: number;
  seed: number;
}

export type WorkerRequest = WarmRequest | ShareRequest | SummaryRequest | WholeRunRequest;

export type WorkerAnswer =
  | { type: 'warm' }
  /** `done`: the share's trials done so far (a share), or the share of the run done (a whole run). */
  | { type: 'progress'; run?: number; done: number }
  | {
      type: 'share';
      run: number;
      columns: TrialColumns;
      shape: MonteCarloShape;
      oneAtATime: OneAtATime | null;
    }
  /** `run`: the summary's run (none for a whole run). */
  | { type: 'done'; run?: number; result: MonteCarloResult }
  | { type: 'error'; run?: number; message: string };

/** The arrays of a share, to hand over rather than copy (`postMessage`'s transfer list). */
export const buffers = (c: TrialColumns): Transferable[] =>
  [c.npv, c.roi, c.paperRoi, c.yearlyNetCash, c.paidBack, c.budgetBreach, c.scaledUp, c.inputs]
    .filter((a) => a !== undefined)
    .map((a) => a.buffer);
