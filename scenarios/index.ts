/**
 * The bundled example scenarios, seeded into a new database. Imported statically so the
 * server build carries them (no file paths at run time). The county hospital's three use cases
 * (the first, and the two after it) share one hospital, budget and horizon: the example
 * portfolio plans them together.
 */
import county from './county-hospital-300-beds.json';
import countyChronicRisk from './county-hospital-chronic-risk.json';
import countyNursing from './county-hospital-nursing-assistant.json';
import tertiary from './tertiary-hospital-on-prem.json';
import township from './township-health-centre-api.json';

export const BUNDLED_SCENARIOS: readonly { key: string; document: unknown }[] = [
  { key: 'county-hospital-300-beds', document: county },
  { key: 'county-hospital-nursing-assistant', document: countyNursing },
  { key: 'county-hospital-chronic-risk', document: countyChronicRisk },
  { key: 'township-health-centre-api', document: township },
  { key: 'tertiary-hospital-on-prem', document: tertiary },
];

/**
 * The example portfolio's name. A portfolio's name is one text (not one per language): the
 * Chinese is stored, as the hospital is Chinese; the English is here for a page that shows the
 * example in English.
 */
export const EXAMPLE_PORTFOLIO_NAME = {
  'zh-CN': '县医院 AI 投入组合（示例）',
  en: 'County hospital AI portfolio (example)',
} as const;

/** The bundled scenarios the example portfolio holds: one county hospital's use cases. */
export const EXAMPLE_PORTFOLIO_SCENARIOS: readonly string[] = [
  'county-hospital-300-beds',
  'county-hospital-nursing-assistant',
  'county-hospital-chronic-risk',
];
