/** The bundled scenarios: valid, sourced, and each option with a result worth reading. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  compileScenario,
  runModel,
  validateScenarioJson,
  type Scenario,
  type ScenarioResult,
} from '~/engine';
import { parseReferenceFigures } from '~/reference/figures';

const dir = join(import.meta.dirname, '..', 'scenarios');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const figures = parseReferenceFigures(
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'seeds', 'reference-figures.json'), 'utf8')),
).figures;
const figureIds = new Set(figures.map((f) => f.id));

function load(file: string): Scenario {
  const result = validateScenarioJson(readFileSync(join(dir, file), 'utf8'));
  if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result.problems)}`);
  return result.scenario;
}

/** Every `ref` anywhere in the document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ref' && typeof value === 'string') out.push(value);
      else refs(value, out);
    }
  }
  return out;
}

describe('bundled scenarios', () => {
  it('has at least three', () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files)(
    '%s validates, cites existing reference figures and gives every option a real result',
    (file) => {
      const scenario = load(file);
      const cited = refs(scenario);
      expect(cited.length).toBeGreaterThan(5);
      for (const ref of cited) expect(figureIds, `${file} cites ${ref}`).toContain(ref);
      const result = runModel(compileScenario(scenario));
      for (const option of result.options) {
        expect(Math.abs(option.npv), option.id).toBeGreaterThan(1000);
        expect(option.tco, option.id).toBeGreaterThan(0);
        expect(option.hoursFreed, option.id).not.toBe(0);
      }
    },
  );

  it('compares buy, build and pilot side by side in one scenario, and uses a custom expression', () => {
    const scenarios = files.map(load);
    expect(
      scenarios.some((s) =>
        ['buy', 'build', 'pilot'].every((kind) => s.options.some((o) => o.kind === kind)),
      ),
    ).toBe(true);
    expect(scenarios.some((s) => s.options.some((o) => o.costLines.some((l) => l.kind === 'custom')))).toBe(
      true,
    );
  });

  it('tells the stories they were written for', () => {
    const byId: Record<string, ScenarioResult> = Object.fromEntries(
      files.map((f) => [load(f).id, runModel(compileScenario(load(f)))]),
    );
    const county = byId['county-hospital-300-beds']!.options;
    // The top hospital's speech system adds work at a county hospital and is abandoned.
    const speech = county.find((o) => o.id === 'buy-speech-emr')!;
    expect(speech.hoursFreed).toBeLessThan(0);
    expect(speech.stop?.month).toBe(12);
    expect(speech.stop!.strandedBookValue).toBeGreaterThan(0);
    // The pilot passes and scales up.
    expect(county.find((o) => o.kind === 'pilot')!.pilot!.decision).toBe('scaleUp');
    // The township pilot fails its rule.
    expect(byId['township-health-centre-api']!.options.find((o) => o.kind === 'pilot')!.pilot!.decision).toBe(
      'stop',
    );
    // On-premises compute eats the tertiary hospital's AI budget in the purchase year.
    const onPrem = byId['tertiary-hospital-on-prem']!.options.find((o) => o.id === 'build-on-prem')!;
    expect(onPrem.budgetBreachYears).toContain(1);
    expect(onPrem.years[0]!.costs.compute).toBeGreaterThan(onPrem.years[0]!.budget);
  });
});
