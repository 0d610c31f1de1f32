/**
 * Where a chart's text goes, decided from the text alone: axis scales with round steps, axis
 * widths from their longest label, option names wrapped to their slot, thinned year ticks.
 * Nothing here measures the page, so the server draws the same SVG as the browser.
 *
 * Every chart is drawn in a 540-unit-wide box that the page scales to its column. On a phone the
 * box shrinks to about 0.6, so the page's CSS sets the axis text at NARROW_FONT there (11–13 px
 * on screen) instead of WIDE_FONT: the space reserved here is for the larger of the two.
 */

/** Axis text size in the chart's units where the chart is drawn at (nearly) full size. */
export const WIDE_FONT = 13;
/** Axis text size in the chart's units where the column is narrow (a phone): see app.css. */
export const NARROW_FONT = 20;
/** Below this many CSS pixels of column a chart is drawn in its narrow form (app.css says the same). */
export const NARROW_BELOW = 460;

/** Width of one character in ems: CJK full width, Latin by its rough shape (erring wide). */
function charWidth(ch: string): number {
  if (/[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\u3000-\u303f]/.test(ch)) return 1;
  if (/[0-9]/.test(ch)) return 0.56;
  if (/[ .,:;'|!il·]/.test(ch)) return 0.3;
  if (/[A-Zmw%@—–]/.test(ch)) return 0.8;
  return 0.56;
}

/** The width of `text` at `fontSize`, in the same units, estimated a little on the wide side. */
export function textWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += charWidth(ch);
  return ems * fontSize;
}

export function isChinese(text: string): boolean {
  return /[\u4e00-\u9fff]/.test(text);
}

/** The smallest of 1, 2 or 5 × 10^k that is at least `x`. */
export function niceStep(x: number): number {
  // The power of ten by steps, not Math.log10 and **: those differ between the server's engine
  // and the browser's in the last bit, and the axis drawn on each must be the same.
  let power = 1;
  if (x > 0 && Number.isFinite(x)) {
    while (power * 10 <= x) power *= 10;
    while (power > x) power /= 10;
  }
  const m = x / power;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * power;
}

export interface AxisScale {
  domain: [number, number];
  ticks: number[];
}

/**
 * An axis from round step to round step around `values` (and zero, unless `withZero` is false),
 * about `count` steps long. Ticks are whole multiples of the step, so 0.6 is not 0.6000000001.
 */
export function niceScale(values: number[], count = 4, withZero = true): AxisScale {
  const finite = values.filter(Number.isFinite);
  let min = Math.min(...(withZero ? [0] : []), ...finite);
  let max = Math.max(...(withZero ? [0] : []), ...finite);
  if (!Number.isFinite(min) || !Number.isFinite(max)) [min, max] = [0, 1];
  if (max === min) {
    // One value: a step of about a tenth of it, or 1, on each side.
    const pad = niceStep(Math.abs(min) / 10 || 1);
    [min, max] = withZero && min === 0 ? [0, pad * count] : [min - pad, max + pad];
  }
  const step = niceStep((max - min) / count);
  const from = Math.floor(min / step);
  const to = Math.ceil(max / step);
  const ticks = Array.from({ length: to - from + 1 }, (_, k) => round((from + k) * step, step));
  return { domain: [ticks[0]!, ticks.at(-1)!], ticks };
}

/** `x` to the precision of `step` (at most 12 decimals): 3 × 0.2 is 0.6. */
function round(x: number, step: number): number {
  let decimals = 0;
  while (decimals < 12 && Math.abs(Math.round(step * 10 ** decimals) - step * 10 ** decimals) > 1e-9)
    decimals++;
  const value = Number(x.toFixed(decimals));
  return value === 0 ? 0 : value;
}

/**
 * Two axes share one zero line and one set of grid lines: otherwise an option that adds
 * work (negative hours) sits below the hours zero while its money bars start from another
 * zero, and reads wrong. Each axis keeps round steps of its own.
 */
export function zeroAlignedScales(left: number[], right: number[]): [AxisScale, AxisScale] | null {
  const spans = [left, right].map((xs) => ({ min: Math.min(0, ...xs), max: Math.max(0, ...xs) }));
  if (spans.some((s) => s.max <= 0) || spans.every((s) => s.min === 0)) return null;
  const steps = spans.map((s) => niceStep(s.max / 4));
  const above = Math.max(...spans.map((s, i) => Math.ceil(s.max / steps[i]!)));
  const below = Math.max(...spans.map((s, i) => Math.ceil(-s.min / steps[i]!)));
  const scale = (step: number): AxisScale => ({
    domain: [-below * step, above * step],
    ticks: Array.from({ length: below + above + 1 }, (_, k) => (k - below) * step),
  });
  return [scale(steps[0]!), scale(steps[1]!)];
}

/** Room for a vertical axis whose longest label is among `labels`, at the larger font. */
export function axisWidth(labels: string[]): number {
  return Math.ceil(Math.max(0, ...labels.map((l) => textWidth(l, NARROW_FONT)))) + 14;
}

/**
 * Every how many ticks a label is written so that labels `labelWidth` wide, `slot` apart, keep
 * a gap: 1 = every tick.
 */
export function tickEvery(slot: number, labelWidth: number): number {
  const needed = labelWidth + 8;
  let every = 1;
  while (slot * every < needed && every < 1000) every++;
  return every;
}

const LATIN = /[A-Za-z0-9]/;

/**
 * Where to cut `text` at or before `at` so that a Latin word or number in a Chinese name ("大模型
 * API") is not split ("大模型 AP…" reads as another word): before the word, unless the word is
 * the whole of what fits.
 */
function outsideLatinWord(text: string, at: number): number {
  let cut = at;
  while (cut > 0 && cut < text.length && LATIN.test(text[cut - 1]!) && LATIN.test(text[cut]!)) cut--;
  return cut > 0 ? cut : at;
}

/**
 * A name in at most `maxLines` lines of at most `perLine` characters (English broken at spaces
 * where it can), the last line cut with an ellipsis when the name is longer.
 */
export function wrapLines(name: string, perLine: number, maxLines: number, atSpaces: boolean): string[] {
  const lines: string[] = [];
  let rest = name.trim();
  while (rest && lines.length < maxLines) {
    const last = lines.length === maxLines - 1;
    if (rest.length <= perLine) {
      lines.push(rest);
      rest = '';
      break;
    }
    if (last) {
      lines.push(rest.slice(0, outsideLatinWord(rest, Math.max(1, perLine - 1))).trimEnd() + '…');
      rest = '';
      break;
    }
    let cut = outsideLatinWord(rest, perLine);
    if (atSpaces) {
      const space = rest.lastIndexOf(' ', perLine);
      if (space > 0) cut = space;
    }
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  return lines;
}

/** Lines of an option's name under its bars, or null where there is no room and it is numbered. */
export type OptionLabel = string[] | null;

/** Most lines an option's name takes under its bars. */
export const OPTION_LABEL_LINES = 3;

/**
 * The option names under a bar chart's groups, `slot` units apart, at one font size: wrapped
 * names when every name gets at least four Chinese or ten Latin characters a line, otherwise
 * null for all (the chart numbers the groups and its legend says which is which).
 */
export function optionLabels(names: string[], slot: number, fontSize: number): OptionLabel[] {
  const room = slot - 8;
  const wrapped = names.map((name) => {
    const chinese = isChinese(name);
    const perLine = Math.floor(room / (fontSize * (chinese ? 1 : 0.62)));
    if (perLine < (chinese ? 4 : 10)) return null;
    return wrapLines(name, perLine, OPTION_LABEL_LINES, !chinese);
  });
  return wrapped.some((w) => w === null) ? names.map(() => null) : wrapped;
}

/** Every how many ticks a label is written, where the chart is drawn wide and where narrow. */
export interface TickEvery {
  wide: number;
  /** A multiple of `wide`, so a label left out on a laptop is left out on a phone too. */
  narrow: number;
}

/** How densely `labels`, `slot` units apart, can be written at each font without touching. */
export function ticksEvery(slot: number, labels: string[]): TickEvery {
  const widest = (size: number) => Math.max(0, ...labels.map((l) => textWidth(l, size)));
  const wide = tickEvery(slot, widest(WIDE_FONT));
  const narrow = Math.ceil(tickEvery(slot, widest(NARROW_FONT)) / wide) * wide;
  return { wide, narrow };
}
