/**
 * npm run simulate -- <scenario.json> [--json] [--monthly] [--lang zh-CN|en]
 * Prints the results of a scenario as a table, or as JSON on stdout. An invalid scenario
 * prints every problem on stderr and exits with 1.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

import { compileScenario, formatProblems, isLang, runModel, validateScenarioJson, type Lang } from '~/engine';
import { formatAmount, formatPercent, moneyUnit } from '~/engine/format';
import { resultsForExport, type ScenarioResult } from '~/engine/results';
import { COST_CATEGORIES } from '~/engine/schema';
import { scenarioSummary } from '~/i18n/summary';
import { CATEGORY_NAMES, IRR_NOTES, METRIC_NAMES, OPTION_KIND_NAMES } from '~/i18n/terms';

import { renderTable } from './table';

function usage(message: string): never {
  process.stderr.write(
    `${message}\nusage: npm run simulate -- <scenario.json> [--json] [--monthly] [--lang zh-CN|en]\n`,
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
const result = runModel(compileScenario(validated.scenario), undefined, { lang });

if (values.json) {
  process.stdout.write(`${JSON.stringify(resultsForExport(result, { monthly: values.monthly }), null, 2)}\n`);
} else {
  process.stdout.write(renderReport(result, lang));
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
