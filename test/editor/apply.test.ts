/**
 * What the case forms post, applied to a draft (app/editor/apply.ts): numbers read the way
 * people write them, unreadable ones refused by name with the document unchanged there, an
 * empty estimated box re-marked as the estimate, a value posted back as it was shown changing
 * nothing (property over every numeric field of the bundled scenarios, both languages), flags
 * and choices that add or remove structure, ranges, and names typed over bilingual ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { estimatedBy, markEstimated, refreshEstimates } from '~/builder/estimates';
import { getAt, inputPaths, setAt } from '~/builder/paths';
import { syncReferences } from '~/builder/references';
import { blankCase } from '~/builder/templates';
import { fieldSpec } from '~/catalogue/fields';
import { applyForm, lastValues } from '~/editor/apply';
import { firstYearAiBudget, optionFacts } from '~/editor/facts';
import { sectionsFor, shownNames } from '~/editor/form-sections';
import { allFields } from '~/editor/section';
import { PARTS } from '~/editor/parts';
import { compileScenario, runModel, validateScenario, type ScenarioInput } from '~/engine';
import { inputBounds } from '~/engine/uncertainty/bounds';
import { LANGUAGES, type Lang } from '~/engine/text';
import { formatForInput, type NumberKind } from '~/forms/number';

import { BUNDLED_SCENARIOS } from '../../scenarios';

type Doc = ScenarioInput;

const bundled = (key: string): Doc => {
  const found = BUNDLED_SCENARIOS.find((b) => b.key === key)!;
  const v = validateScenario(found.document);
  if (!v.ok) throw new Error(`bundled scenario ${key} does not validate`);
  return v.scenario as Doc;
};
const county = () => bundled('county-hospital-300-beds');

/** A new case of a 200-bed county hospital, its estimates worked out. */
const newCase = () => refreshEstimates(setAt(blankCase(2027), 'hospital.beds', 200));

const post = (doc: Doc, fields: Record<string, string>, lang: Lang = 'en') =>
  applyForm(doc, new Map(Object.entries(fields)), lang);

/** The kind a field is typed as (a month is typed as a whole number). */
const kindOf = (path: string): NumberKind => {
  const spec = fieldSpec(path.slice(path.lastIndexOf('.') + 1));
  return spec.kind === 'month' ? 'integer' : spec.kind;
};

/** Every numeric field of a document, as its box shows it. */
function shownNumbers(doc: Doc, lang: Lang): Map<string, string> {
  const out = new Map<string, string>();
  for (const { idPath } of inputPaths(doc))
    out.set(`n:${idPath}`, formatForInput(getAt(doc, idPath) as number, kindOf(idPath), lang));
  return out;
}

/** Every field the editor's page shows (all parts), with its value as shown, range ends included. */
function shownPage(doc: Doc, lang: Lang): Map<string, string> {
  const ctx = { doc, lang, typed: {}, errors: new Map<string, string>(), echoes: new Map<string, string>() };
  const sections = sectionsFor(ctx, PARTS, {
    aiBudget: firstYearAiBudget(doc),
    options: optionFacts(doc, lang),
  });
  const out = new Map<string, string>();
  for (const f of allFields(sections)) {
    out.set(f.name, f.value);
    if (f.range && 'lowName' in f.range) {
      out.set(f.range.lowName, f.range.low);
      out.set(f.range.highName, f.range.high);
    }
  }
  return out;
}

/** A line's explicit list of workflows that names every workflow of its option says the same as no list. */
function withoutFullLists(doc: Doc): Doc {
  return {
    ...doc,
    options: doc.options.map((o) => ({
      ...o,
      costLines: o.costLines.map((l) => {
        const ids = (l as { workflowIds?: string[] }).workflowIds;
        if (!ids || ids.length !== o.effects.length) return l;
        const { workflowIds: _all, ...rest } = l as typeof l & { workflowIds?: string[] };
        return rest as typeof l;
      }),
    })),
  };
}

const effectOf = (doc: Doc, optionId: string, workflowId: string) =>
  doc.options.find((o) => o.id === optionId)?.effects.find((e) => e.workflowId === workflowId);
const optionOf = (doc: Doc, optionId: string) => doc.options.find((o) => o.id === optionId)!;
const rangesUnder = (doc: Doc, prefix: string) =>
  Object.keys(doc.uncertainty?.inputs ?? {}).filter((p) => p.startsWith(prefix));

describe('numbers as people write them', () => {
  it('“800万” is 8,000,000, and a typed number is the user’s own (no longer estimated)', () => {
    for (const lang of LANGUAGES) {
      const doc = newCase();
      expect(estimatedBy(doc, 'budget.informatizationBaseAnnual')).toBe('budgetPerBed');
      const applied = post(doc, { 'n:budget.informatizationBaseAnnual': '800万' }, lang);
      expect(applied.errors.size).toBe(0);
      expect(applied.doc.budget.informatizationBaseAnnual).toBe(8_000_000);
      expect(estimatedBy(applied.doc, 'budget.informatizationBaseAnnual')).toBeNull();
      // Beds changing later no longer moves it.
      const more = post(applied.doc, { 'n:hospital.beds': '300' }, lang).doc;
      expect(more.budget.informatizationBaseAnnual).toBe(8_000_000);
    }
  });

  it('“15%” and a bare “15” in a percent field are 0.15', () => {
    for (const text of ['15%', '15', '１５％', ' 15 % ']) {
      const applied = post(newCase(), { 'n:budget.aiShare': text });
      expect(applied.errors.size, text).toBe(0);
      expect(applied.doc.budget.aiShare, text).toBe(0.15);
      expect(applied.echoes.size, text).toBe(0);
    }
  });

  it('“0.15” in a percent field is 0.15 %, and says so', () => {
    for (const lang of LANGUAGES) {
      const applied = post(newCase(), { 'n:budget.aiShare': '0.15' }, lang);
      expect(applied.doc.budget.aiShare).toBe(0.0015);
      expect(applied.echoes.get('n:budget.aiShare')).toBe('0.15%');
      expect(applied.errors.size).toBe(0);
    }
  });

  it('refuses “1e3” and “0x10” by the reason, in the page’s language; the field keeps its value and what was typed comes back', () => {
    const reasons: Record<Lang, [RegExp, RegExp]> = {
      'zh-CN': [/科学计数法/, /十六进制/],
      en: [/[Ss]cientific notation/, /hexadecimal/],
    };
    for (const lang of LANGUAGES) {
      const doc = county();
      const applied = post(
        doc,
        {
          'n:hospital.beds': '1e3',
          'n:hospital.dischargesPerYear': '0x10',
          // Another field of the same post is kept.
          'n:budget.aiShare': '20%',
        },
        lang,
      );
      expect(applied.errors.get('n:hospital.beds')).toMatch(reasons[lang][0]);
      expect(applied.errors.get('n:hospital.dischargesPerYear')).toMatch(reasons[lang][1]);
      if (lang === 'zh-CN') expect(applied.errors.get('n:hospital.beds')).toMatch(/[\u4e00-\u9fff]/);
      else expect(applied.errors.get('n:hospital.beds')).not.toMatch(/[\u4e00-\u9fff]/);
      expect(applied.doc.hospital.beds).toBe(doc.hospital.beds);
      expect(applied.doc.hospital.dischargesPerYear).toBe(doc.hospital.dischargesPerYear);
      expect(applied.typed).toEqual({ 'n:hospital.beds': '1e3', 'n:hospital.dischargesPerYear': '0x10' });
      expect(applied.doc.budget.aiShare).toBe(0.2);
      expect(applied.doc.hospital).toEqual(doc.hospital);
      expect(applied.doc.options).toEqual(doc.options);
    }
  });

  it('refuses a negative number where none makes sense, and a fraction where a whole number is needed', () => {
    const doc = county();
    const applied = post(doc, { 'n:hospital.beds': '-5', 'n:horizonYears': '2.5' });
    expect(applied.errors.get('n:hospital.beds')).toMatch(/negative/);
    expect(applied.errors.get('n:horizonYears')).toMatch(/whole/);
    expect(applied.doc).toEqual(doc);
    // A growth rate may fall.
    expect(post(doc, { 'n:hospital.wageGrowthPerYear': '-2%' }).doc.hospital.wageGrowthPerYear).toBe(-0.02);
  });

  it('an empty estimated box takes the estimate again', () => {
    const typed = post(newCase(), { 'n:hospital.dischargesPerYear': '9,000' }).doc;
    expect(typed.hospital.dischargesPerYear).toBe(9000);
    expect(estimatedBy(typed, 'hospital.dischargesPerYear')).toBeNull();
    const emptied = post(typed, { 'n:hospital.dischargesPerYear': '' }).doc;
    expect(estimatedBy(emptied, 'hospital.dischargesPerYear')).toBe('dischargesFromBeds');
    expect(emptied.hospital.dischargesPerYear).toBe(7474);
    // And what rests on it follows: 7,474 × 17.4.
    expect(emptied.hospital.outpatientVisitsPerYear).toBe(130048);
  });

  it('an empty box without an estimate removes the number', () => {
    const doc = county();
    const applied = post(doc, { 'n:hospital.volumeGrowthPerYear': '' });
    expect(applied.doc.hospital.volumeGrowthPerYear).toBeUndefined();
    expect(applied.errors.size).toBe(0);
  });

  it('a number that arrives for the first time gets the default range of its evidence', () => {
    const doc = post(county(), { 'b:options.buy-speech-emr.effects.nursing-docs': 'true' }).doc;
    const path = 'options.buy-speech-emr.effects.nursing-docs.claimedReduction';
    expect(getAt(doc, path)).toBeUndefined();
    const applied = post(doc, { [`n:${path}`]: '40%' }).doc;
    expect(getAt(applied, path)).toBe(0.4);
    // A claimed figure: ±50 %.
    expect(applied.uncertainty!.inputs![path]).toEqual({ kind: 'pert', low: 0.2, high: 0.6 });
  });

  it('the last value posted under a name counts (a ticked box posts “false” then “true”)', () => {
    const values = lastValues([
      ['b:budget.byYear', 'false'],
      ['b:budget.byYear', 'true'],
      ['n:hospital.beds', '250'],
    ]);
    expect(values.get('b:budget.byYear')).toBe('true');
    expect(post(county(), Object.fromEntries(values)).doc.budget.informatizationByYear).toHaveLength(5);
  });

  // BUG: app/editor/apply.ts reads a number by the last part of its path (fieldOf), so
  // `budget.informatizationByYear.0` is read as the unknown field "0", typed 'decimal', and the
  // money unit 万 is refused in a year's budget although the same budget as one yearly number takes it.
  it('a year’s budget takes “800万” as the yearly budget does', () => {
    const byYear = post(newCase(), { 'b:budget.byYear': 'true' }).doc;
    const applied = post(byYear, { 'n:budget.informatizationByYear.0': '800万' }, 'zh-CN');
    expect(applied.errors.get('n:budget.informatizationByYear.0')).toBeUndefined();
    expect(applied.doc.budget.informatizationByYear![0]).toBe(8_000_000);
  });

  // BUG: app/editor/apply.ts ends with refreshEstimates(syncReferences(doc)); syncReferences
  // (app/builder/references.ts) drops every `sources` entry whose path holds no number, so the
  // estimate marks blankCase sets on discharges, visits and the budget (which have no number
  // until beds are known) are lost, and the estimates never appear once beds are typed.
  it('beds typed into a new case bring the estimates that rest on them', () => {
    const applied = post(blankCase(2027), { 'n:hospital.beds': '200' });
    expect(applied.doc.hospital.dischargesPerYear).toBe(7474);
    expect(applied.doc.hospital.outpatientVisitsPerYear).toBe(130048);
    expect(applied.doc.budget.informatizationBaseAnnual).toBe(1_620_000);
  });
});

describe('a value posted as it was shown changes nothing', () => {
  it('every numeric field of the county scenario, formatted by its catalogue kind, posted back: the same document (both languages)', () => {
    for (const lang of LANGUAGES) {
      const doc = county();
      const values = shownNumbers(doc, lang);
      expect(values.size).toBeGreaterThan(150);
      const applied = applyForm(doc, values, lang);
      expect([...applied.errors]).toEqual([]);
      expect(applied.doc).toEqual(doc);
    }
  }, 30_000);

  it('property: any subset of the numeric fields of any bundled scenario, in any order and language, changes nothing', () => {
    const docs = BUNDLED_SCENARIOS.map((b) => bundled(b.key));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: docs.length - 1 }),
        fc.constantFrom(...LANGUAGES),
        fc.infiniteStream(fc.boolean()),
        fc.integer(),
        (which, lang, keep, seed) => {
          const doc = docs[which]!;
          const all = [...shownNumbers(doc, lang)];
          const chosen = all.filter(() => keep.next().value);
          // A shuffled order: the order of a form's fields must not matter.
          const shuffled = chosen
            .map((entry, i) => ({ entry, key: Math.imul(i + 1, seed | 1) >>> 0 }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.entry);
          const applied = applyForm(doc, new Map(shuffled), lang);
          expect(applied.errors.size).toBe(0);
          expect(applied.doc).toEqual(doc);
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('property: any value a numeric field may hold, typed as its box would show it, is stored exactly', () => {
    const doc = county();
    // Every number the page shows a box for (a field it does not show cannot be posted).
    const shown = shownNames(doc, 'en');
    const paths = inputPaths(doc)
      .map((p) => p.idPath)
      .filter((p) => !p.startsWith('variables.') && shown.has(`n:${p}`));
    expect(paths.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths),
        fc.constantFrom(...LANGUAGES),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (path, lang, u) => {
          const [min, max] = inputBounds(path);
          const kind = kindOf(path);
          const spec = fieldSpec(path.slice(path.lastIndexOf('.') + 1));
          const low = spec.signed ? Math.max(min, -1e6) : Math.max(min, 0);
          const high = Math.min(max, 1e9);
          let value = low + (high - low) * u;
          if (kind === 'integer') value = Math.round(value);
          if (kind === 'money' || kind === 'count') value = Math.round(value * 100) / 100;
          if (Object.is(value, -0)) value = 0;
          const name = `n:${path}`;
          const applied = post(doc, { [name]: formatForInput(value, kind, lang) }, lang);
          expect(applied.errors.get(name)).toBeUndefined();
          expect(getAt(applied.doc, path)).toBe(value);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it('the whole editor page of each bundled scenario posted back as shown changes nothing (a line listing all its option’s workflows reads as no list)', () => {
    for (const b of BUNDLED_SCENARIOS)
      for (const lang of LANGUAGES) {
        const doc = bundled(b.key);
        const applied = applyForm(doc, shownPage(doc, lang), lang);
        expect([...applied.errors], `${b.key} ${lang}`).toEqual([]);
        expect(withoutFullLists(applied.doc), `${b.key} ${lang}`).toEqual(withoutFullLists(doc));
        // Both read the same way: the engine sees the same case.
        expect(validateScenario(applied.doc).ok).toBe(true);
      }
  }, 60_000);
});

describe('yes/no fields that add or remove structure', () => {
  it('ticking a workflow under an option adds its effect; unticking removes it and its ranges', () => {
    const doc = county();
    const added = post(doc, { 'b:options.buy-speech-emr.effects.nursing-docs': 'true' }).doc;
    const effect = effectOf(added, 'buy-speech-emr', 'nursing-docs');
    expect(effect).toMatchObject({ basis: 'claimed', workflowId: 'nursing-docs' });
    // A bought system goes live after its implementation (month 4).
    expect(effect!.adoption.goLiveMonth).toBe(4);
    expect(optionOf(added, 'buy-speech-emr').effects).toHaveLength(2);

    expect(rangesUnder(doc, 'options.buy-speech-emr.effects.outpatient-notes').length).toBeGreaterThan(0);
    const removed = post(doc, { 'b:options.buy-speech-emr.effects.outpatient-notes': 'false' }).doc;
    expect(effectOf(removed, 'buy-speech-emr', 'outpatient-notes')).toBeUndefined();
    expect(rangesUnder(removed, 'options.buy-speech-emr.effects.outpatient-notes')).toEqual([]);

    // Ticked where it already is, or unticked where it is not: nothing changes.
    expect(post(doc, { 'b:options.buy-speech-emr.effects.outpatient-notes': 'true' }).doc).toEqual(doc);
    expect(post(doc, { 'b:options.buy-speech-emr.effects.nursing-docs': 'false' }).doc).toEqual(doc);
    // A workflow or option that is not there is ignored.
    expect(post(doc, { 'b:options.buy-speech-emr.effects.no-such-wf': 'true' }).doc).toEqual(doc);
  });

  it('a stop rule is added and removed by its box', () => {
    const doc = county();
    expect(optionOf(doc, 'buy-speech-emr').stopRule).toBeDefined();
    const off = post(doc, { 'b:options.buy-speech-emr.stopRule': 'false' }).doc;
    expect(optionOf(off, 'buy-speech-emr').stopRule).toBeUndefined();
    const on = post(doc, { 'b:options.build-nursing-assistant.stopRule': 'true' }).doc;
    expect(optionOf(on, 'build-nursing-assistant').stopRule).toEqual({});
    expect(post(doc, { 'b:options.buy-speech-emr.stopRule': 'true' }).doc).toEqual(doc);
  });

  it('“give the budget year by year” makes one budget a year from the yearly one, and back', () => {
    const doc = county();
    const byYear = post(doc, { 'b:budget.byYear': 'true' }).doc;
    expect(byYear.budget.informatizationByYear).toEqual([
      2_430_000, 2_430_000, 2_430_000, 2_430_000, 2_430_000,
    ]);
    expect(validateScenario(byYear).ok).toBe(true);
    const edited = post(byYear, { 'n:budget.informatizationByYear.2': '3,000,000' }).doc;
    expect(edited.budget.informatizationByYear![2]).toBe(3_000_000);
    const back = post(byYear, { 'b:budget.byYear': 'false' }).doc;
    expect(back).toEqual(doc);
    // A case with only years: the first year becomes the yearly budget.
    const onlyYears = setAt(byYear, 'budget.informatizationBaseAnnual', undefined);
    const single = post(onlyYears, { 'b:budget.byYear': 'false' }).doc;
    expect(single.budget.informatizationBaseAnnual).toBe(2_430_000);
    expect(single.budget.informatizationByYear).toBeUndefined();
  });

  it('the “prices exclude VAT” box adds a 6 % VAT that is not included, and takes it away', () => {
    const doc = county();
    const name = 'b:options.buy-speech-emr.costLines.licence.vat.excluded';
    const on = post(doc, { [name]: 'true' }).doc;
    expect(getAt(on, 'options.buy-speech-emr.costLines.licence.vat')).toEqual({
      included: false,
      rate: 0.06,
    });
    expect(validateScenario(on).ok).toBe(true);
    // A rate the user changed stays when the box is posted again ticked.
    const rated = setAt(on, 'options.buy-speech-emr.costLines.licence.vat.rate', 0.13);
    expect(post(rated, { [name]: 'true' }).doc).toEqual(rated);
    expect(post(on, { [name]: 'false' }).doc).toEqual(doc);
  });

  it('the tender rule is switched on with its defaults, and off with every option’s tender', () => {
    const doc = county();
    const on = post(doc, { 'b:procurement': 'true' }).doc;
    expect(on.procurement).toEqual({ tenderThreshold: 4_000_000, tenderMonths: 3 });
    const tendered = setAt(on, 'options.build-nursing-assistant.tenderMonths', 3);
    const off = post(tendered, { 'b:procurement': 'false' }).doc;
    expect(off.procurement).toBeUndefined();
    expect(off.options.some((o) => o.tenderMonths !== undefined)).toBe(false);
  });

  it('a line follows some of its option’s workflows when some are ticked, all when all or none are', () => {
    const doc = bundled('tertiary-hospital-on-prem');
    const option = doc.options.find((o) => o.effects.length >= 3)!;
    const line = option.costLines.find((l) => l.kind === 'cloudTokens' || l.kind === 'onPremCompute')!;
    const ids = option.effects.map((e) => e.workflowId);
    const base = `b:options.${option.id}.costLines.${line.id}.workflowIds`;
    const tick = (chosen: string[]) =>
      post(doc, Object.fromEntries(ids.map((id) => [`${base}.${id}`, String(chosen.includes(id))]))).doc;
    const some = tick(ids.slice(0, 2));
    expect(getAt(some, `options.${option.id}.costLines.${line.id}.workflowIds`)).toEqual(ids.slice(0, 2));
    // All ticked: a line that listed its workflows keeps listing them (a workflow added later is
    // not taken in); a line that had no list keeps following all.
    const path = `options.${option.id}.costLines.${line.id}.workflowIds`;
    const listed = getAt(doc, path) !== undefined;
    expect(getAt(tick(ids), path)).toEqual(listed ? ids : undefined);
    const unlisted = setAt(doc, path, undefined);
    const tickUnlisted = post(unlisted, Object.fromEntries(ids.map((id) => [`${base}.${id}`, 'true']))).doc;
    expect(getAt(tickUnlisted, path)).toBeUndefined();
    expect(getAt(tick([]), path)).toBeUndefined();
  });
});

describe('choices that change what an item holds', () => {
  it('an option made a pilot gets pilot settings and a buy or build option to scale into; made a buy again, loses them', () => {
    const doc = county();
    const applied = post(doc, { 's:options.buy-speech-emr.kind': 'pilot' });
    expect(applied.errors.size).toBe(0);
    const pilot = optionOf(applied.doc, 'buy-speech-emr');
    expect(pilot.kind).toBe('pilot');
    expect(pilot.pilot).toMatchObject({ startMonth: 1, durationMonths: 3, leadMonths: 2, decisionRule: {} });
    const target = optionOf(applied.doc, pilot.pilot!.scaleUpOptionId);
    expect(['buy', 'build']).toContain(target.kind);
    expect(target.id).not.toBe('buy-speech-emr');
    // The rule's threshold is the user's to give: validation asks for it by name.
    const v = validateScenario(applied.doc);
    expect(v.ok ? [] : v.problems.map((p) => `${p.path}:${p.code}`)).toEqual([
      'options.0.pilot.decisionRule.minNetMinutesPerTask:required',
    ]);
    const back = post(applied.doc, { 's:options.buy-speech-emr.kind': 'buy' }).doc;
    expect(optionOf(back, 'buy-speech-emr').pilot).toBeUndefined();
    expect(back).toEqual(doc);
  });

  it('an option cannot become a pilot when nothing is left to scale into: refused in words, nothing changed', () => {
    const c = county();
    for (const lang of LANGUAGES) {
      const only = syncReferences({ ...c, options: [optionOf(c, 'buy-speech-emr')] });
      const applied = post(only, { 's:options.buy-speech-emr.kind': 'pilot' }, lang);
      const message = applied.errors.get('s:options.buy-speech-emr.kind');
      expect(message).toBeTruthy();
      expect(message).not.toMatch(/buy-speech-emr|noScaleUpTarget|options\./);
      if (lang === 'zh-CN') expect(message).toMatch(/试点/);
      else expect(message).toMatch(/pilot/);
      expect(applied.doc).toEqual(only);
      expect(applied.typed['s:options.buy-speech-emr.kind']).toBe('pilot');
    }
  });

  // BUG: app/editor/refusals.ts returns, for the code 'noScaleUpTarget', one fixed sentence
  // ("A pilot needs a buy or build option to scale into: add one first") that names no option,
  // so the user is not told which option could not become a pilot.
  it('the refusal names the option that was to become the pilot', () => {
    const c = county();
    for (const lang of LANGUAGES) {
      const only = syncReferences({
        ...c,
        options: [optionOf(c, 'followup-rollout'), optionOf(c, 'pilot-followup')],
      });
      const applied = post(only, { 's:options.followup-rollout.kind': 'pilot' }, lang);
      const name = (optionOf(c, 'followup-rollout').name as Record<Lang, string>)[lang];
      expect(applied.errors.get('s:options.followup-rollout.kind')).toContain(name);
    }
  });

  it('an effect switched from claimed to measured asks for measured numbers, and back', () => {
    const doc = county();
    const name = 's:options.buy-speech-emr.effects.outpatient-notes.basis';
    const measured = post(doc, { [name]: 'measured' }).doc;
    const effect = effectOf(measured, 'buy-speech-emr', 'outpatient-notes')!;
    expect(effect).toEqual({
      basis: 'measured',
      workflowId: 'outpatient-notes',
      adoption: effectOf(doc, 'buy-speech-emr', 'outpatient-notes')!.adoption,
      scopeShare: 1,
      verificationMinutesPerTask: 0.5,
      evidence: { kind: 'measured' },
    });
    // The claimed numbers and their ranges are gone.
    expect(rangesUnder(measured, 'options.buy-speech-emr.effects.outpatient-notes.claimedReduction')).toEqual(
      [],
    );
    expect(rangesUnder(measured, 'options.buy-speech-emr.effects.outpatient-notes.fit')).toEqual([]);
    const v = validateScenario(measured);
    expect(v.ok ? [] : v.problems.map((p) => p.path).sort()).toEqual([
      'options.0.effects.0.evidence.n',
      'options.0.effects.0.minutesWithAiPerTask',
    ]);
    const claimed = post(measured, { [name]: 'claimed' }).doc;
    expect(effectOf(claimed, 'buy-speech-emr', 'outpatient-notes')).toMatchObject({
      basis: 'claimed',
      evidence: { kind: 'claimed' },
    });
    // The same choice posted again changes nothing.
    expect(post(doc, { [name]: 'claimed' }).doc).toEqual(doc);
  });

  it('a pilot’s target is changed by its choice', () => {
    const doc = county();
    const applied = post(doc, { 's:options.pilot-followup.pilot.scaleUpOptionId': 'buy-speech-emr' }).doc;
    expect(optionOf(applied, 'pilot-followup').pilot!.scaleUpOptionId).toBe('buy-speech-emr');
  });

  it('how freed hours become money: a new mode starts without the old one’s numbers', () => {
    const doc = county();
    const applied = post(doc, { 's:realization.nurse.mode': 'throughput' }).doc;
    expect(applied.realization!.nurse).toEqual({ mode: 'throughput' });
  });
});

describe('ranges', () => {
  const licence = 'options.buy-speech-emr.costLines.licence.amount';
  const fit = 'options.buy-speech-emr.effects.outpatient-notes.fit';

  it('both ends give a PERT range', () => {
    const doc = county();
    expect(doc.uncertainty!.inputs![licence]).toBeUndefined();
    const applied = post(doc, { [`lo:${licence}`]: '120万', [`hi:${licence}`]: '200万' });
    expect(applied.errors.size).toBe(0);
    expect(applied.doc.uncertainty!.inputs![licence]).toEqual({
      kind: 'pert',
      low: 1_200_000,
      high: 2_000_000,
    });
    // An existing range keeps its kind, with the new ends.
    const moved = post(doc, { [`lo:${fit}`]: '30%', [`hi:${fit}`]: '70%' }).doc;
    expect(moved.uncertainty!.inputs![fit]).toEqual({ kind: 'pert', low: 0.3, high: 0.7 });
  });

  it('both empty make the number fixed', () => {
    const doc = county();
    expect(doc.uncertainty!.inputs![fit]).toBeDefined();
    const applied = post(doc, { [`lo:${fit}`]: '', [`hi:${fit}`]: ' ' });
    expect(applied.doc.uncertainty!.inputs![fit]).toBeUndefined();
    expect(applied.errors.size).toBe(0);
  });

  it('one end alone is refused in words, the range unchanged and both ends typed back', () => {
    const messages: Record<Lang, RegExp> = { 'zh-CN': /最低值和最高值/, en: /both the low and the high/ };
    for (const lang of LANGUAGES) {
      const doc = county();
      const applied = post(doc, { [`lo:${fit}`]: '30%', [`hi:${fit}`]: '' }, lang);
      expect(applied.errors.get(`lo:${fit}`)).toMatch(messages[lang]);
      expect(applied.doc).toEqual(doc);
      expect(applied.typed).toEqual({ [`lo:${fit}`]: '30%', [`hi:${fit}`]: '' });
      const high = post(doc, { [`lo:${licence}`]: '', [`hi:${licence}`]: '200万' }, lang);
      expect(high.errors.get(`lo:${licence}`)).toMatch(messages[lang]);
      expect(high.doc).toEqual(doc);
    }
  });

  it('an unreadable end is refused by its reason', () => {
    const doc = county();
    const applied = post(doc, { [`lo:${licence}`]: '1e6', [`hi:${licence}`]: '200万' });
    expect(applied.errors.get(`lo:${licence}`)).toMatch(/[Ss]cientific/);
    expect(applied.doc).toEqual(doc);
  });
});

describe('names', () => {
  it('a name typed as it was shown keeps the bilingual name; a different one replaces it', () => {
    for (const lang of LANGUAGES) {
      const doc = county();
      const option = optionOf(doc, 'buy-speech-emr');
      const shown = (option.name as Record<Lang, string>)[lang];
      const same = post(doc, { 't:options.buy-speech-emr.name': `  ${shown} ` }, lang).doc;
      expect(optionOf(same, 'buy-speech-emr').name).toEqual(option.name);
      expect(same).toEqual(doc);
      const renamed = post(doc, { 't:options.buy-speech-emr.name': '语音病历（厂商 A）' }, lang).doc;
      expect(optionOf(renamed, 'buy-speech-emr').name).toBe('语音病历（厂商 A）');
      // The hospital and the case too.
      const hospital = post(doc, { 't:hospital.name': 'Qingyang County Hospital' }, lang).doc;
      expect(hospital.hospital.name).toBe('Qingyang County Hospital');
      const wf = post(
        doc,
        { 't:workflows.nursing-docs.name': (doc.workflows[1]!.name as Record<Lang, string>)[lang] },
        lang,
      );
      expect(wf.doc).toEqual(doc);
    }
  });

  it('a text longer than 2,000 characters is refused and cut for showing again', () => {
    const doc = county();
    const long = 'x'.repeat(2500);
    const applied = post(doc, { 't:options.buy-speech-emr.description': long });
    expect(applied.errors.get('t:options.buy-speech-emr.description')).toMatch(/2,000/);
    expect(applied.typed['t:options.buy-speech-emr.description']).toHaveLength(2000);
    expect(applied.doc).toEqual(doc);
  });

  it('what is not a form field is ignored', () => {
    const doc = county();
    expect(
      post(doc, { intent: 'save', savedBy: 'x', 'new:useCase': 'custom', 'x:hospital.beds': '5' }).doc,
    ).toEqual(doc);
  });
});

describe('markEstimated and the forms agree', () => {
  it('a field typed by the user, then emptied, is estimated again with the figure it rests on', () => {
    const doc = markEstimated(setAt(newCase(), 'hospital.occupancy', 0.7), 'hospital.occupancy', false);
    const applied = post(doc, { 'n:hospital.occupancy': '' }).doc;
    expect(applied.hospital.occupancy).toBe(0.86);
    expect(applied.sources!['hospital.occupancy']).toMatchObject({
      estimate: 'occupancyByType',
      ref: '1.20.public',
    });
  });
});

describe('a whole page posted with one part turned off keeps it off', () => {
  // The browser posts every field of the page, folded parts too: the fields of a part just turned
  // off must not bring it back, nor leave half of it behind.
  const flip = (doc: Doc, changes: Record<string, string>, lang: Lang = 'en') => {
    const values = shownPage(doc, lang);
    for (const [name, value] of Object.entries(changes)) values.set(name, value);
    return applyForm(doc, values, lang);
  };

  it.each(LANGUAGES)(
    'stop rule, tender rule, budget by year, VAT, pilot and effect basis (%s)',
    (lang) => {
      let doc = county();
      const option = doc.options.find((o) => o.kind === 'buy')!;
      // Turn each on first (as a user would, one post), then off with the whole page posted.
      const line = option.costLines.find((l) => l.kind === 'oneTime')!;
      doc = applyForm(
        doc,
        new Map([
          [`b:options.${option.id}.stopRule`, 'true'],
          ['b:procurement', 'true'],
          ['b:budget.byYear', 'true'],
          [`b:options.${option.id}.costLines.${line.id}.vat.excluded`, 'true'],
        ]),
        lang,
      ).doc;
      doc = {
        ...doc,
        options: doc.options.map((o) =>
          o.id === option.id ? { ...o, stopRule: { checkMonth: 12, minNetMinutesPerTask: 1 } } : o,
        ),
      };
      expect(validateScenario(doc).ok).toBe(true);

      const off = flip(
        doc,
        {
          [`b:options.${option.id}.stopRule`]: 'false',
          'b:procurement': 'false',
          'b:budget.byYear': 'false',
          [`b:options.${option.id}.costLines.${line.id}.vat.excluded`]: 'false',
        },
        lang,
      );
      expect([...off.errors]).toEqual([]);
      const after = optionOf(off.doc, option.id);
      expect(after.stopRule).toBeUndefined();
      expect(off.doc.procurement).toBeUndefined();
      expect(off.doc.budget.informatizationByYear).toBeUndefined();
      expect(after.costLines.find((l) => l.id === line.id)!.vat).toBeUndefined();
      expect(validateScenario(off.doc).ok).toBe(true);

      // A pilot made a buy option, and a claimed effect made measured, with the whole page posted.
      const pilot = doc.options.find((o) => o.kind === 'pilot')!;
      const toBuy = flip(doc, { [`s:options.${pilot.id}.kind`]: 'buy' }, lang);
      expect(optionOf(toBuy.doc, pilot.id).pilot).toBeUndefined();
      const claimed = option.effects.find((e) => e.basis === 'claimed')!;
      const measured = flip(
        doc,
        { [`s:options.${option.id}.effects.${claimed.workflowId}.basis`]: 'measured' },
        lang,
      );
      const effect = effectOf(measured.doc, option.id, claimed.workflowId)!;
      expect(effect.basis).toBe('measured');
      expect(effect).not.toHaveProperty('claimedReduction');
      expect(effect).not.toHaveProperty('fit');
      // What remains to fill is asked for by name; nothing the page cannot show is wrong.
      const v = validateScenario(measured.doc);
      const problems = v.ok ? [] : v.problems.map((p) => p.code);
      expect(problems.every((c) => c === 'required')).toBe(true);
    },
    60_000,
  );

  it('a forged or stale field name changes nothing and throws nothing', () => {
    const doc = county();
    const applied = applyForm(
      doc,
      new Map([
        ['b:foo.bar', 'true'],
        ['t:hospital.zzz', 'x'],
        ['n:options.gone.costLines.gone.amount', '5'],
        ['n:hospital.roles.technician.annualCostPerFte', ''],
        ['s:options.gone.kind', 'pilot'],
      ]),
      'en',
    );
    expect(applied.doc).toEqual(doc);
  });
});

describe('what follows what', () => {
  it('a budget given by year starts from the budgets the engine had, and a short list grows from its last year', () => {
    // 6,376,000 in the first year, 3 % growth: 6,567,280 and 6,764,298.4 in the next two years.
    const tertiary = bundled('tertiary-hospital-on-prem');
    const aiBudgets = (doc: Doc) => {
      const v = validateScenario(doc);
      if (!v.ok) throw new Error(JSON.stringify(v.problems));
      return runModel(compileScenario(v.scenario)).options[0]!.years.map((y) => y.budget);
    };
    const on = post(tertiary, { 'b:budget.byYear': 'true' }).doc;
    const years = on.budget.informatizationByYear!;
    expect(years).toHaveLength(tertiary.horizonYears);
    expect(years.slice(0, 3).map((v) => Math.round(v * 100) / 100)).toEqual([
      6_376_000, 6_567_280, 6_764_298.4,
    ]);
    expect(aiBudgets(on)).toEqual(aiBudgets(tertiary));
    // A document written elsewhere with two of five years: the fields the page shows are the
    // engine's own numbers for the other three (2,000,000 × 1.03, × 1.03², × 1.03³), nothing moves.
    const twoYears = setAt(
      setAt(tertiary, 'horizonYears', 5),
      'budget.informatizationByYear',
      [1_800_000, 2_000_000],
    );
    const shown = post(twoYears, { 'n:discountRate': '8%' }).doc.budget.informatizationByYear!;
    expect(shown.map((v) => Math.round(v * 100) / 100)).toEqual([
      1_800_000, 2_000_000, 2_060_000, 2_121_800, 2_185_454,
    ]);
    expect(aiBudgets(setAt(twoYears, 'budget.informatizationByYear', shown))).toEqual(aiBudgets(twoYears));
  });

  it('a budget given by year follows a longer or shorter horizon (the last year repeats)', () => {
    const doc = applyForm(county(), new Map([['b:budget.byYear', 'true']]), 'en').doc;
    expect(doc.budget.informatizationByYear).toHaveLength(5);
    const longer = applyForm(doc, new Map([['n:horizonYears', '7']]), 'en').doc;
    expect(longer.budget.informatizationByYear).toHaveLength(7);
    expect(longer.budget.informatizationByYear![6]).toBe(doc.budget.informatizationByYear![4]);
    expect(validateScenario(longer).ok).toBe(true);
    expect(
      applyForm(longer, new Map([['n:horizonYears', '3']]), 'en').doc.budget.informatizationByYear,
    ).toHaveLength(3);
  });

  it('an effect ticked on gets the default ranges an option is made with', () => {
    const added = applyForm(
      county(),
      new Map([['b:options.buy-speech-emr.effects.nursing-docs', 'true']]),
      'en',
    ).doc;
    const ranges = Object.keys(added.uncertainty!.inputs!).filter((p) =>
      p.startsWith('options.buy-speech-emr.effects.nursing-docs.'),
    );
    expect(ranges).toEqual(expect.arrayContaining(['options.buy-speech-emr.effects.nursing-docs.fit']));
  });
});
