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
});
