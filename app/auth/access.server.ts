/**
 * Access to a hospital's data (等保 2.0 §8.1.4.2): a scenario — and with it its versions,
 * datasets, share links and exports — is reachable only by the members of the hospital that owns
 * it. To anyone else it does not exist: 404, never 403 with its name. A member whose role does
 * not allow the action gets 403 naming the role. Both refusals go to the audit log.
 */
import { json } from '@remix-run/node';

import { getDb, type Db } from '~/db.server';
import type { Lang } from '~/engine/text';
import { translate } from '~/i18n/ui';
import { findHospitalByName, getHospital } from '~/models/hospitals.server';
import { getScenarioRow } from '~/models/scenarios.server';

import { allows, hospitalsWhere, recordAction, type Caller } from './caller.server';
import { ROLE_LABELS, type Action, type HospitalRole } from './roles';

export type ScenarioAccess =
  | { status: 'ok'; hospitalId: string; role: HospitalRole }
  | { status: 'notFound' }
  | { status: 'forbidden'; role: HospitalRole };

/** What the caller may do with a scenario: allowed, "no such scenario", or not with this role. */
export function scenarioAccess(
  caller: Caller,
  scenarioId: string,
  action: Action,
  db: Db = getDb(),
): ScenarioAccess {
  const row = getScenarioRow(scenarioId, db);
  if (!row) return { status: 'notFound' };
  const role = row.hospitalId ? caller.roles.get(row.hospitalId) : undefined;
  if (!row.hospitalId || !role) {
    recordAction(
      caller,
      {
        action: 'access.denied',
        outcome: 'denied',
        objectType: 'scenario',
        objectId: scenarioId,
        detail: { action },
      },
      db,
    );
    return { status: 'notFound' };
  }
  if (!allows(caller, row.hospitalId, action)) {
    recordAction(
      caller,
      {
        action: 'access.denied',
        outcome: 'denied',
        hospitalId: row.hospitalId,
        objectType: 'scenario',
        objectId: scenarioId,
        detail: { action },
      },
      db,
    );
    return { status: 'forbidden', role };
  }
  return { status: 'ok', hospitalId: row.hospitalId, role };
}

/** The words of a refusal for a role: "你在本院的角色（查看者）不能保存。" */
export function roleRefusalMessage(role: HospitalRole, action: Action, lang: Lang): string {
  return translate(lang, 'roleCannot', {
    role: ROLE_LABELS[role][lang],
    action: translate(lang, ACTION_WORDS[action] ?? 'actionChange'),
  });
}

const ACTION_WORDS: Partial<Record<Action, Parameters<typeof translate>[1]>> = {
  save: 'actionSave',
  import: 'actionImport',
  share: 'actionShare',
  manageShares: 'actionManageShares',
  approve: 'actionApprove',
  submit: 'actionSubmit',
};

/** For a page: the access, or a thrown 404 (not the caller's hospital) or 403 (not the role's). */
export function requireScenarioOnPage(
  caller: Caller,
  scenarioId: string,
  action: Action,
  lang: Lang,
): { hospitalId: string; role: HospitalRole } {
  const access = scenarioAccess(caller, scenarioId, action);
  if (access.status === 'notFound') throw new Response('Not found', { status: 404 });
  if (access.status === 'forbidden')
    throw new Response(roleRefusalMessage(access.role, action, lang), {
      status: 403,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Language': lang },
    });
  return access;
}

/** For the API: the access, or the 404 / 403 answer in the API's error shape. */
export function scenarioAccessForApi(
  caller: Caller,
  scenarioId: string,
  action: Action,
  lang: Lang,
): { ok: true; hospitalId: string; role: HospitalRole } | { ok: false; response: Response } {
  const access = scenarioAccess(caller, scenarioId, action);
  if (access.status === 'ok') return { ok: true, hospitalId: access.hospitalId, role: access.role };
  if (access.status === 'notFound')
    return {
      ok: false,
      response: json(
        { errors: [{ path: '', code: 'notFound', message: translate(lang, 'noSuchScenario') }] },
        { status: 404 },
      ),
    };
  return {
    ok: false,
    response: json(
      { errors: [{ path: '', code: 'forbidden', message: roleRefusalMessage(access.role, action, lang) }] },
      { status: 403 },
    ),
  };
}

export type NewScenarioHospital =
  { ok: true; hospitalId: string } | { ok: false; code: 'hospitalRequired' | 'hospitalNotYours' };

/**
 * A refusal to make a case (the caller plans in no hospital it may use) or to open someone else's
 * new case, in the audit log as a refused scenario is.
 */
export function recordNewScenarioDenied(
  caller: Caller,
  object: { type: 'hospital' | 'draft'; id: string },
  db: Db = getDb(),
): void {
  recordAction(
    caller,
    {
      action: 'access.denied',
      outcome: 'denied',
      objectType: object.type,
      objectId: object.id,
      detail: { action: 'save' },
    },
    db,
  );
}

/**
 * The hospital a new scenario goes to: the one asked for (by id or name) if the caller plans
 * there; else the caller's only planner hospital; else the one the document names, if the caller
 * plans there.
 */
export function hospitalForNewScenario(
  caller: Caller,
  asked: string | null,
  namedInDocument: string,
  db: Db = getDb(),
): NewScenarioHospital {
  const planned = hospitalsWhere(caller, 'save');
  const notYours = (): NewScenarioHospital => {
    recordNewScenarioDenied(caller, { type: 'hospital', id: asked?.trim().slice(0, 100) ?? '' }, db);
    return { ok: false, code: 'hospitalNotYours' };
  };
  if (asked !== null && asked.trim() !== '') {
    const id = planned.includes(asked) ? asked : findHospitalByName(db, asked)?.id;
    return id && planned.includes(id) ? { ok: true, hospitalId: id } : notYours();
  }
  if (planned.length === 1) return { ok: true, hospitalId: planned[0]! };
  if (planned.length === 0) return notYours();
  const named = findHospitalByName(db, namedInDocument)?.id;
  return named && planned.includes(named)
    ? { ok: true, hospitalId: named }
    : { ok: false, code: 'hospitalRequired' };
}

/** The caller's hospitals where it may do `action`, with their names (for a choice on a page). */
export function hospitalChoices(
  caller: Caller,
  action: Action,
  db: Db = getDb(),
): { id: string; name: string }[] {
  return hospitalsWhere(caller, action).flatMap((id) => {
    const hospital = getHospital(db, id);
    return hospital ? [{ id, name: hospital.name }] : [];
  });
}

/**
 * The hospital a page's new case goes to: the one chosen on the form if the caller plans there,
 * else the first where they do; null if they plan nowhere (a refusal, logged).
 */
export function chosenOwner(
  caller: Caller,
  asked: unknown,
  db: Db = getDb(),
): { id: string; name: string } | null {
  const owners = hospitalChoices(caller, 'save', db);
  const owner = owners.find((o) => o.id === asked) ?? owners[0] ?? null;
  if (!owner)
    recordNewScenarioDenied(
      caller,
      { type: 'hospital', id: typeof asked === 'string' ? asked.slice(0, 100) : '' },
      db,
    );
  return owner;
}
