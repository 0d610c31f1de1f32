/**
 * Staged trials (staging.ts): a trial runner told which inputs may change reuses whatever reads
 * none of them. Here every input of every bundled scenario is changed on its own, and the
 * trial must give the full run's numbers; a county variant's custom expression reads every
 * kind of variable. (The property test in invariants.test.ts covers generated scenarios.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { compileScenario, runModel, trialRunner, validateScenario, type Model } from '~/engine';

const dir = join(import.meta.dirname, '..', '..', 'scenarios');
const bundled = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f, doc: JSON.parse(readFileSync(join(dir, f), 'utf8')) as Record<string, unknown> }));

function compiled(doc: unknown): Model {
  const v = validateScenario(doc);
  if (!v.ok) throw new Error(JSON.stringify(v.problems.slice(0, 3)));
  return compileScenario(v.scenario);
}

/** The county scenario with a custom expression that reads hours freed, adoption, volumes, staff and a variable. */
function countyReadingEverything(): Record<string, unknown> {
  const doc = structuredClone(bundled.find((b) => b.name.startsWith('county'))!.doc) as {
    options: { costLines: { kind: string; expression?: string }[] }[];
  };
  const line = doc.options.flatMap((o) => o.costLines).find((l) => l.kind === 'custom')!;
  line.expression =
    'max(0, hoursFreed) * 2 + adoption * 100 + visits * 0.001 + nurses + tasks * smsPerFollowUp * smsPrice';
  return doc as unknown as Record<string, unknown>;
}

/** Changes each input alone (to 50 % and 80 % of its value) and compares each trial with the full run. */
function expectEveryInputAlone(model: Model): number {
  const { base, paths } = model.params;
  let compared = 0;
  paths.forEach((path, slot) => {
    if (base[slot] === 0) return;
    const runner = trialRunner(model, [slot]);
    // A run that may not reuse (a Monte Carlo draw) must not leave an outcome the next run
    // takes for the base's: base, 50 % without reuse, base again, 80 %, base.
    const runs: [number, boolean][] = [
      [1, true],
      [0.5, false],
      [1, true],
      [0.8, true],
      [1, true],
    ];
    for (const [factor, reuse] of runs) {
      const p = base.slice();
      p[slot] = base[slot]! * factor;
      const trial = runner.run(p, reuse);
      runModel(model, p).options.forEach((o, k) => {
        const scale = 1 + o.tco + o.cashRealized + o.paperValue + o.funding;
        const at = `${path} × ${factor}, ${o.id}`;
        expect(Math.abs(trial.npv[k]! - o.npv), at).toBeLessThanOrEqual(1e-9 * scale);
        expect(trial.scaledUp[k], at).toBe(o.pilot?.decision === 'scaleUp' ? 1 : 0);
        o.years.forEach((year, y) => {
          expect(
            Math.abs(trial.yearlyNetCash[k * model.years + y]! - year.netCashFlow),
            at,
          ).toBeLessThanOrEqual(1e-9 * scale);
          expect(trial.budgetBreach[k * model.years + y], at).toBe(year.budgetBreach ? 1 : 0);
        });
      });
      compared++;
    }
  });
  return compared;
}

describe('staged trials', () => {
  it.each(bundled.map((b) => [b.name, b.doc] as const))(
    '%s: each input changed alone gives the full run’s numbers',
    (_, doc) => {
      expect(expectEveryInputAlone(compiled(doc))).toBeGreaterThan(100);
    },
    25_000,
  );

  it('a custom expression follows every kind of variable it reads', () => {
    const model = compiled(countyReadingEverything());
    expect(model.options.every((o) => o.funding.every((f) => f.line.kind !== 'shareOfCost'))).toBe(true);
    expect(expectEveryInputAlone(model)).toBeGreaterThan(100);
  }, 20_000);
});
