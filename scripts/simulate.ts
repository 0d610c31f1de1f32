/**
 * npm run simulate -- <scenario.json> [--json] [--monthly] [--lang zh-CN|en] [--trials N] [--seed S] [--samples file.csv] [--two-way inputA,inputB]
 * Prints the results of a scenario as a table, or as JSON on stdout. An invalid scenario
 * prints every problem on stderr and exits with 1.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import {
  compileScenario,
  formatProblems,
  isLang,
  runModel,
  runMonteCarlo,
  samplesCsv,
  twoWayTable,
  validateScenarioJson,
  type Lang,
  type MonteCarloResult,
} from '~/engine';
import { formatAmount, formatPercent, moneyUnit } from '~/engine/format';
import { resultsForExport, withMonteCarlo, type ScenarioResult } from '~/engine/results';
import { COST_CATEGORIES } from '~/engine/schema';
import { uncertaintyOf } from '~/engine/schema';
import { uncertainInputs } from '~/engine/uncertainty/monte-carlo';
import { scenarioSummary } from '~/i18n/summary';
import { CATEGORY_NAMES, IRR_NOTES, METRIC_NAMES, OPTION_KIND_NAMES } from '~/i18n/terms';

import { renderTable } from './table';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run simulate -- <scenario.json> [--json] [--monthly] [--lang zh-CN|en] [--trials N] [--seed S] [--samples file.csv] [--two-way inputA,inputB]\n`,
  );
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        monthly: { type: 'boolean', default: false },
        lang: { type: 'string', default: 'zh-CN' },
        trials: { type: 'string' },
        seed: { type: 'string' },
        samples: { type: 'string' },
        'two-way': { type: 'string' },
      },
    });
  } catch (error) {
    return usage((error as Error).message);
  }
})();

const lang = values.lang;
if (!isLang(lang)) usage(`--lang must be zh-CN or en, not ${lang}`);
const file = positionals[0];
if (!file || positionals.length > 1) usage('Give exactly one scenario file.');

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (error) {
  process.stderr.write(`${file}: ${(error as NodeJS.ErrnoException).code ?? 'cannot read'}\n`);
  process.exit(1);
}

const validated = validateScenarioJson(text);
if (!validated.ok) {
  process.stderr.write(`${file}:\n${formatProblems(validated.problems, lang)}\n`);
  process.exit(1);
}
const model = compileScenario(validated.scenario);
const result = runModel(model, undefined, { lang });
const monteCarlo = (() => {
  if (values.trials === undefined && values.seed === undefined) return null;
  const trials = values.trials === undefined ? undefined : Number(values.trials);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (trials !== undefined && !(Number.isInteger(trials) && trials >= 100 && trials <= 50000)) {
    usage('--trials must be a whole number from 100 to 50000');
  }
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0 && seed <= 4294967295)) {
    usage('--seed must be a whole number from 0 to 4294967295');
  }
  return runMonteCarlo(model, uncertaintyOf(validated.scenario), {
    trials,
    seed,
    recordSamples: values.samples !== undefined,
  });
})();

if (monteCarlo && values.samples !== undefined) writeFileSync(values.samples, samplesCsv(monteCarlo));

// --two-way a,b: every option's NPV over a 5 × 5 grid of two uncertain inputs (P10 to P90).
const twoWay = (() => {
  if (values['two-way'] === undefined) return null;
  const [a, b] = values['two-way'].split(',');
  const inputs = uncertainInputs(model, uncertaintyOf(validated.scenario));
  const find = (path: string | undefined) => inputs.find((i) => i.path === path);
  const ia = find(a);
  const ib = find(b);
  if (!ia || !ib) usage('--two-way takes two uncertain inputs, as written under uncertainty.inputs: a,b');
  return { inputs: [ia.path, ib.path], ...twoWayTable(model, ia, ib) };
})();

if (values.json) {
  const exported = resultsForExport(result, { monthly: values.monthly });
  const output = monteCarlo ? withMonteCarlo(exported, monteCarlo) : exported;
  process.stdout.write(`${JSON.stringify(twoWay ? { ...output, twoWay } : output, null, 2)}\n`);
} else {
  process.stdout.write(renderReport(result, lang));
  if (monteCarlo) process.stdout.write(renderMonteCarlo(result, monteCarlo, lang));
  if (twoWay) {
    for (const o of result.options) {
      process.stdout.write(
        `\n${o.name}: NPV (${moneyUnit(result.currency, lang)}), ${twoWay.inputs[0]} ↓ × ${twoWay.inputs[1]} →\n${renderTable(
          ['', ...twoWay.b.map((v) => v.toPrecision(3))],
          twoWay.a.map((v, i) => [
            v.toPrecision(3),
            ...twoWay.npv[o.id]![i]!.map((x) => formatAmount(x, lang)),
          ]),
        )}\n`,
      );
    }
  }
}

function renderReport(r: ScenarioResult, lang: Lang): string {
  const t = (key: keyof typeof METRIC_NAMES) => METRIC_NAMES[key][lang];
  const unit = moneyUnit(r.currency, lang);
  const money = (v: number) => formatAmount(v, lang);
  const out: string[] = [];
  out.push(
    lang === 'zh-CN'
      ? `${r.scenario}（${r.startYear} 年起 ${r.horizonYears} 年，折现率 ${formatPercent(r.discountRate, lang)}，金额单位：${unit}）`
      : `${r.scenario} (${r.horizonYears} years from ${r.startYear}, discount rate ${formatPercent(r.discountRate, lang)}, money in ${unit})`,
    '',
    ...scenarioSummary(r, lang),
    '',
  );
  out.push(
    renderTable(
      [
        t('option'),
        t('kind'),
        t('npv'),
        t('irr'),
        t('payback'),
        t('roi'),
        t('paperRoi'),
        t('tco'),
        t('hoursFreed'),
        t('cashRealized'),
        t('breachYears'),
      ],
      r.options.map((o) => [
        o.name,
        OPTION_KIND_NAMES[o.kind][lang],
        money(o.npv),
        o.irr === null ? t('none') : formatPercent(o.irr, lang),
        o.paybackMonth === null ? t('never') : String(o.paybackMonth),
        formatPercent(o.roi, lang),
        formatPercent(o.paperRoi, lang),
        money(o.tco),
        Math.round(o.hoursFreed).toLocaleString('en-US'),
        money(o.cashRealized),
        o.budgetBreachYears.length ? o.budgetBreachYears.join(', ') : '-',
      ]),
    ),
  );
  for (const o of r.options) {
    out.push('', `${o.name} (${OPTION_KIND_NAMES[o.kind][lang]})`);
    if (o.irr === null && o.irrNote) out.push(`${t('irr')}: ${IRR_NOTES[o.irrNote][lang]}`);
    out.push(
      renderTable(
        [
          t('year'),
          ...COST_CATEGORIES.map((c) => CATEGORY_NAMES[c][lang]),
          t('cashOut'),
          t('funding'),
          t('cashRealized'),
          t('netCashFlow'),
          t('budget'),
          t('budgetHeadroom'),
        ],
        o.years.map((y) => [
          String(y.calendarYear),
          ...COST_CATEGORIES.map((c) => money(y.costs[c])),
          money(y.cashOut),
          money(y.funding),
          money(y.cashRealized),
          money(y.netCashFlow),
          money(y.budget),
          (y.budgetBreach ? '! ' : '') + money(y.budgetHeadroom),
        ]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}

function renderMonteCarlo(r: ScenarioResult, mc: MonteCarloResult, lang: Lang): string {
  const zh = lang === 'zh-CN';
  const money = (v: number) => formatAmount(v, lang);
  const rows = r.options.map((o) => {
    const m = mc.options[o.id]!;
    return [
      o.name,
      money(m.npv.p10),
      money(m.npv.p50),
      money(m.npv.p90),
      formatPercent(m.probNpvPositive, lang),
      formatPercent(m.probPayback, lang),
      formatPercent(m.probBudgetBreach, lang),
      formatPercent(mc.winners.find((w) => w.optionId === o.id)?.share ?? 0, lang),
    ];
  });
  const head = zh
    ? ['方案', '净现值 P10', 'P50', 'P90', '净现值>0 概率', '回收概率', '超预算概率', '最优概率']
    : ['Option', 'NPV P10', 'P50', 'P90', 'P(NPV > 0)', 'P(payback)', 'P(breach)', 'P(best)'];
  const statusQuo = mc.winners.find((w) => w.optionId === 'statusQuo')?.share ?? 0;
  const pilots = r.options
    .filter((o) => mc.options[o.id]?.pilot)
    .map((o) => {
      const p = mc.options[o.id]!.pilot!;
      return zh
        ? `试点「${o.name}」：推广概率 ${formatPercent(p.probScaleUp, lang)}；规则的信息价值 ${money(p.informationValue)}；扣除试点成本和推迟后 ${money(p.netValue)}`
        : `pilot "${o.name}": scales up in ${formatPercent(p.probScaleUp, lang)}; its rule's information is worth ${money(p.informationValue)}; after its cost and delay ${money(p.netValue)}`;
    });
  return `\n${zh ? `蒙特卡洛模拟：${mc.trials} 次，种子 ${mc.seed}` : `Monte Carlo: ${mc.trials} trials, seed ${mc.seed}`}\n${renderTable(head, rows)}\n${
    zh
      ? `维持现状最优的概率 ${formatPercent(statusQuo, lang)}；完全信息的期望价值 ${money(mc.evpi)}`
      : `P(status quo is best) ${formatPercent(statusQuo, lang)}; expected value of perfect information ${money(mc.evpi)}`
  }\n${pilots.map((line) => `${line}\n`).join('')}`;
}
