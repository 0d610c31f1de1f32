/**
 * The plan as a table (use case → option → start year → NPV, and P10 where the plan has it) and
 * as a timeline: one bar per funded use case from its start year to the horizon's end, drawn in
 * HTML in percent of the row so that it reads the same at any width and on the server.
 */
import { formatAmount, moneyUnit } from '~/engine/format';
import { localize, type Lang } from '~/engine/text';

import type { PlanChoice, PortfolioPlan } from './portfolio';
import { useCaseColor } from './plan-charts';
import { planNpv } from './plan-headline';
import { optionName, planWord } from './plan-words';

/** Each use case in the portfolio's order with its choice (none: not now). */
function rows(plan: PortfolioPlan): { index: number; choice: PlanChoice | null }[] {
  return plan.useCases.map((u, index) => ({
    index,
    choice: plan.choices.find((c) => c.scenarioId === u.scenarioId) ?? null,
  }));
}

/** The plan's first calendar year (its years are the horizon's, first year first). */
export function planStartYear(plan: Pick<PortfolioPlan, 'years'>): number | null {
  return plan.years[0]?.year ?? null;
}

const funded = (c: PlanChoice | null): c is PlanChoice & { optionId: string; startOffsetYears: number } =>
  c !== null && c.optionId !== null && c.startOffsetYears !== null;

export function PlanTable({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  const start = planStartYear(plan) ?? 0;
  const withP10 = plan.choices.some((c) => c.p10 !== null);
  const money = (x: number | null) => (x === null ? '—' : formatAmount(x, lang));
  return (
    <section className="card" data-testid="plan-table">
      <h2>{planWord(lang, 'planTitle')}</h2>
      <p className="muted">{planWord(lang, 'inUnit', { unit: moneyUnit('CNY', lang) })}</p>
      <div className="table-scroll">
        <table className="compact plan-table plan-cards">
          <thead>
            <tr>
              <th>{planWord(lang, 'useCase')}</th>
              <th>{planWord(lang, 'option')}</th>
              <th className="num">{planWord(lang, 'startYear')}</th>
              <th className="num">{planWord(lang, 'npv')}</th>
              {withP10 && <th className="num">P10</th>}
            </tr>
          </thead>
          <tbody>
            {rows(plan).map(({ index, choice }) => {
              const useCase = plan.useCases[index]!;
              const on = funded(choice);
              return (
                <tr key={useCase.scenarioId} className={on ? undefined : 'not-now'}>
                  <th scope="row" className="name">
                    <span
                      className="legend-mark"
                      style={{ ['--c' as string]: useCaseColor(index) }}
                      aria-hidden="true"
                    />{' '}
                    {localize(useCase.name, lang)}
                  </th>
                  <td className="name" data-label={planWord(lang, 'option')}>
                    {optionName(plan, useCase.scenarioId, on ? choice.optionId : null, lang)}
                  </td>
                  {on && (
                    <>
                      <td className="num" data-label={planWord(lang, 'startYear')}>
                        {start + choice.startOffsetYears}
                      </td>
                      <td className="num" data-label={planWord(lang, 'npv')}>
                        {money(choice.npv)}
                      </td>
                      {withP10 && (
                        <td className="num" data-label="P10">
                          {money(choice.p10)}
                        </td>
                      )}
                    </>
                  )}
                  {!on && (
                    <td className="num not-now-rest" colSpan={withP10 ? 3 : 2} aria-hidden="true">
                      —
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{planWord(lang, 'total')}</th>
              <td />
              <td />
              <td className="num" data-testid="plan-total" data-label={planWord(lang, 'npv')}>
                {formatAmount(planNpv(plan), lang)}
              </td>
              {withP10 && (
                <td className="num" data-label="P10">
                  {money(plan.choices.reduce((s, c) => s + (funded(c) ? (c.p10 ?? 0) : 0), 0))}
                </td>
              )}
            </tr>
          </tfoot>
        </table>
      </div>
    </section>
  );
}

export function PlanTimeline({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  const start = planStartYear(plan);
  const horizon = plan.years.length;
  if (start === null || horizon === 0) return null;
  const end = start + horizon - 1;
  const at = (offset: number) => (offset / horizon) * 100;
  const years = plan.years.map((y) => y.year);
  return (
    <section className="card chart" data-testid="plan-timeline">
      <h2>{planWord(lang, 'timelineTitle')}</h2>
      <ol className="timeline-rows">
        {rows(plan).map(({ index, choice }) => {
          const useCase = plan.useCases[index]!;
          const on = funded(choice);
          const option = optionName(plan, useCase.scenarioId, on ? choice.optionId : null, lang);
          const label = on
            ? planWord(lang, 'timelineBar', { option, from: start + choice.startOffsetYears, to: end })
            : option;
          return (
            <li key={useCase.scenarioId} className={on ? undefined : 'not-now'}>
              <span className="timeline-label">
                {localize(useCase.name, lang)}
                <span className="muted"> · {option}</span>
              </span>
              <span className="timeline-track" role="img" aria-label={label} title={label}>
                {years.map((y, k) => (
                  <span key={y} className="timeline-grid" style={{ left: `${at(k)}%` }} />
                ))}
                {on && (
                  <span
                    className="timeline-bar"
                    data-start={start + choice.startOffsetYears}
                    style={{
                      left: `${at(choice.startOffsetYears)}%`,
                      width: `${100 - at(choice.startOffsetYears)}%`,
                      ['--c' as string]: useCaseColor(index),
                    }}
                  />
                )}
              </span>
            </li>
          );
        })}
        <li className="timeline-axis" aria-hidden="true">
          <span className="timeline-label" />
          <span className="timeline-years">
            {years.map((y, k) => (
              // Centred in its year's column; on a phone, with many years, every other one.
              <span
                key={y}
                className={horizon > 6 && k % 2 ? 'minor' : undefined}
                style={{ left: `${at(k + 0.5)}%` }}
              >
                {y}
              </span>
            ))}
          </span>
        </li>
      </ol>
    </section>
  );
}
