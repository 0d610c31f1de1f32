/**
 * The dashboard's server side: load a version (with its what-if from the URL) and save a
 * what-if as a new version. Kept in a .server module so the browser bundle carries neither
 * zod nor mathjs.
 */
import { readFileSync } from 'node:fs';

import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';

import { parseVersionParam } from '~/api/params.server';
import { requireScenarioOnPage } from '~/auth/access.server';
import {
  allows,
  callerName,
  readCallerForm,
  recordAction,
  requirePageCaller,
  type Caller,
} from '~/auth/caller.server';
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
  type Scenario,
  type ValidationProblem,
} from '~/engine';
import { localize, type Lang } from '~/engine/text';
import { uncertainInputLabels } from '~/catalogue/inputs';
import { widenDistributionsToInputs } from '~/engine/uncertainty/widen';
import { getLang } from '~/i18n/locale.server';
import { wholeParam } from '~/http/numbers';
import { translate } from '~/i18n/ui';
import {
  getScenarioRow,
  readVersion,
  saveVersion,
  type InvalidVersion,
  type ScenarioVersion,
} from '~/models/scenarios.server';
import { reviewState } from '~/models/reviews.server';
import { createShare, listShares, revokeById } from '~/models/shares.server';
import { MAX_EXPIRES_IN_DAYS } from '~/shares/share-request.server';

import { problemsInWords } from './invalid-version.server';

/** A stored version that no longer validates: understood, but not one the model can run. */
export const VERSION_INVALID_STATUS = 422;

/** The dashboard's page for a version that needs attention: which, why, and the ways out. */
function invalidVersionView(invalid: InvalidVersion, lang: Lang) {
  const row = getScenarioRow(invalid.id);
  return {
    needsAttention: true as const,
    id: invalid.id,
    title: row ? localize(row.name, lang) : invalid.id,
    hospitalName: row ? localize(row.hospitalName, lang) : '',
    version: invalid.version,
    latestVersion: invalid.latestVersion,
    reasons: problemsInWords(invalid.document, invalid.problems, lang),
  };
}

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

/**
 * What a dashboard view of one stored version needs: the document, its parsed expressions, the
 * what-if (the address's knobs over `defaults`, each bad one named) and the labels.
 */
export function viewData(
  scenario: ScenarioVersion,
  searchParams: URLSearchParams,
  lang: Lang,
  defaults: WhatIf = {},
) {
  const { whatIf, problems } = parseWhatIfParams(searchParams);
  const { expressions, baseline } = versionInfo(scenario);
  const { labels, byOption } = uncertainInputLabels(scenario.document, lang);
  return {
    title: localize(scenario.document.name, lang),
    hospitalName: localize(scenario.document.hospital.name, lang),
    version: scenario.version,
    document: scenario.document,
    expressions,
    workerUrl: monteCarloWorkerUrl(),
    inputLabels: labels,
    tornadoLabels: byOption,
    // A form submitted without JavaScript sends every knob: keep only those that changed.
    whatIf: changedWhatIf({ ...defaults, ...whatIf }, baseline),
    paramErrors: problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`),
  };
}

export async function loadDashboard({ request, params, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const { hospitalId } = requireScenarioOnPage(caller, params.id!, 'read', lang);
  const url = new URL(request.url);
  const version = parseVersionParam(url, lang);
  const read = readVersion(params.id!, version.ok ? version.version : undefined);
  if (read.status === 'notFound') throw new Response('Not found', { status: 404 });
  // A version that no longer validates is a page saying so, why, and the ways out: never a 500.
  if (read.status === 'invalid')
    return json(invalidVersionView(read.invalid, lang), { status: VERSION_INVALID_STATUS });
  const scenario = read.scenario;
  const view = viewData(scenario, url.searchParams, lang);
  if (!version.ok) view.paramErrors.push(`version: ${problemMessage({ code: 'integer', params: {} }, lang)}`);
  const saved = wholeParam.safeParse(url.searchParams.get('saved')).data ?? null;
  return json({
    needsAttention: false as const,
    ...view,
    saved,
    id: scenario.id,
    latestVersion: scenario.latestVersion,
    review: reviewState(scenario.id, scenario.version),
    may: {
      save: allows(caller, hospitalId, 'save'),
      share: allows(caller, hospitalId, 'share'),
      manageShares: allows(caller, hospitalId, 'manageShares'),
    },
    shares: allows(caller, hospitalId, 'manageShares') ? listShares(scenario.id) : [],
  });
}

const saveForm = z.object({
  baseVersion: wholeParam,
  note: z.string().max(500).default(''),
  whatIf: z.string().max(2000),
});

const shareForm = z.object({
  intent: z.literal('share'),
  version: wholeParam,
  whatIf: z.string().max(2000).default(''),
  expiresInDays: z
    .string()
    .default('')
    .pipe(
      z.union([
        z.literal('').transform(() => undefined),
        wholeParam.pipe(z.number().max(MAX_EXPIRES_IN_DAYS)),
      ]),
    ),
});

/** A form's answer naming each problem (400). */
const problemsAnswer = (problems: readonly ValidationProblem[], lang: Lang) =>
  json({ error: problems.map((p) => `${p.path}: ${problemMessage(p, lang)}`).join('; ') }, { status: 400 });

/**
 * A stored document with a what-if (a query, `fit=0.6`) written into its inputs, validated:
 * the scenario to save, or the answer naming each bad knob or problem (400). "Save as new
 * version" and a shared link's "Keep a copy" both save through it.
 */
export function documentWithWhatIf(
  document: Scenario,
  search: string,
  lang: Lang,
): { ok: true; scenario: Scenario } | { ok: false; answer: ReturnType<typeof problemsAnswer> } {
  const { whatIf, problems } = parseWhatIfParams(new URLSearchParams(search));
  if (problems.length > 0) return { ok: false, answer: problemsAnswer(problems, lang) };
  const model = compileScenario(document);
  const validated = validateScenario(
    widenDistributionsToInputs(writeInputs(document, model.params, applyWhatIf(model, whatIf))),
  );
  if (!validated.ok) return { ok: false, answer: problemsAnswer(validated.problems, lang) };
  return { ok: true, scenario: validated.scenario };
}

/** The dashboard's forms: save the what-if as a version (no intent), make or revoke a share link. */
export async function dashboardAction(args: ActionFunctionArgs) {
  const { request, params, context } = args;
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const id = params.id!;
  const form = await readCallerForm(request, caller, lang);
  const intent = form.get('intent');
  const { hospitalId } = requireScenarioOnPage(
    caller,
    id,
    intent === 'share' ? 'share' : intent === 'revokeShare' ? 'manageShares' : 'save',
    lang,
  );
  const audit = (action: string, version: number | null, detail: Record<string, unknown> = {}) =>
    recordAction(caller, {
      action,
      outcome: 'success',
      hospitalId,
      objectType: 'scenario',
      objectId: id,
      version,
      detail,
    });
  if (intent === 'share') {
    const parsed = shareForm.safeParse(Object.fromEntries(form));
    if (!parsed.success) return json({ error: translate(lang, 'badParams') }, { status: 400 });
    const { whatIf, problems } = parseWhatIfParams(new URLSearchParams(parsed.data.whatIf));
    if (problems.length > 0) return problemsAnswer(problems, lang);
    const created = createShare(params.id!, {
      version: parsed.data.version,
      expiresInDays: parsed.data.expiresInDays,
      overrides: whatIf,
    });
    if (created.status !== 'created') throw new Response('Not found', { status: 404 });
    audit('share.create', created.link.version, { link: created.link.id, expiresAt: created.link.expiresAt });
    return json({ shareUrl: new URL(`/s/${created.token}`, request.url).toString() });
  }
  if (intent === 'revokeShare') {
    const linkId = String(form.get('linkId') ?? '');
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(linkId) || !revokeById(params.id!, linkId))
      throw new Response('Not found', { status: 404 });
    audit('share.revoke', null, { link: linkId });
    return redirect(`/scenarios/${params.id}`);
  }
  return saveWhatIf(form, id, caller, lang, (version) => audit('scenario.save', version, { via: 'whatIf' }));
}

/** "Save as new version": the what-if becomes the document's inputs. */
async function saveWhatIf(
  body: FormData,
  id: string,
  caller: Caller,
  lang: Lang,
  audit: (version: number) => void,
) {
  const form = saveForm.safeParse(Object.fromEntries(body));
  if (!form.success) return json({ error: translate(lang, 'staleForm') }, { status: 400 });
  const read = readVersion(id, form.data.baseVersion);
  if (read.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (read.status === 'invalid')
    return json(
      { error: translate(lang, 'versionNeedsAttentionTitle', { version: read.invalid.version }) },
      { status: VERSION_INVALID_STATUS },
    );
  const current = read.scenario;
  const withWhatIf = documentWithWhatIf(current.document, form.data.whatIf, lang);
  if (!withWhatIf.ok) return withWhatIf.answer;
  const saved = saveVersion(id, form.data.baseVersion, withWhatIf.scenario, {
    savedBy: callerName(caller),
    note: form.data.note || translate(lang, 'whatIfNote', { change: form.data.whatIf }),
  });
  if (saved.status === 'conflict') {
    return json({ error: translate(lang, 'conflict', { latest: saved.latestVersion }) }, { status: 409 });
  }
  if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
  audit(saved.version);
  return redirect(`/scenarios/${id}?saved=${saved.version}`);
}
