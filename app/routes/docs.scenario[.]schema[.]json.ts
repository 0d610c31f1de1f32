import { json } from '@remix-run/node';

import { scenarioJsonSchema } from '~/engine/json-schema';

/** The scenario format as JSON Schema, for editors and other tools. */
export const loader = () =>
  json(scenarioJsonSchema(), { headers: { 'Cache-Control': 'public, max-age=3600' } });
