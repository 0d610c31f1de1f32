/**
 * The budget committee's report as a PDF, in the chapters a Chinese feasibility study or budget
 * request has (../shared/design/REPORT.md): cover; summary; why; need; options; running it;
 * money; effects; risks; targets; conclusion; annex of every input. Every figure comes from the
 * engine for this version; the charts are the dashboard's, drawn as vectors.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import {
  BudgetChart,
  CASH_COLOR,
  CumulativeCashChart,
  FRAME,
  HOURS_COLOR,
  HoursCashChart,
  OPTION_COLORS,
  PAPER_COLOR,
} from '~/dashboard/charts';
import { evidenceWithNote } from '~/catalogue/evidence';
import { describeInputs, uncertainInputLabels } from '~/catalogue/inputs';
import { COST_CATEGORIES, ROLE_IDS } from '~/engine/constants';
import { compileScenario } from '~/engine/compile';
import { netMinutesSaved } from '~/engine/track';
import {
  formatAmount,
  formatMoney,
  formatNumber,
  formatPercent,
  formatUnitPrice,
  moneyUnit,
} from '~/engine/format';
import type { OptionResult, ScenarioResult } from '~/engine/results';
import type { Evidence, Scenario } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { movingBars, type MonteCarloResult } from '~/engine/uncertainty/monte-carlo';
import { fteChange, hoursChange, workChangeCell } from '~/i18n/hours';
import { scenarioSummary } from '~/i18n/summary';
import { beijingDate } from '~/i18n/time';
import { translate } from '~/i18n/ui';
import { CATEGORY_NAMES, OPTION_KIND_NAMES, ROLE_NAMES, termLabel } from '~/i18n/terms';

import { budgetSentence } from './budget-sentence';
import { Report } from './layout.server';
import { REPORT_TEXT, type ReportKey } from './text';

export interface ReportInput {
  document: Scenario;
  version: number;
  savedAt: string;
  /** The version's approval state in words ("草稿 · 未审批", "已批准 · 第 3 版 · …"). */
  approval: string;
  result: ScenarioResult;
  /** The Monte Carlo of this version (the scenario's seed), or null when it has no uncertainty. */
  mc: MonteCarloResult | null;
  lang: Lang;
  /** When the report is made, for the cover (the caller's clock: the engine has none). */
  generatedAt: Date;
}

/** Characters the font cannot draw named one by one in the cover's note; past that, counted. */
const MAX_MISSING_LISTED = 40;

/** The dashboard chart a component draws, as its SVG. */
export function chartSvg(element: React.ReactElement): string {
  const html = renderToStaticMarkup(element);
  const start = html.indexOf('<svg');
  const end = html.indexOf('</svg>', start);
  return start < 0 || end < 0 ? '' : html.slice(start, end + '</svg>'.length);
}

/** The option a committee is asked to fund: the best NPV, or none when every option loses. */
function recommended(result: ScenarioResult): OptionResult | null {
  const best = [...result.options].sort((a, b) => b.npv - a.npv)[0];
  return best && best.npv > 0 ? best : null;
}

export async function reportPdf(input: ReportInput): Promise<Uint8Array<ArrayBuffer>> {
  const { document: doc, result, mc, lang } = input;
  const t = (key: ReportKey, params: Record<string, string | number> = {}) =>
    REPORT_TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  const zh = lang === 'zh-CN';
  const money = (v: number) => formatMoney(v, result.currency, lang);
  const amount = (v: number) => formatAmount(v, lang);
  const unit = moneyUnit(result.currency, lang);
  const pct = (v: number | null) => formatPercent(v, lang);
  const title = localize(doc.name, lang);
  const hospital = localize(doc.hospital.name, lang);
  // The viewer's window title names the hospital and the case, as the file's name does.
  const r = new Report({
    title: title.startsWith(hospital) ? title : `${hospital} · ${title}`,
    author: hospital,
    subject: t('subject'),
  });
  const best = recommended(result);
  const chosen = best ?? [...result.options].sort((a, b) => b.npv - a.npv)[0] ?? null;
  const mcOf = (o: OptionResult) => mc?.options[o.id] ?? null;
  // A tornado of one option names its inputs as that option's chart does (see the dashboard).
  const { labels, byOption: tornadoLabels } = uncertainInputLabels(doc, lang);

  // Cover.
  r.doc.moveDown(6);
  r.doc.font('sans').fontSize(12).fillColor('#5f6b7a').text(hospital, { align: 'center' });
  r.doc.moveDown(0.8).font('sans-bold').fontSize(22).fillColor('#1f2933').text(title, { align: 'center' });
  r.doc.moveDown(0.6).font('sans').fontSize(14).text(t('subject'), { align: 'center' });
  r.doc.moveDown(4).fontSize(10.5);
  for (const line of [
    t('coverScenario', { name: title, version: input.version, saved: input.savedAt.slice(0, 10) }),
    input.approval,
    t('coverDate', { date: beijingDate(input.generatedAt.toISOString()) }),
    t('coverMoney', { currency: result.currency, unit, year: doc.startYear, rate: pct(result.discountRate) }),
    t('coverPreparedBy'),
  ])
    r.doc.text(line, { align: 'center' }).moveDown(0.3);

  // 1. Summary.
  r.newPage();
  r.h1(t('ch1'));
  r.para(
    best
      ? t('decisionBest', {
          option: best.name,
          npv: money(best.npv),
          payback:
            best.paybackMonth === null
              ? t('noPayback')
              : t(best.discountedPaybackMonth === null ? 'paybackUndiscounted' : 'paybackMonth', {
                  month: best.paybackMonth,
                }),
        })
      : t('decisionNone'),
  );
  if (chosen) {
    r.para(budgetSentence(chosen, lang, money));
    const m = mcOf(chosen);
    if (m) {
      r.para(
        t('range', {
          option: chosen.name,
          p10: money(m.npv.p10),
          p90: money(m.npv.p90),
          positive: pct(m.probNpvPositive),
          payback: pct(m.probPayback),
          breach: pct(m.probBudgetBreach),
        }),
      );
      const top = movingBars(m, 1)[0];
      if (top)
        r.para(
          t('mainRisk', {
            input: tornadoLabels[chosen.id]?.[top.input] ?? top.input,
            low: money(top.low),
            high: money(top.high),
          }),
        );
    }
  }
  r.h2(t('perOption'));
  r.bullets(scenarioSummary(result, lang));

  // 2. Why: the workflows and today's burden.
  r.h1(t('ch2'));
  r.para(t('whyIntro'));
  r.table(
    [
      { header: t('workflow'), width: 3 },
      { header: t('role'), width: 1.4 },
      { header: t('minutesToday'), width: 1.4, align: 'right' },
      { header: t('evidence'), width: 3 },
    ],
    doc.workflows.map((w) => [
      localize(w.name, lang),
      termLabel(ROLE_NAMES[w.role], lang),
      formatNumber(w.baselineMinutesPerTask, 1),
      evidenceText(w.baselineEvidence, lang),
    ]),
  );
  r.para(t('statusQuo'), { muted: true });

  // 3. Need: volumes and who does the work.
  r.h1(t('ch3'));
  const h = doc.hospital;
  r.bullets([
    t('volumes', {
      beds: formatNumber(h.beds),
      occupancy: pct(h.occupancy),
      visits: formatNumber(h.outpatientVisitsPerYear),
      discharges: formatNumber(h.dischargesPerYear),
      growth: pct(h.volumeGrowthPerYear),
    }),
  ]);
  r.table(
    [
      { header: t('role'), width: 2 },
      { header: t('headcount'), width: 1, align: 'right' },
      { header: t('annualCost', { unit }), width: 1.6, align: 'right' },
      { header: t('paidHours'), width: 1.4, align: 'right' },
    ],
    ROLE_IDS.flatMap((role) => {
      const p = h.roles[role];
      return p
        ? [
            [
              termLabel(ROLE_NAMES[role], lang),
              formatNumber(p.headcount, 1),
              amount(p.annualCostPerFte),
              formatNumber(p.paidHoursPerYear),
            ],
          ]
        : [];
    }),
  );

  // 4. Options side by side.
  r.h1(t('ch4'));
  for (const option of doc.options) {
    const res = result.options.find((o) => o.id === option.id)!;
    const kind = OPTION_KIND_NAMES[option.kind][lang];
    const name = localize(option.name, lang);
    r.h2(zh ? `${name}（${kind}）` : `${name} (${kind})`);
    if (option.description) r.para(localize(option.description, lang), { muted: true });
    r.bullets([
      ...option.effects.map((e) => {
        const w = doc.workflows.find((x) => x.id === e.workflowId)!;
        return t('effectLine', {
          workflow: localize(w.name, lang),
          basis: e.basis === 'measured' ? t('measured') : t('claimed'),
          ceiling: pct(e.adoption.ceiling),
          month: e.adoption.goLiveMonth,
        });
      }),
      ...res.compute.map((c) =>
        t('computeLine', {
          servers: c.servers,
          tps: formatNumber(c.peakTokensPerSecond, 1),
          purchases: c.purchases,
        }),
      ),
      t('linesLine', {
        lines: option.costLines.map((l) => localize(l.name, lang)).join(zh ? '、' : ', ') || '—',
      }),
      ...(res.pilot
        ? [
            t('pilotLine', {
              month: res.pilot.decisionMonth,
              threshold: formatNumber(res.pilot.threshold, 1),
              measured: formatNumber(res.pilot.measuredNetMinutesPerTask, 1),
              decision: res.pilot.decision === 'scaleUp' ? t('scaleUp') : t('stop'),
            }),
          ]
        : []),
    ]);
  }

  // 5. Running it: cost by category per year.
  r.h1(t('ch5'));
  r.para(t('runningIntro', { unit }));
  for (const o of result.options) {
    r.h2(o.name);
    r.table(
      [
        { header: t('category'), width: 1.6 },
        ...o.years.map((y) => ({ header: String(y.calendarYear), width: 1, align: 'right' as const })),
      ],
      COST_CATEGORIES.filter((c) => o.years.some((y) => Math.abs(y.costs[c]) > 0.005)).map((c) => [
        termLabel(CATEGORY_NAMES[c], lang),
        ...o.years.map((y) => amount(y.costs[c])),
      ]),
    );
  }

  // 6. Money.
  r.h1(t('ch6'));
  r.para(t('moneyIntro', { rate: pct(result.discountRate), unit }));
  r.table(
    [
      { header: t('option'), width: 3 },
      { header: t('npv'), width: 1.3, align: 'right' },
      { header: t('irr'), width: 1.3, align: 'right' },
      { header: t('payback'), width: 1.1, align: 'right' },
      { header: t('roi'), width: 1, align: 'right' },
      { header: t('paperRoi'), width: 1, align: 'right' },
      { header: t('tco'), width: 1.3, align: 'right' },
      { header: t('funding'), width: 1.3, align: 'right' },
    ],
    result.options.map((o) => [
      o.name,
      amount(o.npv),
      o.irr === null ? '—' : pct(o.irr),
      o.paybackMonth === null ? t('never') : String(o.paybackMonth),
      pct(o.roi),
      pct(o.paperRoi),
      amount(o.tco),
      amount(o.funding),
    ]),
    { bad: (row, col) => col === 1 && result.options[row]!.npv < 0 },
  );
  for (const o of result.options) {
    r.h2(t('flowsOf', { option: o.name }));
    r.table(
      [
        { header: t('year'), width: 0.8 },
        { header: t('cashOut'), width: 1.2, align: 'right' },
        { header: t('funding'), width: 1.2, align: 'right' },
        { header: t('cashRealized'), width: 1.2, align: 'right' },
        { header: t('netCashFlow'), width: 1.2, align: 'right' },
        { header: t('budget'), width: 1.2, align: 'right' },
        { header: t('budgetShare'), width: 1, align: 'right' },
      ],
      o.years.map((y) => [
        String(y.calendarYear),
        amount(y.cashOut),
        amount(y.funding),
        amount(y.cashRealized),
        amount(y.netCashFlow),
        amount(y.budget),
        pct(y.budgetShareUsed),
      ]),
      { bad: (row, col) => col === 6 && o.years[row]!.budgetBreach },
    );
  }
  // The charts wrap an option's name under its bars by length: give them the name as printed.
  const chartResult = {
    ...result,
    options: result.options.map((o) => ({ ...o, name: r.printable(o.name) })),
  };
  const chartProps = { result: chartResult, lang };
  const optionLegend = result.options.map((o, i) => ({
    label: o.name,
    color: OPTION_COLORS[i % OPTION_COLORS.length]!,
  }));
  r.chart(
    chartSvg(createElement(CumulativeCashChart, chartProps)),
    zh ? `${t('chartCumulative')}（${unit}）` : `${t('chartCumulative')} (${unit})`,
    FRAME,
    optionLegend,
  );
  r.chart(chartSvg(createElement(BudgetChart, chartProps)), `${t('chartBudget')}`, FRAME, optionLegend);

  // 7. Effects.
  r.h1(t('ch7'));
  r.table(
    [
      { header: t('option'), width: 3 },
      { header: t('role'), width: 1.2 },
      { header: t('hours'), width: 1.4, align: 'right' },
      { header: t('fte'), width: 1.2, align: 'right' },
    ],
    // A role whose work grows says so ("增加 576"), in hours and FTE alike, never "−576".
    result.options.flatMap((o) =>
      o.byRole.map((b) => [
        o.name,
        termLabel(ROLE_NAMES[b.role], lang),
        workChangeCell(hoursChange(b.hoursFreed, lang), lang),
        workChangeCell(fteChange(b.fteFreed, lang, 2), lang),
      ]),
    ),
  );
  r.para(t('cashVsCapacity'));
  r.chart(chartSvg(createElement(HoursCashChart, chartProps)), t('chartHours'), FRAME, [
    {
      label: t(result.options.some((o) => o.hoursFreed < 0) ? 'legendHoursSigned' : 'legendHours'),
      color: HOURS_COLOR,
    },
    { label: t('legendPaper'), color: PAPER_COLOR },
    { label: t('legendCash'), color: CASH_COLOR },
  ]);
  r.para(t('patientSide'), { muted: true });

  // 8. Risks.
  r.h1(t('ch8'));
  if (!mc) r.para(t('noUncertainty'));
  else {
    r.para(t('mcIntro', { trials: formatNumber(mc.trials), seed: mc.seed }));
    r.table(
      [
        { header: t('option'), width: 3 },
        { header: 'P10', width: 1.2, align: 'right' },
        { header: 'P50', width: 1.2, align: 'right' },
        { header: 'P90', width: 1.2, align: 'right' },
        { header: t('probPositive'), width: 1.1, align: 'right' },
        { header: t('probBreach'), width: 1.1, align: 'right' },
        { header: t('probBest'), width: 1.1, align: 'right' },
      ],
      result.options.map((o) => {
        const m = mc.options[o.id]!;
        return [
          o.name,
          amount(m.npv.p10),
          amount(m.npv.p50),
          amount(m.npv.p90),
          pct(m.probNpvPositive),
          pct(m.probBudgetBreach),
          pct(mc.winners.find((w) => w.optionId === o.id)?.share ?? 0),
        ];
      }),
    );
    r.para(
      t('evpi', {
        value: money(mc.evpi),
        none: pct(mc.winners.find((w) => w.optionId === 'statusQuo')?.share ?? 0),
      }),
    );
    if (chosen) {
      const m = mcOf(chosen)!;
      r.h2(t('tornadoOf', { option: chosen.name }));
      const bars = movingBars(m, 8);
      if (bars.length === 0) r.para(translate(lang, 'tornadoEmpty'));
      else
        r.table(
          [
            { header: t('input'), width: 4 },
            { header: t('atP10'), width: 1.3, align: 'right' },
            { header: t('atP90'), width: 1.3, align: 'right' },
          ],
          bars.map((b) => [tornadoLabels[chosen.id]?.[b.input] ?? b.input, amount(b.low), amount(b.high)]),
        );
    }
    const breakEvens = mc.sweeps.flatMap((s) =>
      s.breakEven
        .filter((b) => b.value !== null)
        .map((b) => [
          labels[s.input] ?? s.input,
          result.options.find((o) => o.id === b.optionId)?.name ?? b.optionId,
          formatNumber(b.value!, 3),
        ]),
    );
    if (breakEvens.length > 0) {
      r.h2(t('breakEvens'));
      r.table(
        [
          { header: t('input'), width: 4 },
          { header: t('option'), width: 3 },
          { header: t('breakEvenValue'), width: 1.3, align: 'right' },
        ],
        breakEvens,
      );
    }
    for (const o of result.options) {
      const pilot = mc.options[o.id]?.pilot;
      if (pilot)
        r.para(
          t('pilotValue', {
            option: o.name,
            target: result.options.find((x) => x.id === pilot.targetId)?.name ?? pilot.targetId,
            scale: pct(pilot.probScaleUp),
            info: money(pilot.informationValue),
            net: money(pilot.netValue),
          }),
        );
    }
  }

  // 9. Targets, each with how it will be measured: the plan's own minutes a task with AI.
  const model = compileScenario(doc);
  const netMinutesOf = (optionId: string, workflowId: string) => {
    const o = model.options.findIndex((x) => x.id === optionId);
    const e = doc.options[o]!.effects.findIndex((x) => x.workflowId === workflowId);
    return netMinutesSaved(model, model.options[o]!.effects[e]!, model.params.base);
  };
  r.h1(t('ch9'));
  r.table(
    [
      { header: t('option'), width: 2.5 },
      { header: t('target'), width: 4 },
      { header: t('measurement'), width: 3 },
    ],
    doc.options.flatMap((option) => {
      const res = result.options.find((o) => o.id === option.id)!;
      return [
        ...option.effects.map((e) => {
          const w = doc.workflows.find((x) => x.id === e.workflowId)!;
          return [
            res.name,
            t('targetMinutes', {
              workflow: localize(w.name, lang),
              planned: formatNumber(w.baselineMinutesPerTask - netMinutesOf(option.id, e.workflowId), 1),
              baseline: formatNumber(w.baselineMinutesPerTask, 1),
            }),
            t('measureMinutes', { month: e.adoption.goLiveMonth + 6 }),
          ];
        }),
        ...option.effects.map((e) => [
          res.name,
          t('targetAdoption', {
            ceiling: pct(e.adoption.ceiling),
            month: e.adoption.goLiveMonth + e.adoption.rampMonths,
          }),
          t('measureAdoption'),
        ]),
        ...(res.costPerTask !== null
          ? [
              [
                res.name,
                t('targetCost', {
                  cost: formatUnitPrice(res.costPerTask, result.currency, lang),
                }),
                t('measureCost'),
              ],
            ]
          : []),
      ];
    }),
  );

  // 10. Conclusion and annex.
  r.h1(t('ch10'));
  r.para(best ? t('conclusionBest', { option: best.name }) : t('conclusionNone'));
  r.h2(t('annex'));
  r.para(t('annexIntro', { name: title, version: input.version }), { muted: true });
  for (const group of describeInputs(doc, lang)) {
    r.h2(group.title);
    r.table(
      [
        { header: t('input'), width: 3.4 },
        { header: t('value'), width: 1.8, align: 'right' },
        { header: t('evidence'), width: 3.4 },
      ],
      group.fields.map((f) => [
        f.label,
        f.display,
        [evidenceText(f.evidence, lang), f.ref ? `ref ${f.ref}` : ''].filter(Boolean).join(' · '),
      ]),
      { size: 7.5 },
    );
  }

  // One line: a long case name is cut in the footer (the cover has it whole).
  const short = [...title].length > 28 ? `${[...title].slice(0, 27).join('')}…` : title;
  // The list stays short enough for the foot of the cover, however many characters a case has.
  const missingNote = (missing: readonly string[]) => {
    const listed = missing.slice(0, MAX_MISSING_LISTED).join(zh ? '、' : ', ');
    const more = missing.length - MAX_MISSING_LISTED;
    return t('missingGlyphs', {
      count: missing.length,
      codes: more > 0 ? listed + t('missingGlyphsMore', { more }) : listed,
    });
  };
  return r.finish(
    (page, pages) => t('footer', { page, pages, name: short, version: input.version }),
    missingNote,
  );
}

function evidenceText(e: Evidence | null, lang: Lang): string {
  if (!e) return '';
  const detail = evidenceWithNote(e, lang);
  return detail ? `${translate(lang, e.kind)}: ${detail}` : translate(lang, e.kind);
}
