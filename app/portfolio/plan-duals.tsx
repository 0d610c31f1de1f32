/**
 * The value of one more 万元 of budget in each year, from the LP relaxation's duals (CNY of
 * objective per CNY of budget, so per 万元 it is 10,000 times as much), and the years whose budget
 * binds the plan. Labelled an estimate: the relaxation lets a project be done in part.
 */
import { formatAmount, formatMoney, moneyUnit } from '~/engine/format';
import type { Lang } from '~/engine/text';

import type { PortfolioPlan } from './portfolio';
import { planWord, yearList } from './plan-words';

const WAN = 10_000;

/** What one more 万元 of budget in a year adds to the objective, in CNY. */
export const perWan = (dual: number): number => dual * WAN;

export function PlanDuals({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  const binding = plan.years.filter((y) => y.binding).map((y) => y.year);
  const dual = (year: number) => plan.duals.find((d) => d.year === year)?.value ?? 0;
  return (
    <section className="card" data-testid="plan-duals">
      <h2>{planWord(lang, 'dualsTitle')}</h2>
      <p>
        {binding.length > 0
          ? planWord(lang, 'bindingYears', { years: yearList(binding, lang) })
          : planWord(lang, 'noBindingYears')}
      </p>
      <div className="table-scroll">
        <table className="compact plan-cards">
          <thead>
            <tr>
              <th>{planWord(lang, 'year')}</th>
              <th className="num">{planWord(lang, 'dualPerWan')}</th>
              <th className="num">
                {planWord(lang, 'headroom')} ({moneyUnit('CNY', lang)})
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {plan.years.map((y) => (
              <tr key={y.year} className={y.binding ? 'binding' : undefined} data-year={y.year}>
                <th scope="row">{y.year}</th>
                <td className="num" data-label={planWord(lang, 'dualPerWan')}>
                  {formatMoney(perWan(dual(y.year)), 'CNY', lang)}
                </td>
                <td className="num" data-label={`${planWord(lang, 'headroom')} (${moneyUnit('CNY', lang)})`}>
                  {formatAmount(y.headroom, lang)}
                </td>
                <td className={y.binding ? 'bad' : 'muted'}>
                  {planWord(lang, y.binding ? 'binds' : 'slack')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" data-testid="duals-estimate">
        {planWord(lang, 'dualsEstimate')}
      </p>
    </section>
  );
}
