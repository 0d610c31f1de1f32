/**
 * The heavy work the server does for a request, as jobs a worker thread runs (pool.server.ts):
 * Monte Carlos (with their sweeps), reports, spreadsheets, reading and committing uploaded
 * files, statistics. Each takes and returns plain data (structured-cloneable); the ones that
 * touch the database open the worker's own connection to the file the request's process uses.
 */
import { reviewLine, type ReviewState } from '~/versions/review-flow';
import { compileScenario, runModel, runMonteCarlo, samplesCsv, type Scenario } from '~/engine';
import { resultsForExport, withMonteCarlo } from '~/engine/results';
import { uncertaintyOf } from '~/engine/schema';
import type { Lang } from '~/engine/text';
import { reportXlsx } from '~/exports/report-xlsx.server';
import { resultsCsv } from '~/exports/results-csv.server';
import {
  commitDataset,
  datasetStatistics,
  previewDataset,
  scenarioPlan,
  type ReadChoice,
  type UploadedFile,
} from '~/models/datasets.server';
import type { Meaning } from '~/datasets/columns';
import { readVersion } from '~/models/scenarios.server';
import { portfolioExportJobs } from '~/portfolio/export-jobs.server';
import { portfolioJobs } from '~/portfolio/jobs.server';
import { reportPdf } from '~/report/report-pdf.server';

export interface MonteCarloAsk {
  trials: number;
  seed: number;
}

/** A stored version as a job needs it (the document is already validated). */
export interface VersionForJob {
  document: Scenario;
  version: number;
  savedAt: string;
  /** Its approval state, which the PDF cover and the XLSX say. */
  review: ReviewState | null;
}

const monteCarlo = (document: Scenario, ask: MonteCarloAsk, recordSamples = false) =>
  runMonteCarlo(compileScenario(document), uncertaintyOf(document), { ...ask, recordSamples });

export const jobHandlers = {
  /** Answers once the worker has loaded everything the other jobs need (a warm-up). */
  ready(): true {
    return true;
  },

  /** The results JSON (as `simulate --json` prints it), with a Monte Carlo if asked. */
  resultsJson(input: { document: Scenario; lang: Lang; monteCarlo: MonteCarloAsk | null }): string {
    const exported = resultsForExport(
      runModel(compileScenario(input.document), undefined, { lang: input.lang }),
    );
    return JSON.stringify(
      input.monteCarlo ? withMonteCarlo(exported, monteCarlo(input.document, input.monteCarlo)) : exported,
    );
  },

  /** Every trial's inputs and each option's NPV (UTF-8 with BOM). */
  samplesCsv(input: { document: Scenario; monteCarlo: MonteCarloAsk }): string {
    return samplesCsv(monteCarlo(input.document, input.monteCarlo, true));
  },

  /** The budget committee's PDF, with the version's own Monte Carlo where it has uncertain inputs. */
  async reportPdf(input: {
    version: VersionForJob;
    lang: Lang;
    monteCarlo: MonteCarloAsk | null;
    generatedAt: string;
  }): Promise<Uint8Array<ArrayBuffer>> {
    const { document, version, savedAt, review } = input.version;
    return reportPdf({
      document,
      version,
      approval: reviewLine(review, version, input.lang),
      savedAt,
      result: runModel(compileScenario(document), undefined, { lang: input.lang }),
      mc: input.monteCarlo ? monteCarlo(document, input.monteCarlo) : null,
      lang: input.lang,
      generatedAt: new Date(input.generatedAt),
    });
  },

  async reportXlsx(input: { version: VersionForJob; lang: Lang }): Promise<Uint8Array<ArrayBuffer>> {
    const { document, version, review } = input.version;
    const result = runModel(compileScenario(document), undefined, { lang: input.lang });
    return new Uint8Array(
      await reportXlsx(
        document,
        result,
        { version, approval: reviewLine(review, version, input.lang) },
        input.lang,
      ),
    );
  },

  resultsCsv(input: { document: Scenario; lang: Lang }): string {
    return resultsCsv(runModel(compileScenario(input.document), undefined, { lang: input.lang }), input.lang);
  },

  datasetPreview(input: {
    scenarioId: string;
    file: UploadedFile;
    choice: ReadChoice;
    mapping: Meaning[] | null;
    uploadId: string | null;
  }) {
    return previewDataset(input.scenarioId, input.file, input.choice, input.mapping, input.uploadId);
  },

  datasetCommit(input: {
    scenarioId: string;
    file: UploadedFile;
    choice: ReadChoice;
    mapping: Meaning[];
    uploadedBy: string;
    uploadId: string | null;
  }) {
    return commitDataset(
      input.scenarioId,
      input.file,
      input.choice,
      input.mapping,
      input.uploadedBy,
      input.uploadId,
    );
  },

  /** Several datasets of one scenario (a page lists them all): one plan for every pilot check. */
  datasetStatistics(input: { scenarioId: string; datasetIds: string[] }) {
    const latest = readVersion(input.scenarioId);
    const plan = latest.status === 'ok' ? scenarioPlan(latest.scenario.document) : null;
    return input.datasetIds.map((id) => datasetStatistics(input.scenarioId, id, undefined, plan));
  },

  ...portfolioJobs,
  ...portfolioExportJobs,
};

export type JobHandlers = typeof jobHandlers;
export type JobKind = keyof JobHandlers;
export type JobInput<K extends JobKind> = Parameters<JobHandlers[K]>[0];
export type JobOutput<K extends JobKind> = Awaited<ReturnType<JobHandlers[K]>>;
