/**
 * The committee's chapter on the hospital's AI portfolio, as a PDF: the question in one
 * sentence, the answer (which use cases, which way, from which year, the total NPV, the
 * solver's status), the plan, each year's spend against its cap as a table and a stacked chart,
 * the simple plans beside it, what was left out and why, what one more 万元 a year is worth
 * (an estimate), the Monte Carlo and the assumptions. Laid out with the scenario report's
 * machinery (app/report): the same font, tables, charts, footers and glyph guard.
 */
import { createElement } from 'react';

import { FRAME } from '~/dashboard/charts';
import { formatAmount, formatMoney, formatNumber, formatPercent } from '~/engine/format';
import type { LocalizedText } from '~/engine/schema';
import { localize, type Lang } from '~/engine/text';
import { beijingDate } from '~/i18n/time';
import { Report, type Column } from '~/report/layout.server';
import { chartSvg } from '~/report/report-pdf.server';
import { REPORT_TEXT } from '~/report/text';

import {
  alternativeName,
  exportWord,
  fundedLines,
  leftOutSentence,
  listOf,
  monteCarloFixed,
  monteCarloSentence,
  objectiveNoun,
  objectiveWords,
  planNames,
  startYearOf,
  statusSentence,
  type ExportWord,
} from './export-words';
import type { PortfolioDocument, PortfolioPlan } from './portfolio';
import { CAP_COLOR, PlanSpendChart, spendColor, spendLines } from './report-spend-chart';

export interface PortfolioExportInput {
  plan: PortfolioPlan;
  document: PortfolioDocument;
  /** The hospital the portfolio belongs to. */
  hospital: LocalizedText;
  /** The portfolio's version the plan is of. */
  version: number;
  /** When that version was saved (ISO), for the cover; null when not known. */
  savedAt: string | null;
  lang: Lang;
}

/** Characters the font cannot draw named one by one in the cover's note; past that, counted. */
const MAX_MISSING_LISTED = 40;
const CHINESE_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export async function portfolioReportPdf(
  input: PortfolioExportInput & { generatedAt: Date },
): Promise<Uint8Array<ArrayBuffer>> {
  const { plan, document: doc, lang } = input;
  const zh = lang === 'zh-CN';
  const w = (key: ExportWord, params: Record<string, string | number> = {}) => exportWord(lang, key, params);
  const money = (v: number) => formatMoney(v, 'CNY', lang);
  const amount = (v: number) => formatAmount(v, lang);
  const unit = zh ? '万元' : 'CNY';
  const pct = (v: number) => formatPercent(v, lang);
  // Staff in FTE: whole people as whole numbers, a half post as 0.5.
  const fte = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : 1);
  const names = planNames(plan, lang);
  const hospital = localize(input.hospital, lang);
  const first = doc.startYear;
  const last = doc.startYear + doc.horizonYears - 1;
  const solved = plan.status !== 'infeasible';
  const funded = plan.choices.filter((c) => c.optionId !== null);
  const notFunded = plan.choices.filter((c) => c.optionId === null);
  const totalNpv = funded.reduce((s, c) => s + c.npv, 0);

  const r = new Report({
    title: doc.name.startsWith(hospital) ? doc.name : `${hospital} · ${doc.name}`,
    author: hospital,
    subject: w('chapter'),
  });
  let section = 0;
  const h2 = (key: ExportWord) => {
    section++;
    r.h2(zh ? `（${CHINESE_NUMERALS[section - 1] ?? section}）${w(key)}` : `${section}. ${w(key)}`);
  };

  // Cover.
  r.doc.moveDown(6);
  r.doc.font('sans').fontSize(12).fillColor('#5f6b7a').text(hospital, { align: 'center' });
  r.doc.moveDown(0.8).font('sans-bold').fontSize(22).fillColor('#1f2933').text(doc.name, { align: 'center' });
  r.doc.moveDown(0.6).font('sans').fontSize(14).text(w('chapter'), { align: 'center' });
  r.doc.moveDown(4).fontSize(10.5);
  for (const line of [
    w('coverVersion', {
      name: doc.name,
      version: input.version,
      saved: input.savedAt ? w('coverSaved', { date: beijingDate(input.savedAt) }) : '',
    }),
    w('coverDate', { date: beijingDate(input.generatedAt.toISOString()) }),
    w('coverMoney', { rate: pct(doc.discountRate), year: first }),
    w('coverPreparedBy'),
  ])
    r.doc.text(line, { align: 'center' }).moveDown(0.3);

  r.newPage();
  r.h1(w('chapter'));

  h2('question');
  r.para(
    w('questionText', {
      first,
      last,
      count: plan.useCases.length,
      objective: objectiveWords(doc.objective, doc.breachProbability, lang),
    }),
  );

  h2('answer');
  if (solved) {
    const item = (c: (typeof funded)[number]) =>
      w('answerItem', {
        useCase: names.useCase(c.scenarioId),
        option: names.option(c.scenarioId, c.optionId!),
        year: startYearOf(c, first)!,
      });
    r.para(
      funded.length > 0
        ? w('answerFund', {
            count: funded.length,
            cases: w(funded.length === 1 ? 'casesOne' : 'casesMany'),
            list: funded.map(item).join(zh ? '；' : '; '),
          })
        : w('answerNone'),
    );
    if (funded.length > 0 && notFunded.length > 0)
      r.para(
        w('answerNotNow', {
          list: listOf(
            notFunded.map((c) => names.useCase(c.scenarioId)),
            lang,
          ),
        }),
      );
    r.para(w('answerTotal', { npv: money(totalNpv), rate: pct(doc.discountRate), year: first }));
    if (doc.objective === 'p10' && plan.objectiveValue !== null)
      r.para(
        w('answerObjective', { objective: objectiveNoun('p10', lang), value: money(plan.objectiveValue) }),
      );
  }
  r.para(statusSentence(plan, lang));
  if (solved) r.para(w(plan.checked ? 'checked' : 'notChecked'), { muted: true });
  const whatIf =
    plan.budgetByYear.length !== doc.budgetByYear.length ||
    plan.budgetByYear.some((b, i) => Math.abs(b - doc.budgetByYear[i]!) > 0.005);
  if (whatIf) r.para(w('whatIfBudget', { version: input.version }), { muted: true });

  if (solved) {
    h2('planTable');
    const anyP10 = plan.choices.some((c) => c.p10 !== null);
    const columns: Column[] = [
      { header: w('useCase'), width: 2.6 },
      { header: w('option'), width: 3.4 },
      { header: w('way'), width: 0.9 },
      { header: w('startYear'), width: 1 },
      { header: w('npvIn', { unit }), width: 1.4, align: 'right' },
      ...(anyP10 ? [{ header: w('p10In', { unit }), width: 1.4, align: 'right' as const }] : []),
    ];
    const rows: string[][] = [];
    const npvs: number[] = [];
    for (const u of plan.useCases) {
      const c = plan.choices.find((x) => x.scenarioId === u.scenarioId);
      const chosen = c && c.optionId !== null ? c : null;
      npvs.push(chosen?.npv ?? 0);
      rows.push([
        localize(u.name, lang),
        chosen ? names.option(u.scenarioId, chosen.optionId!) : w('notNow'),
        chosen ? names.kindLabel(u.scenarioId, chosen.optionId!) : '—',
        chosen ? String(startYearOf(chosen, first)) : '—',
        chosen ? amount(chosen.npv) : '—',
        ...(anyP10 ? [chosen && chosen.p10 !== null ? amount(chosen.p10) : '—'] : []),
      ]);
    }
    const p10Total = funded.reduce((s, c) => s + (c.p10 ?? 0), 0);
    rows.push([w('total'), '', '', '', amount(totalNpv), ...(anyP10 ? [amount(p10Total)] : [])]);
    npvs.push(totalNpv);
    r.table(columns, rows, { bad: (row, col) => col === 4 && npvs[row]! < 0 });
  }

  h2('spendTable');
  r.para(w('spendIntro', { unit }), { muted: true });
  const years = plan.years.length > 0 ? plan.years : null;
  const yearColumns: Column[] = (years ?? []).map((y) => ({
    header: y.binding ? `${y.year}*` : String(y.year),
    width: 1,
    align: 'right',
  }));
  if (years) {
    const lines = spendLines(plan);
    const rows: string[][] = [
      ...lines.map((l) => [
        l.scenarioId === null ? w('sharedServers') : names.useCase(l.scenarioId),
        ...l.byYear.map(amount),
      ]),
      [w('spendTotal'), ...years.map((y) => amount(y.spend))],
      [w('budget'), ...years.map((y) => amount(y.budget))],
      [w('committed'), ...years.map((y) => amount(y.committed))],
      [w('cap'), ...years.map((y) => amount(y.budget - y.committed))],
      [w('headroom'), ...years.map((y) => amount(y.headroom))],
    ];
    const headroomRow = rows.length - 1;
    if (years.some((y) => y.researchBudget > 0.005 || y.researchDraw > 0.005))
      rows.push(
        [w('researchDraw'), ...years.map((y) => amount(y.researchDraw))],
        [w('researchBudget'), ...years.map((y) => amount(y.researchBudget))],
      );
    if (doc.resources.hiresPerYear !== null) rows.push([w('newHires'), ...years.map((y) => fte(y.newHires))]);
    // The years read together: the table starts a page rather than leave its last rows alone
    // on the next (a row of one line is about 17 points).
    r.ensure((rows.length + 1) * 17 + 12);
    r.table([{ header: w('item'), width: 2.4 }, ...yearColumns], rows, {
      bad: (row, col) => row === headroomRow && col > 0 && years[col - 1]!.headroom < -0.5,
    });
    const legend = [
      ...lines.map((l) => ({
        label: l.scenarioId === null ? w('sharedServers') : names.useCase(l.scenarioId),
        color: spendColor(plan, l.scenarioId),
      })),
      { label: w('capLine'), color: CAP_COLOR },
    ];
    r.chart(chartSvg(createElement(PlanSpendChart, { plan, lang })), w('chartSpend'), FRAME, legend);
  } else {
    // No plan to show (infeasible): the caps the forced choices could not meet.
    const caps = doc.budgetByYear.map((b, i) => ({
      year: first + i,
      budget: b,
      committed: doc.committedByYear[i] ?? 0,
    }));
    r.table(
      [
        { header: w('item'), width: 2.4 },
        ...caps.map((c) => ({ header: String(c.year), width: 1, align: 'right' as const })),
      ],
      [
        [w('budget'), ...plan.budgetByYear.map(amount)],
        [w('committed'), ...caps.map((c) => amount(c.committed))],
        [w('cap'), ...caps.map((c, i) => amount((plan.budgetByYear[i] ?? c.budget) - c.committed))],
      ],
      { bad: (_row, col) => col > 0 && plan.infeasibleYears.includes(caps[col - 1]!.year) },
    );
  }

  if (solved) {
    h2('alternatives');
    r.para(w('alternativesIntro'));
    const fundsText = (choices: typeof plan.choices) =>
      fundedLines(plan, choices, first, lang).join('\n') || w('notNow');
    const objective = objectiveNoun(doc.objective, lang);
    // Under a breach-limited objective the simple plans went through the same trials: their
    // chance of overrunning a year sits beside the plan's (a simple plan may beat the optimum
    // only by breaking the limit).
    const withRisk = plan.alternatives.some((a) => typeof a.breachProbability === 'number');
    const risk = (p: number | null | undefined) => (p === null || p === undefined ? '—' : pct(p));
    r.table(
      [
        { header: w('plan'), width: 2 },
        { header: w('choices'), width: 3.6 },
        { header: w('npvTotalIn', { unit }), width: 1.3, align: 'right' },
        { header: w('breachYears'), width: 1.3, align: 'right' },
        ...(withRisk ? [{ header: w('probBreach'), width: 1.1, align: 'right' as const }] : []),
        { header: w('loss', { unit }), width: 1.3, align: 'right' },
      ],
      [
        [
          w('thisPlan'),
          fundsText(plan.choices),
          amount(totalNpv),
          w('none'),
          ...(withRisk ? [risk(plan.monteCarlo?.breachProbability)] : []),
          '—',
        ],
        ...plan.alternatives.map((a) => [
          alternativeName(a.name, lang).name,
          fundsText(a.choices),
          amount(a.npv),
          a.breachYears.length > 0 ? listOf(a.breachYears, lang) : w('none'),
          ...(withRisk ? [risk(a.breachProbability)] : []),
          a.lossAgainstOptimum === null ? '—' : amount(a.lossAgainstOptimum),
        ]),
      ],
      { bad: (row, col) => col === 3 && row > 0 && plan.alternatives[row - 1]!.breachYears.length > 0 },
    );
    r.bullets(
      plan.alternatives.map((a) => {
        const { name, rule } = alternativeName(a.name, lang);
        if (a.breachYears.length > 0)
          return w('lossLineBreach', {
            name,
            rule,
            objective,
            value: money(a.objectiveValue),
            years: listOf(a.breachYears, lang),
          });
        if (a.lossAgainstOptimum === null || Math.abs(a.lossAgainstOptimum) < 0.005)
          return w('lossLineEqual', { name, rule, objective });
        return w('lossLine', { name, rule, objective, loss: money(a.lossAgainstOptimum) });
      }),
    );

    h2('leftOut');
    if (plan.leftOut.length === 0) r.para(w('leftOutNone'));
    else r.bullets(plan.leftOut.map((l) => leftOutSentence(plan, l.scenarioId, l.reason, lang, money)));

    h2('duals');
    r.para(w('dualsIntro', { objective }), { muted: true });
    const bindingYears = (years ?? []).filter((y) => y.binding).map((y) => y.year);
    r.table(
      [
        { header: w('year'), width: 1 },
        { header: w('dualValue', { unit }), width: 2.2, align: 'right' },
        { header: w('binds'), width: 1.4, align: 'right' },
      ],
      plan.duals.map((d) => [
        String(d.year),
        // CNY of objective per CNY of cap, for 10,000 CNY more.
        amount(d.value * 10000),
        bindingYears.includes(d.year) ? w('yes') : w('no'),
      ]),
    );
    r.para(
      bindingYears.length > 0 ? w('bindingYears', { years: listOf(bindingYears, lang) }) : w('noBindingYear'),
    );

    h2('monteCarlo');
    const mc = plan.monteCarlo;
    r.para(monteCarloSentence(mc, lang));
    // One NPV in every trial has no percentiles to set side by side.
    if (mc && !monteCarloFixed(mc))
      r.table(
        [
          { header: 'P10', width: 1, align: 'right' },
          { header: 'P50', width: 1, align: 'right' },
          { header: 'P90', width: 1, align: 'right' },
          { header: w('mean'), width: 1, align: 'right' },
          { header: w('probBreach'), width: 1, align: 'right' },
        ],
        [[amount(mc.p10), amount(mc.p50), amount(mc.p90), amount(mc.mean), pct(mc.breachProbability)]],
      );
  }

  h2('assumptions');
  const servers = doc.resources.sharedServers;
  const versionOf = new Map(doc.members.map((m) => [m.scenarioId, m.version]));
  r.bullets([
    w('horizon', { first, last, years: doc.horizonYears }),
    w('rate', { rate: pct(doc.discountRate), year: first }),
    w('starts', {
      years: listOf(
        doc.startOffsets.map((o) => first + o),
        lang,
      ),
    }),
    w('objective', { objective: objectiveWords(doc.objective, doc.breachProbability, lang) }),
    w('versions', {
      list: listOf(
        plan.useCases.map((u) =>
          w('versionItem', {
            name: localize(u.name, lang),
            version: versionOf.get(u.scenarioId) ?? u.version,
          }),
        ),
        lang,
      ),
    }),
    w('forced', {
      list:
        doc.forced.length === 0
          ? w('none')
          : listOf(
              doc.forced.map((f) =>
                w('forcedItem', {
                  useCase: names.useCase(f.scenarioId),
                  option: names.option(f.scenarioId, f.optionId),
                  year:
                    f.startOffsetYears === null ? '' : w('forcedYear', { year: first + f.startOffsetYears }),
                }),
              ),
              lang,
            ),
    }),
    w('dependencies', {
      list:
        doc.dependencies.length === 0
          ? w('none')
          : listOf(
              doc.dependencies.map((d) =>
                w('dependencyItem', {
                  useCase: names.useCase(d.scenarioId),
                  needs: names.useCase(d.needsScenarioId),
                }),
              ),
              lang,
            ),
    }),
    servers
      ? w('sharedServersOn', {
          tps: formatNumber(servers.tokensPerSecondPerServer),
          utilization: pct(servers.targetUtilization),
          capex: money(servers.capexPerServer),
          life: servers.usefulLifeYears,
          kw: formatNumber(servers.kwPerServer, 1),
          pue: formatNumber(servers.pue, 2),
          price: formatNumber(servers.electricityPricePerKwh, 2),
          maintenance: pct(servers.maintenanceSharePerYear),
          max: servers.maxServers === null ? '' : w('sharedServersMax', { max: servers.maxServers }),
          servers: plan.sharedServers?.servers ?? 0,
        })
      : w('sharedServersOff'),
    doc.resources.hiresPerYear === null
      ? w('hiresNone')
      : w('hires', { hires: fte(doc.resources.hiresPerYear) }),
    ...(doc.researchBudgetByYear.some((b) => b > 0.005) ? [w('research')] : []),
    w('solver', { seconds: formatNumber(plan.solveSeconds, 1) }),
  ]);

  // One line: a long portfolio name is cut in the footer (the cover has it whole).
  const short = [...doc.name].length > 28 ? `${[...doc.name].slice(0, 27).join('')}…` : doc.name;
  return r.finish(
    (page, pages) => w('footer', { page, pages, name: short, version: input.version }),
    (missing) => missingNote(missing, lang),
  );
}

/** The cover's note on characters the font cannot draw, worded as the scenario report's. */
function missingNote(missing: readonly string[], lang: Lang): string {
  const fill = (text: string, params: Record<string, string | number>) =>
    text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
  const listed = missing.slice(0, MAX_MISSING_LISTED).join(lang === 'zh-CN' ? '、' : ', ');
  const more = missing.length - MAX_MISSING_LISTED;
  return fill(REPORT_TEXT.missingGlyphs[lang], {
    count: missing.length,
    codes: more > 0 ? listed + fill(REPORT_TEXT.missingGlyphsMore[lang], { more }) : listed,
  });
}
