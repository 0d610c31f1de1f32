/**
 * Hours freed, as a person reads them: an option that adds work (negative hours freed) is said
 * to add it, "增加工时 576 小时" / "adds 576 hours", never "释放工时 −576". The dashboard, the
 * report and the exports all say it so; the engine keeps the signed number.
 */
import { formatNumber } from '~/engine/format';
import type { Lang } from '~/engine/text';

export type WorkDirection = 'freed' | 'added' | 'none';

export interface WorkChange {
  /** 'none' when the amount rounds to zero at the digits shown (so no "−0" and no verb). */
  direction: WorkDirection;
  /** The heading for the amount: 释放工时 / 增加工时, Hours freed / Hours added. */
  label: string;
  /** The amount without its sign (≥ 0), rounded to the digits asked for. */
  magnitude: number;
  /** The magnitude as printed, thousands grouped. */
  text: string;
}

type Labels = Record<'freed' | 'added', Record<Lang, string>>;

const LABELS: Record<'hours' | 'fte', Labels> = {
  hours: {
    freed: { 'zh-CN': '释放工时', en: 'Hours freed' },
    added: { 'zh-CN': '增加工时', en: 'Hours added' },
  },
  fte: {
    freed: { 'zh-CN': '释放人力(FTE)', en: 'FTE freed' },
    added: { 'zh-CN': '增加人力(FTE)', en: 'FTE added' },
  },
};

function change(value: number, digits: number, lang: Lang, labels: Labels): WorkChange {
  const scale = 10 ** digits;
  const magnitude = Math.round(Math.abs(value) * scale) / scale;
  const direction: WorkDirection = magnitude === 0 ? 'none' : value < 0 ? 'added' : 'freed';
  return {
    direction,
    label: labels[direction === 'added' ? 'added' : 'freed'][lang],
    magnitude,
    text: formatNumber(magnitude, digits),
  };
}

/** Hours freed over a period (negative: work added), labelled by which way it goes. */
export function hoursChange(hoursFreed: number, lang: Lang, digits = 0): WorkChange {
  return change(hoursFreed, digits, lang, LABELS.hours);
}

/** FTE freed (negative: staff time added), labelled by which way it goes. */
export function fteChange(fteFreed: number, lang: Lang, digits = 1): WorkChange {
  return change(fteFreed, digits, lang, LABELS.fte);
}

/**
 * A table cell under a neutral heading (工时变化 / Hours): "释放 32,837" or "增加 576",
 * "freed 32,837" or "added 576"; "0" when nothing changes.
 */
export function workChangeCell(c: WorkChange, lang: Lang): string {
  if (c.direction === 'none') return c.text;
  const zh = lang === 'zh-CN';
  if (c.direction === 'added') return zh ? `增加 ${c.text}` : `added ${c.text}`;
  return zh ? `释放 ${c.text}` : `freed ${c.text}`;
}

/** The hours in a sentence: "释放工时 32,837 小时" / "增加工时 576 小时", "frees 32,837 hours" / "adds 576 hours". */
export function hoursPhrase(hoursFreed: number, lang: Lang): string {
  const c = hoursChange(hoursFreed, lang);
  if (lang === 'zh-CN') return `${c.label} ${c.text} 小时`;
  return c.direction === 'added' ? `adds ${c.text} hours` : `frees ${c.text} hours`;
}
