/**
 * A pilot under way: the net minutes a task the plan expects, the decision rule's threshold,
 * and what was measured each month with its 95 % interval; the data table behind it.
 */
import {
  CartesianGrid,
  ComposedChart,
  ErrorBar,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { DataTable, FRAME } from '~/dashboard/charts';
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
  return (
    <figure className="chart" data-testid="pilot-chart">
      <ComposedChart {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" />
        <YAxis
          label={{ value: t('minutesShort'), angle: -90, position: 'insideLeft' }}
          domain={[
            (min: number) => Math.min(0, Math.floor(min)),
            (max: number) => 2 * Math.ceil((Math.max(max, check.planned, check.threshold) + 0.5) / 2),
          ]}
        />
        <Tooltip />
        <Legend />
        <ReferenceLine
          y={check.threshold}
          stroke={THRESHOLD}
          strokeDasharray="6 3"
          label={{ value: t('pilotThreshold'), position: 'insideTopRight', fill: THRESHOLD }}
        />
        <ReferenceLine
          y={check.planned}
          stroke={PLANNED}
          strokeDasharray="4 4"
          label={{ value: t('pilotPlanned'), position: 'insideBottomLeft', fill: PLANNED }}
        />
        <Line dataKey="measured" name={t('pilotMeasured')} stroke={MEASURED} isAnimationActive={false}>
          <ErrorBar dataKey="interval" width={6} stroke={MEASURED} />
        </Line>
      </ComposedChart>
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
