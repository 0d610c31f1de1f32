/**
 * A what-if on the budget: one 万元 figure per year in a GET form, so the address carries it and
 * the plan is solved again for it (never saved as a version; the last few what-ifs are kept). Each bad figure is named by its year.
 */
import type { Lang } from '~/engine/text';

import { planWord } from './plan-words';
import { parseWan } from './wan';

const WAN = 10_000;
/** Most a year's budget may be, in 万元 (the request's own limit, 1e12 CNY). */
const MAX_WAN = 1e8;

/** The field of a year's budget in the form and the address: `budget2027`. */
export const budgetField = (year: number) => `budget${year}`;

export interface BudgetWhatIf {
  /** The budget to solve against (CNY per plan year), or null: the version's own. */
  budgetByYear: number[] | null;
  /** What was typed, by year, to show again in the form. */
  typed: Record<number, string>;
  /** Each bad figure, named by its year. */
  errors: string[];
}

/**
 * The what-if the address asks for over `stored` (CNY, one per year from `startYear`): null when
 * it asks for none or for the stored budget itself; a blank field keeps that year's budget.
 */
export function parseBudgetWhatIf(
  params: URLSearchParams,
  startYear: number,
  stored: number[],
  lang: Lang,
): BudgetWhatIf {
  const typed: Record<number, string> = {};
  const errors: string[] = [];
  const budget = stored.map((own, k) => {
    const year = startYear + k;
    const raw = params.get(budgetField(year));
    if (raw === null || raw.trim() === '') return own;
    typed[year] = raw.slice(0, 40);
    // "120" is 120 万元; "800万", "1.2亿" and "3,000元" keep their unit (the create form's reading).
    const read = parseWan(raw);
    if (!read.ok || read.value > MAX_WAN * WAN) {
      errors.push(planWord(lang, 'badYearBudget', { year }));
      return own;
    }
    return Math.round(read.value);
  });
  const changed = budget.some((b, k) => Math.abs(b - stored[k]!) >= 0.5);
  return { budgetByYear: errors.length === 0 && changed ? budget : null, typed, errors };
}

const asWan = (cny: number) => String(Math.round((cny / WAN) * 100) / 100);

export function PlanWhatIf({
  startYear,
  budgetByYear,
  typed,
  active,
  keep,
  lang,
}: {
  startYear: number;
  /** The budget the plan shown was solved against (CNY). */
  budgetByYear: number[];
  typed: Record<number, string>;
  active: boolean;
  /** Parameters of the address the form keeps (the version shown). */
  keep: Record<string, string>;
  lang: Lang;
}) {
  const kept = new URLSearchParams(keep).toString();
  return (
    <section className="card no-print" data-testid="plan-what-if">
      <h2>{planWord(lang, 'whatIfTitle')}</h2>
      <p className="muted">{planWord(lang, 'whatIfIntro')}</p>
      {/* A plain GET form: the plan is solved again on the server, and the browser shows it
          loading meanwhile (a solve may take seconds). */}
      <form method="get" className="what-if">
        {Object.entries(keep).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {budgetByYear.map((b, k) => {
          const year = startYear + k;
          return (
            <label key={year} className="knob">
              {planWord(lang, 'yearBudget', { year })}
              <input
                name={budgetField(year)}
                inputMode="decimal"
                defaultValue={typed[year] ?? asWan(b)}
                aria-invalid={typed[year] !== undefined && !parseWan(typed[year]!).ok ? true : undefined}
              />
            </label>
          );
        })}
        <p className="row">
          <button type="submit">{planWord(lang, 'solveAgain')}</button>
          {active && (
            <a href={`?${kept}`} className="button secondary">
              {planWord(lang, 'backToSaved')}
            </a>
          )}
        </p>
      </form>
    </section>
  );
}
