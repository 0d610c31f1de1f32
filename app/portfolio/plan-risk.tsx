/** The chosen plan under the Monte Carlo: its NPV's spread and the chance it breaks a budget. */
import { formatMoney, formatNumber, formatPercent } from '~/engine/format';
import type { Lang } from '~/engine/text';

import type { PortfolioPlan } from './portfolio';
import { PlanHistogram } from './plan-charts';
import { planWord } from './plan-words';

export function PlanRisk({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  const mc = plan.monteCarlo;
  const money = (x: number) => formatMoney(x, 'CNY', lang);
  return (
    <section className="card chart-card" data-testid="plan-risk">
      <h2>{planWord(lang, 'riskTitle')}</h2>
      {!mc ? (
        <p className="muted">{planWord(lang, 'noMonteCarlo')}</p>
      ) : (
        <>
          <p>
            {planWord(lang, 'riskSummary', {
              trials: formatNumber(mc.trials),
              p10: money(mc.p10),
              p50: money(mc.p50),
              p90: money(mc.p90),
            })}
          </p>
          <p className={mc.breachProbability > 0 ? 'bad' : undefined} data-testid="breach-probability">
            {mc.breachProbability > 0
              ? planWord(lang, 'breachChance', { p: formatPercent(mc.breachProbability, lang) })
              : planWord(lang, 'breachNone')}
          </p>
          <PlanHistogram mc={mc} lang={lang} />
        </>
      )}
    </section>
  );
}
