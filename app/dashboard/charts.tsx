/**
 * The dashboard's charts (recharts 2 at a fixed size in chart units, which the page scales to
 * its column), each with its legend as HTML above it and its data table behind it for screen
 * readers and checking. Everything that places text is computed from the text (chart-layout.ts),
 * never measured, so the server renders the same SVG the browser draws.
 */
import type { ReactNode } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
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

import { ChartLegend, type LegendItem } from './chart-legend';
import {
  axisWidth,
  NARROW_FONT,
  textWidth,
  niceScale,
  OPTION_LABEL_LINES,
  optionLabels,
  ticksEvery,
  WIDE_FONT,
  zeroAlignedScales,
  type AxisScale,
  type OptionLabel,
  type TickEvery,
} from './chart-layout';

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
const TICK_COLOR = '#555';
/** The hours-and-cash chart's bars (the report draws its legend with them). */
export const HOURS_COLOR = '#74c0fc';
export const PAPER_COLOR = '#ced4da';
export const CASH_COLOR = '#2b8a3e';
export const WIDTH = 540;
export const HEIGHT = 300;
/** Size and margins every dashboard chart shares, in chart units (the page scales them). */
export const FRAME = { width: WIDTH, height: HEIGHT, margin: { top: 12, right: 16, bottom: 4, left: 4 } };
/**
 * A horizontal axis's labels sit this far below its tick marks: clear of the lowest label of the
 * vertical axis beside them, which is centred on the bottom line and whose box (in a Chinese
 * face, 1.45 em tall) reaches 0.65 em below it, at either font.
 */
export const X_TICK_MARGIN = 17;
/** Height of a horizontal axis of one line of labels (at the larger font). */
export const X_AXIS_HEIGHT = 6 + X_TICK_MARGIN + NARROW_FONT + 2;

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

/**
 * Money on an axis with these ticks, every label with the decimals its step needs (in 万 in
 * Chinese, thousands in English): 0, 0.5, 1.0, 1.5; ticks 50 元 apart read 0.005, 0.010.
 */
export function tickMoney(lang: Lang, ticks: number[]): (v: number) => string {
  const unit = lang === 'zh-CN' ? 10000 : 1000;
  const step = Math.min(
    ...ticks.slice(1).map((t, i) => t - ticks[i]!),
    ...(ticks.length < 2 ? [Math.abs(ticks[0] ?? 0) || unit] : []),
  );
  let decimals = 0;
  let scaled = step / unit;
  // Whole steps by tens, not Math.log10: the same digits on the server and in the browser.
  while (decimals < 4 && Math.abs(scaled - Math.round(scaled)) > 1e-9 * Math.max(1, Math.abs(scaled))) {
    scaled *= 10;
    decimals++;
  }
  return (v: number) => (v === 0 ? '0' : `${formatNumber(v / unit, decimals)}${lang === 'zh-CN' ? '' : 'k'}`);
}

/**
 * Room beyond the plot's right edge for the half of `label` that a tick on that edge puts
 * outside it (the SVG would cut it off), beyond what the chart's margin gives.
 */
export function rightPadding(label: string): number {
  return Math.max(0, Math.ceil(textWidth(label, NARROW_FONT) / 2) - FRAME.margin.right + 2);
}

/**
 * A chart's legend and plot. The box is a CSS container: below NARROW_BELOW pixels the page's
 * stylesheet writes the axis text larger (the plot is scaled down there) and leaves out every
 * label a narrow `TickEvery` leaves out.
 */
export function Chart({
  legend = [],
  unit,
  children,
}: {
  legend?: LegendItem[];
  /** What the axes count in, where the chart's title does not say it. */
  unit?: string;
  children: ReactNode;
}) {
  return (
    <div className="chart">
      {unit && <p className="chart-unit muted">{unit}</p>}
      <ChartLegend items={legend} />
      <div className="chart-plot">{children}</div>
    </div>
  );
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
      <div className="table-scroll">
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
      </div>
    </details>
  );
}

/** A vertical axis's props: its scale, every tick written, and room for its longest label. */
export function yAxisProps(scale: AxisScale, format: (v: number) => string) {
  return {
    domain: scale.domain,
    ticks: scale.ticks,
    // Every tick, always: recharts would otherwise thin them by measuring text, which only the
    // browser can, and the first paint would differ from the hydrated page.
    interval: 0,
    width: axisWidth(scale.ticks.map(format)),
    tickFormatter: format,
    tick: { fontSize: WIDE_FONT, fill: TICK_COLOR },
  } as const;
}

/** The width left for the plot between the vertical axes. */
export function plotWidth(...axisWidths: number[]): number {
  return WIDTH - FRAME.margin.left - FRAME.margin.right - axisWidths.reduce((a, b) => a + b, 0);
}

interface TickProps {
  x?: number;
  y?: number;
  index?: number;
  payload?: { value: string | number };
}

/**
 * A label under a horizontal axis's tick: written at every `every.wide`-th tick, and where the
 * chart is narrow at every `every.narrow`-th (the others carry `tick-minor`, which app.css hides).
 */
export function XTick({
  x,
  y,
  index = 0,
  payload,
  every,
  format,
}: TickProps & { every: TickEvery; format?: (v: number) => string }) {
  const value = payload?.value ?? '';
  return (
    <text
      x={x}
      y={y}
      dy="0.71em"
      textAnchor="middle"
      fontSize={WIDE_FONT}
      fill={TICK_COLOR}
      className={`recharts-cartesian-axis-tick-value${index % every.narrow ? ' tick-minor' : ''}`}
      display={index % every.wide ? 'none' : undefined}
    >
      {format ? format(Number(value)) : String(value)}
    </text>
  );
}

/** A year axis's labels and how densely they fit, `slot` units apart. */
function yearTicks(years: string[], width: number): TickEvery {
  return ticksEvery(width / Math.max(1, years.length), years);
}

export function CumulativeCashChart({ result, lang }: ChartProps) {
  const months = result.horizonYears * 12;
  const data = Array.from({ length: months }, (_, t) => {
    const row: Record<string, number> = { month: t + 1 };
    for (const o of result.options) row[o.id] = o.monthly.cumulativeNetCash[t]!;
    return row;
  });
  const unit = moneyUnit(result.currency, lang);
  const yScale = niceScale(result.options.flatMap((o) => o.monthly.cumulativeNetCash));
  const y = yAxisProps(yScale, tickMoney(lang, yScale.ticks));
  const ticks = Array.from({ length: result.horizonYears }, (_, k) => (k + 1) * 12);
  const every = ticksEvery((plotWidth(y.width) / months) * 12, ticks.map(String));
  return (
    <figure className="card chart-card" aria-labelledby="chart-cumulative">
      <h3 id="chart-cumulative">
        {translate(lang, 'cumulativeCash')} ({unit})
      </h3>
      <Chart
        legend={result.options.map((o, i) => ({
          label: o.name,
          color: OPTION_COLORS[i % OPTION_COLORS.length]!,
          mark: 'line',
        }))}
      >
        <LineChart id="cumulative-cash" {...FRAME} data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="month"
            ticks={ticks}
            interval={0}
            tick={<XTick every={every} />}
            tickMargin={X_TICK_MARGIN}
            height={X_AXIS_HEIGHT + NARROW_FONT}
            padding={{ left: 0, right: rightPadding(String(months)) }}
            label={{
              value: translate(lang, 'month'),
              position: 'insideBottom',
              offset: 0,
              fontSize: WIDE_FONT,
              className: 'axis-label',
            }}
          />
          <YAxis {...y} />
          <Tooltip formatter={(v: number) => formatAmount(v, lang)} />
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
      </Chart>
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
  // The stacks: what is above zero and what below, year by year.
  const sums = option.years.flatMap((y) => [
    used.reduce((s, c) => s + Math.max(0, y.costs[c]), 0),
    used.reduce((s, c) => s + Math.min(0, y.costs[c]), 0),
  ]);
  const yScale = niceScale(sums);
  const y = yAxisProps(yScale, tickMoney(lang, yScale.ticks));
  const every = yearTicks(
    data.map((d) => d.year),
    plotWidth(y.width),
  );
  return (
    <figure className="card chart-card">
      <h3 style={{ color }}>
        {translate(lang, 'yearlyCost')} ({unit}) · {option.name}
      </h3>
      <Chart
        legend={used.map((c) => ({
          label: termLabel(CATEGORY_NAMES[c], lang),
          color: CATEGORY_COLORS[COST_CATEGORIES.indexOf(c)]!,
        }))}
      >
        <BarChart id={`yearly-cost-${option.id}`} {...FRAME} data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="year"
            interval={0}
            tick={<XTick every={every} />}
            tickMargin={X_TICK_MARGIN}
            height={X_AXIS_HEIGHT}
          />
          <YAxis {...y} />
          <Tooltip formatter={(v: number) => formatAmount(v, lang)} />
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
      </Chart>
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
  const yScale = niceScale(
    data.flatMap((row) => [Number(row.budget), ...result.options.map((o) => Number(row[o.id]))]),
  );
  const y = yAxisProps(yScale, tickMoney(lang, yScale.ticks));
  const every = yearTicks(
    data.map((d) => String(d.year)),
    plotWidth(y.width),
  );
  return (
    <figure className="card chart-card">
      <h3>
        {translate(lang, 'budgetUse')} ({unit})
      </h3>
      <Chart
        legend={[
          ...result.options.map((o, i) => ({
            label: o.name,
            color: OPTION_COLORS[i % OPTION_COLORS.length]!,
          })),
          { label: METRIC_NAMES.budget[lang], color: '#111', mark: 'dashed' },
        ]}
      >
        <ComposedChart id="budget-use" {...FRAME} data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="year"
            interval={0}
            tick={<XTick every={every} />}
            tickMargin={X_TICK_MARGIN}
            height={X_AXIS_HEIGHT}
          />
          <YAxis {...y} />
          <Tooltip formatter={(v: number) => formatAmount(v, lang)} />
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
      </Chart>
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

/** Line height of an option's name under its bars, in ems. */
const LINE_EMS = 1.2;

/**
 * An option's name under its bars, wrapped (or its number, where names have no room): one text
 * for the chart drawn wide and one for it drawn narrow, app.css showing the one that applies.
 * The narrow one is hidden by attribute, so the PDF report (which reads no CSS) draws the wide.
 */
function OptionTick({
  x,
  y,
  index = 0,
  wide,
  narrow,
}: TickProps & { wide: OptionLabel[]; narrow: OptionLabel[] }) {
  const text = (lines: OptionLabel, size: number, form: 'wide' | 'narrow') => (
    <text
      x={x}
      y={y}
      textAnchor="middle"
      fontSize={size}
      fill={TICK_COLOR}
      fontWeight={lines ? undefined : 600}
      className={`recharts-cartesian-axis-tick-value tick-${form}`}
      display={form === 'narrow' ? 'none' : undefined}
    >
      {(lines ?? [String(index + 1)]).map((line, k) => (
        <tspan key={k} x={x} dy={k === 0 ? '0.71em' : `${LINE_EMS}em`}>
          {line}
        </tspan>
      ))}
    </text>
  );
  return (
    <g>
      {text(wide[index] ?? null, WIDE_FONT, 'wide')}
      {text(narrow[index] ?? null, NARROW_FONT, 'narrow')}
    </g>
  );
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
  const hoursValues = data.map((d) => d.hours);
  const moneyValues = data.flatMap((d) => [d.cash, d.paper]);
  const [hoursScale, moneyScale] = zeroAlignedScales(hoursValues, moneyValues) ?? [
    niceScale(hoursValues),
    niceScale(moneyValues),
  ];
  const hoursAxis = yAxisProps(hoursScale, (v: number) => formatNumber(v));
  const moneyAxis = yAxisProps(moneyScale, tickMoney(lang, moneyScale.ticks));
  const names = data.map((d) => d.name);
  const slot = plotWidth(hoursAxis.width, moneyAxis.width) / Math.max(1, names.length);
  const wide = optionLabels(names, slot, WIDE_FONT);
  const narrow = optionLabels(names, slot, NARROW_FONT);
  const lines = Math.max(1, ...narrow.map((l) => l?.length ?? 1));
  // Where a form numbers the options, its legend says which number is which.
  const numbered: LegendItem['only'] | 'both' | null =
    wide[0] === null ? 'both' : narrow[0] === null ? 'narrow' : null;
  return (
    <figure className="card chart-card">
      <h3>
        {translate(lang, 'hoursVsCash')} ({lang === 'zh-CN' ? '小时' : 'h'} · {unit})
      </h3>
      <Chart
        legend={[
          { label: hoursLabel, color: HOURS_COLOR },
          { label: translate(lang, 'paperValue'), color: PAPER_COLOR },
          { label: METRIC_NAMES.cashRealized[lang], color: CASH_COLOR },
          ...(numbered
            ? names.map((name, i) => ({
                label: name,
                color: TICK_COLOR,
                number: i + 1,
                only: numbered === 'both' ? undefined : numbered,
              }))
            : []),
        ]}
      >
        <BarChart id="hours-cash" {...FRAME} data={data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="name"
            tick={<OptionTick wide={wide} narrow={narrow} />}
            tickMargin={X_TICK_MARGIN}
            interval={0}
            height={
              6 +
              X_TICK_MARGIN +
              Math.ceil(NARROW_FONT * (0.96 + LINE_EMS * (Math.min(lines, OPTION_LABEL_LINES) - 1))) +
              2
            }
          />
          <YAxis yAxisId="hours" {...hoursAxis} />
          <YAxis yAxisId="money" orientation="right" {...moneyAxis} />
          <Tooltip />
          <ReferenceLine yAxisId="hours" y={0} stroke="#333" />
          <Bar
            yAxisId="hours"
            dataKey="hours"
            name={hoursLabel}
            fill={HOURS_COLOR}
            isAnimationActive={false}
          />
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
      </Chart>
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
