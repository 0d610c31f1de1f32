/**
 * A small hospital for hand-worked tests: round numbers so every expected figure can be
 * worked out on paper. One nurse workflow: 1,000 tasks a month (per-month driver), 10 minutes
 * each; nurses cost 120,000 a year for 2,000 paid hours (60 an hour).
 */
import type { ScenarioInput } from '~/engine';
import { compileScenario, runModel, validateScenario, type ScenarioResult } from '~/engine';

export function baseScenario(overrides: Partial<ScenarioInput> = {}): ScenarioInput {
  return {
    schemaVersion: 2,
    name: 'Test hospital',
    currency: 'CNY',
    startYear: 2027,
    horizonYears: 2,
    discountRate: 0.08,
    hospital: {
      name: 'Test hospital',
      type: 'county',
      grade: 'level2',
      beds: 100,
      occupancy: 0.8,
      outpatientVisitsPerYear: 120000,
      dischargesPerYear: 3600,
      volumeGrowthPerYear: 0,
      roles: {
        nurse: { headcount: 50, annualCostPerFte: 120000, paidHoursPerYear: 2000, overtimeMultiplier: 1.5 },
        physician: { headcount: 30, annualCostPerFte: 240000, paidHoursPerYear: 2000 },
      },
      wageGrowthPerYear: 0,
    },
    budget: { informatizationBaseAnnual: 1000000, aiShare: 0.5 },
    workflows: [
      {
        id: 'notes',
        name: 'Nursing notes',
        role: 'nurse',
        volumeDriver: 'month',
        tasksPerDriverUnit: 1000,
        baselineMinutesPerTask: 10,
        baselineEvidence: { kind: 'measured', n: 40 },
      },
    ],
    realization: {},
    options: [],
    ...overrides,
  };
}

/** A measured effect on `notes` (4 of 10 minutes left: 6 freed per task), fully adopted from month 1. */
export function measuredEffect(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    basis: 'measured',
    workflowId: 'notes',
    adoption: { ceiling: 1, goLiveMonth: 1, rampMonths: 0 },
    evidence: { kind: 'measured', n: 20 },
    minutesWithAiPerTask: 4,
    verificationMinutesPerTask: 0,
    ...extra,
  };
}

/** An option with one measured effect on `notes`: full adoption from month 1 unless changed. */
export function option(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, name: id, kind: 'buy', effects: [measuredEffect()], costLines: [], ...extra };
}

export function simulate(doc: unknown): ScenarioResult {
  const validated = validateScenario(doc);
  if (!validated.ok) throw new Error(JSON.stringify(validated.problems, null, 2));
  return runModel(compileScenario(validated.scenario), undefined, { lang: 'en' });
}
