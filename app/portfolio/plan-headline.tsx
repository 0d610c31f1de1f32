/**
 * What a director reads first: the plan's total NPV, whether it is the best plan (or how near,
 * or why there is none) and what it aims at, in sentences.
 */
import { formatMoney, formatPercent } from '~/engine/format';
import type { Lang } from '~/engine/text';

import type { PortfolioPlan } from './portfolio';
import { planWord, yearList } from './plan-words';

/** Σ of the chosen options' NPVs (CNY): what the plan is worth, whatever its objective. */
export function planNpv(plan: Pick<PortfolioPlan, 'choices'>): number {
  return plan.choices.reduce((sum, c) => sum + (c.optionId === null ? 0 : c.npv), 0);
}

/** Whether the solver gave a plan to show (an infeasible or fruitless search gives none). */
export function hasPlan(plan: Pick<PortfolioPlan, 'status' | 'objectiveValue'>): boolean {
  return plan.status !== 'infeasible' && plan.objectiveValue !== null;
}

export function statusSentence(
  plan: Pick<PortfolioPlan, 'status' | 'gap' | 'infeasibleYears' | 'objectiveValue'>,
  lang: Lang,
): string {
  const gap = plan.gap === null ? planWord(lang, 'gapUnknown') : formatPercent(plan.gap, lang, 2);
  switch (plan.status) {
    case 'optimal':
      return planWord(lang, 'statusOptimal');
    case 'feasible':
      return planWord(lang, 'statusFeasible', { gap });
    case 'infeasible':
      return plan.infeasibleYears.length > 0
        ? planWord(lang, 'statusInfeasible', { years: yearList(plan.infeasibleYears, lang) })
        : planWord(lang, 'statusInfeasibleNoYears');
    case 'timeLimit':
      return plan.objectiveValue === null
        ? planWord(lang, 'statusTimeLimitNone')
        : planWord(lang, 'statusTimeLimit', { gap });
  }
}

export function objectiveSentence(
  objective: PortfolioPlan['objective'],
  breachLimit: number | null,
  lang: Lang,
): string {
  if (objective === 'p10') return planWord(lang, 'objectiveP10');
  if (objective === 'npvWithBreachLimit')
    return planWord(lang, 'objectiveBreach', { p: formatPercent(breachLimit ?? 0.1, lang, 0) });
  return planWord(lang, 'objectiveNpv');
}

export function PlanHeadline({
  plan,
  breachLimit,
  whatIf,
  lang,
}: {
  plan: PortfolioPlan;
  /** The portfolio's most probability of a breach (for its objective's sentence). */
  breachLimit: number | null;
  /** Whether the plan was solved against a what-if budget. */
  whatIf: boolean;
  lang: Lang;
}) {
  const solved = hasPlan(plan);
  const tone = !solved ? 'error-banner' : plan.status === 'optimal' ? 'ok-banner' : 'warn-banner';
  return (
    <section className="card plan-headline" data-testid="plan-headline">
      {whatIf && (
        <p className="banner warn-banner" data-testid="what-if-note">
          {planWord(lang, 'whatIfActive')}
        </p>
      )}
      {solved && (
        <p className="plan-npv">
          <span className="muted">{planWord(lang, 'planNpv')}</span>{' '}
          <strong data-testid="plan-npv">{formatMoney(planNpv(plan), 'CNY', lang)}</strong>
          {plan.objective === 'p10' && plan.objectiveValue !== null && (
            <span className="muted">
              {' '}
              · {planWord(lang, 'planP10')} {formatMoney(plan.objectiveValue, 'CNY', lang)}
            </span>
          )}
        </p>
      )}
      <p className={`banner ${tone}`} data-testid="plan-status" role={solved ? undefined : 'alert'}>
        {statusSentence(plan, lang)}
      </p>
      <p>{objectiveSentence(plan.objective, breachLimit, lang)}</p>
      {solved && !plan.checked && (
        <p className="banner warn-banner" role="alert">
          {planWord(lang, 'notChecked')}
        </p>
      )}
    </section>
  );
}
