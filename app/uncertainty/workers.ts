/**
 * The page's Monte Carlo workers, kept for as long as the page is open: started when the page
 * loads and warmed one after the other once it has settled (so a click finds the engine
 * compiled), then each run split between the warm ones (shares.ts), its shares handed to the
 * first to join and summarize (its code is warm; the page's thread, whose copy of it is not,
 * is left to draw). Two workers at most: on a two-core laptop the page's thread waits while
 * they work.
 */
import type { ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import type { MonteCarloResult, MonteCarloShape } from '~/engine/uncertainty/monte-carlo';
import type { OneAtATime } from '~/engine/uncertainty/sensitivity';
import type { TrialColumns } from '~/engine/uncertainty/trials';

import { buffers, type ShareRequest, type SummaryRequest, type WorkerAnswer } from './protocol';
import { drawnInputCount, shareTrials } from './shares';

const MAX_WORKERS = 2;

/** A run that was stopped (cancelled, or replaced by a newer one): not an error to show. */
export class RunStopped extends Error {
  constructor() {
    super('stopped');
  }
}

interface Slot {
  worker: Worker;
  /** The document the worker last compiled (it is sent again only when it changes). */
  document: Scenario | null;
  /** Whether its engine is compiled (it has warmed up or run a share), or on its way there. */
  state: 'cold' | 'warming' | 'warm';
}

export function workerCount(): number {
  const cores = typeof navigator === 'undefined' ? 1 : navigator.hardwareConcurrency || 1;
  return Math.max(1, Math.min(MAX_WORKERS, cores));
}

export class MonteCarloWorkers {
  private slots: Slot[] = [];
  private runId = 0;
  private stopRun: (() => void) | null = null;

  constructor(
    private readonly url: string,
    private readonly count = workerCount(),
  ) {}

  private started(): Slot[] {
    if (this.slots.length === 0) {
      this.slots = Array.from({ length: this.count }, () => ({
        worker: new Worker(this.url),
        document: null,
        state: 'cold' as const,
      }));
      // Until a run listens, a worker's answers (its warm-up done) need no reply; a worker that
      // fails to load is dropped, and the next run starts new ones.
      for (const slot of this.slots) {
        slot.worker.onmessage = null;
        slot.worker.onerror = () => this.terminate();
      }
    }
    return this.slots;
  }

  /** Starts the workers (each loads its script), if they are not running. */
  start(): void {
    this.started();
  }

  /**
   * Starts the workers if need be and has each cold one compile the document and run a few
   * trials, one worker after the other: a warm-up never takes more than one core from the page
   * (on a two-core laptop both at once slowed the what-if's redraw threefold while they ran).
   */
  warm(document: Scenario, expressions: ParsedExpressions): void {
    const slots = this.started();
    // One at a time: not while another is warming, nor while a run has the workers.
    if (this.stopRun || slots.some((s) => s.state === 'warming')) return;
    const slot = slots.find((s) => s.state === 'cold');
    if (!slot) return;
    slot.state = 'warming';
    slot.document = document;
    slot.worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      if (event.data.type !== 'warm' && event.data.type !== 'error') return;
      slot.worker.onmessage = null;
      slot.state = event.data.type === 'warm' ? 'warm' : 'cold';
      if (this.slots === slots && event.data.type === 'warm') this.warm(document, expressions);
    };
    slot.worker.postMessage({ type: 'warm', document, expressions });
  }

  /**
   * The Monte Carlo of the document for this seed and trial count: the numbers one run of all
   * its trials gives. A run still going is stopped first (its promise rejects with RunStopped).
   */
  run(
    document: Scenario,
    expressions: ParsedExpressions,
    trials: number,
    seed: number,
    onProgress: (share: number) => void,
  ): Promise<MonteCarloResult> {
    this.stop();
    // The warm workers share the trials. None yet (a click before the page settled): the first
    // alone, after its warm-up if that has begun. Two cold workers would each compile the
    // engine on a machine with no core to spare, and finish later than one.
    const all = this.started();
    const warm = all.filter((s) => s.state === 'warm');
    const slots = warm.length > 0 ? warm : all.slice(0, 1);
    const shares = shareTrials(trials, slots.length, drawnInputCount(document.uncertainty!));
    const run = ++this.runId;
    return new Promise<MonteCarloResult>((resolve, reject) => {
      const parts: TrialColumns[] = [];
      const done = shares.map(() => 0);
      let shape: MonteCarloShape | null = null;
      let sensitivity: OneAtATime | null = null;
      let finished = false;
      const finish = (error: Error | null, result?: MonteCarloResult) => {
        if (finished) return;
        finished = true;
        this.stopRun = null;
        for (const slot of slots) {
          slot.worker.onmessage = null;
          slot.worker.onerror = () => this.terminate();
        }
        if (error) reject(error);
        else {
          resolve(result!);
          // Workers left out of this run (still cold) warm up now, for the next.
          this.warm(document, expressions);
        }
      };
      // A run stopped or failed midway leaves its workers busy or broken: start afresh.
      this.stopRun = () => {
        this.terminate();
        finish(new RunStopped());
      };
      const fail = (message: string) => {
        this.terminate();
        finish(new Error(message));
      };
      slots.forEach((slot, w) => {
        const share = shares[w]!;
        slot.worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
          const answer = event.data;
          // A warm-up that was going when the click came has ended: the share comes next.
          if (answer.type === 'warm') slot.state = 'warm';
          else if (answer.type === 'progress' && answer.run === run) {
            done[w] = answer.done;
            onProgress(done.reduce((a, b) => a + b, 0) / trials);
          } else if (answer.type === 'share' && answer.run === run) {
            slot.state = 'warm';
            parts.push(answer.columns);
            shape = answer.shape;
            if (answer.oneAtATime) sensitivity = answer.oneAtATime;
            if (parts.length < shares.length) return;
            const summary: SummaryRequest = {
              type: 'summary',
              run,
              trials,
              seed,
              parts,
              shape,
              oneAtATime: sensitivity!,
            };
            slots[0]!.worker.postMessage(summary, { transfer: parts.flatMap(buffers) });
          } else if (answer.type === 'done' && answer.run === run) {
            finish(null, answer.result);
          } else if (answer.type === 'error' && (answer.run === run || answer.run === undefined)) {
            fail(answer.message);
          }
        };
        slot.worker.onerror = (event: ErrorEvent) => fail(event.message || 'error');
        const request: ShareRequest = {
          type: 'share',
          run,
          trials,
          seed,
          ...share,
          ...(slot.document === document ? {} : { document, expressions }),
        };
        slot.document = document;
        slot.worker.postMessage(request);
      });
    });
  }

  /** Stops the run going, if any (its workers are replaced at the next warm-up or run). */
  stop(): void {
    this.stopRun?.();
  }

  /** Ends every worker (the page is leaving, or they are broken). */
  terminate(): void {
    for (const slot of this.slots) slot.worker.terminate();
    this.slots = [];
  }
}
