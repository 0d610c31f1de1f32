/**
 * The form that makes a portfolio, read into a PortfolioRequest: what a director typed ("800万",
 * "120" in a box labelled 万元, "10%"), checked field by field, each refusal worded beside the
 * field it is about and what was typed kept, so that a refused post loses nothing. The years
 * of the form are calendar years; the request counts them from the portfolio's first year.
 */
import { MAX_HORIZON_YEARS, type OptionKind } from '~/engine/constants';
import type { Lang } from '~/engine/text';
import { formatForInput, numberProblemMessage, parseNumber } from '~/forms/number';

import { portfolioListText, type PortfolioListWord } from './list-words';
import { parseWan } from './wan';
import {
  MAX_PORTFOLIO_SCENARIOS,
  OBJECTIVES,
  portfolioRequestSchema,
  type PortfolioObjective,
  type PortfolioRequest,
} from './portfolio';

/** A use case of the hospital as the form offers it (its latest version). */
export interface UseCaseChoice {
  id: string;
  name: string;
  startYear: number;
  horizonYears: number;
  discountRate: number;
  options: { id: string; name: string; kind: OptionKind }[];
  /** Informatization budget × AI share of each of its plan years (CNY), first year first. */
  aiBudgetByYear: number[];
  /** Its latest version does not pass the checks: shown, not offered. */
  broken: boolean;
}

/** What the form is drawn from: the hospital's use cases and the calendar years they cover. */
export interface PortfolioFormSetup {
  useCases: UseCaseChoice[];
  years: number[];
}

/** The form as drawn: what is in each box (as typed), what is ticked, and the errors by field. */
export interface PortfolioFormState {
  /** By form name: `name`, `budget:2027`, `breach`, `forced:<id>`… */
  values: Record<string, string>;
  useCases: string[];
  startYears: number[];
  sharedServers: boolean;
  /** By field (its form name; `useCase` and `start` for the ticks); '' for the form as a whole. */
  errors: Record<string, string>;
  /** How a typed number was read where it may surprise ("0.1%"). */
  echoes: Record<string, string>;
}

export const FIELD = {
  name: 'name',
  useCase: 'useCase',
  start: 'start',
  objective: 'objective',
  breach: 'breach',
  sharedServers: 'sharedServers',
  hires: 'hires',
} as const;
export const budgetField = (year: number) => `budget:${year}`;
export const committedField = (year: number) => `committed:${year}`;
export const forcedField = (scenarioId: string) => `forced:${scenarioId}`;
export const needsField = (scenarioId: string) => `needs:${scenarioId}`;

const DEFAULT_BREACH = 0.1;
const WAN = 10_000;

/** The calendar years the use cases cover (at most a horizon's worth from the first). */
export function yearsCovered(useCases: readonly Pick<UseCaseChoice, 'startYear' | 'horizonYears'>[]): {
  startYear: number;
  horizonYears: number;
} | null {
  if (useCases.length === 0) return null;
  const startYear = Math.min(...useCases.map((u) => u.startYear));
  const end = Math.max(...useCases.map((u) => u.startYear + u.horizonYears - 1));
  return { startYear, horizonYears: Math.min(end - startYear + 1, MAX_HORIZON_YEARS) };
}

export function formSetup(useCases: UseCaseChoice[]): PortfolioFormSetup {
  const covered = yearsCovered(useCases.filter((u) => !u.broken));
  const years = covered ? Array.from({ length: covered.horizonYears }, (_, i) => covered.startYear + i) : [];
  return { useCases, years };
}

/** An amount in CNY as the 万元 box shows it: "60.75" (万元, to the yuan). */
export function wanText(cny: number, lang: Lang): string {
  return formatForInput(Math.round(cny) / WAN, 'decimal', lang);
}

/**
 * What is typed in a box labelled 万元, in CNY: "800万" and "1.2亿" (or "3,000元") say their
 * own unit; a bare "120" is 120 万元. The digits are shifted, never multiplied as floats.
 */
/** The AI budget of a calendar year the use cases agree on (CNY), or null if they differ or say none. */
function agreedBudget(useCases: readonly UseCaseChoice[], year: number): number | null {
  const said = useCases.flatMap((u) => {
    const v = u.aiBudgetByYear[year - u.startYear];
    return v === undefined ? [] : [v];
  });
  if (said.length === 0) return null;
  return said.every((v) => Math.abs(v - said[0]!) < 0.5) ? said[0]! : null;
}

/** The form before anything is typed: the budget prefilled where the use cases agree, every year allowed. */
export function blankFormState(setup: PortfolioFormSetup, lang: Lang): PortfolioFormState {
  const offered = setup.useCases.filter((u) => !u.broken);
  const values: Record<string, string> = {
    [FIELD.objective]: 'npv',
    [FIELD.breach]: formatForInput(DEFAULT_BREACH, 'percent', lang),
  };
  for (const year of setup.years) {
    const budget = agreedBudget(offered, year);
    if (budget !== null) values[budgetField(year)] = wanText(budget, lang);
  }
  return { values, useCases: [], startYears: [...setup.years], sharedServers: false, errors: {}, echoes: {} };
}

const text = (form: FormData, name: string): string => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

export type ReadForm =
  | { ok: true; request: PortfolioRequest; state: PortfolioFormState; startYear: number }
  | { ok: false; state: PortfolioFormState };

/** Reads a post of the form: the request, or the form again with each problem beside its field. */
export function readPortfolioForm(form: FormData, setup: PortfolioFormSetup, lang: Lang): ReadForm {
  const say = (key: PortfolioListWord, params?: Record<string, string | number>) =>
    portfolioListText(lang, key, params);
  const errors: Record<string, string> = {};
  const echoes: Record<string, string> = {};
  const values: Record<string, string> = {};
  const keep = (name: string) => (values[name] = text(form, name).slice(0, 1000));

  // The boxes, as typed (what comes back when anything is refused).
  for (const name of [FIELD.name, FIELD.objective, FIELD.breach, FIELD.hires]) keep(name);
  for (const year of setup.years) {
    keep(budgetField(year));
    keep(committedField(year));
  }
  for (const u of setup.useCases) {
    keep(forcedField(u.id));
    keep(needsField(u.id));
  }
  const ticked = new Set(form.getAll(FIELD.useCase).map(String));
  const startTicked = new Set(form.getAll(FIELD.start).map(String));
  const state: PortfolioFormState = {
    values,
    useCases: setup.useCases.filter((u) => ticked.has(u.id)).map((u) => u.id),
    startYears: setup.years.filter((y) => startTicked.has(String(y))),
    sharedServers: form.get(FIELD.sharedServers) !== null,
    errors,
    echoes,
  };

  const name = values[FIELD.name]!.trim();
  if (name === '') errors[FIELD.name] = say('nameMissing');
  else if (name.length > 200) errors[FIELD.name] = say('nameTooLong', { max: 200 });

  // The use cases: ticked ones of this hospital, whose latest version passes the checks.
  const chosen = setup.useCases.filter((u) => ticked.has(u.id));
  const broken = chosen.find((u) => u.broken);
  if ([...ticked].some((id) => !setup.useCases.some((u) => u.id === id)))
    errors[FIELD.useCase] = say('useCaseGone');
  else if (broken) errors[FIELD.useCase] = say('useCaseBroken', { name: broken.name });
  else if (chosen.length === 0) errors[FIELD.useCase] = say('useCasesMissing');
  else if (chosen.length > MAX_PORTFOLIO_SCENARIOS)
    errors[FIELD.useCase] = say('useCasesTooMany', { max: MAX_PORTFOLIO_SCENARIOS });
  else {
    const rates = [...new Set(chosen.map((u) => u.discountRate))];
    if (rates.length > 1)
      errors[FIELD.useCase] = say('ratesDisagree', {
        values: rates.map((r) => formatForInput(r, 'percent', lang)).join(lang === 'en' ? ', ' : '、'),
      });
  }

  // The plan's years: those of the chosen use cases (the form's, while none is chosen).
  const covered = yearsCovered(chosen) ?? {
    startYear: setup.years[0] ?? 0,
    horizonYears: setup.years.length,
  };
  const planYears = Array.from({ length: covered.horizonYears }, (_, i) => covered.startYear + i);

  // Every box typed in is read (a mistake is said wherever it is); a year of the plan needs its budget.
  const colon = lang === 'en' ? ': ' : '：';
  const budgets = new Map<number, number>();
  const commitments = new Map<number, number>();
  for (const year of [...new Set([...setup.years, ...planYears])]) {
    const inPlan = chosen.length > 0 && planYears.includes(year);
    const typedBudget = values[budgetField(year)] ?? '';
    if (inPlan || typedBudget.trim() !== '') {
      const budget = parseWan(typedBudget);
      if (budget.ok) budgets.set(year, budget.value);
      else
        errors[setup.years.includes(year) ? budgetField(year) : ''] =
          `${say('aiBudgetOf', { year })}${colon}${numberProblemMessage(budget.code, budget.params, lang)}`;
    }
    const typed = values[committedField(year)] ?? '';
    const committed = typed.trim() === '' ? ({ ok: true, value: 0 } as const) : parseWan(typed);
    if (committed.ok) commitments.set(year, committed.value);
    else
      errors[committedField(year)] =
        `${say('committedOf', { year })}${colon}${numberProblemMessage(committed.code, committed.params, lang)}`;
  }

  const offsets = state.startYears.filter((y) => planYears.includes(y)).map((y) => y - covered.startYear);
  if (offsets.length === 0)
    errors[FIELD.start] = say('startNone', { from: planYears[0] ?? '', to: planYears.at(-1) ?? '' });

  const objective = values[FIELD.objective] as PortfolioObjective;
  if (!OBJECTIVES.includes(objective)) errors[FIELD.objective] = say('objectiveUnknown');
  let breachProbability: number | undefined;
  if (objective === 'npvWithBreachLimit') {
    const breach = parseNumber(values[FIELD.breach]!, 'percent');
    if (!breach.ok)
      errors[FIELD.breach] =
        `${say('breach')}${lang === 'en' ? ': ' : '：'}${numberProblemMessage(breach.code, breach.params, lang)}`;
    else if (breach.value > 1) errors[FIELD.breach] = say('breachRange');
    else {
      breachProbability = breach.value;
      if (breach.echo) echoes[FIELD.breach] = breach.echo;
    }
  }

  let hiresPerYear: number | undefined;
  if (values[FIELD.hires]!.trim() !== '') {
    const hires = parseNumber(values[FIELD.hires]!, 'count');
    if (hires.ok) hiresPerYear = hires.value;
    else
      errors[FIELD.hires] =
        `${say('hires')}${lang === 'en' ? ': ' : '：'}${numberProblemMessage(hires.code, hires.params, lang)}`;
  }

  // Already contracted, and "needs the platform of": only about use cases ticked.
  const forced: NonNullable<PortfolioRequest['forced']> = [];
  const dependencies: NonNullable<PortfolioRequest['dependencies']> = [];
  for (const u of setup.useCases) {
    const optionId = values[forcedField(u.id)]!;
    const field = say('forcedOf', { name: u.name });
    if (optionId !== '') {
      if (!ticked.has(u.id)) errors[forcedField(u.id)] = say('forcedNotChosen', { field });
      else if (!u.options.some((o) => o.id === optionId))
        errors[forcedField(u.id)] = say('forcedUnknown', { field });
      else forced.push({ scenarioId: u.id, optionId });
    }
    const needed = values[needsField(u.id)]!;
    if (needed === '') continue;
    const needsWords = say('needsOf', { name: u.name });
    const other = setup.useCases.find((o) => o.id === needed);
    if (needed === u.id) errors[needsField(u.id)] = say('needsItself', { field: needsWords });
    else if (!ticked.has(u.id)) errors[needsField(u.id)] = say('forcedNotChosen', { field: needsWords });
    else if (!other || !ticked.has(needed))
      errors[needsField(u.id)] = say('needsNotChosen', { field: needsWords, needed: other?.name ?? '' });
    else dependencies.push({ scenarioId: u.id, needsScenarioId: needed });
  }

  if (Object.keys(errors).length > 0) return { ok: false, state };

  const budgetByYear = planYears.map((y) => budgets.get(y)!);
  const committedByYear = planYears.map((y) => commitments.get(y) ?? 0);

  const agree = chosen.every(
    (u) => u.startYear === chosen[0]!.startYear && u.horizonYears === chosen[0]!.horizonYears,
  );
  const resources: NonNullable<PortfolioRequest['resources']> = {
    ...(state.sharedServers ? { sharedServers: true } : {}),
    ...(hiresPerYear !== undefined ? { hiresPerYear } : {}),
  };
  const request = {
    name,
    scenarioIds: chosen.map((u) => u.id),
    // The use cases' own years when they agree; else the years they cover together.
    ...(agree ? {} : { startYear: covered.startYear, horizonYears: covered.horizonYears }),
    budgetByYear,
    ...(committedByYear.some((v) => v > 0) ? { committedByYear } : {}),
    ...(offsets.length < planYears.length ? { startOffsets: offsets } : {}),
    ...(forced.length > 0 ? { forced } : {}),
    ...(dependencies.length > 0 ? { dependencies } : {}),
    objective,
    ...(breachProbability !== undefined ? { breachProbability } : {}),
    ...(Object.keys(resources).length > 0 ? { resources } : {}),
  };
  // The schema's own limits (a budget above 1 万亿…): said beside the field they are about.
  const checked = portfolioRequestSchema.safeParse(request);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = fieldOfPath(issue.path.map(String).join('.'), request, covered.startYear);
      errors[key] ??= lang === 'en' ? 'Not a value this form accepts' : '取值无效';
    }
    return { ok: false, state };
  }
  return { ok: true, request: checked.data, state, startYear: covered.startYear };
}

/**
 * The field of the form a path of the request is about (`budgetByYear.2` → `budget:2029`,
 * `forced.0.optionId` → that use case's choice); '' for what no field shows.
 */
export function fieldOfPath(path: string, request: PortfolioRequest, startYear: number): string {
  const [head = '', second] = path.split('.');
  const index = second !== undefined && /^\d+$/.test(second) ? Number(second) : null;
  switch (head) {
    case 'name':
      return FIELD.name;
    case 'scenarioIds':
    case 'startYear':
    case 'horizonYears':
    case 'discountRate':
      return FIELD.useCase;
    case 'budgetByYear':
      return index === null ? '' : budgetField(startYear + index);
    case 'committedByYear':
      return index === null ? '' : committedField(startYear + index);
    case 'startOffsets':
      return FIELD.start;
    case 'forced': {
      const id = index === null ? undefined : request.forced?.[index]?.scenarioId;
      return id ? forcedField(id) : '';
    }
    case 'dependencies': {
      const id = index === null ? undefined : request.dependencies?.[index]?.scenarioId;
      return id ? needsField(id) : '';
    }
    case 'objective':
      return FIELD.objective;
    case 'breachProbability':
      return FIELD.breach;
    case 'resources':
      return path.startsWith('resources.hiresPerYear') ? FIELD.hires : FIELD.sharedServers;
    default:
      return '';
  }
}

/** The form again with problems the model found (its words, which name the field) beside their fields. */
export function withProblems(
  state: PortfolioFormState,
  problems: readonly { path: string; message: string }[],
  request: PortfolioRequest,
  startYear: number,
  formYears: readonly number[],
): PortfolioFormState {
  const errors = { ...state.errors };
  for (const p of problems) {
    let key = fieldOfPath(p.path, request, startYear);
    // A year the form has no box for: said above the form.
    const year = /^(budget|committed):(\d+)$/.exec(key)?.[2];
    if (year && !formYears.includes(Number(year))) key = '';
    errors[key] = errors[key] ? `${errors[key]}；${p.message}` : p.message;
  }
  return { ...state, errors };
}
