import { z } from 'zod';

import { scenarioSchema } from './schema';

/** The scenario format as JSON Schema (input side: fields with defaults are optional). */
export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Hospital AI Planner scenario, schemaVersion 1',
  };
}
