/** Charts of the Monte Carlo: the fan of yearly net cash, the NPV histogram and the tornado. */
import {
  Area,
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { formatAmount } from '~/engine/format';
import { movingBars, type OptionMonteCarlo } from '~/engine/uncertainty/monte-carlo';
import type { Lang } from '~/engine/text';
import { translate } from '~/i18n/ui';

import { axisMoney, CHAR_WIDTH, FRAME, WIDTH } from './charts';

/** Width of the tornado's input labels. */
const TORNADO_AXIS_WIDTH = 220;

/** Each chart names its option (`chartId`): recharts ids must be unique on the page. */
export function FanChart({
  chartId,
  mc,
  startYear,
  color,
  lang,
}: {
  chartId: string;
  mc: OptionMonteCarlo;
  startYear: number;
  color: string;
  lang: Lang;
}) {
  const data = mc.yearlyNetCash.map((p, y) => ({
    year: String(startYear + y),
    band: [p.p10, p.p90],
    p50: p.p50,
  }));
  return (
    <div className="chart-box">
      <ComposedChart id={`fan-${chartId}`} {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="year" interval={0} />
        <YAxis tickFormatter={axisMoney(lang)} />
        <Tooltip
          formatter={(v: number | number[]) =>
            Array.isArray(v) ? v.map((x) => formatAmount(x, lang)).join(' – ') : formatAmount(v, lang)
          }
        />
        <Legend />
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
    </div>
  );
}

export function HistogramChart({
  chartId,
  mc,
  color,
  lang,
}: {
  chartId: string;
  mc: OptionMonteCarlo;
  color: string;
  lang: Lang;
}) {
  const data = mc.histogram.map((b) => ({ mid: (b.from + b.to) / 2, count: b.count }));
  const spread = (mc.histogram.at(-1)?.to ?? 0) - (mc.histogram[0]?.from ?? 0);
  // A spread of a few yuan on a loss of tens of thousands is no distribution to draw.
  if (spread < 1e-3 * Math.max(1, Math.abs(mc.npv.p50))) {
    return <p className="muted">{translate(lang, 'npvFixed', { npv: formatAmount(mc.npv.p50, lang) })}</p>;
  }
  return (
    <div className="chart-box">
      <BarChart id={`histogram-${chartId}`} {...FRAME} data={data}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="mid" tickFormatter={axisMoney(lang)} interval={3} />
        <YAxis />
        <Tooltip labelFormatter={(v: number) => formatAmount(v, lang)} />
        <Bar dataKey="count" name={translate(lang, 'trials')} fill={color} isAnimationActive={false} />
      </BarChart>
    </div>
  );
}

export function TornadoChart({
  chartId,
  mc,
  labels,
  lang,
}: {
  chartId: string;
  mc: OptionMonteCarlo;
  labels: Record<string, string>;
  lang: Lang;
}) {
  // From the NPV the trials ran around, not the page's (a what-if may have moved since).
  const base = mc.baseNpv;
  const data = movingBars(mc, 10).map((t) => ({
    name: labels[t.input] ?? t.input,
    low: t.low - base,
    high: t.high - base,
  }));
  // Labels name option, line and field and wrap in the axis: each bar gets room for the
  // longest (the axis breaks lines only at spaces, so a line of slack).
  const textWidth = (text: string) =>
    [...text].reduce((w, ch) => w + (/[\u4e00-\u9fff]/.test(ch) ? CHAR_WIDTH.chinese : CHAR_WIDTH.latin), 0);
  const lines = Math.max(1, ...data.map((d) => Math.ceil(textWidth(d.name) / (TORNADO_AXIS_WIDTH - 10))));
  const rowHeight = Math.max(32, (lines + 1) * 13 + 6);
  if (data.length === 0) return <p className="legend">{translate(lang, 'tornadoEmpty')}</p>;
  return (
    <div className="chart-box">
      <BarChart
        id={`tornado-${chartId}`}
        layout="vertical"
        width={WIDTH}
        height={Math.max(160, rowHeight * data.length + 60)}
        data={data}
        margin={FRAME.margin}
      >
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={axisMoney(lang)} />
        <YAxis
          type="category"
          dataKey="name"
          width={TORNADO_AXIS_WIDTH}
          tick={{ fontSize: 11 }}
          interval={0}
        />
        <Tooltip formatter={(v: number) => formatAmount(v, lang)} />
        <Legend />
        <ReferenceLine x={0} stroke="#333" />
        <Bar
          dataKey="low"
          name={translate(lang, 'atP10')}

          fill="#e8590c"
          isAnimationActive={false}
        />
        <Bar
          dataKey="high"
          name={translate(lang, 'atP90')}

          fill="#1c7ed6"
          isAnimationActive={false}
        />
      </BarChart>
    </div>
  );
}
