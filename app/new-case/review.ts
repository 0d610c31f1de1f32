/**
 * The case in plain words, for the last step of the new-case flow: the hospital, its budget
 * and what AI may take of it, the workflows and how much time they take today, each option
 * with its first-year cost against the AI budget and its NPV. Every number comes from the
 * document or the engine's run of it.
 */
import { choiceLabel } from '~/catalogue/choices';
import { formatFieldValue } from '~/catalogue/fields';
import type { Scenario, ScenarioResult } from '~/engine';
import { formatMoney, formatNumber } from '~/engine/format';
import { localize, type Lang } from '~/engine/text';
import { hoursPhrase } from '~/i18n/hours';
import { OPTION_KIND_NAMES, ROLE_NAMES, termLabel } from '~/i18n/terms';
import { pilotRuleInWords } from '~/editor/option-sections';

export interface CaseInWords {
  hospital: string;
  budget: string;
  workflows: string[];
  options: string[];
}

/** A count with at most two decimals and none that are zero: 1, 0.18, 3,333.33. */
const trimmed = (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : Number.isInteger(v * 10) ? 1 : 2);

export function describeCase(doc: Scenario, result: ScenarioResult, lang: Lang): CaseInWords {
  const zh = lang === 'zh-CN';
  const money = (v: number) => formatMoney(v, doc.currency, lang);
  const h = doc.hospital;
  const type = choiceLabel('hospitalType', h.type, lang);
  const grade = choiceLabel('hospitalGrade', h.grade, lang);
  const staff = Object.entries(h.roles)
    .filter(([, r]) => r)
    .map(
      ([role, r]) =>
        `${termLabel(ROLE_NAMES[role as keyof typeof ROLE_NAMES], lang)} ${formatNumber(r!.headcount)}`,
    )
    .join(zh ? '、' : ', ');
  const hospital = zh
    ? `${localize(h.name, lang)}：${type}，${grade}，${formatNumber(h.beds)} 张床，床位使用率 ${formatFieldValue('occupancy', h.occupancy, doc.currency, lang)}，每年门急诊 ${formatNumber(h.outpatientVisitsPerYear)} 人次、出院 ${formatNumber(h.dischargesPerYear)} 人次；人员：${staff}。`
    : `${localize(h.name, lang)}: ${type}, ${grade}, ${formatNumber(h.beds)} beds at ${formatFieldValue('occupancy', h.occupancy, doc.currency, lang)} occupancy, ${formatNumber(h.outpatientVisitsPerYear)} outpatient visits and ${formatNumber(h.dischargesPerYear)} discharges a year; staff: ${staff}.`;
  const first = result.options[0]?.years[0];
  const aiBudget = first
    ? first.budget
    : (doc.budget.informatizationByYear?.[0] ?? doc.budget.informatizationBaseAnnual) * doc.budget.aiShare;
  const informatization = doc.budget.informatizationByYear?.[0] ?? doc.budget.informatizationBaseAnnual;
  const budget = zh
    ? `信息化预算每年 ${money(informatization)}，其中 AI 最多可用 ${formatFieldValue('aiShare', doc.budget.aiShare, doc.currency, lang)}，即每年 ${money(aiBudget)}。规划期 ${doc.startYear}–${doc.startYear + doc.horizonYears - 1} 年（${doc.horizonYears} 年），折现率 ${formatFieldValue('discountRate', doc.discountRate, doc.currency, lang)}。`
    : `An informatization budget of ${money(informatization)} a year, of which AI may take ${formatFieldValue('aiShare', doc.budget.aiShare, doc.currency, lang)}: ${money(aiBudget)} a year. Planned ${doc.startYear}–${doc.startYear + doc.horizonYears - 1} (${doc.horizonYears} years) at a ${formatFieldValue('discountRate', doc.discountRate, doc.currency, lang)} discount rate.`;
  const workflows = doc.workflows.map((w) => {
    const driver = choiceLabel('volumeDriver', w.volumeDriver, lang);
    const who = termLabel(ROLE_NAMES[w.role], lang);
    return zh
      ? `「${localize(w.name, lang)}」由${who}完成，${driver} ${trimmed(w.tasksPerDriverUnit)} 次，现状每次 ${formatNumber(w.baselineMinutesPerTask, 1)} 分钟（${w.baselineEvidence.kind === 'measured' ? '本院实测' : w.baselineEvidence.kind === 'claimed' ? '外部数据' : '估计'}）。`
      : `“${localize(w.name, lang)}”, done by ${who.toLowerCase()}s: ${trimmed(w.tasksPerDriverUnit)} ${driver.toLowerCase()}, ${formatNumber(w.baselineMinutesPerTask, 1)} minutes each today (${w.baselineEvidence.kind === 'measured' ? 'measured here' : w.baselineEvidence.kind === 'claimed' ? 'claimed elsewhere' : 'estimated'}).`;
  });
  const options = doc.options.map((o) => {
    const r = result.options.find((x) => x.id === o.id)!;
    const kind = termLabel(OPTION_KIND_NAMES[o.kind], lang);
    const year1 = r.years[0]!;
    const breach = r.budgetBreachYears.map((y) => doc.startYear + y - 1).join(zh ? '、' : ', ');
    const pilot = pilotRuleInWords(doc, o, lang);
    // The budget share is of what the hospital pays itself (cash out less funding): say so
    // whenever funding makes the two differ, so the share is not read against the gross spend.
    const share =
      year1.budgetShareUsed === null
        ? '—'
        : formatFieldValue('aiShare', year1.budgetShareUsed, doc.currency, lang);
    const firstYearShare =
      year1.funding > 0
        ? zh
          ? `，扣除资金来源 ${money(year1.funding)} 后占 AI 预算的 ${share}`
          : ` (${money(year1.cashOut - year1.funding)} after ${money(year1.funding)} of funding: ${share} of the AI budget)`
        : zh
          ? `（AI 预算的 ${share}）`
          : ` (${share} of the AI budget)`;
    const base = zh
      ? `${kind}「${r.name}」：首年支出 ${money(year1.cashOut)}${firstYearShare}，${doc.horizonYears} 年净现值 ${money(r.npv)}，${hoursPhrase(r.hoursFreed, lang)}，实际变现 ${money(r.cashRealized)}${breach ? `；${breach} 年超出 AI 预算` : '；各年均在 AI 预算之内'}。`
      : `${kind} “${r.name}”: ${money(year1.cashOut)} in the first year${firstYearShare}, an NPV of ${money(r.npv)} over ${doc.horizonYears} years; it ${hoursPhrase(r.hoursFreed, lang)} and realizes ${money(r.cashRealized)} in cash${breach ? `; over the AI budget in ${breach}` : '; within the AI budget every year'}.`;
    return pilot ? `${base} ${pilot}` : base;
  });
  return { hospital, budget, workflows, options };
}
