/** Charts of the Monte Carlo: the fan of yearly net cash, the NPV histogram and the tornado. */
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { formatAmount, formatNumber, formatPercent, moneyUnit } from '~/engine/format';
import { movingBars, type OptionMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import type { Lang } from '~/engine/text';
import { translate } from '~/i18n/ui';

import { ChartLegend } from './chart-legend';
import { niceScale, ticksEvery } from './chart-layout';
import {
  Chart,
  DataTable,
  FRAME,
  plotWidth,
  rightPadding,
  tickMoney,
  X_AXIS_HEIGHT,
  X_TICK_MARGIN,
  XTick,
  yAxisProps,
} from './charts';
import { chartWord } from './words';

const LOW_COLOR = '#e8590c';
const HIGH_COLOR = '#1c7ed6';

/** Each chart names its option (`chartId`): recharts ids must be unique on the page. */
export function FanChart({
  chartId,
  mc,
  startYear,
  color,
  currency,
  lang,
}: {
  chartId: string;
  mc: OptionMonteCarlo;
  startYear: number;
  color: string;
  currency: string;
  lang: Lang;
}) {
  const data = mc.yearlyNetCash.map((p, y) => ({
    year: String(startYear + y),
    band: [p.p10, p.p90],
    p50: p.p50,
  }));
  const yScale = niceScale(mc.yearlyNetCash.flatMap((p) => [p.p10, p.p90, p.p50]));
  const y = yAxisProps(yScale, tickMoney(lang, yScale.ticks));
  const every = ticksEvery(
    plotWidth(y.width) / Math.max(1, data.length),
    data.map((d) => d.year),
  );
  return (
    <Chart
      unit={chartWord(lang, 'inUnit', { unit: moneyUnit(currency, lang) })}
      legend={[
        { label: 'P10–P90', color, mark: 'band' },
        { label: 'P50', color, mark: 'line' },
      ]}
    >
      <ComposedChart id={`fan-${chartId}`} {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="year"
          interval={0}
          tick={<XTick every={every} />}
          tickMargin={X_TICK_MARGIN}
          height={X_AXIS_HEIGHT}
          // The first and last years sit on the plot's edges: room for their labels.
          padding={{ left: 12, right: rightPadding(data.at(-1)?.year ?? '') }}
        />
        <YAxis {...y} />
        <Tooltip
          formatter={(v: number | number[]) =>
            Array.isArray(v) ? v.map((x) => formatAmount(x, lang)).join(' – ') : formatAmount(v, lang)
          }
        />
        <ReferenceLine y={0} stroke="#333" />
        <Area
          dataKey="band"
          name="P10–P90"
          fill={color}
          fillOpacity={0.25}
          stroke="none"
          isAnimationActive={false}
        />
        <Line dataKey="p50" name="P50" stroke={color} strokeWidth={2} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </Chart>
  );
}

/** Share of the trials in the tallest bar above which the axis is centred on that bar. */
const SPIKE = 0.9;
/** Share of the trials in the tallest bar above which a sentence says where they are. */
const SAY_SPIKE = 0.5;

/**
 * Where the histogram's axis runs: a bin's width beyond the outermost bars, so none sits on an
 * end; centred on the tallest bar when nearly every trial is in it, so a distribution that is
 * one bar and a thin tail is drawn as a bar in the middle of its axis, not at its edge.
 */
export function histogramAxis(bins: OptionMonteCarlo['histogram']): {
  scale: ReturnType<typeof niceScale>;
  binWidth: number;
} {
  const binWidth = bins[0]!.to - bins[0]!.from;
  let lo = bins[0]!.from - binWidth;
  let hi = bins.at(-1)!.to + binWidth;
  const total = bins.reduce((s, b) => s + b.count, 0);
  const tallest = bins.reduce((a, b) => (b.count > a.count ? b : a));
  if (total > 0 && tallest.count / total >= SPIKE) {
    const centre = (tallest.from + tallest.to) / 2;
    const half = Math.max(centre - lo, hi - centre);
    [lo, hi] = [centre - half, centre + half];
  }
  return { scale: niceScale([lo, hi], 6, false), binWidth };
}

export function HistogramChart({
  chartId,
  mc,
  color,
  currency,
  lang,
}: {
  chartId: string;
  mc: OptionMonteCarlo;
  color: string;
  currency: string;
  lang: Lang;
}) {
  const bins = mc.histogram;
  const spread = (bins.at(-1)?.to ?? 0) - (bins[0]?.from ?? 0);
  // A spread of a few yuan on a loss of tens of thousands is no distribution to draw.
  if (bins.length < 2 || spread < 1e-3 * Math.max(1, Math.abs(mc.npv.p50))) {
    return <p className="muted">{translate(lang, 'npvFixed', { npv: formatAmount(mc.npv.p50, lang) })}</p>;
  }
  // Empty bins draw nothing; a bin of one trial in five thousand still draws a sliver.
  const data = bins.map((b) => ({ mid: (b.from + b.to) / 2, count: b.count > 0 ? b.count : null }));
  const { scale, binWidth } = histogramAxis(bins);
  const money = tickMoney(lang, scale.ticks);
  const y = yAxisProps(niceScale(bins.map((b) => b.count)), (v: number) => formatNumber(v));
  const width = plotWidth(y.width);
  const span = scale.domain[1] - scale.domain[0];
  const every = ticksEvery((width * (scale.ticks[1]! - scale.ticks[0]!)) / span, scale.ticks.map(money));
  const total = bins.reduce((s, b) => s + b.count, 0);
  const tallest = bins.reduce((a, b) => (b.count > a.count ? b : a));
  return (
    <Chart unit={chartWord(lang, 'inUnit', { unit: moneyUnit(currency, lang) })}>
      <BarChart id={`histogram-${chartId}`} {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="mid"
          type="number"
          domain={scale.domain}
          ticks={scale.ticks}
          interval={0}
          tick={<XTick every={every} format={money} />}
          tickMargin={X_TICK_MARGIN}
          height={X_AXIS_HEIGHT}
          padding={{ left: 0, right: rightPadding(money(scale.ticks.at(-1)!)) }}
        />
        <YAxis {...y} />
        <Tooltip labelFormatter={(v: number) => formatAmount(v, lang)} />
        <Bar
          dataKey="count"
          name={translate(lang, 'trials')}
          fill={color}
          barSize={Math.max(2, (width * binWidth) / span - 1)}
          minPointSize={2}
          isAnimationActive={false}
        />
      </BarChart>
      {total > 0 && tallest.count / total >= SAY_SPIKE && (
        <p className="muted">
          {chartWord(lang, 'histogramSpike', {
            share: formatPercent(tallest.count / total, lang),
            from: formatAmount(tallest.from, lang),
            to: formatAmount(tallest.to, lang),
          })}
        </p>
      )}
    </Chart>
  );
}

/**
 * The tornado as HTML: each input's name is page text that wraps in its own column (on a phone,
 * above its bars), and the bars are placed in percent of the row, so nothing is measured and
 * the labels stay the page's size at any width.
 */
export function TornadoChart({
  chartId,
  mc,
  labels,
  currency,
  lang,
}: {
  chartId: string;
  mc: OptionMonteCarlo;
  labels: Record<string, string>;
  currency: string;
  lang: Lang;
}) {
  // From the NPV the trials ran around, not the page's (a what-if may have moved since).
  const base = mc.baseNpv;
  const rows = movingBars(mc, 10).map((t) => ({
    input: t.input,
    name: labels[t.input] ?? t.input,
    low: t.low - base,
    high: t.high - base,
  }));
  if (rows.length === 0) return <p className="legend">{translate(lang, 'tornadoEmpty')}</p>;
  const scale = niceScale(
    rows.flatMap((r) => [r.low, r.high]),
    4,
  );
  const [d0, d1] = scale.domain;
  const at = (v: number) => ((v - d0) / (d1 - d0)) * 100;
  const money = tickMoney(lang, scale.ticks);
  const bar = (value: number, kind: 'low' | 'high') => {
    const from = at(Math.min(0, value));
    return (
      <span
        className={`tornado-bar ${kind}`}
        style={{ left: `${from}%`, width: `${at(Math.max(0, value)) - from}%` }}
      />
    );
  };
  const p10 = chartWord(lang, 'npvChangeAtP10');
  const p90 = chartWord(lang, 'npvChangeAtP90');
  return (
    <div className="chart tornado" data-testid={`tornado-${chartId}`}>
      <p className="chart-unit muted">{chartWord(lang, 'inUnit', { unit: moneyUnit(currency, lang) })}</p>
      <ChartLegend
        items={[
          { label: translate(lang, 'atP10'), color: LOW_COLOR },
          { label: translate(lang, 'atP90'), color: HIGH_COLOR },
        ]}
      />
      <ol className="tornado-rows">
        {rows.map((r) => (
          <li key={r.input}>
            <span className="tornado-label">{r.name}</span>
            <span
              className="tornado-track"
              role="img"
              aria-label={`${p10}: ${formatAmount(r.low, lang)}; ${p90}: ${formatAmount(r.high, lang)}`}
              title={`${p10}: ${formatAmount(r.low, lang)}\n${p90}: ${formatAmount(r.high, lang)}`}
            >
              {scale.ticks.map((t) => (
                <span
                  key={t}
                  className={`tornado-grid${t === 0 ? ' zero' : ''}`}
                  style={{ left: `${at(t)}%` }}
                />
              ))}
              {bar(r.low, 'low')}
              {bar(r.high, 'high')}
            </span>
          </li>
        ))}
        <li className="tornado-axis" aria-hidden="true">
          <span className="tornado-label" />
          <span className="tornado-ticks">
            {scale.ticks.map((t, i) => (
              <span
                key={t}
                className={i === 0 ? 'first' : i === scale.ticks.length - 1 ? 'last' : undefined}
                style={{ left: `${at(t)}%` }}
              >
                {money(t)}
              </span>
            ))}
          </span>
        </li>
      </ol>
      <DataTable
        caption={translate(lang, 'showTable')}
        head={[translate(lang, 'input'), p10, p90]}
        rows={rows.map((r) => [r.name, formatAmount(r.low, lang), formatAmount(r.high, lang)])}
      />
    </div>
  );
}
