/**
 * The buttons that change a case's structure (app/editor/intents.ts): a workflow from each use
 * case with its roles (wages estimated) and without the numbers the sources lack; an option of
 * every pricing choice that validates once the asked fields are filled and never invents a
 * price; a line of every kind; tiers there and back; roles kept while used; and every intent
 * that is not one of the list refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { estimateAt, estimatedBy, refreshEstimates } from '~/builder/estimates';
import { getAt, setAt, toIdPath } from '~/builder/paths';
import { syncReferences } from '~/builder/references';
import {
  choiceOf,
  LINE_CHOICE_NAMES,
  LINE_CHOICES,
  linesFor,
  OPTION_PRICING,
  type LineChoice,
} from '~/builder/pricing';
import type { CostLineInput } from '~/builder/structure';
import { suggestedValue } from '~/builder/suggestion';
import { blankCase, PILOT_SCOPE } from '~/builder/templates';
import { USE_CASE_KEYS, useCase } from '~/builder/use-cases';
import { fieldSpec } from '~/catalogue/fields';
import { applyIntent, isStructuralIntent } from '~/editor/intents';
import { validateScenario, type ScenarioInput } from '~/engine';
import { ROLE_IDS } from '~/engine/constants';
import { LANGUAGES, type Lang } from '~/engine/text';
import { findFigure, isUsableAsDefault, parseReferenceFigures } from '~/reference/figures';

import seed from '../../seeds/reference-figures.json';
import { BUNDLED_SCENARIOS } from '../../scenarios';

type Doc = ScenarioInput;

const figures = parseReferenceFigures(seed).figures;

const values = (entries: Record<string, string> = {}) => new Map(Object.entries(entries));
const act = (doc: Doc, intent: string, entries: Record<string, string> = {}, lang: Lang = 'en') =>
  applyIntent(doc, intent, values(entries), lang);

/** A 200-bed county hospital with its staff counted and its budget given: no workflows yet. */
function hospital(): Doc {
  let doc = setAt(blankCase(2027), 'hospital.beds', 200);
  doc = setAt(doc, 'name', 'Director’s case');
  doc = setAt(doc, 'hospital.name', '某县人民医院');
  doc = setAt(doc, 'hospital.roles.physician.headcount', 60);
  doc = setAt(doc, 'hospital.roles.nurse.headcount', 120);
  doc = setAt(doc, 'budget.aiShare', 0.15);
  return refreshEstimates(doc);
}

/** The hospital with the nursing documentation use case. */
function withNursing(): Doc {
  const added = act(hospital(), 'addWorkflow', { 'new:useCase': 'nursingDocumentation' });
  expect(added.refused).toBeUndefined();
  return added.doc;
}

const county = (): Doc => {
  const v = validateScenario(BUNDLED_SCENARIOS.find((b) => b.key === 'county-hospital-300-beds')!.document);
  if (!v.ok) throw new Error('county scenario does not validate');
  return v.scenario as Doc;
};

/** A plausible value for a field the user is asked to give, by how it is typed. */
function plausible(field: string): unknown {
  if (field === 'expression') return 'tasks * 0.01';
  if (field === 'minNetMinutesPerTask') return 1;
  if (field === 'n') return 20;
  if (field === 'unitPrice') return 12;
  switch (fieldSpec(field).kind) {
    case 'percent':
      return 0.3;
    case 'minutes':
      return 4;
    case 'money':
      return 50_000;
    case 'count':
      return 10;
    case 'integer':
    case 'month':
      return 3;
    default:
      return 1;
  }
}

/** The document with every field validation asks for filled with a plausible value; the problems left. */
function fillAsked(start: Doc): { doc: Doc; left: string[] } {
  let doc = start;
  for (let round = 0; round < 5; round++) {
    const v = validateScenario(doc);
    if (v.ok) return { doc, left: [] };
    const asked = v.problems.filter((p) => p.code === 'required' || p.code === 'priceOrTiers');
    if (asked.length === 0) return { doc, left: v.problems.map((p) => `${p.path}: ${p.code}`) };
    for (const p of asked) {
      const path = toIdPath(doc, p.path);
      doc = setAt(doc, path, plausible(path.slice(path.lastIndexOf('.') + 1)));
    }
  }
  const v = validateScenario(doc);
  return { doc, left: v.ok ? [] : v.problems.map((p) => `${p.path}: ${p.code}`) };
}

/** Fields that hold a price or an amount of money a line costs. */
const PRICE_FIELDS = [
  'amount',
  'unitPrice',
  'capexPerServer',
  'tiers',
  'pricePerMillionInputTokens',
  'pricePerMillionOutputTokens',
  'annualCostPerFte',
] as const;

describe('addWorkflow', () => {
  /** A case with no staff at all: the use case brings the roles it needs. */
  const staffless = (): Doc => {
    let doc = hospital();
    for (const role of ['physician', 'nurse'] as const) {
      const r = act(doc, `removeRole:${role}`);
      expect(r.refused).toBeUndefined();
      doc = r.doc;
    }
    expect(doc.hospital.roles).toEqual({});
    return doc;
  };

  for (const key of USE_CASE_KEYS) {
    it(`from “${key}”: its workflows with the library's numbers, the asked ones left out, roles with estimated wages`, () => {
      const start = staffless();
      const result = act(start, 'addWorkflow', { 'new:useCase': key });
      expect(result.refused).toBeUndefined();
      const library = useCase(key).workflows;
      const added = result.doc.workflows;
      expect(added).toHaveLength(library.length);
      expect(result.anchor).toBe(`wf-${added[0]!.id}`);
      expect(new Set(added.map((w) => w.id)).size).toBe(added.length);
      library.forEach((lw, i) => {
        const w = added[i]!;
        expect(w.name).toEqual(lw.name);
        expect(w.role).toBe(lw.role);
        expect(w.volumeDriver).toBe(lw.volumeDriver);
        expect(w.template).toBe(`${key}/${i}`);
        // A number the sources lack is asked, never filled in.
        expect(w.tasksPerDriverUnit).toBe(suggestedValue(lw.tasksPerDriverUnit));
        expect(w.baselineMinutesPerTask).toBe(suggestedValue(lw.baselineMinutesPerTask));
        if (lw.baselineMinutesPerTask.kind === 'ask') expect('baselineMinutesPerTask' in w).toBe(false);
        if (lw.baselineMinutesPerTask.kind === 'sourced')
          expect(w.baselineEvidence).toMatchObject({ kind: 'claimed', ref: lw.baselineMinutesPerTask.ref });
        else expect(w.baselineEvidence.kind).toBe('assumed');
      });
      for (const role of new Set(library.map((w) => w.role))) {
        const profile = result.doc.hospital.roles[role]!;
        expect(profile, role).toBeDefined();
        // The headcount is the hospital's to give.
        expect(profile.headcount).toBeUndefined();
        for (const field of ['annualCostPerFte', 'paidHoursPerYear']) {
          const path = `hospital.roles.${role}.${field}`;
          expect(estimatedBy(result.doc, path), path).not.toBeNull();
          expect(getAt(result.doc, path), path).toBe(estimateAt(result.doc, path)!.value);
        }
      }
      // No role the use case does not need.
      expect(Object.keys(result.doc.hospital.roles).sort()).toEqual(
        [...new Set(library.map((w) => w.role))].sort(),
      );
    });
  }

  it('nursing documentation: today’s minutes per record are asked (NOT FOUND), not filled', () => {
    const doc = withNursing();
    expect(doc.workflows.map((w) => w.baselineMinutesPerTask)).toEqual([undefined, undefined]);
    const v = validateScenario(doc);
    expect(v.ok ? [] : v.problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      'workflows.0.baselineMinutesPerTask:required',
      'workflows.1.baselineMinutesPerTask:required',
    ]);
  });

  it('the same use case twice is refused in words, naming it; the case is unchanged', () => {
    const doc = withNursing();
    for (const lang of LANGUAGES) {
      const again = act(doc, 'addWorkflow', { 'new:useCase': 'nursingDocumentation' }, lang);
      expect(again.refused).toContain(useCase('nursingDocumentation').name[lang]);
      expect(again.refused).not.toMatch(/nursingDocumentation/);
      expect(again.doc).toBe(doc);
    }
  });

  it('a use case whose workflows were partly removed adds back only those missing', () => {
    const doc = withNursing();
    const removed = act(doc, `removeWorkflow:${doc.workflows[0]!.id}`).doc;
    const again = act(removed, 'addWorkflow', { 'new:useCase': 'nursingDocumentation' });
    expect(again.refused).toBeUndefined();
    expect(again.doc.workflows.map((w) => w.template).sort()).toEqual([
      'nursingDocumentation/0',
      'nursingDocumentation/1',
    ]);
  });

  it('a custom workflow needs a name; with one, it is added for nurses by the month', () => {
    const doc = hospital();
    for (const lang of LANGUAGES) {
      for (const name of [undefined, '', '   ']) {
        const r = act(
          doc,
          'addWorkflow',
          { 'new:useCase': 'custom', ...(name === undefined ? {} : { 'new:workflowName': name }) },
          lang,
        );
        expect(r.refused).toBe(
          lang === 'zh-CN' ? '请填写自定义流程的名称' : 'Give the custom workflow a name',
        );
        expect(r.doc).toBe(doc);
      }
    }
    const r = act(doc, 'addWorkflow', { 'new:useCase': 'custom', 'new:workflowName': '  出院随访电话  ' });
    expect(r.refused).toBeUndefined();
    expect(r.doc.workflows).toHaveLength(1);
    expect(r.doc.workflows[0]).toMatchObject({ name: '出院随访电话', role: 'nurse', volumeDriver: 'month' });
    const long = act(doc, 'addWorkflow', { 'new:useCase': 'custom', 'new:workflowName': 'x'.repeat(500) });
    expect(long.doc.workflows[0]!.name).toHaveLength(200);
  });

  it('no use case chosen, or one that does not exist, is refused', () => {
    const doc = hospital();
    for (const key of ['', 'surgeryRobot', 'constructor', '__proto__']) {
      const r = act(doc, 'addWorkflow', { 'new:useCase': key });
      expect(r.refused).toBe('Choose a use case');
      expect(r.doc).toBe(doc);
    }
  });
});

describe('addOption', () => {
  const pricings = (
    Object.entries(OPTION_PRICING) as ['buy' | 'build' | 'pilot', readonly LineChoice[]][]
  ).flatMap(([kind, list]) => list.map((choice) => ({ kind, choice })));

  /** The case the option is added to: a pilot needs a buy option to scale into first. */
  const caseFor = (kind: string): Doc => {
    const doc = withNursing();
    if (kind !== 'pilot') return doc;
    const buy = act(doc, 'addOption', { 'new:pricing': 'buy:licence', 'new:optionName': '采购授权' });
    expect(buy.refused).toBeUndefined();
    return buy.doc;
  };

  for (const { kind, choice } of pricings) {
    it(`${kind}:${choice} gives an option that validates once the asked fields are filled, without an invented price`, () => {
      const start = caseFor(kind);
      const result = act(start, 'addOption', { 'new:pricing': `${kind}:${choice}` });
      expect(result.refused).toBeUndefined();
      const option = result.doc.options[result.doc.options.length - 1]!;
      expect(result.anchor).toBe(`opt-${option.id}`);
      expect(option.kind).toBe(kind);
      // Named by its kind and pricing until the user names it.
      expect(option.name).toBe(
        `${kind === 'buy' ? 'Buy' : kind === 'build' ? 'Build' : 'Pilot'} · ${LINE_CHOICE_NAMES[choice].en}`,
      );
      // An effect on every workflow of the case.
      expect(option.effects.map((e) => e.workflowId)).toEqual(start.workflows.map((w) => w.id));
      // Its first line is the pricing chosen.
      expect(choiceOf(option.costLines[0]!)).toBe(choice === 'pilotFee' ? 'licence' : choice);
      // Line ids are new across the whole case.
      const ids = result.doc.options.flatMap((o) => o.costLines.map((l) => l.id));
      expect(new Set(ids).size).toBe(ids.length);

      // No price nobody has published: every price given rests on a figure usable as a default.
      for (const line of option.costLines) {
        const priced = PRICE_FIELDS.filter((f) => (line as Record<string, unknown>)[f] !== undefined);
        if (priced.length === 0) continue;
        expect(line.ref, `${line.kind} ${priced.join(',')}`).toBeDefined();
        expect(isUsableAsDefault(findFigure(figures, line.ref!)!), line.ref).toBe(true);
      }

      const filled = fillAsked(result.doc);
      expect(filled.left).toEqual([]);
    });
  }

  it('a per-seat option asks for the unit price (cost-figures 4.17 NOT FOUND) and counts the seats of the roles it serves', () => {
    const result = act(withNursing(), 'addOption', { 'new:pricing': 'buy:perSeat' });
    const line = result.doc.options[0]!.costLines[0]! as CostLineInput & Record<string, unknown>;
    expect(line).toMatchObject({ kind: 'perUnit', unit: 'seat', ref: '4.17', seatsAtFullAdoption: 120 });
    expect('unitPrice' in line).toBe(false);
    expect('tiers' in line).toBe(false);
    const figure = findFigure(figures, '4.17')!;
    expect(figure.value).toBeNull();
    expect(figure.grade).toBe('notFound');
  });

  it('a bought option carries the 等保 assessment and a data-security line; a built one also staff and integration', () => {
    const buy = act(withNursing(), 'addOption', { 'new:pricing': 'buy:subscription' }).doc.options[0]!;
    expect(buy.costLines.map(choiceOf)).toEqual(['subscription', 'mlps', 'dataSecurity']);
    for (const pricing of OPTION_PRICING.build) {
      const build = act(withNursing(), 'addOption', { 'new:pricing': `build:${pricing}` }).doc.options[0]!;
      expect(build.costLines.map(choiceOf)).toEqual([
        pricing,
        'staff',
        'integration',
        'mlps',
        'dataSecurity',
      ]);
      const mlps = build.costLines.find((l) => choiceOf(l) === 'mlps')!;
      expect(mlps).toMatchObject({
        kind: 'recurring',
        category: 'compliance',
        amount: 80000,
        period: 'year',
        ref: '6.1',
      });
      // The data-security assessment has no published price (6.10 NOT FOUND): asked.
      const security = build.costLines.find((l) => choiceOf(l) === 'dataSecurity')! as Record<
        string,
        unknown
      >;
      expect(security.ref).toBe('6.10');
      expect('amount' in security).toBe(false);
      // Built systems go live after development (month 7): the yearly assessment starts then.
      expect(mlps).toMatchObject({ startMonth: 7 });
      expect(build.effects.every((e) => e.adoption.goLiveMonth === 7)).toBe(true);
    }
  });

  it('a pilot tries the option it scales into on a fifth of the volume, from month 1, its uncertain numbers drawn with the target’s', () => {
    const start = caseFor('pilot');
    const target = start.options[0]!;
    const result = act(start, 'addOption', {
      'new:pricing': 'pilot:pilotFee',
      'new:optionName': '两个病区试点',
    });
    const pilot = result.doc.options[1]!;
    expect(pilot.name).toBe('两个病区试点');
    expect(pilot.pilot).toMatchObject({
      scaleUpOptionId: target.id,
      startMonth: 1,
      durationMonths: 3,
      leadMonths: 2,
    });
    expect(pilot.costLines.map(choiceOf)).not.toContain('mlps');
    for (const e of pilot.effects) {
      expect(e.scopeShare).toBe(PILOT_SCOPE);
      expect(e.adoption).toMatchObject({ goLiveMonth: 1, rampMonths: 1 });
      const inputs = result.doc.uncertainty!.inputs!;
      const own = inputs[`options.${pilot.id}.effects.${e.workflowId}.fit`];
      expect(own).toEqual({ kind: 'sameAs', input: `options.${target.id}.effects.${e.workflowId}.fit` });
    }
  });

  it('a pilot without a buy or build option to scale into is refused in words', () => {
    const doc = withNursing();
    for (const lang of LANGUAGES) {
      const r = act(doc, 'addOption', { 'new:pricing': 'pilot:pilotFee' }, lang);
      expect(r.refused).toMatch(
        lang === 'zh-CN' ? /试点需要一个.*采购或自建方案/ : /A pilot needs a buy or build option/,
      );
      expect(r.doc).toBe(doc);
    }
  });

  it('a kind or pricing that is not offered is refused', () => {
    const doc = withNursing();
    for (const pricing of [
      '',
      'buy',
      'buy:cloudApi',
      'build:perSeat',
      'lease:perSeat',
      'buy:constructor',
      'pilot:mlps',
    ]) {
      const r = act(doc, 'addOption', { 'new:pricing': pricing });
      expect(r.refused, pricing).toBe('Choose the option’s kind and pricing');
      expect(r.doc).toBe(doc);
    }
  });
});

describe('addLine', () => {
  /** A case with one bought option, complete. */
  const withBuy = (): Doc => {
    const added = act(withNursing(), 'addOption', { 'new:pricing': 'buy:perUse' });
    const filled = fillAsked(added.doc);
    expect(filled.left).toEqual([]);
    return filled.doc;
  };

  for (const choice of LINE_CHOICES) {
    it(`“${choice}” adds its lines to the option, which validates once the asked fields are filled`, () => {
      const doc = withBuy();
      const option = doc.options[0]!;
      const r = act(doc, `addLine:${option.id}`, { [`new:line:${option.id}`]: choice });
      expect(r.refused).toBeUndefined();
      const lines = r.doc.options[0]!.costLines;
      const expected = linesFor(choice, {
        doc,
        workflowIds: option.effects.map((e) => e.workflowId),
        goLiveMonth: option.effects[0]!.adoption.goLiveMonth,
        lang: 'en',
      });
      const added = lines.slice(option.costLines.length);
      expect(added).toHaveLength(expected.length);
      added.forEach((line, i) => expect(line).toEqual({ ...expected[i], id: line.id }));
      expect(r.anchor).toBe(`line-${option.id}-${added[0]!.id}`);
      const ids = lines.map((l) => l.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(fillAsked(r.doc).left).toEqual([]);
    });
  }

  it('a kind of cost not in the list is refused; an option that is not there changes nothing', () => {
    const doc = withBuy();
    const id = doc.options[0]!.id;
    for (const choice of ['', 'bribe', 'toString']) {
      const r = act(doc, `addLine:${id}`, { [`new:line:${id}`]: choice });
      expect(r.refused).toBe('Choose the kind of cost');
      expect(r.doc).toBe(doc);
    }
    const missing = act(doc, 'addLine:opt-99', { 'new:line:opt-99': 'mlps' });
    expect(missing.refused).toBeUndefined();
    expect(missing.doc).toBe(doc);
  });
});

describe('tiers', () => {
  it('one price becomes two tiers at that price and back: the same line', () => {
    const doc = county();
    const path = 'options.followup-rollout.costLines';
    // A per-use line with one price.
    const withLine = act(doc, 'addLine:followup-rollout', { 'new:line:followup-rollout': 'perUse' });
    const lineId = withLine.doc.options.find((o) => o.id === 'followup-rollout')!.costLines.at(-1)!.id;
    const priced = setAt(withLine.doc, `${path}.${lineId}.unitPrice`, 2);
    const tiered = act(priced, `addTier:followup-rollout:${lineId}`);
    expect(tiered.anchor).toBe(`line-followup-rollout-${lineId}`);
    expect(getAt(tiered.doc, `${path}.${lineId}.unitPrice`)).toBeUndefined();
    expect(getAt(tiered.doc, `${path}.${lineId}.tiers`)).toEqual([
      { unitPrice: 2 },
      { upToUnits: null, unitPrice: 2 },
    ]);
    const three = act(tiered.doc, `addTier:followup-rollout:${lineId}`).doc;
    expect(getAt(three, `${path}.${lineId}.tiers`)).toHaveLength(3);
    expect(
      (getAt(three, `${path}.${lineId}.tiers`) as { upToUnits?: number | null }[]).at(-1)!.upToUnits,
    ).toBeNull();
    // With the bounds given, the tiers validate.
    let bounded = setAt(three, `${path}.${lineId}.tiers.0.upToUnits`, 1000);
    bounded = setAt(bounded, `${path}.${lineId}.tiers.1.upToUnits`, 5000);
    expect(validateScenario(bounded).ok).toBe(true);
    const back = act(tiered.doc, `removeTiers:followup-rollout:${lineId}`).doc;
    expect(back).toEqual(priced);
    expect(act(three, `removeTiers:followup-rollout:${lineId}`).doc).toEqual(priced);
  });

  it('a line that is not priced per unit gets no tiers', () => {
    const doc = county();
    expect(act(doc, 'addTier:buy-speech-emr:licence').doc).toBe(doc);
    expect(act(doc, 'removeTiers:buy-speech-emr:licence').doc).toBe(doc);
  });
});

describe('roles', () => {
  it('a role is kept while a workflow uses it, and removed (with its realization) when none does', () => {
    const doc = county();
    for (const lang of LANGUAGES) {
      for (const role of ['physician', 'nurse'] as const) {
        const r = act(doc, `removeRole:${role}`, {}, lang);
        expect(r.refused, role).toBeTruthy();
        expect(r.refused).toMatch(lang === 'zh-CN' ? /不能删除/ : /cannot be removed/);
        expect(r.doc).toBe(doc);
      }
    }
    const withoutIt = act(doc, 'removeRole:it');
    expect(withoutIt.refused).toBeUndefined();
    expect(withoutIt.doc.hospital.roles.it).toBeUndefined();
    // The sources naming its inputs go when the post's references are put in step (postToDraft).
    expect(validateScenario(syncReferences(withoutIt.doc)).ok).toBe(true);
  });

  it('a role that re-validates a model after upgrades is kept too', () => {
    let doc = withNursing();
    doc = act(doc, 'addOption', { 'new:pricing': 'buy:licence' }).doc;
    const id = doc.options[0]!.id;
    doc = act(doc, `addLine:${id}`, { [`new:line:${id}`]: 'lifecycle' }).doc;
    // No physician does any workflow, but physicians re-validate the model.
    expect(doc.workflows.some((w) => w.role === 'physician')).toBe(false);
    const r = act(doc, 'removeRole:physician');
    expect(r.refused).toBeTruthy();
    expect(r.doc).toBe(doc);
  });

  it('a role is added with its wage and hours estimated; one already there is left as it is', () => {
    const doc = hospital();
    const added = act(doc, 'addRole', { 'new:role': 'it' });
    expect(added.anchor).toBe('staff-it');
    expect(added.doc.hospital.roles.it).toEqual({ annualCostPerFte: 129215, paidHoursPerYear: 2000 });
    expect(estimatedBy(added.doc, 'hospital.roles.it.annualCostPerFte')).toBe('wageIt');
    const withWage = setAt(doc, 'hospital.roles.nurse.annualCostPerFte', 70000);
    expect(act(withWage, 'addRole', { 'new:role': 'nurse' }).doc).toBe(withWage);
    for (const role of ['', 'surgeon', 'hasOwnProperty']) {
      const r = act(doc, 'addRole', { 'new:role': role });
      expect(r.refused).toBe('Choose the staff');
    }
  });
});

describe('funding and moves', () => {
  it('a funding line of each source; an unknown source is refused', () => {
    const doc = county();
    for (const source of ['grant', 'researchBudget', 'computeVoucher', 'other']) {
      const r = act(doc, 'addFunding:buy-speech-emr', { 'new:funding:buy-speech-emr': source });
      expect(r.refused).toBeUndefined();
      const funding = r.doc.options[0]!.funding!;
      expect(funding).toHaveLength(1);
      expect(funding[0]!.source).toBe(source);
      expect(r.anchor).toBe(`fund-buy-speech-emr-${funding[0]!.id}`);
    }
    const bad = act(doc, 'addFunding:buy-speech-emr', { 'new:funding:buy-speech-emr': 'lottery' });
    expect(bad.refused).toBe('Choose the source');
    expect(bad.doc).toBe(doc);
  });

  it('moves an option, a workflow and a line by one place, within the ends', () => {
    const doc = county();
    const down = act(doc, 'moveOption:buy-speech-emr:down').doc;
    expect(down.options.map((o) => o.id).slice(0, 2)).toEqual(['build-nursing-assistant', 'buy-speech-emr']);
    expect(act(doc, 'moveOption:buy-speech-emr:up').doc.options).toEqual(doc.options);
    const wf = act(doc, 'moveWorkflow:chronic-followup:up').doc;
    expect(wf.workflows.map((w) => w.id)).toEqual(['outpatient-notes', 'chronic-followup', 'nursing-docs']);
    const line = act(doc, 'moveLine:buy-speech-emr:training:up').doc;
    expect(line.options[0]!.costLines.map((l) => l.id).slice(-2)).toEqual(['training', 'mlps']);
  });

  it('removing the only option a pilot scales into is refused, naming the pilot', () => {
    const doc = county();
    const withoutOthers = act(
      act(doc, 'removeOption:buy-speech-emr').doc,
      'removeOption:build-nursing-assistant',
    ).doc;
    for (const lang of LANGUAGES) {
      const r = act(withoutOthers, 'removeOption:followup-rollout', {}, lang);
      const pilot = withoutOthers.options.find((o) => o.kind === 'pilot')!;
      expect(r.refused).toContain((pilot.name as Record<Lang, string>)[lang]);
      expect(r.doc).toBe(withoutOthers);
    }
  });
});

describe('intents not in the list', () => {
  const known = [
    'addWorkflow',
    'removeWorkflow:wf-1',
    'moveWorkflow:wf-1:up',
    'addOption',
    'removeOption:opt-1',
    'moveOption:opt-1:down',
    'addLine:opt-1',
    'removeLine:opt-1:line-1',
    'moveLine:opt-1:line-1:up',
    'addFunding:opt-1',
    'removeFunding:opt-1:fund-1',
    'addTier:opt-1:line-1',
    'removeTiers:opt-1:line-1',
    'addRole',
    'removeRole:nurse',
  ];

  it('every intent of the list is one', () => {
    for (const intent of known) expect(isStructuralIntent(intent), intent).toBe(true);
  });

  it('near misses are refused in words and change nothing', () => {
    const doc = county();
    for (const intent of [
      '',
      'save',
      'next',
      'create',
      'goto:budget',
      'addworkflow',
      'addWorkflow:extra',
      'removeWorkflow',
      'moveWorkflow:wf-1:sideways',
      'moveWorkflow:wf-1',
      'removeRole:surgeon',
      'removeRole:nurse:now',
      'addLine',
      'removeLine:opt-1',
      'addTier:opt-1',
      ' addOption',
      'addOption ',
      'addOption:',
      '__proto__',
      'constructor',
    ]) {
      expect(isStructuralIntent(intent), intent).toBe(false);
      for (const lang of LANGUAGES) {
        const r = act(doc, intent, {}, lang);
        expect(r.refused, intent).toBe(lang === 'zh-CN' ? '无法识别的操作' : 'Unknown action');
        expect(r.doc).toBe(doc);
      }
    }
  });

  it('property: any string that is not a listed intent is refused and changes nothing', () => {
    const doc = county();
    const mutated = fc
      .tuple(fc.constantFrom(...known), fc.string({ maxLength: 6 }), fc.nat({ max: 30 }))
      .map(([intent, extra, at]) => {
        const i = at % (intent.length + 1);
        return intent.slice(0, i) + extra + intent.slice(i);
      });
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 40 }), mutated), (intent) => {
        fc.pre(!isStructuralIntent(intent));
        const r = act(doc, intent);
        expect(r.refused).toBe('Unknown action');
        expect(r.doc).toBe(doc);
      }),
      { numRuns: 500 },
    );
  });

  it('a listed intent naming nothing that exists changes nothing that matters', () => {
    const doc = county();
    for (const intent of ['removeWorkflow:nope', 'moveWorkflow:nope:up', 'moveOption:nope:down']) {
      const r = act(doc, intent);
      expect(r.refused, intent).toBeUndefined();
      expect(r.doc, intent).toEqual(doc);
    }
  });
});

describe('every role can be asked for by name', () => {
  it('ROLE_IDS are the roles the staff list offers', () => {
    const doc = hospital();
    for (const role of ROLE_IDS) {
      const r = act(doc, 'addRole', { 'new:role': role });
      expect(r.refused).toBeUndefined();
      expect(r.doc.hospital.roles[role]).toBeDefined();
    }
  });
});

describe('limits and stale buttons', () => {
  it('refuses an add at the case’s limits in words (10 options, 50 workflows), and a button whose part is gone', () => {
    let doc = county();
    while (doc.options.length < 10) doc = act(doc, 'addOption', { 'new:pricing': 'buy:perSeat' }).doc;
    for (const lang of LANGUAGES) {
      const refused = act(doc, 'addOption', { 'new:pricing': 'buy:perSeat' }, lang);
      expect(refused.doc).toBe(doc);
      expect(refused.refused).toBe(lang === 'zh-CN' ? '最多 10 个方案' : 'At most 10 options');
    }
    // Another tab removed the option this page still shows: its buttons say so, nothing fails.
    for (const intent of [
      'removeLine:gone:line-1',
      'addFunding:gone',
      'moveLine:gone:x:up',
      'addTier:gone:x',
    ])
      expect(act(doc, intent, { 'new:funding:gone': 'grant' }).refused).toMatch(/gone|reload/);
  });
});
