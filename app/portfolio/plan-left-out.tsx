/** What the plan leaves out, each use case with its reason in a sentence. */
import { formatMoney } from '~/engine/format';
import type { Lang } from '~/engine/text';

import { leftOutSentence } from './left-out-words';
import type { PortfolioPlan } from './portfolio';
import { planWord } from './plan-words';

export function PlanLeftOut({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  return (
    <section className="card" data-testid="plan-left-out">
      <h2>{planWord(lang, 'leftOutTitle')}</h2>
      {plan.leftOut.length === 0 ? (
        <p>{planWord(lang, 'leftOutNone')}</p>
      ) : (
        <ul>
          {plan.leftOut.map((l) => (
            <li key={l.scenarioId}>
              {leftOutSentence(plan, l.scenarioId, l.reason, lang, (x) => formatMoney(x, 'CNY', lang))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
