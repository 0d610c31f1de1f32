/** What the plan leaves out, each use case with its reason in a sentence. */
import { formatMoney } from '~/engine/format';
import type { Lang } from '~/engine/text';

import type { LeftOutReason, PortfolioPlan } from './portfolio';
import { optionName, planWord, useCaseName, yearList } from './plan-words';

export function leftOutSentence(
  plan: Pick<PortfolioPlan, 'useCases'>,
  scenarioId: string,
  reason: LeftOutReason,
  lang: Lang,
): string {
  const useCase = useCaseName(plan, scenarioId, lang);
  const money = (x: number) => formatMoney(x, 'CNY', lang);
  switch (reason.kind) {
    case 'notWorthIt':
      return reason.bestOptionId === null
        ? planWord(lang, 'notWorthItNoOption', { useCase })
        : planWord(lang, 'notWorthIt', {
            useCase,
            option: optionName(plan, scenarioId, reason.bestOptionId, lang),
            npv: money(reason.bestNpv),
          });
    case 'budget':
      return planWord(lang, 'leftOutBudget', {
        useCase,
        option: optionName(plan, scenarioId, reason.optionId, lang),
        npv: money(reason.npv),
        years: yearList(reason.years, lang),
      });
    case 'dependency':
      return planWord(lang, 'leftOutDependency', {
        useCase,
        other: useCaseName(plan, reason.needsScenarioId, lang),
      });
    case 'resources':
      return planWord(lang, 'leftOutResources', {
        useCase,
        option: optionName(plan, scenarioId, reason.optionId, lang),
        npv: money(reason.npv),
      });
    case 'displaced':
      return planWord(lang, 'leftOutDisplaced', {
        useCase,
        option: optionName(plan, scenarioId, reason.optionId, lang),
        npv: money(reason.npv),
      });
  }
}

export function PlanLeftOut({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  return (
    <section className="card" data-testid="plan-left-out">
      <h2>{planWord(lang, 'leftOutTitle')}</h2>
      {plan.leftOut.length === 0 ? (
        <p>{planWord(lang, 'leftOutNone')}</p>
      ) : (
        <ul>
          {plan.leftOut.map((l) => (
            <li key={l.scenarioId}>{leftOutSentence(plan, l.scenarioId, l.reason, lang)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
