/**
 * The bundled example scenarios, seeded into a new database. Imported statically so the
 * server build carries them (no file paths at run time).
 */
import county from './county-hospital-300-beds.json';
import tertiary from './tertiary-hospital-on-prem.json';
import township from './township-health-centre-api.json';

export const BUNDLED_SCENARIOS: readonly { key: string; document: unknown }[] = [
  { key: 'county-hospital-300-beds', document: county },
  { key: 'township-health-centre-api', document: township },
  { key: 'tertiary-hospital-on-prem', document: tertiary },
];
