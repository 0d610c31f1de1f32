/**
 * A chart's legend as HTML above its plot: the items wrap onto as many lines as they need, and
 * the plot keeps its size whatever the names. (recharts' own legend measures itself in the
 * browser only: the server drew it over the axis, the browser beside it.) No SVG in here: the
 * PDF report takes a chart's first <svg> as the chart.
 */
export interface LegendItem {
  label: string;
  color: string;
  /** How the series is drawn: a filled box (bars), a line, a dashed line, a shaded band. */
  mark?: 'box' | 'line' | 'dashed' | 'band';
  /** A number the chart writes in place of a name it has no room for. */
  number?: number;
  /** Shown only where the chart is drawn narrow, or only wide (its ticks are numbers there). */
  only?: 'narrow' | 'wide';
}

export function ChartLegend({ items }: { items: LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend">
      {items.map((item, i) => (
        <li key={i} className={item.only ? `only-${item.only}` : undefined}>
          {item.number !== undefined ? (
            <span className="legend-number" aria-hidden="true">
              {item.number}
            </span>
          ) : (
            <span
              className={`legend-mark ${item.mark ?? 'box'}`}
              style={{ ['--c' as string]: item.color }}
              aria-hidden="true"
            />
          )}
          {item.label}
        </li>
      ))}
    </ul>
  );
}
