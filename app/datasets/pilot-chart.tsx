/**
 * A pilot under way: the net minutes a task the plan expects, the decision rule's threshold,
 * and what was measured each month with its 95 % interval; the data table behind it.
 */
import { CartesianGrid, ComposedChart, ErrorBar, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';

import { niceScale, ticksEvery } from '~/dashboard/chart-layout';
import {
  Chart,
  DataTable,
  FRAME,
  plotWidth,
  rightPadding,
  X_AXIS_HEIGHT,
  X_TICK_MARGIN,
  XTick,
  yAxisProps,
} from '~/dashboard/charts';
import { formatNumber } from '~/engine/format';
import type { Lang } from '~/engine/text';
import { translate } from '~/i18n/ui';

import type { PilotCheck } from './pilot-check';

const PLANNED = '#0b5cad';
const MEASURED = '#2b8a3e';
const THRESHOLD = '#c92a2a';

export function PilotChart({ check, lang }: { check: PilotCheck; lang: Lang }) {
  const t = (key: Parameters<typeof translate>[1]) => translate(lang, key);
  const data = check.months.map((m) => ({
    month: m.month,
    measured: Math.round(m.measured * 100) / 100,
    // ErrorBar takes the distances below and above the point.
    interval: m.low === null || m.high === null ? [0, 0] : [m.measured - m.low, m.high - m.measured],
  }));
  const y = yAxisProps(
    niceScale([
      check.planned,
      check.threshold,
      ...check.months.flatMap((m) => [m.measured, m.low ?? m.measured, m.high ?? m.measured]),
    ]),
    (v: number) => formatNumber(v, Number.isInteger(v) ? 0 : 1),
  );
  const every = ticksEvery(
    plotWidth(y.width) / Math.max(1, data.length),
    data.map((d) => d.month),
  );
  return (
    <figure className="chart-figure" data-testid="pilot-chart">
      <figcaption className="muted">{t('minutesShort')}</figcaption>
      <Chart
        legend={[
          { label: t('pilotMeasured'), color: MEASURED, mark: 'line' },
          { label: t('pilotPlanned'), color: PLANNED, mark: 'dashed' },
          { label: t('pilotThreshold'), color: THRESHOLD, mark: 'dashed' },
        ]}
      >
        <ComposedChart {...FRAME} data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="month"
            interval={0}
            tick={<XTick every={every} />}
            tickMargin={X_TICK_MARGIN}
            height={X_AXIS_HEIGHT}
            // The first and last months sit on the plot's edges: room for their labels.
            padding={{ left: 24, right: rightPadding(data.at(-1)?.month ?? '') }}
          />
          <YAxis {...y} />
          <Tooltip />
          <ReferenceLine y={check.threshold} stroke={THRESHOLD} strokeDasharray="6 3" />
          <ReferenceLine y={check.planned} stroke={PLANNED} strokeDasharray="4 4" />
          <Line dataKey="measured" name={t('pilotMeasured')} stroke={MEASURED} isAnimationActive={false}>
            <ErrorBar dataKey="interval" width={6} stroke={MEASURED} />
          </Line>
        </ComposedChart>
      </Chart>
      <DataTable
        caption={t('showTable')}
        head={[t('monthColumn'), 'n', t('pilotMeasured'), '95 %', t('pilotPlanned')]}
        rows={check.months.map((m) => [
          m.month,
          m.n,
          m.measured.toFixed(1),
          m.low === null || m.high === null ? '—' : `${m.low.toFixed(1)} – ${m.high.toFixed(1)}`,
          check.planned.toFixed(1),
        ])}
      />
    </figure>
  );
}
