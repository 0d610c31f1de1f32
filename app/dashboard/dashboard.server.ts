/**
 * The dashboard's server side: load a version (with its what-if from the URL) and save a
 * what-if as a new version. Kept in a .server module so the browser bundle carries neither
 * zod nor mathjs.
 */
import { readFileSync } from 'node:fs';

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { parseVersionParam } from '~/api/params.server';
import { parseWhatIfParams } from '~/dashboard/what-if-params';
import { changedWhatIf } from '~/dashboard/what-if-search';
import {
  applyWhatIf,
  compileScenario,
  whatIfBaseline,
  parseScenarioExpressions,
  type ParsedExpressions,
  type WhatIf,
  problemMessage,
  validateScenario,
  writeInputs,
} from '~/engine';
import { collectParams } from '~/engine/params';
import type { Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { describeInputs } from '~/editor/fields';
import { widenDistributionsToInputs } from '~/engine/uncertainty/widen';
import { getLang } from '~/i18n/locale.server';
import { translate } from '~/i18n/ui';
import { getScenario, saveVersion, type ScenarioVersion } from '~/models/scenarios.server';

/** The Monte Carlo worker's address, as scripts/build-worker.mjs recorded it (null before a build). */
let workerUrl: string | null | undefined;
function monteCarloWorkerUrl(): string | null {
  if (workerUrl === undefined) {
    try {
      workerUrl = (JSON.parse(readFileSync('build/workers.json', 'utf8')) as { monteCarlo: string })
        .monteCarlo;
    } catch {
      workerUrl = null;
    }
  }
  return workerUrl;
}

/** Labels of the uncertain inputs (named by index or id path) in the page's language. */
function uncertainInputLabels(document: Scenario, lang: Lang): Record<string, string> {
  const paths = Object.keys(document.uncertainty?.inputs ?? {});
  if (paths.length === 0) return {};
  const { index, paths: indexPaths } = collectParams(document);
  const fields = new Map(
    describeInputs(document, lang).flatMap((g) =>
      g.fields.map((f) => [f.path, { label: f.label, group: g.title }] as const),
    ),
  );
  const found = paths.map((p) => {
    const slot = index.get(p);
    return [p, slot === undefined ? undefined : fields.get(indexPaths[slot]!)] as const;
  });
  // Two options may each have a "follow-up · adoption ceiling": name the option where labels repeat.
  const count = new Map<string, number>();
  for (const [, f] of found) if (f) count.set(f.label, (count.get(f.label) ?? 0) + 1);
  return Object.fromEntries(
    found.map(([p, f]) => [p, !f ? p : count.get(f.label)! > 1 ? `${f.group} · ${f.label}` : f.label]),
  );
}

/** What the dashboard derives from a stored version; versions never change, so once each. */
const derived = new WeakMap<object, { expressions: ParsedExpressions; baseline: Required<WhatIf> }>();
function versionInfo(scenario: ScenarioVersion) {
  let info = derived.get(scenario.document);
  if (!info) {
    info = {
      expressions: parseScenarioExpressions(scenario.document),
      baseline: whatIfBaseline(compileScenario(scenario.document)),
    };
    derived.set(scenario.document, info);
  }
  return info;
}

export async function loadDashboard({ request, params }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const url = new URL(request.url);
  const version = parseVersionParam(url, lang);
  const scenario = getScenario(params.id!, version.ok ? version.version : undefined);
  if (!scenario) throw new Response('Not found', { status: 404 });
  const { whatIf, problems } = parseWhatIfParams(url.searchParams);
  if (!version.ok) problems.push({ path: 'version', code: 'integer', params: {} });
  const { expressions, baseline } = versionInfo(scenario);
  const saved = /^[1-9][0-9]{0,6}$/.test(url.searchParams.get('saved') ?? '')
    ? Number(url.searchParams.get('saved'))
    : null;
  return json({
    saved,
    id: scenario.id,
    title: localize(scenario.document.name, lang),
    version: scenario.version,
    latestVersion: scenario.latestVersion,
    document: scenario.document,
    expressions,
    workerUrl: monteCarloWorkerUrl(),
    inputLabels: uncertainInputLabels(scenario.document, lang),
    // A form submitted without JavaScript sends every knob: keep only those that changed.
    whatIf: changedWhatIf(whatIf, baseline),
    paramErrors: problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`),
  });
}

const saveForm = z.object({
  baseVersion: z.coerce.number().int().min(1),
  savedBy: z.string().trim().min(1).max(100),
  note: z.string().max(500).default(''),
  whatIf: z.string().max(2000),
});

/** "Save as new version": the what-if becomes the document's inputs. */
export async function saveWhatIf({ request, params }: ActionFunctionArgs) {
  const lang = await getLang(request);
  const form = saveForm.safeParse(Object.fromEntries(await request.formData()));
  if (!form.success) return json({ error: translate(lang, 'nameNeeded') }, { status: 400 });
  const current = getScenario(params.id!, form.data.baseVersion);
  if (!current) throw new Response('Not found', { status: 404 });
  const { whatIf, problems } = parseWhatIfParams(new URLSearchParams(form.data.whatIf));
  if (problems.length > 0)
    return json(
      { error: problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`).join('; ') },
      { status: 400 },
    );
  const model = compileScenario(current.document);
  const validated = validateScenario(
    widenDistributionsToInputs(writeInputs(current.document, model.params, applyWhatIf(model, whatIf))),
  );
  if (!validated.ok) {
    return json(
      { error: validated.problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`).join('; ') },
      { status: 400 },
    );
  }
  const saved = saveVersion(params.id!, form.data.baseVersion, validated.scenario, {
    savedBy: form.data.savedBy,
    note: form.data.note || translate(lang, 'whatIfNote', { change: form.data.whatIf }),
  });
  if (saved.status === 'conflict') {
    return json({ error: translate(lang, 'conflict', { latest: saved.latestVersion }) }, { status: 409 });
  }
  if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
  return redirect(`/scenarios/${params.id}?saved=${saved.version}`);
}
