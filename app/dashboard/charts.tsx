/**
 * The dashboard's charts (recharts 2 with fixed sizes, so the server renders the same SVG the
 * browser draws), each with its data table behind it for screen readers and checking.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  LineChart,
  ReferenceDot,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { formatAmount, formatNumber, moneyUnit } from '~/engine/format';
import type { OptionResult, ScenarioResult } from '~/engine/results';
import { COST_CATEGORIES } from '~/engine/constants';
import type { Lang } from '~/engine/text';
import { CATEGORY_NAMES, METRIC_NAMES, termLabel } from '~/i18n/terms';
import { translate } from '~/i18n/ui';

export const OPTION_COLORS = [
  '#0b5cad',
  '#d9480f',
  '#2b8a3e',
  '#7048e8',
  '#c2255c',
  '#1098ad',
  '#5c940d',
  '#e67700',
  '#495057',
  '#a61e4d',
];
const CATEGORY_COLORS = [
  '#1c7ed6',
  '#f08c00',
  '#37b24d',
  '#ae3ec9',
  '#e8590c',
  '#15aabf',
  '#f03e3e',
  '#868e96',
];
const BREACH = '#c92a2a';
/** The hours-and-cash chart's bars (the report draws its legend with them). */
export const HOURS_COLOR = '#74c0fc';
export const PAPER_COLOR = '#ced4da';
export const CASH_COLOR = '#2b8a3e';
export const WIDTH = 540;
export const HEIGHT = 280;
/** Size and margins every dashboard chart shares (fixed, so the server draws the same SVG). */
export const FRAME = { width: WIDTH, height: HEIGHT, margin: { top: 10, right: 20, bottom: 10, left: 10 } };

interface ChartProps {
  result: ScenarioResult;
  lang: Lang;
}

/** Money on an axis: 万 in Chinese, thousands (k) in English, with decimals for small amounts. */
export function axisMoney(lang: Lang) {
  const short = (x: number) =>
    formatNumber(x, Math.abs(x) >= 100 || Number.isInteger(x) ? 0 : Math.abs(x) >= 1 ? 1 : 2);
  return (v: number) => (v === 0 ? '0' : lang === 'zh-CN' ? short(v / 10000) : `${short(v / 1000)}k`);
}

export function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string[];
  rows: (string | number)[][];
}) {
  return (
    <details>
      <summary>{caption}</summary>
      <table>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={i} className={i > 0 ? 'num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={i > 0 ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

export function CumulativeCashChart({ result, lang }: ChartProps) {
  const months = result.horizonYears * 12;
  const data = Array.from({ length: months }, (_, t) => {
    const row: Record<string, number> = { month: t + 1 };
    for (const o of result.options) row[o.id] = o.monthly.cumulativeNetCash[t]!;
    return row;
  });
  const unit = moneyUnit(result.currency, lang);
  return (
    <figure className="card chart-box" aria-labelledby="chart-cumulative">
      <h3 id="chart-cumulative">
        {translate(lang, 'cumulativeCash')} ({unit})
      </h3>
      <LineChart
        id="cumulative-cash"
        {...FRAME}
        // Room below the axis for its "month" label.
        margin={{ ...FRAME.margin, bottom: 20 }}
        data={data}
      >
        <CartesianGrid strokeDasharray="3 3" />
        {/* Explicit ticks: recharts would otherwise thin them by measuring text, which the
            server cannot do, and the browser's first render would not match the server's. */}
        <XAxis
          dataKey="month"
          ticks={Array.from({ length: result.horizonYears }, (_, y) => (y + 1) * 12)}
          interval={0}
          label={{ value: translate(lang, 'month'), position: 'insideBottom', offset: -10 }}
        />
        <YAxis tickFormatter={axisMoney(lang)} />
        <Tooltip formatter={(v: number) => formatAmount(v, lang)} />
        {/* Below, as on the other charts: on top, two lines of long option names sat on the
            axis's first tick. Padded clear of the axis's "month". */}
        <Legend wrapperStyle={{ paddingTop: 16 }} />
        <ReferenceLine y={0} stroke="#333" />
        {result.options.map((o, i) => (
          <Line
            key={o.id}
            type="monotone"
            dataKey={o.id}
            name={o.name}
            stroke={OPTION_COLORS[i % OPTION_COLORS.length]}
            dot={false}
            strokeWidth={2}
            isAnimationActive={false}
          />
        ))}
        {result.options.map((o, i) =>
          o.paybackMonth ? (
            <ReferenceDot
              key={`pb-${o.id}`}
              x={o.paybackMonth}
              y={o.monthly.cumulativeNetCash[o.paybackMonth - 1] ?? 0}
              r={5}
              fill={OPTION_COLORS[i % OPTION_COLORS.length]}
              stroke="#fff"
            />
          ) : null,
        )}
      </LineChart>
      <DataTable
        caption={translate(lang, 'showTable')}
        head={[METRIC_NAMES.year[lang], ...result.options.map((o) => `${o.name} (${unit})`)]}
        rows={Array.from({ length: result.horizonYears }, (_, y) => [
          String(result.startYear + y),
          ...result.options.map((o) => formatAmount(o.years[y]!.cumulativeNetCash, lang)),
        ])}
      />
    </figure>
  );
}

export function YearlyCostChart({
  option,
  result,
  lang,
  color,
}: ChartProps & { option: OptionResult; color: string }) {
  const data = option.years.map((y) => ({ year: String(y.calendarYear), ...y.costs }));
  const unit = moneyUnit(result.currency, lang);
  const used = COST_CATEGORIES.filter((c) => option.years.some((y) => y.costs[c] > 0));
  return (
    <figure className="card chart-box">
      <h3 style={{ color }}>
        {translate(lang, 'yearlyCost')} ({unit}) · {option.name}
      </h3>
      <BarChart id={`yearly-cost-${option.id}`} {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" interval={0} />
        <YAxis tickFormatter={axisMoney(lang)} />
        <Tooltip formatter={(v: number) => formatAmount(v, lang)} />
        <Legend />
        {used.map((c) => (
          <Bar
            key={c}
            dataKey={c}
            stackId="cost"
            name={termLabel(CATEGORY_NAMES[c], lang)}
            fill={CATEGORY_COLORS[COST_CATEGORIES.indexOf(c)]}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
      <DataTable
        caption={translate(lang, 'showTable')}
        head={[
          METRIC_NAMES.year[lang],
          ...used.map((c) => termLabel(CATEGORY_NAMES[c], lang)),
          METRIC_NAMES.cashOut[lang],
        ]}
        rows={option.years.map((y) => [
          String(y.calendarYear),
          ...used.map((c) => formatAmount(y.costs[c], lang)),
          formatAmount(y.cashOut, lang),
        ])}
      />
    </figure>
  );
}

export function BudgetChart({ result, lang }: ChartProps) {
  const data = Array.from({ length: result.horizonYears }, (_, y) => {
    const row: Record<string, number | string> = {
      year: String(result.startYear + y),
      budget: result.options[0]?.years[y]!.budget ?? 0,
    };
    for (const o of result.options) row[o.id] = o.years[y]!.cashOut - o.years[y]!.funding;
    return row;
  });
  const unit = moneyUnit(result.currency, lang);
  return (
    <figure className="card chart-box">
      <h3>
        {translate(lang, 'budgetUse')} ({unit})
      </h3>
      <ComposedChart id="budget-use" {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" interval={0} />
        <YAxis tickFormatter={axisMoney(lang)} />
        <Tooltip formatter={(v: number) => formatAmount(v, lang)} />
        <Legend />
        {result.options.map((o, i) => (
          <Bar
            key={o.id}
            dataKey={o.id}
            name={o.name}
            fill={OPTION_COLORS[i % OPTION_COLORS.length]}
            isAnimationActive={false}
          >
            {o.years.map((y) => (
              <Cell
                key={y.year}
                fill={OPTION_COLORS[i % OPTION_COLORS.length]}
                stroke={y.budgetBreach ? BREACH : undefined}
                strokeWidth={y.budgetBreach ? 3 : 0}
              />
            ))}
          </Bar>
        ))}
        <Line
          type="stepAfter"
          dataKey="budget"
          name={METRIC_NAMES.budget[lang]}
          stroke="#111"
          strokeDasharray="6 3"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </ComposedChart>
      <DataTable
        caption={translate(lang, 'showTable')}
        head={[
          METRIC_NAMES.year[lang],
          METRIC_NAMES.budget[lang],
          ...result.options.map((o) => `${o.name} (${unit})`),
        ]}
        rows={data.map((row, y) => [
          String(row.year),
          formatAmount(Number(row.budget), lang),
          ...result.options.map(
            (o) =>
              `${formatAmount(Number(row[o.id]), lang)}${o.years[y]!.budgetBreach ? ` (${translate(lang, 'breach')})` : ''}`,
          ),
        ])}
      />
    </figure>
  );
}

/** Splits a name into two lines of at most `perLine` characters (English at spaces), cutting the rest. */
export function twoLines(name: string, perLine: number, atSpaces: boolean): [string, string] {
  let cut = Math.min(perLine, name.length);
  if (atSpaces && cut < name.length) {
    const space = name.lastIndexOf(' ', perLine);
    if (space > 0) cut = space;
  }
  const first = name.slice(0, cut);
  const rest = name.slice(cut).trimStart();
  return [first, rest.length > perLine ? rest.slice(0, perLine - 1) + '…' : rest];
}

/** Width of a character of an 11 px axis label: a Chinese one about 11.5 px, a Latin one about 6.2 px. */
export const CHAR_WIDTH = { chinese: 11.5, latin: 6.2 } as const;

/** An option's name under its bars, wrapped on two lines and cut when long. */
function OptionTick(props: {
  x?: number;
  y?: number;
  width?: number;
  visibleTicksCount?: number;
  payload?: { value: string };
}) {
  const name = props.payload?.value ?? '';
  // Each name gets its own slot of the axis; at 11 px a Chinese character is ~11 px wide,
  // a Latin one ~6 px, and neighbours need a gap.
  const slot = props.width && props.visibleTicksCount ? props.width / props.visibleTicksCount : 110;
  const chinese = /[\u4e00-\u9fff]/.test(name);
  const perLine = Math.max(4, Math.floor((slot - 8) / (chinese ? CHAR_WIDTH.chinese : CHAR_WIDTH.latin)));
  const [first, rest] = twoLines(name, perLine, !chinese);
  return (
    <text x={props.x} y={(props.y ?? 0) + 12} textAnchor="middle" fontSize={11} fill="#444">
      <tspan x={props.x}>{first}</tspan>
      {rest && (
        <tspan x={props.x} dy={13}>
          {rest}
        </tspan>
      )}
    </text>
  );
}

/** The smallest of 1, 2 or 5 × 10^k that is at least `x`. */
function niceStep(x: number): number {
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

export function HoursCashChart({ result, lang }: ChartProps) {
  const data = result.options.map((o) => ({
    name: o.name,
    hours: o.hoursFreed,
    cash: o.cashRealized,
    paper: o.paperValue,
  }));
  const unit = moneyUnit(result.currency, lang);
  const hoursLabel = METRIC_NAMES.hoursFreed[lang];
  const scales = zeroAlignedScales(
    data.map((d) => d.hours),
    data.flatMap((d) => [d.cash, d.paper]),
  );
  return (
    <figure className="card chart-box">
      <h3>
        {translate(lang, 'hoursVsCash')} (h · {unit})
      </h3>
      <BarChart id="hours-cash" {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" tick={<OptionTick />} interval={0} height={50} />
        <YAxis yAxisId="hours" tickFormatter={(v: number) => formatNumber(v)} {...scales?.[0]} />
        <YAxis yAxisId="money" orientation="right" tickFormatter={axisMoney(lang)} {...scales?.[1]} />
        <Tooltip />
        <Legend />
        <ReferenceLine yAxisId="hours" y={0} stroke="#333" />
        <Bar yAxisId="hours" dataKey="hours" name={hoursLabel} fill={HOURS_COLOR} isAnimationActive={false} />
        <Bar
          yAxisId="money"
          dataKey="paper"
          name={translate(lang, 'paperValue')}
          fill={PAPER_COLOR}
          isAnimationActive={false}
        />
        <Bar
          yAxisId="money"
          dataKey="cash"
          name={METRIC_NAMES.cashRealized[lang]}
          fill={CASH_COLOR}
          isAnimationActive={false}
        />
      </BarChart>
      <DataTable
        caption={translate(lang, 'showTable')}
        head={[
          METRIC_NAMES.option[lang],
          hoursLabel,
          `${translate(lang, 'paperValue')} (${unit})`,
          `${METRIC_NAMES.cashRealized[lang]} (${unit})`,
        ]}
        rows={result.options.map((o) => [
          o.name,
          formatNumber(o.hoursFreed),
          formatAmount(o.paperValue, lang),
          formatAmount(o.cashRealized, lang),
        ])}
      />
    </figure>
  );
}
