/**
 * The measured-data page's loader and action: upload (preview, commit), delete, and calibrate
 * the scenario from a dataset as a new version.
 */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { validateScenario } from '~/engine';
import { localize, type Lang } from '~/engine/text';
import { getLang } from '~/i18n/locale.server';
import { translate, type UiKey } from '~/i18n/ui';
import { datasetStatistics, deleteDataset, getDataset, listDatasets } from '~/models/datasets.server';
import { getScenario, saveVersion } from '~/models/scenarios.server';

import { calibrate } from './calibrate';
import { MEASURE_LABELS, type Measure } from './columns';
import { handleDatasetUpload } from './handle-upload.server';

export async function loadDataPage({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const scenario = getScenario(params.id!);
  if (!scenario) throw new Response('Not found', { status: 404 });
  const doc = scenario.document;
  const workflowName = (id: string) => {
    const w = doc.workflows.find((x) => x.id === id);
    return w ? localize(w.name, lang) : id;
  };
  const datasets = listDatasets(params.id!).map((d) => {
    const stats = datasetStatistics(params.id!, d.id)!;
    return {
      ...d,
      workflows: stats.workflows.map((w) => ({
        ...w,
        name: workflowName(w.workflowId),
        currentBaseline: doc.workflows.find((x) => x.id === w.workflowId)?.baselineMinutesPerTask ?? null,
        // Options with an effect on this workflow: what a with-AI measurement can calibrate.
        options: doc.options
          .filter((o) => o.effects.some((e) => e.workflowId === w.workflowId))
          .map((o) => ({ id: o.id, name: localize(o.name, lang) })),
      })),
      volumes: stats.volumes.map((v) => ({
        ...v,
        name: MEASURE_LABELS[v.key as Measure]?.[lang] ?? workflowName(v.key),
      })),
    };
  });
  const storedId = new URL(request.url).searchParams.get('stored');
  const stored = storedId && /^[A-Za-z0-9_-]{1,32}$/.test(storedId) ? getDataset(params.id!, storedId) : null;
  return json({
    id: params.id!,
    title: localize(doc.name, lang),
    latestVersion: scenario.latestVersion,
    datasets,
    stored: stored ? { fileName: stored.fileName, rowCount: stored.rowCount } : null,
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
  baseVersion: z.coerce.number().int().min(1),
  savedBy: z.string().trim().min(1).max(100),
  baseline: z.literal('on').optional(),
  optionIds: z.array(z.string().min(1).max(64)).max(50),
});

const REASONS: Record<string, UiKey> = {
  nothingChosen: 'reasonNothingChosen',
  noBaseline: 'reasonNoBaseline',
  noWithAi: 'reasonNoWithAi',
  unknownWorkflow: 'reasonUnknown',
  unknownOption: 'reasonUnknown',
};

const errorAnswer = (lang: Lang, message: string, status = 400) =>
  json({ errors: [{ path: '', code: 'refused', message }] }, { status });

export async function dataPageAction({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const id = params.id!;
  const scenario = getScenario(id);
  if (!scenario) throw new Response('Not found', { status: 404 });
  const type = request.headers.get('Content-Type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const outcome = await handleDatasetUpload(id, request, lang);
    if (outcome.status === 201 && 'dataset' in outcome)
      return redirect(`/scenarios/${id}/data?stored=${outcome.dataset.id}`);
    const { status, ...body } = outcome;
    return json(body, { status });
  }
  const form = await request.formData();
  const fields: Record<string, unknown> = {
    ...Object.fromEntries(form),
    optionIds: form.getAll('optionIds'),
  };
  if (fields.intent === 'delete') {
    const parsed = deleteForm.safeParse(fields);
    if (!parsed.success || !deleteDataset(id, parsed.data.datasetId))
      throw new Response('Not found', { status: 404 });
    return redirect(`/scenarios/${id}/data`);
  }
  const parsed = calibrateForm.safeParse(fields);
  if (!parsed.success) {
    const missingName = parsed.error.issues.some((i) => i.path[0] === 'savedBy');
    return errorAnswer(
      lang,
      missingName
        ? translate(lang, 'nameNeeded')
        : translate(lang, 'calibrationRefused', { reason: translate(lang, 'reasonUnknown') }),
    );
  }
  const f = parsed.data;
  const stats = datasetStatistics(id, f.datasetId);
  const workflow = stats?.workflows.find((w) => w.workflowId === f.workflowId);
  if (!stats || !workflow) throw new Response('Not found', { status: 404 });
  const result = calibrate(
    scenario.document,
    workflow,
    { workflowId: f.workflowId, baseline: f.baseline === 'on', optionIds: f.optionIds.map(String) },
    { fileName: stats.dataset.fileName, fileHash: stats.dataset.fileHash },
  );
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
  const saved = saveVersion(id, f.baseVersion, validated.scenario, {
    savedBy: f.savedBy,
    note: translate(lang, 'calibrated', { file: stats.dataset.fileName }),
  });
  if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (saved.status === 'conflict')
    return errorAnswer(lang, translate(lang, 'conflict', { latest: saved.latestVersion }), 409);
  return redirect(`/scenarios/${id}?saved=${saved.version}`);
}
