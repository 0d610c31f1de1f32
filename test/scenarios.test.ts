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
import { EXAMPLE_VARIABLE_NAMES, variableLabel } from '~/catalogue/variables';
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

/** Every note, source and method of the document as written, with its path (not a funding line's `source`, a kind). */
function notes(node: unknown, path = '', out: { path: string; text: unknown }[] = []) {
  if (Array.isArray(node)) node.forEach((n, i) => notes(n, `${path}.${i}`, out));
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      const isNote =
        key === 'note' || key === 'method' || (key === 'source' && !/\.funding\.\d+$/.test(path));
      if (isNote) out.push({ path: `${path}.${key}`, text: value });
      else notes(value, `${path}.${key}`, out);
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

  it.each(files)('%s gives every note, source and method in Chinese and English', (file) => {
    const found = notes(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    expect(found.length).toBeGreaterThan(10);
    for (const { path, text } of found) {
      expect(Object.keys(text as object).sort(), `${file}${path}`).toEqual(['en', 'zh-CN']);
      const { en, 'zh-CN': zh } = text as { en: string; 'zh-CN': string };
      expect(zh, `${file}${path}`).toMatch(/\p{Script=Han}/u);
      expect(zh, `${file}${path}`).not.toBe(en);
      // NOT FOUND reads 未找到; figures and reference ids (5.7) stay as they are, except an
      // amount in millions ("1.4 M"), which Chinese gives in 万元.
      if (en.includes('NOT FOUND')) expect(zh, `${file}${path}`).toContain('未找到');
      expect(zh).not.toContain('NOT FOUND');
      for (const figure of en.replace(/\d+(\.\d+)? M\b/g, '').match(/\d+(?:[.,]\d+)+/g) ?? [])
        expect(zh, `${file}${path}: ${figure}`).toContain(figure);
    }
  });

  it.each(files)('%s writes its one-language texts (region, posts) in Chinese and English', (file) => {
    const scenario = load(file);
    // A plain string is one text for both languages: the editor shows it as the box's value.
    const plain = [
      scenario.hospital.region ?? '',
      ...scenario.options.flatMap((o) => o.costLines.flatMap((l) => (l.kind === 'staffing' ? [l.role] : []))),
    ];
    expect(plain.length).toBeGreaterThan(1);
    for (const text of plain)
      // "中文 / English": Chinese first (a Latin name such as AI may be in it), then English alone.
      expect(text, file).toMatch(/^[^/]*\p{Script=Han}[^/]* \/ [A-Za-z][^\p{Script=Han}]*$/u);
  });

  it.each(files)('%s names each formula variable in words in both languages', (file) => {
    const scenario = load(file);
    for (const name of Object.keys(scenario.variables)) {
      expect(EXAMPLE_VARIABLE_NAMES, `${file}: ${name}`).toHaveProperty(name);
      expect(variableLabel(name, 'zh-CN')).toMatch(/\p{Script=Han}/u);
      expect(variableLabel(name, 'zh-CN')).not.toMatch(/[A-Za-z]/);
    }
    // A variable a user named keeps their name, said to be one.
    expect(variableLabel('myRate', 'zh-CN')).toBe('公式变量「myRate」');
    expect(variableLabel('tasks', 'zh-CN')).toBe('本月用 AI 完成的任务数');
  });

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
