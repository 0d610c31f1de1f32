/**
 * The new-case flow on the server: the page of a step (a new case, or a saved draft of one),
 * and what a post does: save what was typed in the draft, act on the button, then stay (with
 * the problems said) or move on; the last step saves the case as a scenario.
 */
import { json, redirect } from '@remix-run/node';
import { z } from 'zod';

import { blankCase } from '~/builder/templates';
import {
  casePage,
  EMPTY_STATE,
  postToDraft,
  problemsOf,
  type CasePage,
  type FormState,
} from '~/editor/case-form.server';
import { compileScenario, runModel, validateScenario, type ValidationProblem } from '~/engine';
import { hospitalChoices, recordNewScenarioDenied } from '~/auth/access.server';
import { callerName, readCallerForm, recordAction, type Caller } from '~/auth/caller.server';
import { translate } from '~/i18n/ui';
import type { ScenarioInput } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { createDraft, commitDraft, getDraft, updateDraft, type Draft } from '~/models/drafts.server';

import { describeCase, type CaseInWords } from './review';
import { nextStep, previousStep, STEP_PARTS, stepSchema, type Step } from './steps';
import { zhEn } from '~/i18n/bilingual';

export interface NewCaseData {
  draftId: string | null;
  step: Step;
  /** Steps the user may jump to (those before the first one with problems, and this one). */
  page: CasePage;
  review: CaseInWords | null;
  /** Changes with every save, so the form's boxes show the saved values. */
  revision: string;
  hospitalName: string;
  refused: string | null;
  /** The hospitals the case may belong to, when the caller plans for several (first step of a new case). */
  owners: { id: string; name: string }[];
}

/** Extra rules of a step beyond validation: a case needs a workflow and an option. */
function stepProblems(doc: ScenarioInput, step: Step): ValidationProblem[] {
  if (step === 'review') {
    const v = validateScenario(doc);
    const problems = v.ok ? [] : [...v.problems];
    // And the two a valid document may still lack: something to plan, and a way to do it.
    if (doc.workflows.length === 0)
      problems.unshift({ path: 'workflows', code: 'minItems', params: { minimum: 1 } });
    if (doc.options.length === 0)
      problems.unshift({ path: 'options', code: 'minItems', params: { minimum: 1 } });
    return problems;
  }
  const problems = problemsOf(doc, STEP_PARTS[step]);
  if (step === 'workflows' && doc.workflows.length === 0)
    problems.unshift({ path: 'workflows', code: 'minItems', params: { minimum: 1 } });
  if (step === 'options' && doc.options.length === 0)
    problems.unshift({ path: 'options', code: 'minItems', params: { minimum: 1 } });
  return problems;
}

export function newCaseData(
  draft: { id: string | null; document: ScenarioInput; updatedAt: string } | null,
  step: Step,
  lang: Lang,
  options: {
    state?: FormState;
    check?: boolean;
    refused?: string | null;
    owners?: { id: string; name: string }[];
  } = {},
): NewCaseData {
  const owners = options.owners ?? [];
  // A new case starts with its (first) owning hospital's name, which the user may change.
  const doc =
    draft?.document ?? withHospitalName(blankCase(new Date().getFullYear() + 1), owners[0]?.name ?? '');
  const problems = options.check || step === 'review' ? stepProblems(doc, step) : [];
  const page = casePage(doc, lang, STEP_PARTS[step], options.state ?? EMPTY_STATE, problems);
  let review: CaseInWords | null = null;
  if (step === 'review') {
    const validated = validateScenario(doc);
    if (validated.ok && problems.length === 0)
      review = describeCase(
        validated.scenario,
        runModel(compileScenario(validated.scenario), undefined, { lang }),
        lang,
      );
  }
  return {
    draftId: draft?.id ?? null,
    step,
    page,
    review,
    revision: draft?.updatedAt ?? 'new',
    hospitalName: doc.hospital.name ? localize(doc.hospital.name, lang) : '',
    refused: options.refused ?? null,
    owners: draft ? [] : owners.length > 1 ? owners : [],
  };
}

const withHospitalName = (doc: ScenarioInput, name: string): ScenarioInput => ({
  ...doc,
  hospital: { ...doc.hospital, name },
});

/** The hospitals where the caller may make a case; none is a 403 page saying so. */
export function newCaseOwners(caller: Caller, lang: Lang): { id: string; name: string }[] {
  const owners = hospitalChoices(caller, 'save');
  if (owners.length === 0) {
    recordNewScenarioDenied(caller, { type: 'hospital', id: '' });
    throw new Response(translate(lang, 'noPlannerHospital'), {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': lang },
    });
  }
  return owners;
}

/** The caller's own new-case draft, in a hospital where they still plan; else 404. */
export function ownNewCaseDraft(caller: Caller, draftId: string, lang: Lang): Draft {
  const draft = getDraft(draftId);
  const owners = newCaseOwners(caller, lang);
  const plannedThere = owners.some((o) => o.id === draft?.hospitalId);
  if (!draft || draft.scenarioId !== null || draft.userId !== caller.user.id || !plannedThere) {
    // Someone else's draft, or a new case of a hospital where the caller no longer plans, is not
    // there for them: the attempt is logged, as for a scenario.
    if (draft && (draft.userId !== caller.user.id || (draft.scenarioId === null && !plannedThere)))
      recordNewScenarioDenied(caller, { type: 'draft', id: draftId });
    throw new Response('Not found', { status: 404 });
  }
  return draft;
}

/** The step in an address (`?step=budget`); the first one when absent, null when it is not one. */
export function stepFromUrl(url: URL): Step | null {
  const raw = url.searchParams.get('step');
  if (raw === null) return 'hospital';
  const parsed = stepSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

const stepUrl = (draftId: string, step: Step, check = false, anchor?: string) =>
  `/scenarios/new/${encodeURIComponent(draftId)}?step=${step}${check ? '&check=1' : ''}${anchor ? `#${anchor}` : ''}`;

/**
 * A post of a step: the draft saved (made on the first post), then the button acted on. Numbers
 * that could not be read keep the page (400) with what was typed; otherwise the answer is a
 * redirect to where the user goes next.
 */
export async function postNewCase(
  request: Request,
  draftId: string | null,
  step: Step,
  lang: Lang,
  caller: Caller,
): Promise<Response> {
  const owners = newCaseOwners(caller, lang);
  const form = await readCallerForm(request, caller, lang);
  const existing = draftId ? ownNewCaseDraft(caller, draftId, lang) : null;
  // The owning hospital is chosen on the first post (of those where the caller plans).
  const askedOwner = z.string().max(64).safeParse(form.get('ownerHospital')).data;
  const owner = existing?.hospitalId ?? owners.find((o) => o.id === askedOwner)?.id ?? owners[0]!.id;
  const start = existing?.document ?? blankCase(new Date().getFullYear() + 1);
  const posted = postToDraft(start, form, lang);
  const [verb, target] = posted.intent.split(':');
  const goto = verb === 'goto' ? stepSchema.safeParse(target) : null;
  const destination: Step =
    verb === 'next'
      ? nextStep(step)
      : verb === 'back'
        ? previousStep(step)
        : goto?.success
          ? goto.data
          : step;
  // A post with something refused stores nothing: the page comes back with what was typed.
  if (posted.state.errors.size > 0 || posted.refused) {
    const unsaved = { id: existing?.id ?? null, document: posted.doc, updatedAt: `unsaved-${Date.now()}` };
    return json(
      newCaseData(existing ? unsaved : { ...unsaved, id: null }, step, lang, {
        state: posted.state,
        check: posted.state.errors.size > 0,
        refused: posted.refused ?? null,
        owners,
      }),
      { status: 400 },
    );
  }
  const draft = existing
    ? (updateDraft(existing.id, posted.doc, destination), getDraft(existing.id)!)
    : createDraft(posted.doc, { step: destination, userId: caller.user.id, hospitalId: owner });
  if (verb === 'create') {
    const validated = validateScenario(posted.doc);
    if (!validated.ok || stepProblems(posted.doc, 'review').length > 0)
      return json(newCaseData(draft, 'review', lang, { check: true }), { status: 400 });
    const saved = commitDraft(draft, validated.scenario, {
      savedBy: callerName(caller),
      note: zhEn(lang, '用新建向导创建', 'Made with the new-case steps'),
    });
    if (saved.status !== 'saved') throw new Response('Not found', { status: 404 });
    recordAction(caller, {
      action: 'scenario.create',
      outcome: 'success',
      hospitalId: draft.hospitalId,
      objectType: 'scenario',
      objectId: saved.id,
      version: saved.version,
      detail: { via: 'newCase' },
    });
    return redirect(`/scenarios/${saved.id}?saved=${saved.version}`);
  }
  if (verb === 'next' && stepProblems(posted.doc, step).length > 0)
    return redirect(stepUrl(draft.id, step, true));
  return redirect(stepUrl(draft.id, destination, false, posted.anchor));
}
