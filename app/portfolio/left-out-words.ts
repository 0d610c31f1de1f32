/**
 * Why the plan leaves a use case out, in one sentence: the same words on the page, in the
 * committee PDF and in the workbook.
 */
import { localize, type Lang } from '~/engine/text';

import type { LeftOutReason, PortfolioPlan } from './portfolio';

const WORDS = {
  notWorthIt: {
    'zh-CN': '{useCase}：没有一种做法的净现值为正（最好的“{option}”为 {npv}），暂不实施更划算。',
    en: '{useCase}: no option has a positive NPV (the best, “{option}”, {npv}); not doing it is worth more.',
  },
  notWorthItNoOption: {
    'zh-CN': '{useCase}：没有可选的做法。',
    en: '{useCase}: it has no option to choose.',
  },
  budget: {
    'zh-CN': '{useCase}：“{option}”净现值 {npv}，但 {years} 年的预算放不下它。',
    en: '{useCase}: “{option}” is worth {npv}, but the budget of {years} has no room for it.',
  },
  dependency: {
    'zh-CN': '{useCase}：要依赖“{other}”的平台，而“{other}”没有选上。',
    en: '{useCase}: it needs the platform of “{other}”, which is not in the plan.',
  },
  resources: {
    'zh-CN':
      '{useCase}：“{option}”净现值 {npv}，但研究经费、共享服务器或每年可招的人数不够，或多买的服务器比它挣的还多。',
    en: '{useCase}: “{option}” is worth {npv}, but the research budget, the shared servers or the hires allowed each year do not stretch to it, or the servers it needs cost more than it earns.',
  },
  breachLimit: {
    'zh-CN': '{useCase}：“{option}”净现值 {npv}，但加上它，某年超预算的概率会超过允许的上限。',
    en: '{useCase}: “{option}” is worth {npv}, but with it the chance of breaking some year’s budget would pass the limit set.',
  },
  displaced: {
    'zh-CN':
      '{useCase}：“{option}”净现值 {npv}，但同样的预算给其他项目价值更高（求解在时限内停止，未证明最优）。',
    en: '{useCase}: “{option}” is worth {npv}, but the same budget is worth more spent on the others (the solver stopped at its time limit without proving it).',
  },
} as const;

const fill = (template: string, params: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '');

const yearList = (years: readonly number[], lang: Lang) =>
  lang === 'zh-CN'
    ? years.join('、')
    : years.length <= 1
      ? years.join('')
      : `${years.slice(0, -1).join(', ')} and ${years.at(-1)}`;

/** Why a use case is left out, in one sentence; money formatted by `money`. */
export function leftOutSentence(
  plan: Pick<PortfolioPlan, 'useCases'>,
  scenarioId: string,
  reason: LeftOutReason,
  lang: Lang,
  money: (cny: number) => string,
): string {
  const found = plan.useCases.find((u) => u.scenarioId === scenarioId);
  const useCase = found ? localize(found.name, lang) : '';
  const optionName = (id: string) => {
    const option = found?.options.find((o) => o.id === id);
    return option ? localize(option.name, lang) : '';
  };
  switch (reason.kind) {
    case 'notWorthIt':
      return reason.bestOptionId === null
        ? fill(WORDS.notWorthItNoOption[lang], { useCase })
        : fill(WORDS.notWorthIt[lang], {
            useCase,
            option: optionName(reason.bestOptionId),
            npv: money(reason.bestNpv),
          });
    case 'budget':
      return fill(WORDS.budget[lang], {
        useCase,
        option: optionName(reason.optionId),
        npv: money(reason.npv),
        years: yearList(reason.years, lang),
      });
    case 'dependency': {
      const other = plan.useCases.find((u) => u.scenarioId === reason.needsScenarioId);
      return fill(WORDS.dependency[lang], { useCase, other: other ? localize(other.name, lang) : '' });
    }
    case 'resources':
    case 'breachLimit':
    case 'displaced':
      return fill(WORDS[reason.kind][lang], {
        useCase,
        option: optionName(reason.optionId),
        npv: money(reason.npv),
      });
  }
}
