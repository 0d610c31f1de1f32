/**
 * The plan's charts, drawn as the dashboard's are (recharts 2 in a 540-unit box the page scales
 * to its column, HTML legends, axes computed from the numbers): spend each year stacked by use
 * case on top of the existing contracts and the shared servers, against the year's AI budget;
 * and the chosen plan's NPV over the Monte Carlo's trials.
 */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Customized,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { niceScale, ticksEvery } from '~/dashboard/chart-layout';
import {
  Chart,
  DataTable,
  FRAME,
  OPTION_COLORS,
  plotWidth,
  rightPadding,
  tickMoney,
  X_AXIS_HEIGHT,
  X_TICK_MARGIN,
  XTick,
  yAxisProps,
} from '~/dashboard/charts';
import { histogramAxis } from '~/dashboard/uncertainty-charts';
import { formatAmount, formatMoney, formatNumber, moneyUnit } from '~/engine/format';
import { localize, type Lang } from '~/engine/text';

import type { PlanMonteCarlo, PortfolioPlan } from './portfolio';
import { planWord } from './plan-words';

/** A use case's colour, by its place in the portfolio: the same in the table, timeline and chart. */
export const useCaseColor = (index: number): string => OPTION_COLORS[index % OPTION_COLORS.length]!;
export const COMMITTED_COLOR = '#adb5bd';
export const SERVERS_COLOR = '#495057';
const BUDGET_COLOR = '#111';
const BREACH = '#c92a2a';
const HISTOGRAM_COLOR = '#0b5cad';

/** The layers of the spend chart, bottom first: contracts, servers, then each funded use case. */
export function spendLayers(plan: PortfolioPlan, lang: Lang) {
  const layers: { key: string; label: string; color: string; value: (y: number) => number }[] = [];
  if (plan.years.some((y) => y.committed !== 0))
    layers.push({
      key: 'committed',
      label: planWord(lang, 'committed'),
      color: COMMITTED_COLOR,
      value: (y) => plan.years[y]!.committed,
    });
  if (plan.years.some((y) => y.sharedServers !== 0))
    layers.push({
      key: 'servers',
      label: planWord(lang, 'sharedServers'),
      color: SERVERS_COLOR,
      value: (y) => plan.years[y]!.sharedServers,
    });
  plan.useCases.forEach((u, i) => {
    if (!plan.years.some((y) => (y.byScenario[u.scenarioId] ?? 0) !== 0)) return;
    layers.push({
      key: `u${i}`,
      label: localize(u.name, lang),
      color: useCaseColor(i),
      value: (y) => plan.years[y]!.byScenario[u.scenarioId] ?? 0,
    });
  });
  return layers;
}

export function SpendChart({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  const layers = spendLayers(plan, lang);
  const data = plan.years.map((y, k) => {
    const row: Record<string, number | string> = { year: String(y.year), budget: y.budget };
    for (const layer of layers) row[layer.key] = layer.value(k);
    return row;
  });
  // The stacks above zero and below (a year whose funding exceeds its costs), and the budget.
  const extents = plan.years.flatMap((y, k) => [
    y.budget,
    layers.reduce((s, l) => s + Math.max(0, l.value(k)), 0),
    layers.reduce((s, l) => s + Math.min(0, l.value(k)), 0),
  ]);
  const yScale = niceScale(extents);
  const y = yAxisProps(yScale, tickMoney(lang, yScale.ticks));
  const every = ticksEvery(
    plotWidth(y.width) / Math.max(1, data.length),
    data.map((d) => String(d.year)),
  );
  const unit = moneyUnit('CNY', lang);
  const over = (k: number) => plan.years[k]!.headroom < -0.5;
  const anyOver = plan.years.some((_, k) => over(k));
  return (
    <figure className="card chart-card" data-testid="spend-chart">
      <h2>
        {planWord(lang, 'spendTitle')} ({unit})
      </h2>
      <Chart
        legend={[
          ...layers.map((l) => ({ label: l.label, color: l.color })),
          { label: planWord(lang, 'budgetLine'), color: BUDGET_COLOR, mark: 'dashed' as const },
        ]}
      >
        <ComposedChart id="plan-spend" {...FRAME} data={data}>
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
          <ReferenceLine y={0} stroke="#333" />
          {layers.map((l) => (
            <Bar
              key={l.key}
              dataKey={l.key}
              stackId="spend"
              name={l.label}
              fill={l.color}
              className={`spend-layer spend-${l.key === 'committed' || l.key === 'servers' ? l.key : 'use-case'}`}
              isAnimationActive={false}
            >
              {/* A year over its budget (a plan the engine's re-check did not pass) outlined. */}
              {anyOver &&
                plan.years.map((_, k) => (
                  <Cell
                    key={k}
                    fill={l.color}
                    stroke={over(k) ? BREACH : undefined}
                    strokeWidth={over(k) ? 2 : 0}
                  />
                ))}
            </Bar>
          ))}
          <Customized
            component={
              <BudgetSteps
                years={data.map((d) => String(d.year))}
                budgets={plan.years.map((yr) => yr.budget)}
              />
            }
          />
        </ComposedChart>
      </Chart>
      <p className="muted">{planWord(lang, 'spendReading')}</p>
      {plan.sharedServers && plan.sharedServers.servers > 0 && (
        <p className="muted">{planWord(lang, 'sharedServersCount', { n: plan.sharedServers.servers })}</p>
      )}
      <DataTable
        caption={planWord(lang, 'showTable')}
        head={[
          planWord(lang, 'year'),
          planWord(lang, 'budget'),
          planWord(lang, 'committed'),
          planWord(lang, 'cap'),
          ...layers.filter((l) => l.key !== 'committed').map((l) => l.label),
          planWord(lang, 'spend'),
          planWord(lang, 'headroom'),
        ]}
        rows={plan.years.map((yr, k) => [
          String(yr.year),
          formatAmount(yr.budget, lang),
          formatAmount(yr.committed, lang),
          formatAmount(yr.budget - yr.committed, lang),
          ...layers.filter((l) => l.key !== 'committed').map((l) => formatAmount(l.value(k), lang)),
          formatAmount(yr.spend, lang),
          formatAmount(yr.headroom, lang),
        ])}
      />
    </figure>
  );
}

/** What recharts hands a `Customized` child: the axes' scales, by axis id. */
interface AxisMaps {
  xAxisMap?: Record<string, { scale: ((v: string) => number | undefined) & { bandwidth?: () => number } }>;
  yAxisMap?: Record<string, { scale: (v: number) => number }>;
}

/**
 * Each year's budget as a dashed step across the whole of that year's column: a line through
 * the columns' middles (recharts' own) would start halfway into the first year's bar and stop
 * halfway into the last, where a bar's top is judged against it.
 */
function BudgetSteps({
  years,
  budgets,
  xAxisMap,
  yAxisMap,
}: AxisMaps & { years: string[]; budgets: number[] }) {
  const xAxis = Object.values(xAxisMap ?? {})[0];
  const yAxis = Object.values(yAxisMap ?? {})[0];
  if (!xAxis || !yAxis) return null;
  const band = xAxis.scale.bandwidth?.() ?? 0;
  // One year's column ends where the next one's begins: down or up there, then across.
  const d = years
    .map((year, k) => ({ x: xAxis.scale(year), y: yAxis.scale(budgets[k]!) }))
    .filter((p): p is { x: number; y: number } => p.x !== undefined)
    .map((p, k) => `${k === 0 ? `M${p.x.toFixed(1)} ` : 'V'}${p.y.toFixed(1)}H${(p.x + band).toFixed(1)}`)
    .join('');
  return (
    <path
      className="spend-budget"
      d={d}
      fill="none"
      stroke={BUDGET_COLOR}
      strokeWidth={2}
      strokeDasharray="6 3"
    />
  );
}

/** The plan's histogram as bins (edges n + 1, counts n → n bins). */
export function histogramBins(h: PlanMonteCarlo['histogram']): { from: number; to: number; count: number }[] {
  return h.counts.map((count, k) => ({ from: h.edges[k]!, to: h.edges[k + 1]!, count }));
}

export function PlanHistogram({ mc, lang }: { mc: PlanMonteCarlo; lang: Lang }) {
  const bins = histogramBins(mc.histogram);
  const spread = (bins.at(-1)?.to ?? 0) - (bins[0]?.from ?? 0);
  // One bin, or a spread of a few 元 on a plan worth millions: no distribution to draw.
  if (bins.length < 2 || spread < 1e-3 * Math.max(1, Math.abs(mc.p50)))
    return <p className="muted">{planWord(lang, 'npvFixed', { npv: formatMoney(mc.p50, 'CNY', lang) })}</p>;
  const data = bins.map((b) => ({ mid: (b.from + b.to) / 2, count: b.count > 0 ? b.count : null }));
  const { scale, binWidth } = histogramAxis(bins);
  const money = tickMoney(lang, scale.ticks);
  const y = yAxisProps(niceScale(bins.map((b) => b.count)), (v: number) => formatNumber(v));
  const width = plotWidth(y.width);
  const span = scale.domain[1] - scale.domain[0];
  const every = ticksEvery((width * (scale.ticks[1]! - scale.ticks[0]!)) / span, scale.ticks.map(money));
  return (
    <Chart
      unit={planWord(lang, 'inUnit', { unit: moneyUnit('CNY', lang) })}
      legend={[
        { label: planWord(lang, 'trials'), color: HISTOGRAM_COLOR },
        { label: 'P10 · P90', color: BREACH, mark: 'dashed' },
      ]}
    >
      <BarChart id="plan-histogram" {...FRAME} data={data}>
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
          name={planWord(lang, 'trials')}
          fill={HISTOGRAM_COLOR}
          barSize={Math.max(2, (width * binWidth) / span - 1)}
          // A bin of one trial in a thousand still draws a sliver; an empty one nothing.
          minPointSize={(value: unknown) => (typeof value === 'number' && value > 0 ? 2 : 0)}
          isAnimationActive={false}
        />
        <ReferenceLine x={mc.p10} stroke={BREACH} strokeDasharray="5 3" strokeWidth={2} />
        <ReferenceLine x={mc.p90} stroke={BREACH} strokeDasharray="5 3" strokeWidth={2} />
      </BarChart>
    </Chart>
  );
}
