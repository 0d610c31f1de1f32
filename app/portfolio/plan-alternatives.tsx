/**
 * The plans a committee would otherwise make — positive NPVs best first while the budget lasts,
 * and everything at once — beside this one: what each is worth, what it gives up against this
 * plan and the years it would break the budget in.
 */
import { formatAmount, formatPercent, moneyUnit } from '~/engine/format';
import type { Lang } from '~/engine/text';

import type { Alternative, PortfolioPlan } from './portfolio';
import { planWord, yearList } from './plan-words';

/** "23.00 less", "48.00 more", "the same": the alternative against the optimum. */
export function againstPlan(alternative: Alternative, lang: Lang): string {
  const loss = alternative.lossAgainstOptimum;
  if (loss === null) return '—';
  // Under half a 元 either way is the same plan's worth, not a difference to read.
  if (Math.abs(loss) < 0.5) return planWord(lang, 'same');
  return planWord(lang, loss > 0 ? 'lessBy' : 'moreBy', { amount: formatAmount(Math.abs(loss), lang) });
}

export function PlanAlternatives({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  if (plan.alternatives.length === 0) return null;
  // The chance of a breach, where the trials were run (a cautious or breach-limited objective).
  const withBreach = plan.alternatives.some((a) => a.breachProbability !== null);
  const breach = (p: number | null | undefined) =>
    p === null || p === undefined ? '—' : formatPercent(p, lang);
  return (
    <section className="card" data-testid="plan-alternatives">
      <h2>{planWord(lang, 'simpleTitle')}</h2>
      <p className="muted">{planWord(lang, 'inUnit', { unit: moneyUnit('CNY', lang) })}</p>
      <div className="table-scroll">
        <table className="compact plan-cards">
          <thead>
            <tr>
              <th />
              <th className="num">{planWord(lang, 'objectiveValue')}</th>
              <th className="num">{planWord(lang, 'againstPlan')}</th>
              <th>{planWord(lang, 'budget')}</th>
              {withBreach && <th className="num">{planWord(lang, 'breachShort')}</th>}
            </tr>
          </thead>
          <tbody>
            <tr className="this-plan">
              <th scope="row" className="name">
                {planWord(lang, 'thisPlan')}
              </th>
              <td className="num" data-label={planWord(lang, 'objectiveValue')}>
                {plan.objectiveValue === null ? '—' : formatAmount(plan.objectiveValue, lang)}
              </td>
              <td />
              <td data-label={planWord(lang, 'budget')}>{planWord(lang, 'budgetHolds')}</td>
              {withBreach && (
                <td className="num" data-label={planWord(lang, 'breachShort')}>
                  {breach(plan.monteCarlo?.breachProbability)}
                </td>
              )}
            </tr>
            {plan.alternatives.map((a) => (
              <tr key={a.name} data-alternative={a.name}>
                <th scope="row" className="name">
                  {planWord(lang, a.name)}
                </th>
                <td className="num" data-label={planWord(lang, 'objectiveValue')}>
                  {formatAmount(a.objectiveValue, lang)}
                </td>
                <td className="num" data-label={planWord(lang, 'againstPlan')}>
                  {againstPlan(a, lang)}
                </td>
                <td
                  className={a.breachYears.length > 0 ? 'bad' : undefined}
                  data-label={planWord(lang, 'budget')}
                >
                  {a.breachYears.length > 0
                    ? planWord(lang, 'breaks', { years: yearList(a.breachYears, lang) })
                    : planWord(lang, 'budgetHolds')}
                </td>
                {withBreach && (
                  <td className="num" data-label={planWord(lang, 'breachShort')}>
                    {breach(a.breachProbability)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {plan.alternatives.some((a) => a.breachYears.length > 0 && (a.lossAgainstOptimum ?? 0) < 0) && (
        <p className="muted">{planWord(lang, 'simpleReading')}</p>
      )}
    </section>
  );
}
