/**
 * npm run schema — writes docs/scenario.schema.json, the JSON Schema of the scenario format,
 * generated from the zod schema (the one definition), for editors and other tools.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { scenarioJsonSchema } from '~/engine/json-schema';

const file = join(import.meta.dirname, '..', 'docs', 'scenario.schema.json');
writeFileSync(file, `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${file}\n`);
