/**
 * The solved plan as the page shows it, on the portfolio's page and on a shared link alike: the
 * headline, then the plan (table, timeline) with the simple plans beside it, spend against the
 * budget with the value of one more 万元, what was left out, and the plan under the Monte Carlo.
 */
import type { ReactNode } from 'react';

import type { Lang } from '~/engine/text';

import type { PortfolioPlan } from './portfolio';
import { PlanAlternatives } from './plan-alternatives';
import { SpendChart } from './plan-charts';
import { PlanDuals } from './plan-duals';
import { hasPlan, PlanHeadline } from './plan-headline';
import { PlanLeftOut } from './plan-left-out';
import { PlanRisk } from './plan-risk';
import { PlanTable, PlanTimeline } from './plan-table';

export function PlanView({
  plan,
  breachLimit,
  whatIf,
  lang,
  children,
}: {
  plan: PortfolioPlan;
  breachLimit: number | null;
  /** Whether the plan was solved against a what-if budget. */
  whatIf: boolean;
  lang: Lang;
  /** What goes under the headline (the what-if form, on the owner's page). */
  children?: ReactNode;
}) {
  const solved = hasPlan(plan);
  return (
    <div className="plan-view" data-testid="plan-view">
      <PlanHeadline plan={plan} breachLimit={breachLimit} whatIf={whatIf} lang={lang} />
      {solved && (
        <>
          <div className="grid">
            <PlanTable plan={plan} lang={lang} />
            <PlanAlternatives plan={plan} lang={lang} />
          </div>
          <PlanTimeline plan={plan} lang={lang} />
          <div className="grid">
            <SpendChart plan={plan} lang={lang} />
            <PlanDuals plan={plan} lang={lang} />
          </div>
          <div className="grid">
            <PlanLeftOut plan={plan} lang={lang} />
            <PlanRisk plan={plan} lang={lang} />
          </div>
        </>
      )}
      {children}
    </div>
  );
}
