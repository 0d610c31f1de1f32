/**
 * The scenario list's loader and action: the caller's hospitals' scenarios (in use or archived)
 * with their stored summaries, the caller's unfinished new cases; a case made from an example or
 * imported from a file (in a hospital where the caller plans), duplicated, archived, restored.
 */
import {
  json,
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from '@remix-run/node';
import { z } from 'zod';

import { chosenOwner, hospitalChoices, requireScenarioOnPage } from '~/auth/access.server';
import {
  allows,
  callerName,
  csrfMatches,
  csrfRefusal,
  hospitalsWhere,
  readCallerForm,
  recordAction,
  requirePageCaller,
} from '~/auth/caller.server';
import { problemsInWords } from '~/dashboard/invalid-version.server';
import { problemMessage, validateScenario, validateScenarioJson } from '~/engine';
import { localize } from '~/engine/text';
import { assertPageRequest } from '~/http/page-form.server';
import { getLang } from '~/i18n/locale.server';
import { beijingMinute } from '~/i18n/time';
import { translate } from '~/i18n/ui';
import { newCaseDrafts } from '~/models/drafts.server';
import {
  createScenario,
  duplicateScenario,
  listScenarios,
  readVersion,
  setArchived,
} from '~/models/scenarios.server';

import { BUNDLED_SCENARIOS } from '../../scenarios';

/** Largest scenario file accepted for import. */
const MAX_IMPORT_BYTES = 512 * 1024;

export async function loadScenarioList({ request, context }: LoaderFunctionArgs) {
  const lang = await getLang(request);
  const caller = requirePageCaller(request, context);
  const archived = new URL(request.url).searchParams.get('archived') === '1';
  // Only the caller's hospitals' scenarios; each latest version's stored summary (no model runs).
  const rows = listScenarios({ archived, hospitalIds: hospitalsWhere(caller, 'read') }).map((row) => {
    const common = {
      id: row.id,
      name: localize(row.name, lang),
      hospital: localize(row.hospitalName, lang),
      version: row.latestVersion,
      updatedAt: row.updatedAt,
      mayChange: allows(caller, row.hospitalId, 'save'),
    };
    if (row.status === 'invalid')
      return {
        ...common,
        horizonYears: storedHorizon(row.document),
        best: null,
        currency: '',
        attention: problemsInWords(row.document, row.problems, lang),
      };
    const { summary } = row;
    return {
      ...common,
      horizonYears: summary.horizonYears,
      best: summary.best
        ? { name: localize(summary.best.name, lang), kind: summary.best.kind, npv: summary.best.npv }
        : null,
      currency: summary.currency,
      attention: null,
    };
  });
  // New cases begun and not finished: their drafts, to continue where they were left.
  const unfinished = archived
    ? []
    : newCaseDrafts(caller.user.id).map((d) => ({
        href: `/scenarios/new/${encodeURIComponent(d.id)}?step=${encodeURIComponent(d.step)}`,
        name:
          (d.document.name && localize(d.document.name, lang)) ||
          (d.document.hospital?.name && localize(d.document.hospital.name, lang)) ||
          translate(lang, 'untitledCase'),
        when: beijingMinute(d.updatedAt),
      }));
  return json({
    rows,
    unfinished,
    archived,
    owners: hospitalChoices(caller, 'save'),
    templates: BUNDLED_SCENARIOS.map((b) => ({
      key: b.key,
      name: localize((b.document as { name: Parameters<typeof localize>[0] }).name, lang),
    })),
  });
}

/** The horizon a stored document gives, if it gives one it can be read as. */
function storedHorizon(document: unknown): number | null {
  const horizon = (document as { horizonYears?: unknown } | null)?.horizonYears;
  return typeof horizon === 'number' && Number.isFinite(horizon) ? horizon : null;
}

export async function scenarioListAction({ request, context }: ActionFunctionArgs) {
  const lang = await getLang(request);
  assertPageRequest(request, lang);
  const caller = requirePageCaller(request, context);
  const created = (hospitalId: string, made: { id: string; version: number }, via: string) =>
    recordAction(caller, {
      action: 'scenario.create',
      outcome: 'success',
      hospitalId,
      objectType: 'scenario',
      objectId: made.id,
      version: made.version,
      detail: { via },
    });
  const isMultipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');
  if (isMultipart) {
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(
        request,
        unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMPORT_BYTES }),
      );
    } catch (error) {
      const tooLarge = error instanceof MaxPartSizeExceededError;
      return json(
        {
          errors: [
            translate(lang, tooLarge ? 'importTooLarge' : 'importUnreadable', {
              max: MAX_IMPORT_BYTES / 1024,
            }),
          ],
        },
        { status: tooLarge ? 413 : 400 },
      );
    }
    if (!csrfMatches(request, caller, form.get('csrf'))) throw csrfRefusal(request, caller, lang);
    const file = form.get('file');
    if (!(file instanceof Blob) || file.size === 0)
      return json({ errors: [translate(lang, 'importEmpty')] }, { status: 400 });
    const validated = validateScenarioJson(await file.text());
    if (!validated.ok) {
      return json(
        { errors: validated.problems.map((p) => `${p.path || '(file)'}: ${problemMessage(p, lang)}`) },
        { status: 400 },
      );
    }
    const owner = chosenOwner(caller, form.get('ownerHospital'));
    if (!owner) return json({ errors: [translate(lang, 'noPlannerHospital')] }, { status: 403 });
    const made = createScenario(validated.scenario, {
      savedBy: callerName(caller),
      note: translate(lang, 'importedFrom', { file: (file as File).name ?? '' }),
      hospitalId: owner.id,
    });
    created(owner.id, made, 'import');
    return redirect(`/scenarios/${made.id}`);
  }

  const form = await readCallerForm(request, caller, lang);
  const intent = form.get('intent');
  const id = String(form.get('id') ?? '');
  const who = callerName(caller);
  switch (intent) {
    case 'create': {
      const name = z.string().trim().min(1).max(200).safeParse(form.get('name'));
      if (!name.success) return json({ errors: [translate(lang, 'nameRequired')] }, { status: 400 });
      const bundled = BUNDLED_SCENARIOS.find((b) => b.key === String(form.get('template') ?? ''));
      if (!bundled) return json({ errors: [translate(lang, 'unknownAction')] }, { status: 400 });
      const owner = chosenOwner(caller, form.get('ownerHospital'));
      if (!owner) return json({ errors: [translate(lang, 'noPlannerHospital')] }, { status: 403 });
      // A copy of an example is the owning hospital's case: it takes that hospital's name (the
      // example's figures stay until the user changes them in the editor).
      const example = bundled.document as { hospital: Record<string, unknown> };
      const doc = {
        ...(bundled.document as Record<string, unknown>),
        name: name.data,
        id: undefined,
        hospital: {
          ...example.hospital,
          name: owner.name,
        },
      };
      const validated = validateScenario(doc);
      if (!validated.ok)
        return json({ errors: validated.problems.map((p) => problemMessage(p, lang)) }, { status: 400 });
      const made = createScenario(validated.scenario, {
        savedBy: who,
        note: translate(lang, 'created'),
        hospitalId: owner.id,
      });
      created(owner.id, made, 'example');
      return redirect(`/scenarios/${made.id}/edit`);
    }
    case 'duplicate': {
      const { hospitalId } = requireScenarioOnPage(caller, id, 'save', lang);
      const read = readVersion(id);
      if (read.status === 'notFound') throw new Response('Not found', { status: 404 });
      // A copy of a version that needs attention would need it too: fix it first.
      if (read.status === 'invalid')
        return json({ errors: [translate(lang, 'duplicateNeedsAttention')] }, { status: 409 });
      const source = read.scenario;
      const copy = duplicateScenario(id, {
        savedBy: who,
        note: translate(lang, 'duplicatedFrom', {
          name: localize(source.document.name, lang),
          version: source.version,
        }),
      });
      if (!copy) throw new Response('Not found', { status: 404 });
      created(hospitalId, copy, 'duplicate');
      return redirect(`/scenarios/${copy.id}`);
    }
    case 'archive':
    case 'restore': {
      const { hospitalId } = requireScenarioOnPage(caller, id, 'save', lang);
      if (!setArchived(id, intent === 'archive')) throw new Response('Not found', { status: 404 });
      recordAction(caller, {
        action: intent === 'archive' ? 'scenario.archive' : 'scenario.restore',
        outcome: 'success',
        hospitalId,
        objectType: 'scenario',
        objectId: id,
      });
      return redirect(intent === 'archive' ? '/scenarios' : '/scenarios?archived=1');
    }
    default:
      return json({ errors: [translate(lang, 'unknownAction')] }, { status: 400 });
  }
}
