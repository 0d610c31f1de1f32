/**
 * Starting points for a new scenario: a blank county hospital (figures from the reference
 * data, no options yet) or a copy of a bundled scenario.
 */
import type { ScenarioInput } from '~/engine';

export function blankScenario(name: string, startYear: number): ScenarioInput {
  return {
    schemaVersion: 2,
    name,
    currency: 'CNY',
    startYear,
    horizonYears: 5,
    discountRate: 0.08,
    hospital: {
      name,
      type: 'county',
      grade: 'level2',
      beds: 300,
      occupancy: 0.86,
      outpatientVisitsPerYear: 195000,
      dischargesPerYear: 11200,
      roles: {
        physician: { headcount: 90, annualCostPerFte: 120698, paidHoursPerYear: 2000 },
        nurse: { headcount: 150, annualCostPerFte: 61000, paidHoursPerYear: 1930 },
      },
      wageGrowthPerYear: 0,
    },
    budget: { informatizationBaseAnnual: 2430000, aiShare: 0.25 },
    workflows: [],
    realization: {},
    options: [],
    sources: {
      discountRate: { kind: 'claimed', ref: '10.1' },
      'hospital.beds': { kind: 'assumed', ref: '7.1.beds' },
      'hospital.occupancy': { kind: 'claimed', ref: '1.20.public' },
      'hospital.outpatientVisitsPerYear': { kind: 'assumed', ref: '7.1.outpatient-visits' },
      'hospital.dischargesPerYear': { kind: 'assumed', ref: '7.1.discharges' },
      'hospital.roles.physician.annualCostPerFte': { kind: 'claimed', ref: '3.1' },
      'hospital.roles.nurse.annualCostPerFte': { kind: 'claimed', ref: '7.4.nurse-salary' },
      'budget.informatizationBaseAnnual': { kind: 'assumed', ref: '7.2.informatization-spend' },
    },
  };
}
