import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { scenarioJsonSchema } from '~/engine/json-schema';

describe('docs/scenario.schema.json', () => {
  it('is the JSON Schema generated from the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'docs', 'scenario.schema.json'), 'utf8'),
    );
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('documents units on money and time fields', () => {
    const text = JSON.stringify(scenarioJsonSchema());
    expect(text).toContain('in the scenario currency');
    expect(text).toContain('share 0–1');
    expect(text).toContain('month of the horizon, 1 = first month');
  });

  it('says a budget by year may stop short of the horizon, and what the years after it become', () => {
    const budget = (
      scenarioJsonSchema() as {
        properties: {
          budget: { properties: Record<string, { description: string } & Record<string, unknown>> };
        };
      }
    ).properties.budget.properties;
    expect(budget.informatizationByYear).toMatchObject({ type: 'array', minItems: 1, maxItems: 10 });
    expect(budget.informatizationByYear!.description).toContain('at most one per year of the horizon');
    expect(budget.informatizationByYear!.description).toContain(
      'the years after the last one given grow from it at the yearly growth',
    );
    expect(budget.informatizationBaseAnnual!.description).toContain(
      'not used when informatizationByYear is given',
    );
    expect(budget.informatizationGrowthPerYear!.description).toContain(
      'with a budget by year: after its last year',
    );
  });
});
