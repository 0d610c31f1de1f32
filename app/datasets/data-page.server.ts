/**
 * The measured-data page's loader and action: upload (preview, commit), delete, and calibrate
 * the scenario from a dataset as a new version.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { answerWithJob, jobRefusalResponse } from '~/api/http.server';
import { requireScenarioOnPage } from '~/auth/access.server';
import {
  allows,
  callerName,
  csrfMatches,
  readCallerForm,
  recordAction,
  requirePageCaller,
  type Caller,
} from '~/auth/caller.server';
import { validateScenario, type Scenario } from '~/engine';
import { localize, type Lang } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { wholeParam } from '~/http/numbers';
import { assertPageRequest } from '~/http/page-form.server';
import { translate, type UiKey } from '~/i18n/ui';
import { deleteDataset, getDataset, listDatasets, type DatasetStatistics } from '~/models/datasets.server';
import { readVersion, saveVersion, type ScenarioVersion } from '~/models/scenarios.server';

import { calibrate, calibratedMinutes, calibrateVolumes, lastYearTotal, yearlyVolumes } from './calibrate';
import { MEASURE_LABELS, MEASURES, type Measure } from './columns';
import { columnGuide } from './guide';
import { handleDatasetUpload } from './handle-upload.server';
import { datasetStatisticsOf } from './statistics.server';

/**
 * The scenario's latest version; a missing one answers 404, and one that no longer validates
 * sends the user to its dashboard, which says what needs attention (nothing can be calibrated
 * into a document that does not validate).
 */
export function latestOrAnswer(id: string): ScenarioVersion {
  const read = readVersion(id);
  if (read.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (read.status === 'invalid') throw redirect(`/scenarios/${id}`);
  return read.scenario;
}

export async function loadDataPage({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const access = requireScenarioOnPage(caller, params.id!, 'read', lang);
  const scenario = latestOrAnswer(params.id!);
  const doc = scenario.document;
  const workflowName = (id: string) => {
    const w = doc.workflows.find((x) => x.id === id);
    return w ? localize(w.name, lang) : id;
  };
  // The hospital's yearly volumes as the scenario holds them, against the measured ones.
  const current = yearlyVolumes(doc.hospital);
  const listed = listDatasets(params.id!);
  let statistics: (DatasetStatistics | null)[];
  try {
    statistics = await datasetStatisticsOf(
      params.id!,
      listed.map((d) => d.id),
      scenario.latestVersion,
    );
  } catch (error) {
    throw jobRefusalResponse(error, lang);
  }
  const datasets = listed.flatMap((d, i) => {
    const stats = statistics[i];
    // Deleted since the list was read: nothing to show.
    if (!stats) return [];
    return {
      ...d,
      workflows: stats.workflows.map((w) => {
        const currentBaseline =
          doc.workflows.find((x) => x.id === w.workflowId)?.baselineMinutesPerTask ?? null;
        // What calibrating from these numbers would write.
        const measured = calibratedMinutes(w);
        return {
          ...w,
          name: workflowName(w.workflowId),
          currentBaseline,
          // The baseline already holds this measurement: nothing left to change.
          baselineCalibrated: measured.baselineMinutesPerTask === currentBaseline,
          // Options with an effect on this workflow: what a with-AI measurement can calibrate.
          options: doc.options
            .filter((o) => o.effects.some((e) => e.workflowId === w.workflowId))
            .map((o) => {
              const effect = o.effects.find((e) => e.workflowId === w.workflowId)!;
              return {
                id: o.id,
                name: localize(o.name, lang),
                // Already calibrated from these very numbers: nothing left to change.
                alreadyMeasured:
                  effect.basis === 'measured' &&
                  measured.minutesWithAiPerTask === effect.minutesWithAiPerTask &&
                  measured.verificationMinutesPerTask === effect.verificationMinutesPerTask,
              };
            }),
        };
      }),
      pilots: stats.pilots.map((p) => ({
        ...p,
        optionName: localize(doc.options.find((o) => o.id === p.optionId)!.name, lang),
        workflowName: workflowName(p.workflowId),
      })),
      volumes: stats.volumes.map((v) => ({
        ...v,
        isMeasure: v.key in MEASURE_LABELS,
        name: MEASURE_LABELS[v.key as Measure]?.[lang] ?? workflowName(v.key),
        // The same twelve consecutive months the calibration would take (or none to offer).
        last12: lastYearTotal(v.months),
        current: v.key in current ? current[v.key as Measure] : null,
      })),
    };
  });
  const storedId = new URL(request.url).searchParams.get('stored');
  const stored = storedId && /^[A-Za-z0-9_-]{1,32}$/.test(storedId) ? getDataset(params.id!, storedId) : null;
  return json({
    id: params.id!,
    title: localize(doc.name, lang),
    latestVersion: scenario.latestVersion,
    mayImport: allows(caller, access.hospitalId, 'import'),
    datasets,
    stored: stored ? { fileName: stored.fileName, rowCount: stored.rowCount } : null,
    // What a file of each kind holds, with this scenario's sample values in the page's language.
    guide: columnGuide(doc, lang),
    storedId: stored?.id ?? null,
  });
}

const deleteForm = z.object({
  intent: z.literal('delete'),
  datasetId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
});
const calibrateForm = z.object({
  intent: z.literal('calibrate'),
  datasetId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  workflowId: z.string().min(1).max(64),
  baseVersion: wholeParam,
  baseline: z.literal('on').optional(),
  optionIds: z.array(z.string().min(1).max(64)).max(50),
});

const calibrateVolumesForm = z.object({
  intent: z.literal('calibrateVolumes'),
  datasetId: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
  baseVersion: wholeParam,
  measures: z.array(z.enum(MEASURES)).max(3),
  workflowIds: z.array(z.string().min(1).max(64)).max(50),
  seasonality: z.literal('on').optional(),
});

const REASONS: Record<string, UiKey> = {
  nothingChosen: 'reasonNothingChosen',
  noBaseline: 'reasonNoBaseline',
  noWithAi: 'reasonNoWithAi',
  unknownWorkflow: 'reasonUnknown',
  unknownOption: 'reasonUnknown',
  tooFewMonths: 'reasonTooFewMonths',
  noBeds: 'reasonUnknown',
};

/** A calibration form that does not parse: the page is out of date. */
function formRefusal(lang: Lang) {
  return errorAnswer(
    lang,
    translate(lang, 'calibrationRefused', { reason: translate(lang, 'reasonUnknown') }),
  );
}

const errorAnswer = (lang: Lang, message: string, status = 400) =>
  json({ errors: [{ path: '', code: 'refused', message }] }, { status });

export async function dataPageAction({ request, params, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  assertPageRequest(request, lang);
  const id = params.id!;
  const caller = requirePageCaller(request, context);
  const { hospitalId } = requireScenarioOnPage(caller, id, 'import', lang);
  const scenario = latestOrAnswer(id);
  const type = request.headers.get('Content-Type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    return answerWithJob(lang, async () => {
      const outcome = await handleDatasetUpload(id, request, lang, {
        uploadedBy: callerName(caller),
        csrfMatches: (field) => csrfMatches(request, caller, field),
      });
      if (outcome.status === 201 && 'dataset' in outcome) {
        recordAction(caller, {
          action: 'dataset.import',
          outcome: 'success',
          hospitalId,
          objectType: 'dataset',
          objectId: outcome.dataset.id,
          detail: { scenario: id, rows: outcome.dataset.rowCount },
        });
        return redirect(`/scenarios/${id}/data?stored=${outcome.dataset.id}`);
      }
      const { status, ...body } = outcome;
      return json(body, { status });
    });
  }
  const form = await readCallerForm(request, caller, lang);
  const saver = { caller, hospitalId };
  const fields: Record<string, unknown> = {
    ...Object.fromEntries(form),
    optionIds: form.getAll('optionIds'),
  };
  if (fields.intent === 'delete') {
    const parsed = deleteForm.safeParse(fields);
    if (!parsed.success || !deleteDataset(id, parsed.data.datasetId))
      throw new Response('Not found', { status: 404 });
    recordAction(caller, {
      action: 'dataset.delete',
      outcome: 'success',
      hospitalId,
      objectType: 'dataset',
      objectId: parsed.data.datasetId,
      detail: { scenario: id },
    });
    return redirect(`/scenarios/${id}/data`);
  }
  if (fields.intent === 'calibrateVolumes') return calibrateVolumesAction(id, scenario, form, saver, lang);
  const parsed = calibrateForm.safeParse(fields);
  if (!parsed.success) return formRefusal(lang);
  const f = parsed.data;
  const asked = await statisticsForCalibration(id, f.datasetId, scenario.latestVersion, lang);
  if (!asked.ok) return asked.response;
  const { stats } = asked;
  const workflow = stats?.workflows.find((w) => w.workflowId === f.workflowId);
  if (!stats || !workflow) throw new Response('Not found', { status: 404 });
  const result = calibrate(
    scenario.document,
    workflow,
    { workflowId: f.workflowId, baseline: f.baseline === 'on', optionIds: f.optionIds.map(String) },
    { fileName: stats.dataset.fileName, fileHash: stats.dataset.fileHash },
  );
  return saveCalibrated(id, f.baseVersion, result, saver, stats.dataset, lang);
}

/** A calibration as a new version: refused (with the reason) if it failed or does not validate. */
function saveCalibrated(
  id: string,
  baseVersion: number,
  result: { ok: true; document: Scenario } | { ok: false; code: string },
  saver: Saver,
  dataset: { id: string; fileName: string },
  lang: Lang,
) {
  if (!result.ok)
    return errorAnswer(
      lang,
      translate(lang, 'calibrationRefused', { reason: translate(lang, REASONS[result.code]!) }),
    );
  const validated = validateScenario(result.document);
  if (!validated.ok) {
    return errorAnswer(
      lang,
      translate(lang, 'calibrationRefused', { reason: validated.problems.map((p) => p.path).join(', ') }),
    );
  }
  const saved = saveVersion(id, baseVersion, validated.scenario, {
    savedBy: callerName(saver.caller),
    note: translate(lang, 'calibrated', { file: dataset.fileName }),
  });
  if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (saved.status === 'conflict')
    return errorAnswer(lang, translate(lang, 'conflict', { latest: saved.latestVersion }), 409);
  recordAction(saver.caller, {
    action: 'scenario.calibrate',
    outcome: 'success',
    hospitalId: saver.hospitalId,
    objectType: 'scenario',
    objectId: id,
    version: saved.version,
    detail: { dataset: dataset.id },
  });
  return redirect(`/scenarios/${id}?saved=${saved.version}`);
}

/** The statistics a calibration starts from, or the answer saying the server is too busy for them. */
async function statisticsForCalibration(
  id: string,
  datasetId: string,
  latestVersion: number,
  lang: Lang,
): Promise<
  | { ok: true; stats: DatasetStatistics | null }
  | { ok: false; response: ReturnType<typeof jobRefusalResponse> }
> {
  try {
    const [stats] = await datasetStatisticsOf(id, [datasetId], latestVersion);
    return { ok: true, stats: stats ?? null };
  } catch (error) {
    return { ok: false, response: jobRefusalResponse(error, lang) };
  }
}

/** Who saves a calibration, and in which hospital (for the audit log). */
interface Saver {
  caller: Caller;
  hospitalId: string;
}

async function calibrateVolumesAction(
  id: string,
  scenario: ScenarioVersion,
  form: FormData,
  saver: Saver,
  lang: Lang,
) {
  const parsed = calibrateVolumesForm.safeParse({
    ...Object.fromEntries(form),
    measures: form.getAll('measures'),
    workflowIds: form.getAll('workflowIds'),
  });
  if (!parsed.success) return formRefusal(lang);
  const f = parsed.data;
  const asked = await statisticsForCalibration(id, f.datasetId, scenario.latestVersion, lang);
  if (!asked.ok) return asked.response;
  const { stats } = asked;
  if (!stats) throw new Response('Not found', { status: 404 });
  const result = calibrateVolumes(
    scenario.document,
    stats.volumes,
    { measures: f.measures, workflowIds: f.workflowIds, seasonality: f.seasonality === 'on' },
    { fileName: stats.dataset.fileName, fileHash: stats.dataset.fileHash },
  );
  return saveCalibrated(id, f.baseVersion, result, saver, stats.dataset, lang);
}
