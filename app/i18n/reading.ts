/**
 * "How to read these numbers": the sentences, in the page's language, for what
 * ~/engine/uncertainty/reading finds about an option's base case and its simulation.
 */
import { formatInputValue, formatMoney, formatNumber, formatPercent } from '~/engine/format';
import type { Lang } from '~/engine/text';
import type { NumbersReading, ReadingReason } from '~/engine/uncertainty/reading';

import { ROLE_NAMES } from './terms';

export interface ReadingWords {
  currency: string;
  trials: number;
  /** What an input is called on this page, by its path. */
  inputLabel: (path: string) => string;
  /** An option's name, by its id. */
  optionName: (id: string) => string;
}

/** The first line: the base case and what the simulation says beside it. */
export function readingHeadline(reading: NumbersReading, words: ReadingWords, lang: Lang): string {
  const m = (x: number) => formatMoney(x, words.currency, lang);
  const trials = words.trials.toLocaleString('en-US');
  return lang === 'zh-CN'
    ? `基准情形（每个输入取最可能值）净现值 ${m(reading.base)}；${trials} 次模拟的中位数 ${m(reading.median)}，均值 ${m(reading.mean)}，P10–P90 为 ${m(reading.p10)} 至 ${m(reading.p90)}。`
    : `Base case (every input at its most likely value): NPV ${m(reading.base)}; over ${trials} trials the median is ${m(reading.median)} and the mean ${m(reading.mean)}, P10–P90 ${m(reading.p10)} to ${m(reading.p90)}.`;
}

/** A warning when the headline lies outside the simulated P10–P90, or null. */
export function readingFlag(reading: NumbersReading, lang: Lang): string | null {
  if (reading.outsideBand === 'belowP10')
    return lang === 'zh-CN'
      ? '基准情形低于模拟的 P10：九成以上的试算结果比它好。'
      : 'The base case lies below the simulated P10: more than nine trials in ten do better.';
  if (reading.outsideBand === 'aboveP90')
    return lang === 'zh-CN'
      ? '基准情形高于模拟的 P90：九成以上的试算达不到它。'
      : 'The base case lies above the simulated P90: more than nine trials in ten fall short of it.';
  return null;
}

function reasonSentence(reason: ReadingReason, words: ReadingWords, lang: Lang): string {
  const zh = lang === 'zh-CN';
  const m = (x: number) => formatMoney(x, words.currency, lang);
  const signed = (x: number) => (x > 0 ? `+${m(x)}` : m(x));
  switch (reason.kind) {
    case 'lopsidedInputs': {
      const parts = reason.inputs.map((i) =>
        zh
          ? `“${words.inputLabel(i.input)}”最可能值 ${formatInputValue(i.baseValue, lang)}、中位数 ${formatInputValue(i.medianValue, lang)}（单这一项使净现值 ${signed(i.npvEffect)}）`
          : `“${words.inputLabel(i.input)}” is most likely ${formatInputValue(i.baseValue, lang)} but has a median of ${formatInputValue(i.medianValue, lang)} (alone, NPV ${signed(i.npvEffect)})`,
      );
      return zh
        ? `区间偏向一侧的输入：${parts.join('；')}。`
        : `Inputs whose range reaches further on one side: ${parts.join('; ')}.`;
    }
    case 'pilotStopRule': {
      const p = formatPercent(reason.probScaleUp, lang, 0);
      const target = words.optionName(reason.targetId);
      if (reason.baseDecision === 'scaleUp')
        return zh
          ? `试点的停止规则：按最可能值，试点达标并推广为“${target}”；模拟中只有 ${p} 的试算达标推广，其余在试点后停止，只承担试点本身的费用，也不再有推广的收益。`
          : `The pilot's stop rule: at the most likely values the pilot passes and scales up into “${target}”; in the simulation only ${p} of trials pass, the rest stop after the pilot and bear only its own cost, without the scale-up's gains.`;
      return zh
        ? `试点的停止规则：按最可能值，试点未达标、试点后停止；模拟中有 ${p} 的试算达标并推广为“${target}”，这些试算的结果随推广的成败而分散。`
        : `The pilot's stop rule: at the most likely values the pilot misses its threshold and stops; in ${p} of trials it passes and scales up into “${target}”, and those trials spread with the scale-up's fortunes.`;
    }
    case 'wholePosts':
      return reason.steps
        .map((s) => {
          const role = zh ? ROLE_NAMES[s.role][lang] : ROLE_NAMES[s.role][lang].toLowerCase();
          const fte = formatNumber(s.fte, 2);
          const pct = formatPercent(s.hoursToStep, lang, 0);
          if (s.direction === 'loseOne')
            return zh
              ? `释放的工时按整岗位兑现为现金：基准情形最后一年释放${role} ${fte} 人（FTE），折合 ${s.posts} 个岗位；工时少约 ${pct} 就少一个岗位，现金收益随之下降一级。`
              : `Freed hours become cash only as whole posts: the base case frees ${fte} ${role} FTE in its final year, ${s.posts} whole post${s.posts === 1 ? '' : 's'}; about ${pct} fewer hours loses a post, and its cash with it.`;
          return zh
            ? `释放的工时按整岗位兑现为现金：基准情形最后一年释放${role} ${fte} 人（FTE），不足一个岗位，不兑现现金；工时多约 ${pct} 就能省下第一个岗位。`
            : `Freed hours become cash only as whole posts: the base case frees ${fte} ${role} FTE in its final year, less than one post, so no cash; about ${pct} more hours would save the first post.`;
        })
        .join(zh ? '' : ' ');
    case 'thresholds':
      return zh
        ? '模型中的上限和门槛（产能上限、预算、整岗位、试点标准）使结果不随输入成比例变化，所以中位数不等于基准情形。'
        : 'Caps and thresholds in the model (throughput ceilings, budgets, whole posts, pilot thresholds) make the result move unevenly with the inputs, so the median is not the base case.';
    case 'longTail':
      return reason.side === 'high'
        ? zh
          ? '均值高于中位数：少数试算的结果特别好，拉高了平均数；典型结果看中位数。'
          : 'The mean is above the median: a few very good trials pull the average up; the median is the typical result.'
        : zh
          ? '均值低于中位数：少数试算亏损特别大，拉低了平均数；典型结果看中位数。'
          : 'The mean is below the median: a few very bad trials pull the average down; the median is the typical result.';
  }
}

/** Why the numbers differ, one sentence per reason; one reassuring sentence when they agree. */
export function readingReasons(reading: NumbersReading, words: ReadingWords, lang: Lang): string[] {
  if (!reading.medianDiffers && !reading.meanDiffers && !reading.outsideBand)
    return [
      lang === 'zh-CN'
        ? '基准情形与模拟的中位数、均值相近：可以按基准情形来读。'
        : 'The base case, the simulated median and the mean agree: the base case can be read as it is.',
    ];
  return reading.reasons.map((r) => reasonSentence(r, words, lang));
}
