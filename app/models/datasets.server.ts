/**
 * Datasets a hospital uploads to a scenario. An upload is first a preview (nothing stored but
 * the file itself, for a day, so the page can commit it without asking for it again); the
 * commit reads it with the user's mapping and stores every row in one transaction, or nothing.
 */
import { createHash, randomBytes } from 'node:crypto';

import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';

import {
  columnMappings,
  datasetObservations,
  datasets,
  datasetVolumes,
  pendingUploads,
  scenarios,
} from '../../db/schema';
import { guessMeaning, MEANINGS, checkMapping, type DatasetKind, type Meaning } from '~/datasets/columns';
import {
  interpretTable,
  mappingProblems,
  type Interpretation,
  type Observation,
  type VolumeRow,
} from '~/datasets/interpret';
import type { DatasetProblem } from '~/datasets/problems';
import {
  readTableFile,
  type EncodingChoice,
  type FileTable,
  type SeparatorChoice,
} from '~/datasets/read-file.server';
import { pilotCheck, type PilotCheck } from '~/datasets/pilot-check';
import { volumeStats, workflowStats, type VolumeStats, type WorkflowStats } from '~/datasets/stats';
import { compileScenario, type Model } from '~/engine';
import type { Scenario } from '~/engine/schema';
import { netMinutesSaved } from '~/engine/track';

import { dbGeneration, getDb, type Db } from '../db.server';
import { readVersion, type ScenarioVersion } from './scenarios.server';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface ReadChoice {
  encoding?: EncodingChoice;
  separator?: SeparatorChoice;
}

export interface ColumnPreview {
  /** 1-based. */
  column: number;
  header: string;
  /** What the planner proposes: the hospital's meaning from last time, else a guess from the header. */
  meaning: Meaning;
  from: 'remembered' | 'guessed';
  samples: string[];
}

export interface DatasetPreview {
  uploadId: string;
  fileName: string;
  fileBytes: number;
  fileHash: string;
  format: FileTable['format'];
  encoding: FileTable['encoding'];
  separator: FileTable['separator'];
  columns: ColumnPreview[];
  /** The first rows as read, with their row numbers. */
  rows: { row: number; cells: string[] }[];
  rowCount: number;
  kind: DatasetKind | null;
  /** Problems with the proposed (or given) mapping: the mapping's, then each cell's. */
  problems: DatasetProblem[];
  moreProblems: number;
}

export interface DatasetInfo {
  id: string;
  scenarioId: string;
  kind: DatasetKind;
  fileName: string;
  fileHash: string;
  fileBytes: number;
  format: string;
  encoding: string | null;
  separator: string | null;
  mapping: { column: number; header: string; meaning: Meaning }[];
  rowCount: number;
  uploadedBy: string;
  uploadedAt: string;
}

export type Refusal = { ok: false; status: number; problems: DatasetProblem[]; moreProblems?: number };

/** A refused commit of an earlier preview: that preview again, with the problems in place. */
export type CommitRefusal = Refusal & { preview?: DatasetPreview };

const PREVIEW_ROWS = 20;
const PENDING_KEEP_HOURS = 24;
const INSERT_BATCH = 2000;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const newId = () => randomBytes(12).toString('base64url');

/** HTTP status for a file that cannot be read: too large 413, not a table at all 415, else 400. */
function statusOf(problems: readonly DatasetProblem[]): number {
  if (problems.some((p) => p.code === 'fileTooLarge' || p.code === 'xlsxTooLargeUnpacked')) return 413;
  if (problems.some((p) => p.code === 'binaryFile' || p.code === 'legacyXls')) return 415;
  return 400;
}

function hospitalKey(scenarioId: string, db: Db): string | null {
  return (
    db.select({ hospital: scenarios.hospitalName }).from(scenarios).where(eq(scenarios.id, scenarioId)).get()
      ?.hospital ?? null
  );
}

interface OpenedUpload {
  ok: true;
  scenario: ScenarioVersion;
  hospital: string;
  table: FileTable;
}

/** The scenario (latest version), its hospital and the file read as a table, or why not. */
async function openUpload(
  scenarioId: string,
  file: UploadedFile,
  choice: ReadChoice,
  db: Db,
): Promise<OpenedUpload | Refusal> {
  const latest = readVersion(scenarioId, undefined, db);
  const scenario = latest.status === 'ok' ? latest.scenario : null;
  const hospital = hospitalKey(scenarioId, db);
  if (!scenario || hospital === null) return { ok: false, status: 404, problems: [] };
  const read = await readTableFile(file.bytes, choice, file.name);
  if (!read.ok) return { ok: false, status: statusOf(read.problems), problems: read.problems };
  return { ok: true, scenario, hospital, table: read.table };
}

function rememberedMeanings(hospital: string, db: Db): Map<string, Meaning> {
  const rows = db
    .select({ header: columnMappings.header, meaning: columnMappings.meaning })
    .from(columnMappings)
    .where(eq(columnMappings.hospital, hospital))
    .all();
  return new Map(
    rows
      .filter((r) => (MEANINGS as readonly string[]).includes(r.meaning))
      .map((r) => [r.header, r.meaning as Meaning]),
  );
}

/** Reads a file and previews it with a proposed (or the given) mapping; stores the file for the commit. */
export async function previewDataset(
  scenarioId: string,
  file: UploadedFile,
  choice: ReadChoice,
  mapping: Meaning[] | null = null,
  /** Shown again after a refused commit: the file is already kept under this id. */
  existingUploadId: string | null = null,
  db: Db = getDb(),
): Promise<{ ok: true; preview: DatasetPreview } | Refusal | { ok: false; status: 404; problems: [] }> {
  const opened = await openUpload(scenarioId, file, choice, db);
  if (!opened.ok) return opened;
  const uploadId = existingUploadId ?? newId();
  if (!existingUploadId) storePending(db, uploadId, scenarioId, file);
  return { ok: true, preview: buildPreview(file, opened, mapping, uploadId, db) };
}

/**
 * The preview of a file already read as a table: its columns with the given meanings (or the
 * hospital's from last time, else guesses), the first rows, and the problems of reading it so.
 */
function buildPreview(
  file: UploadedFile,
  { scenario, hospital, table }: OpenedUpload,
  mapping: Meaning[] | null,
  uploadId: string,
  db: Db,
  /** The table as a refused commit interpreted it with `mapping`: not interpreted again. */
  interpreted: Interpretation | null = null,
): DatasetPreview {
  const remembered = rememberedMeanings(hospital, db);
  const columns: ColumnPreview[] = table.headers.map((header, i) => {
    const known = remembered.get(header);
    return {
      column: i + 1,
      header,
      meaning: mapping?.[i] ?? known ?? guessMeaning(header),
      from: known && !mapping ? 'remembered' : 'guessed',
      samples: table.rows.slice(0, 5).map((r) => r[i] ?? ''),
    };
  });
  // A guess may give two columns the same meaning: keep the first, leave the others unused.
  if (!mapping) {
    const taken = new Set<Meaning>();
    for (const c of columns) {
      if (c.meaning !== 'ignore' && taken.has(c.meaning)) c.meaning = 'ignore';
      taken.add(c.meaning);
    }
  }
  const meanings = columns.map((c) => c.meaning);
  const mappingIssues = mappingProblems(meanings, table.headers.length);
  // A mapping with one meaning per column is read as given: the commit's reading holds.
  const asGiven = mapping?.length === meanings.length && meanings.every((m, i) => m === mapping[i]);
  const interpretation =
    mappingIssues.length > 0
      ? null
      : interpreted && asGiven
        ? interpreted
        : interpretTable(table, meanings, scenario.document);
  return {
    uploadId,
    fileName: file.name,
    fileBytes: file.bytes.byteLength,
    fileHash: sha256(file.bytes),
    format: table.format,
    encoding: table.encoding,
    separator: table.separator,
    columns,
    rows: table.rows.slice(0, PREVIEW_ROWS).map((cells, i) => ({ row: table.rowNumbers[i]!, cells })),
    rowCount: table.rows.length,
    kind: checkMapping(meanings).kind,
    problems: [...mappingIssues, ...(interpretation?.problems ?? [])],
    moreProblems: interpretation?.moreProblems ?? 0,
  };
}

/** Previews kept per scenario for a commit: each may hold up to 16 MiB. */
const PENDING_PER_SCENARIO = 5;

/**
 * Previews kept across all scenarios, by count and by bytes. Past either, the oldest previews
 * are dropped rather than the new one refused: a refusal would let anyone who fills the store
 * block every hospital's previews until they expire, while a dropped preview costs its owner
 * one more upload of the file. A lower limit for a test is set here, not through the callers.
 */
export const pendingLimits = { count: 40, bytes: 256 * 1024 * 1024 };

function storePending(db: Db, id: string, scenarioId: string, file: UploadedFile): void {
  db.transaction((tx) => {
    // Only the latest few previews of a scenario are kept: previews cannot fill the disk.
    const kept = tx
      .select({ id: pendingUploads.id })
      .from(pendingUploads)
      .where(eq(pendingUploads.scenarioId, scenarioId))
      .orderBy(desc(pendingUploads.createdAt), desc(sql`rowid`))
      .all()
      .slice(PENDING_PER_SCENARIO - 1);
    for (const old of kept) tx.delete(pendingUploads).where(eq(pendingUploads.id, old.id)).run();
    tx.delete(pendingUploads)
      .where(
        lt(
          pendingUploads.createdAt,
          sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`-${PENDING_KEEP_HOURS} hours`})`,
        ),
      )
      .run();
    // Then the oldest of all scenarios' previews, until the new one fits both overall limits
    // (rowid orders previews stored within the same millisecond).
    const all = tx
      .select({ id: pendingUploads.id, bytes: sql<number>`length(${pendingUploads.bytes})` })
      .from(pendingUploads)
      .orderBy(desc(pendingUploads.createdAt), desc(sql`rowid`))
      .all();
    let count = 1;
    let bytes = file.bytes.byteLength;
    for (const row of all) {
      count += 1;
      bytes += row.bytes;
      if (count > pendingLimits.count || bytes > pendingLimits.bytes)
        tx.delete(pendingUploads).where(eq(pendingUploads.id, row.id)).run();
    }
    tx.insert(pendingUploads)
      .values({ id, scenarioId, fileName: file.name, bytes: Buffer.from(file.bytes) })
      .run();
  });
}

/** The file of an earlier preview of this scenario, if it is still kept. */
export function pendingUpload(scenarioId: string, uploadId: string, db: Db = getDb()): UploadedFile | null {
  const row = db
    .select({ name: pendingUploads.fileName, bytes: pendingUploads.bytes })
    .from(pendingUploads)
    .where(
      and(
        eq(pendingUploads.id, uploadId),
        eq(pendingUploads.scenarioId, scenarioId),
        // An expired preview is gone even before the next upload clears it away.
        gt(
          pendingUploads.createdAt,
          sql`strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ${`-${PENDING_KEEP_HOURS} hours`})`,
        ),
      ),
    )
    .get();
  return row ? { name: row.name, bytes: new Uint8Array(row.bytes) } : null;
}

/**
 * Reads the file with the user's mapping and stores it, all rows in one transaction; any
 * problem (the file's, the mapping's or a cell's) stores nothing.
 */
export async function commitDataset(
  scenarioId: string,
  file: UploadedFile,
  choice: ReadChoice,
  mapping: Meaning[],
  uploadedBy: string,
  /** The earlier preview this commits: dropped once stored, shown again if the commit is refused. */
  uploadId: string | null = null,
  db: Db = getDb(),
): Promise<{ ok: true; dataset: DatasetInfo } | CommitRefusal> {
  const opened = await openUpload(scenarioId, file, choice, db);
  if (!opened.ok) return opened;
  const { scenario, hospital, table } = opened;
  // The file is read once: a refusal previews it from what was read here.
  const again = (interpreted: Interpretation | null = null) =>
    uploadId ? { preview: buildPreview(file, opened, mapping, uploadId, db, interpreted) } : {};
  const mappingIssues = mappingProblems(mapping, table.headers.length);
  if (mappingIssues.length > 0) return { ok: false, status: 400, problems: mappingIssues, ...again() };
  const result = interpretTable(table, mapping, scenario.document);
  if (result.problems.length > 0 || !result.kind) {
    return {
      ok: false,
      status: 422,
      problems: result.problems,
      moreProblems: result.moreProblems,
      ...again(result),
    };
  }
  if (result.observations.length === 0 && result.volumes.length === 0) {
    return { ok: false, status: 422, problems: [{ code: 'noRows' }], ...again(result) };
  }
  const id = newId();
  const columns = table.headers.map((header, i) => ({ column: i + 1, header, meaning: mapping[i]! }));
  // A commit cut short by a crash left a dataset half stored: nobody reads it; it goes now.
  db.delete(datasets)
    .where(
      and(
        eq(datasets.state, 'storing'),
        sql`${datasets.uploadedAt} < strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 hour')`,
      ),
    )
    .run();
  // The dataset first, unseen ('storing'); its rows in short transactions, so that SQLite's one
  // write lock is never held for seconds (the server's own writes — a login, an audit line —
  // would wait for it, and hold up every request meanwhile); then, in one step, it is stored.
  db.insert(datasets)
    .values({
      id,
      scenarioId,
      kind: result.kind!,
      fileName: file.name,
      fileHash: sha256(file.bytes),
      fileBytes: file.bytes.byteLength,
      format: table.format,
      encoding: table.encoding,
      separator: table.separator,
      mapping: JSON.stringify(columns),
      rowCount: result.kind === 'observations' ? result.observations.length : result.volumes.length,
      uploadedBy,
      state: 'storing',
    })
    .run();
  try {
    insertRows(db, id, result.observations, result.volumes);
  } catch (error) {
    db.delete(datasets).where(eq(datasets.id, id)).run();
    throw error;
  }
  db.transaction((tx) => {
    tx.update(datasets)
      .set({ state: 'stored', uploadedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` })
      .where(eq(datasets.id, id))
      .run();
    for (const c of columns) {
      if (c.header === '') continue;
      tx.insert(columnMappings)
        .values({ hospital, header: c.header, meaning: c.meaning })
        .onConflictDoUpdate({
          target: [columnMappings.hospital, columnMappings.header],
          set: { meaning: c.meaning, updatedAt: sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))` },
        })
        .run();
    }
    if (uploadId) tx.delete(pendingUploads).where(eq(pendingUploads.id, uploadId)).run();
  });
  return { ok: true, dataset: getDataset(scenarioId, id, db)! };
}

/** A dataset's rows, INSERT_BATCH at a time, each batch its own transaction. */
function insertRows(
  db: Db,
  datasetId: string,
  observations: readonly Observation[],
  volumes: readonly VolumeRow[],
) {
  for (let i = 0; i < observations.length; i += INSERT_BATCH) {
    db.transaction((tx) =>
      tx
        .insert(datasetObservations)
        .values(observations.slice(i, i + INSERT_BATCH).map((o) => ({ datasetId, ...o })))
        .run(),
    );
  }
  for (let i = 0; i < volumes.length; i += INSERT_BATCH) {
    db.transaction((tx) =>
      tx
        .insert(datasetVolumes)
        .values(volumes.slice(i, i + INSERT_BATCH).map((v) => ({ datasetId, ...v })))
        .run(),
    );
  }
}

function toInfo(r: typeof datasets.$inferSelect): DatasetInfo {
  return { ...r, kind: r.kind as DatasetKind, mapping: JSON.parse(r.mapping) as DatasetInfo['mapping'] };
}

export function listDatasets(scenarioId: string, db: Db = getDb()): DatasetInfo[] {
  return db
    .select()
    .from(datasets)
    .where(and(eq(datasets.scenarioId, scenarioId), eq(datasets.state, 'stored')))
    .orderBy(desc(datasets.uploadedAt), asc(datasets.id))
    .all()
    .map(toInfo);
}

export function getDataset(scenarioId: string, datasetId: string, db: Db = getDb()): DatasetInfo | null {
  const row = db
    .select()
    .from(datasets)
    .where(and(eq(datasets.id, datasetId), eq(datasets.scenarioId, scenarioId), eq(datasets.state, 'stored')))
    .get();
  return row ? toInfo(row) : null;
}

/** Deletes a dataset and its rows; scenario versions calibrated from it keep their figures. */
export function deleteDataset(scenarioId: string, datasetId: string, db: Db = getDb()): boolean {
  const deleted =
    db
      .delete(datasets)
      .where(and(eq(datasets.id, datasetId), eq(datasets.scenarioId, scenarioId)))
      .run().changes > 0;
  if (deleted) rowStats.delete(rowStatsKey(datasetId));
  return deleted;
}

export interface DatasetStatistics {
  dataset: DatasetInfo;
  workflows: WorkflowStats[];
  volumes: VolumeStats[];
  /** Each pilot of the scenario's latest version with a measured workflow: planned against measured. */
  pilots: (PilotCheck & { optionId: string })[];
}

/** A scenario version's document, and its model compiled the first time a pilot check needs it. */
export interface ScenarioPlan {
  document: Scenario;
  model: () => Model;
}

export function scenarioPlan(document: Scenario): ScenarioPlan {
  let model: Model | undefined;
  return { document, model: () => (model ??= compileScenario(document)) };
}

/** Pilots whose workflows the observations cover, checked against the plan and the decision rule. */
function pilotChecks(
  plan: ScenarioPlan,
  workflows: readonly WorkflowStats[],
  observations: () => readonly Observation[],
): DatasetStatistics['pilots'] {
  const measured = new Map(workflows.map((w) => [w.workflowId, w]));
  return plan.document.options.flatMap((option, o) => {
    if (!option.pilot) return [];
    const rule = option.pilot.decisionRule;
    return option.effects.flatMap((effect, e) => {
      const stats = measured.get(effect.workflowId);
      // Without an interval on all the data so far there is nothing to check yet.
      if (!stats?.saving) return [];
      if (rule.workflowId && rule.workflowId !== effect.workflowId) return [];
      const model = plan.model();
      const planned = netMinutesSaved(model, model.options[o]!.effects[e]!, model.params.base);
      const check = pilotCheck(observations(), effect.workflowId, planned, rule.minNetMinutesPerTask, stats);
      return [{ optionId: option.id, ...check }];
    });
  });
}

function readObservations(datasetId: string, db: Db): Observation[] {
  return db
    .select()
    .from(datasetObservations)
    .where(eq(datasetObservations.datasetId, datasetId))
    .orderBy(asc(datasetObservations.row))
    .all()
    .map((r) => ({
      row: r.row,
      workflowId: r.workflowId,
      role: r.role as Observation['role'],
      department: r.department,
      date: r.date,
      phase: r.phase as Observation['phase'],
      minutes: r.minutes,
      verificationMinutes: r.verificationMinutes,
    }));
}

/**
 * The statistics of each dataset's rows, computed once per process: stored rows never change
 * (a dataset is stored whole or not at all, and its id is never used again). Shared objects,
 * not to be mutated.
 */
const ROW_STATS_CACHE_SIZE = 100;
const rowStats = new Map<string, Pick<DatasetStatistics, 'workflows' | 'volumes'>>();
const rowStatsKey = (datasetId: string) => `${dbGeneration()}\n${datasetId}`;

export function datasetStatistics(
  scenarioId: string,
  datasetId: string,
  db: Db = getDb(),
  /** The scenario's latest version, where the caller has it already (one plan for every dataset). */
  plan: ScenarioPlan | null = null,
): DatasetStatistics | null {
  const dataset = getDataset(scenarioId, datasetId, db);
  if (!dataset) return null;
  let observations: Observation[] | undefined;
  const readRows = () => (observations ??= readObservations(datasetId, db));
  const key = rowStatsKey(datasetId);
  let stats = rowStats.get(key);
  if (!stats) {
    stats =
      dataset.kind === 'observations'
        ? { workflows: workflowStats(readRows()), volumes: [] }
        : {
            workflows: [],
            volumes: volumeStats(
              db.select().from(datasetVolumes).where(eq(datasetVolumes.datasetId, datasetId)).all(),
            ),
          };
    rowStats.set(key, stats);
    if (rowStats.size > ROW_STATS_CACHE_SIZE) rowStats.delete(rowStats.keys().next().value!);
  }
  if (dataset.kind !== 'observations') return { dataset, ...stats, pilots: [] };
  const scenario = plan ?? latestPlan(scenarioId, db);
  return { dataset, ...stats, pilots: scenario ? pilotChecks(scenario, stats.workflows, readRows) : [] };
}

function latestPlan(scenarioId: string, db: Db): ScenarioPlan | null {
  // A latest version that no longer validates has no plan to check a pilot against.
  const read = readVersion(scenarioId, undefined, db);
  return read.status === 'ok' ? scenarioPlan(read.scenario.document) : null;
}
