/**
 * The dashboard's Monte Carlo, off the page's thread. Built on its own by
 * scripts/build-worker.mjs (the Remix compiler does not bundle workers). It receives the
 * document and its parsed expressions, so it carries neither zod nor mathjs.
 */
import { compileModel, type ParsedExpressions } from '~/engine/model';
import type { Scenario } from '~/engine/schema';
import { runMonteCarlo } from '~/engine/uncertainty/monte-carlo';

export interface MonteCarloRequestMessage {
  document: Scenario;
  expressions: ParsedExpressions;
  trials: number;
  seed: number;
}

self.onmessage = (event: MessageEvent<MonteCarloRequestMessage>) => {
  const { document, expressions, trials, seed } = event.data;
  try {
    const model = compileModel(document, expressions);
    const result = runMonteCarlo(model, document.uncertainty!, {
      trials,
      seed,
      onProgress: (done) => self.postMessage({ type: 'progress', done }),
    });
    self.postMessage({ type: 'done', result });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
