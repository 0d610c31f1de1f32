/**
 * The editor of an existing case (`/scenarios/:id/edit`): the same forms as the new-case flow,
 * all parts on one page, over a draft of the edits (made at the first change, kept until they
 * are saved as a new version or thrown away), and the JSON of the case under "advanced".
 */
import { json, redirect } from '@remix-run/node';
import { z } from 'zod';

import { validateScenarioJson, type ScenarioInput } from '~/engine';
import { wholeParam } from '~/http/numbers';
import { requireScenarioOnPage } from '~/auth/access.server';
import { callerName, readCallerForm, recordAction, type Caller } from '~/auth/caller.server';
import { badPageForm } from '~/http/page-form.server';
import { localize, type Lang } from '~/engine/text';
import {
  createDraft,
  commitDraft,
  deleteDraft,
  getDraft,
  latestDraftOf,
  updateDraft,
  type Draft,
} from '~/models/drafts.server';
import { getVersionForEditing, saveVersion, type EditableVersion } from '~/models/scenarios.server';
import { beijingMinute } from '~/i18n/time';
import { translate } from '~/i18n/ui';

import {
  casePage,
  EMPTY_STATE,
  postToDraft,
  problemsOf,
  PARTS,
  type CasePage,
  type FormState,
} from './case-form.server';
import { problemInWords } from './problems';
import { zhEn } from '~/i18n/bilingual';

export interface EditorData {
  id: string;
  title: string;
  /** The version the edits start from. */
  baseVersion: number;
  latestVersion: number;
  draftId: string | null;
  revision: string;
  page: CasePage;
  json: string;
  /** Messages above the form: a conflict, a refused button, a JSON problem. */
  general: string[];
  notices: string[];
  /** Who saves and why, as typed in a post that was refused. */
  note: string;
  /** Unsaved edits left from an earlier visit, to continue. */
  resume: { href: string; when: string } | null;
}

/** Largest scenario JSON accepted from the advanced editor. */
const MAX_JSON_CHARS = 512 * 1024;

/** The pasted JSON as a document to place problems in, or null when it is not an object. */
function pastedDocument(text: string): ScenarioInput | null {
  try {
    const raw: unknown = JSON.parse(text);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as ScenarioInput) : null;
  } catch {
    return null;
  }
}

/** The draft named in the address, if it is this scenario's. */
/** The caller's own draft of edits to this scenario (anyone else's is not there for them). */
function draftOf(id: string, draftId: string | null, userId: string): Draft | null {
  if (!draftId) return null;
  const draft = getDraft(draftId);
  return draft && draft.scenarioId === id && draft.userId === userId ? draft : null;
}

export function editorData(
  scenario: EditableVersion,
  draft: Draft | null,
  lang: Lang,
  options: {
    state?: FormState;
    check?: boolean;
    general?: string[];
    json?: string;
    note?: string;
  } = {},
): EditorData {
  const doc: ScenarioInput = draft?.document ?? (scenario.document as ScenarioInput);
  const baseVersion = draft?.baseVersion ?? scenario.version;
  const problems = options.check ? problemsOf(doc, PARTS) : [];
  const notices: string[] = [];
  if (draft)
    notices.push(
      zhEn(
        lang,
        `这些修改尚未保存（基于第 ${baseVersion} 版）。点“保存为新版本”保存，或放弃修改。`,
        `These changes are not saved yet (on version ${baseVersion}). “Save as new version” keeps them, or discard them.`,
      ),
    );
  if (baseVersion < scenario.latestVersion)
    notices.push(
      zhEn(
        lang,
        `注意：你开始修改后，有人保存了第 ${scenario.latestVersion} 版。保存时不会覆盖它。`,
        `Note: someone saved version ${scenario.latestVersion} after you started. Saving will not overwrite it.`,
      ),
    );
  return {
    id: scenario.id,
    title: localize(doc.name, lang),
    baseVersion,
    latestVersion: scenario.latestVersion,
    draftId: draft?.id || null,
    revision: draft?.updatedAt ?? `v${scenario.version}`,
    page: casePage(doc, lang, PARTS, options.state ?? EMPTY_STATE, problems),
    json: options.json ?? JSON.stringify(doc, null, 2),
    general: options.general ?? [],
    notices,
    note: options.note ?? '',
    resume: null,
  };
}

export function loadEditor(id: string, url: URL, lang: Lang, caller: Caller): EditorData {
  requireScenarioOnPage(caller, id, 'save', lang);
  const scenario = getVersionForEditing(id);
  if (!scenario) throw new Response('Not found', { status: 404 });
  const draft = draftOf(id, url.searchParams.get('draft'), caller.user.id);
  const base = draft ? (getVersionForEditing(id, draft.baseVersion ?? undefined) ?? scenario) : scenario;
  const data = editorData({ ...base, latestVersion: scenario.latestVersion }, draft, lang, {
    check: url.searchParams.get('check') === '1',
  });
  const left = draft ? null : latestDraftOf(id, caller.user.id);
  // When, in Beijing time as the hospital reads it (the same text on the server's page and in the browser).
  if (left)
    data.resume = {
      href: `/scenarios/${id}/edit?draft=${encodeURIComponent(left.id)}`,
      when: beijingMinute(left.updatedAt),
    };
  return data;
}

const meta = z.object({
  baseVersion: wholeParam,
  draft: z.string().max(64).optional(),
  note: z.string().max(500).default(''),
});

export async function postEditor(
  request: Request,
  id: string,
  lang: Lang,
  caller: Caller,
): Promise<Response> {
  const { hospitalId } = requireScenarioOnPage(caller, id, 'save', lang);
  const form = await readCallerForm(request, caller, lang);
  const m = meta.safeParse(Object.fromEntries([...form].filter(([, v]) => typeof v === 'string')));
  if (!m.success) throw badPageForm(lang);
  const latest = getVersionForEditing(id);
  if (!latest) throw new Response('Not found', { status: 404 });
  const base = getVersionForEditing(id, m.data.baseVersion);
  if (!base) throw new Response('Not found', { status: 404 });
  const existing = draftOf(id, m.data.draft ?? null, caller.user.id);
  const savedBy = callerName(caller);
  const audited = (version: number, via: string) =>
    recordAction(caller, {
      action: 'scenario.save',
      outcome: 'success',
      hospitalId,
      objectType: 'scenario',
      objectId: id,
      version,
      detail: { via },
    });
  const intent = String(form.get('intent') ?? '');
  // A refused post gives back why, with everything typed (the note too).
  const who = { note: m.data.note };
  const view = { ...base, latestVersion: latest.latestVersion };

  if (intent === 'json') {
    const text = String(form.get('json') ?? '');
    if (text.length > MAX_JSON_CHARS)
      return json(
        editorData(view, existing, lang, {
          ...who,
          general: [translate(lang, 'importTooLarge', { max: MAX_JSON_CHARS / 1024 })],
          json: text,
        }),
        { status: 400 },
      );
    const validated = validateScenarioJson(text);
    if (!validated.ok) {
      // Problems are placed in the document that was pasted (its options may be in another order).
      const doc = pastedDocument(text) ?? ((existing?.document ?? base.document) as ScenarioInput);
      const general = validated.problems.map((p) => {
        const w = problemInWords(doc, p, lang);
        return p.code === 'invalidJson' ? w.message : `${w.place}：${w.message}`;
      });
      return json(editorData(view, existing, lang, { ...who, general, json: text }), { status: 400 });
    }
    const saved = saveVersion(id, m.data.baseVersion, validated.scenario, { savedBy, note: m.data.note });
    if (saved.status === 'conflict')
      return json(
        editorData(view, existing, lang, {
          ...who,
          general: [translate(lang, 'conflict', { latest: saved.latestVersion })],
          json: text,
        }),
        { status: 409 },
      );
    if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
    audited(saved.version, 'json');
    if (existing) deleteDraft(existing.id);
    return redirect(`/scenarios/${id}?saved=${saved.version}`);
  }

  if (intent === 'discard') {
    if (existing) deleteDraft(existing.id);
    return redirect(`/scenarios/${id}/edit`);
  }

  const posted = postToDraft((existing?.document ?? base.document) as ScenarioInput, form, lang);
  // A post with something refused stores nothing: the page comes back with what was typed, and
  // so does a save of a case that is not complete yet (the draft stays as it was).
  const incomplete = intent === 'save' && problemsOf(posted.doc, PARTS).length > 0;
  // Someone saved after the version these edits started from: refused before anything is stored.
  const stale = intent === 'save' && m.data.baseVersion !== latest.latestVersion;
  if (posted.state.errors.size > 0 || posted.refused || incomplete || stale) {
    const unsaved: Draft = {
      id: existing?.id ?? '',
      scenarioId: id,
      baseVersion: m.data.baseVersion,
      document: posted.doc,
      step: 'edit',
      updatedAt: `unsaved-${Date.now()}`,
      userId: caller.user.id,
      hospitalId: null,
    };
    return json(
      editorData(view, unsaved, lang, {
        ...who,
        state: posted.state,
        check: !stale,
        general: stale
          ? [translate(lang, 'conflict', { latest: latest.latestVersion })]
          : posted.refused
            ? [posted.refused]
            : [],
      }),
      { status: stale ? 409 : 400 },
    );
  }
  const draft = existing
    ? (updateDraft(existing.id, posted.doc, 'edit'), getDraft(existing.id)!)
    : createDraft(posted.doc, {
        scenarioId: id,
        baseVersion: m.data.baseVersion,
        step: 'edit',
        userId: caller.user.id,
      });

  if (intent === 'save') {
    const validated = validateScenarioJson(JSON.stringify(posted.doc));
    if (!validated.ok) return json(editorData(view, draft, lang, { ...who, check: true }), { status: 400 });
    const saved = commitDraft(draft, validated.scenario, { savedBy, note: m.data.note });
    if (saved.status === 'conflict')
      return json(
        editorData(view, draft, lang, {
          ...who,
          general: [translate(lang, 'conflict', { latest: saved.latestVersion })],
        }),
        { status: 409 },
      );
    if (saved.status === 'notFound') throw new Response('Not found', { status: 404 });
    audited(saved.version, 'editor');
    return redirect(`/scenarios/${id}?saved=${saved.version}`);
  }
  return redirect(
    `/scenarios/${id}/edit?draft=${encodeURIComponent(draft.id)}${posted.anchor ? `#${posted.anchor}` : ''}`,
  );
}
