/**
 * The committee PDF's chart of a plan's spend each year, stacked by use case (and the shared
 * servers), against the cap (budget less existing contracts), drawn with the dashboard's axes
 * and colours so the report draws it as vectors the way it draws the scenario charts.
 */
import { Bar, CartesianGrid, ComposedChart, XAxis, YAxis } from 'recharts';

import {
  FRAME,
  OPTION_COLORS,
  plotWidth,
  tickMoney,
  X_AXIS_HEIGHT,
  X_TICK_MARGIN,
  XTick,
  yAxisProps,
} from '~/dashboard/charts';
import { niceScale, ticksEvery } from '~/dashboard/chart-layout';
import type { Lang } from '~/engine/text';

import type { PortfolioPlan } from './portfolio';

/** The shared servers' bars, after the use cases' colours. */
export const SERVERS_COLOR = '#868e96';
export const CAP_COLOR = '#111';

/** One stacked line: a use case (null: the shared servers) and its spend by plan year. */
export interface SpendLine {
  scenarioId: string | null;
  byYear: number[];
}

/**
 * The lines a plan spends on, in the portfolio's order: every use case it funds (or that spends
 * at all), then the shared servers when the plan buys a pool.
 */
export function spendLines(plan: PortfolioPlan): SpendLine[] {
  const spends = (id: string) => plan.years.some((y) => Math.abs(y.byScenario[id] ?? 0) > 0.005);
  const funded = plan.useCases.filter(
    (u) =>
      plan.choices.some((c) => c.scenarioId === u.scenarioId && c.optionId !== null) || spends(u.scenarioId),
  );
  return [
    ...funded.map((u) => ({
      scenarioId: u.scenarioId,
      byYear: plan.years.map((y) => y.byScenario[u.scenarioId] ?? 0),
    })),
    ...(plan.sharedServers || plan.years.some((y) => Math.abs(y.sharedServers) > 0.005)
      ? [{ scenarioId: null, byYear: plan.years.map((y) => y.sharedServers) }]
      : []),
  ];
}

/** A use case keeps its colour by its place in the portfolio, funded or not. */
export function spendColor(plan: PortfolioPlan, scenarioId: string | null): string {
  if (scenarioId === null) return SERVERS_COLOR;
  const index = plan.useCases.findIndex((u) => u.scenarioId === scenarioId);
  return OPTION_COLORS[Math.max(0, index) % OPTION_COLORS.length]!;
}

/** A year's cap: a dashed line across its bar, at the cap's level (a bar's far end). */
function CapMark({
  x = 0,
  y = 0,
  width = 0,
  height = 0,
  value,
}: {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  value?: number | number[];
}) {
  const cap = Array.isArray(value) ? value[1]! - value[0]! : (value ?? 0);
  const level = cap < 0 ? y + height : y;
  return (
    <line
      className="portfolio-cap"
      x1={x}
      x2={x + width}
      y1={level}
      y2={level}
      stroke={CAP_COLOR}
      strokeWidth={2.5}
      strokeDasharray="6 3"
    />
  );
}

export function PlanSpendChart({ plan, lang }: { plan: PortfolioPlan; lang: Lang }) {
  const lines = spendLines(plan);
  const key = (k: number) => `line${k}`;
  const data = plan.years.map((y, i) => {
    const row: Record<string, number | string> = { year: String(y.year), cap: y.budget - y.committed };
    lines.forEach((line, k) => (row[key(k)] = line.byYear[i]!));
    return row;
  });
  // Bars below zero (funding above cash out) stack down from zero, the rest up.
  const ups = plan.years.map((_, i) => lines.reduce((s, l) => s + Math.max(0, l.byYear[i]!), 0));
  const downs = plan.years.map((_, i) => lines.reduce((s, l) => s + Math.min(0, l.byYear[i]!), 0));
  const scale = niceScale([...ups, ...downs, ...data.map((d) => Number(d.cap))]);
  const y = yAxisProps(scale, tickMoney(lang, scale.ticks));
  const years = data.map((d) => String(d.year));
  const every = ticksEvery(plotWidth(y.width) / Math.max(1, years.length), years);
  return (
    <ComposedChart id="portfolio-spend" {...FRAME} data={data} stackOffset="sign">
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis
        dataKey="year"
        interval={0}
        tick={<XTick every={every} />}
        tickMargin={X_TICK_MARGIN}
        height={X_AXIS_HEIGHT}
      />
      <YAxis {...y} />
      {lines.map((line, k) => (
        <Bar
          key={key(k)}
          dataKey={key(k)}
          stackId="spend"
          fill={spendColor(plan, line.scenarioId)}
          isAnimationActive={false}
        />
      ))}
      {/* The cap over each year's bar: a bar of its own (on a hidden axis of the same years, so it
          takes the stack's place rather than a place beside it) drawn as its top edge alone. */}
      <XAxis xAxisId="cap" dataKey="year" hide />
      <Bar xAxisId="cap" dataKey="cap" shape={CapMark} isAnimationActive={false} />
    </ComposedChart>
  );
}
