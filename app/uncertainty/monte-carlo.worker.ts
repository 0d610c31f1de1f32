/**
 * The dashboard's Monte Carlo, off the page's thread. Built on its own by
 * scripts/build-worker.mjs (the Remix compiler does not bundle workers). It receives the
 * document and its parsed expressions, so it carries neither zod nor mathjs, and keeps the
 * model it compiled for the next run of the same document.
 *
 * The page starts its workers when it loads and warms them (`warm`); a click then sends each a
 * share of the trials (`share`) and gets back typed arrays, handed over without copying, which
 * it hands to one worker to join and summarize (`summary`; see protocol.ts). A message with no
 * type runs the whole Monte Carlo and answers its summary.
 */
import { compileModel, type Model, type ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import { monteCarloShape, runMonteCarlo, summarizeMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import { oneAtATime } from '~/engine/uncertainty/sensitivity';
import { joinTrials, runTrials, type TrialColumns } from '~/engine/uncertainty/trials';

import { buffers, type WorkerAnswer, type WorkerRequest } from './protocol';

/**
 * The warm-up: twice a thousand trials (the second run takes the first-time paths the browser
 * compiled away in the first), asked for as a share is, the one-at-a-time runs and a summary.
 */
const WARM_TRIALS = 1000;
const WARM_RUNS = 2;
/** Progress at most this often: each message re-renders the page's progress bar. */
const PROGRESS_MS = 100;

let compiled: { document: Scenario; model: Model } | null = null;

const post = (answer: WorkerAnswer, transfer: Transferable[] = []) => self.postMessage(answer, { transfer });

function modelOf(request: { document?: Scenario; expressions?: ParsedExpressions }): Model {
  // The page sends the document only when it is not the one this worker has (a copy each time).
  if (request.document && request.expressions)
    compiled = { document: request.document, model: compileModel(request.document, request.expressions) };
  if (!compiled) throw new Error('No scenario to run');
  return compiled.model;
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const run = request.type === 'share' || request.type === 'summary' ? request.run : undefined;
  try {
    if (request.type === 'warm') {
      const model = modelOf(request);
      const uncertainty = request.document.uncertainty!;
      const shares: TrialColumns[] = [];
      for (let i = 0; i < WARM_RUNS; i++) {
        shares.push(
          runTrials(model, uncertainty, {
            trials: WARM_TRIALS * WARM_RUNS,
            seed: uncertainty.seed,
            from: i * WARM_TRIALS,
            to: (i + 1) * WARM_TRIALS,
            onProgress: () => undefined,
          }),
        );
      }
      summarizeMonteCarlo(
        monteCarloShape(model, uncertainty),
        joinTrials(shares, WARM_TRIALS * WARM_RUNS),
        oneAtATime(model, uncertainty),
        { seed: uncertainty.seed },
      );
      post({ type: 'warm' });
    } else if (request.type === 'share') {
      const model = modelOf(request);
      const uncertainty = compiled!.document.uncertainty!;
      let reported = performance.now();
      const columns = runTrials(model, uncertainty, {
        trials: request.trials,
        seed: request.seed,
        from: request.from,
        to: request.to,
        onProgress: (done) => {
          const now = performance.now();
          if (now - reported < PROGRESS_MS) return;
          reported = now;
          post({ type: 'progress', run: request.run, done });
        },
      });
      const sensitivity = request.oneAtATime ? oneAtATime(model, uncertainty) : null;
      post(
        {
          type: 'share',
          run: request.run,
          columns,
          shape: monteCarloShape(model, uncertainty),
          oneAtATime: sensitivity,
        },
        buffers(columns),
      );
    } else if (request.type === 'summary') {
      const columns = joinTrials(request.parts, request.trials);
      const result = summarizeMonteCarlo(request.shape, columns, request.oneAtATime, { seed: request.seed });
      post({ type: 'done', run: request.run, result });
    } else {
      const model = modelOf(request);
      const result = runMonteCarlo(model, request.document.uncertainty!, {
        trials: request.trials,
        seed: request.seed,
        onProgress: (done) => post({ type: 'progress', done }),
      });
      post({ type: 'done', result });
    }
  } catch (error) {
    post({ type: 'error', run, message: error instanceof Error ? error.message : String(error) });
  }
};
