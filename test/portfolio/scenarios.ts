/**
 * Hand-made use cases for the portfolio's tests: the small test hospital (a budget of 1,000,000
 * a year × AI share 0.5 = 500,000 of AI budget) with one or two options each, changed per test.
 */
import { validateScenario, type Scenario, type ScenarioInput } from '~/engine';

import { baseScenario, option } from '../helpers/scenario';

/** An on-premises server line priced before VAT (13 %): 200,000 a server costs the hospital 226,000. */
export const SERVER_LINE = {
  kind: 'onPremCompute',
  id: 'servers',
  name: 'GPU servers',
  tokensPerTask: 2000,
  tokensPerSecondPerServer: 1500,
  targetUtilization: 0.5,
  capexPerServer: 200_000,
  usefulLifeYears: 4,
  kwPerServer: 3,
  pue: 1.5,
  electricityPricePerKwh: 0.8,
  maintenanceSharePerYear: 0.1,
  vat: { included: false, rate: 0.13 },
};

/** A validated use case of the test hospital, its options named `<id>-buy` and `<id>-build`. */
export function useCase(id: string, overrides: Record<string, unknown> = {}): Scenario {
  const validated = validateScenario(
    baseScenario({
      name: `Use case ${id}`,
      options: [
        option(`${id}-buy`, { costLines: [] }),
        option(`${id}-build`, { kind: 'build', costLines: [] }),
      ],
      ...overrides,
    } as Partial<ScenarioInput>),
  );
  if (!validated.ok) throw new Error(JSON.stringify(validated.problems, null, 2));
  return validated.scenario;
}

/** The test hospital's budget with changes. */
export const budget = (changes: Record<string, unknown>) =>
  ({ informatizationBaseAnnual: 1_000_000, aiShare: 0.5, ...changes }) as ScenarioInput['budget'];
