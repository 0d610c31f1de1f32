/** The `simulate` command as a committee's analyst runs it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'simulate.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

describe('npm run simulate', { timeout: 90_000 }, () => {
  it('prints exactly the documented JSON shape', () => {
    const out = run('scenarios/county-hospital-300-beds.json', '--json', '--lang', 'en');
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json).toMatchObject({ scenario: expect.any(String), currency: 'CNY', discountRate: 0.08 });
    for (const o of json.options) {
      for (const key of [
        'id',
        'name',
        'kind',
        'npv',
        'irr',
        'irrNote',
        'paybackMonth',
        'discountedPaybackMonth',
        'roi',
        'paperRoi',
        'tco',
        'hoursFreed',
        'fteFreed',
        'cashRealized',
        'budgetBreachYears',
        'years',
      ]) {
        expect(o, key).toHaveProperty(key);
      }
      expect(o).not.toHaveProperty('monthly');
      for (const y of o.years) {
        expect(Object.keys(y.costs).sort()).toEqual(
          ['compute', 'staffing', 'maintenance', 'vendor', 'data', 'training', 'compliance', 'other'].sort(),
        );
        const sum = Object.values(y.costs as Record<string, number>).reduce((a, b) => a + b, 0);
        expect(y.cashOut).toBeCloseTo(sum, 6);
        expect(y.netCashFlow).toBeCloseTo(y.cashRealized + y.funding - y.cashOut, 6);
        expect(y.budgetHeadroom).toBeCloseTo(y.budget - (y.cashOut - y.funding), 6);
      }
    }
  });

  it('prints a readable table in Chinese by default, money in 万元', () => {
    const out = run('scenarios/township-health-centre-api.json');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('万元');
    expect(out.stdout).toContain('净现值');
  });

  it('prints every problem of an invalid scenario on stderr, nothing on stdout, and fails', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'planner-')), 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        schemaVersion: 1,
        name: 'x',
        startYear: 2027,
        horizonYears: 12,
        hospital: { beds: -1 },
      }),
    );
    const out = run(file, '--json', '--lang', 'en');
    expect(out.status).toBe(1);
    expect(out.stdout).toBe('');
    expect(out.stderr).toContain('horizonYears: Must be at most 10');
    expect(out.stderr).toContain('hospital.beds: Must be at least 0');
    expect(out.stderr).toContain('budget: Required');
  });

  it('adds the Monte Carlo and a two-way table when asked', () => {
    const fit = 'options.followup-rollout.effects.chronic-followup.fit';
    const minutes = 'workflows.chronic-followup.baselineMinutesPerTask';
    const out = run(
      'scenarios/county-hospital-300-beds.json',
      '--json',
      '--trials',
      '200',
      '--seed',
      '4',
      '--two-way',
      `${fit},${minutes}`,
    );
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout);
    expect(json.options[0].mc).toMatchObject({ trials: 200, seed: 4 });
    expect(json.twoWay.inputs).toEqual([fit, minutes]);
    expect(json.twoWay.npv['followup-rollout']).toHaveLength(5);
    expect(json.twoWay.npv['followup-rollout'][0]).toHaveLength(5);
    // More fit and more minutes to save never make the rollout worse.
    const grid: number[][] = json.twoWay.npv['followup-rollout'];
    expect(grid[4]![4]!).toBeGreaterThanOrEqual(grid[0]![0]!);
    expect(run('scenarios/county-hospital-300-beds.json', '--two-way', 'x,y').status).toBe(2);
  });

  it('refuses an unknown language', () => {
    const out = run('scenarios/township-health-centre-api.json', '--lang', 'fr');
    expect(out.status).toBe(2);
    expect(out.stdout).toBe('');
  });
});
