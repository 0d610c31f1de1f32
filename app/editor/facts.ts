/**
 * What the engine says about a case while it is being built, for the forms to show beside the
 * fields: how many servers the load needs and which model size fits, whether an option's
 * first-year purchases reach the public-tender threshold (and so wait for a tender), and the
 * AI budget. Worked out from the document every time, so nothing shown is ever stale.
 */
import { compileScenario, runModel, validateScenario, type Scenario, type ScenarioInput } from '~/engine';
import { ONE_CARD_8B_TOKENS_PER_SECOND } from '~/builder/pricing';
import { formatMoney, formatNumber } from '~/engine/format';
import type { Lang } from '~/engine/text';
import { zhEn } from '~/i18n/bilingual';

export interface OptionFacts {
  /** The sizing of each on-premises server line, in words. */
  servers: { lineId: string; text: string }[];
  /** Why the option waits for a public tender, or null. */
  tender: string | null;
}

/** A document's options as bought without a tender and without staff: what a tender's value counts. */
function purchasesOnly(doc: Scenario): Scenario {
  return {
    ...doc,
    options: doc.options.map((o) => {
      const { tenderMonths: _t, ...rest } = o;
      return { ...rest, costLines: o.costLines.filter((l) => l.kind !== 'staffing'), funding: [] };
    }),
  };
}

/** First-year purchases of each option (pilots' scale-ups included as the engine runs them). */
function firstYearPurchases(doc: Scenario): Map<string, number> {
  const result = runModel(compileScenario(purchasesOnly(doc)));
  return new Map(
    result.options.map((o) => [o.id, o.monthly.cashOut.slice(0, 12).reduce((a, b) => a + b, 0)]),
  );
}

/**
 * The document with each buy or build option's tender set by the rule: tendered where its
 * first-year purchases reach the threshold, not where they do not. Only where the case has a
 * tender rule (new cases do; an older one once the user turns it on).
 */
export function applyTenderRule(doc: Scenario): Scenario {
  const rule = doc.procurement;
  if (!rule) return doc;
  const spend = firstYearPurchases(doc);
  let changed = false;
  const options = doc.options.map((o) => {
    const tender =
      o.kind !== 'pilot' && (spend.get(o.id) ?? 0) >= rule.tenderThreshold && rule.tenderMonths > 0;
    const months = tender ? rule.tenderMonths : undefined;
    if (o.tenderMonths === months) return o;
    changed = true;
    const { tenderMonths: _t, ...rest } = o;
    return months === undefined ? rest : { ...rest, tenderMonths: months };
  });
  return changed ? { ...doc, options } : doc;
}

/** Facts of every option of a document that validates; an empty map for one that does not yet. */
export function optionFacts(draft: ScenarioInput, lang: Lang): Map<string, OptionFacts> {
  const validated = validateScenario(draft);
  if (!validated.ok) return new Map();
  const doc = validated.scenario;
  const result = runModel(compileScenario(doc), undefined, { lang });
  // A second run of the model, only where a tender's reason is to be told.
  const spend = doc.options.some((o) => o.tenderMonths) ? firstYearPurchases(doc) : new Map<string, number>();
  const money = (v: number) => formatMoney(v, doc.currency, lang);
  return new Map(
    doc.options.map((o) => {
      const r = result.options.find((x) => x.id === o.id)!;
      const servers = r.compute.map((c) => {
        const line = o.costLines.find((l) => l.id === c.lineId);
        const perServer = line?.kind === 'onPremCompute' ? line.tokensPerSecondPerServer : 0;
        const utilization = line?.kind === 'onPremCompute' ? line.targetUtilization : 0.6;
        // What one card carries at the line's planned utilization, for a 7–8B model (2.45).
        const oneCard = ONE_CARD_8B_TOKENS_PER_SECOND * utilization;
        const model =
          c.peakTokensPerSecond <= oneCard
            ? zhEn(
                lang,
                '7–8B 小模型在单卡推理服务器上即可承担',
                'a 7–8B model on a one-card server can carry it',
              )
            : c.peakTokensPerSecond <= oneCard * 4
              ? zhEn(lang, '7–8B 模型需要多张推理卡', 'a 7–8B model needs several cards')
              : zhEn(
                  lang,
                  '负载很大：请核实每任务 token 数与高峰倍数',
                  'a heavy load: check tokens per task and the peak factor',
                );
        return {
          lineId: c.lineId,
          text: zhEn(
            lang,
            `按负载测算：高峰约 ${formatNumber(c.peakTokensPerSecond, 1)} tokens/秒，需 ${c.servers} 台服务器（每台 ${formatNumber(perServer)} tokens/秒）；${model}。`,
            `Sized from the load: a peak of about ${formatNumber(c.peakTokensPerSecond, 1)} tokens/s needs ${c.servers} server(s) (${formatNumber(perServer)} tokens/s each); ${model}.`,
          ),
        };
      });
      const rule = doc.procurement;
      const purchases = spend.get(o.id) ?? 0;
      const tender =
        o.tenderMonths && rule
          ? zhEn(
              lang,
              `首年采购额 ${money(purchases)}，达到公开招标限额 ${money(rule.tenderThreshold)}：上线前先招标，方案的全部时间顺延 ${o.tenderMonths} 个月。`,
              `First-year purchases of ${money(purchases)} reach the public-tender threshold of ${money(rule.tenderThreshold)}: the option is tendered first, and all its months move ${o.tenderMonths} later.`,
            )
          : null;
      return [o.id, { servers, tender }];
    }),
  );
}

/** The first year's AI budget (informatization budget × AI share), or null until both are given. */
export function firstYearAiBudget(draft: ScenarioInput): number | null {
  const b = draft.budget;
  const base = b?.informatizationByYear?.[0] ?? b?.informatizationBaseAnnual;
  return typeof base === 'number' && typeof b?.aiShare === 'number' ? base * b.aiShare : null;
}
