/**
 * The dashboard's charts, in plain SVG (issue 18, item 4). Why no chart library: what is drawn is a
 * handful of horizontal bars with their numbers written on them, a target line and four columns of a
 * trend — a few dozen lines of SVG here, against uPlot's or Observable Plot's tens of kilobytes, their
 * canvas or axis machinery, and work to make them write numbers on bars and read in grayscale.
 *
 * Read in sunlight and in grayscale: dark bars on a light track with a border, numbers written on
 * the bars, the target as a dashed line with its value written beside it (never colour alone). Each
 * chart is role="img" with the same numbers in its aria-label; the trend also has a hidden table.
 */
import { useId } from 'react';

const clamp = (n: number) => Math.max(0, Math.min(100, n));
const whole = (n: number) => Math.round(n);

/**
 * A share against its target: one bar 0–100 %, the number on it, the target as a dashed line. The
 * bar stretches with the screen, so its words are HTML laid over it (SVG text would stretch too).
 */
export function MeterBar({ percent, target, label }: { percent?: number; target?: number; label: string }) {
  const value = percent === undefined ? 0 : clamp(percent);
  // The number sits inside a long bar, after a short one, so it never leaves the track.
  const inside = value >= 35;
  return (
    <div className="chart meter" role="img" aria-label={label}>
      <svg viewBox="0 0 100 14" preserveAspectRatio="none" aria-hidden="true">
        <rect className="track" x="0" y="0" width="100" height="14" />
        <rect className="bar" x="0" y="0" width={value} height="14" />
        {target !== undefined && (
          <line
            className="target"
            x1={clamp(target)}
            x2={clamp(target)}
            y1="0"
            y2="14"
            vectorEffect="non-scaling-stroke"
          />
        )}
      </svg>
      {percent !== undefined && (
        <span
          className={inside ? 'bar-value on-bar' : 'bar-value beside-bar'}
          style={inside ? { right: `${100 - value}%` } : { left: `${value}%` }}
          aria-hidden="true"
        >
          {whole(percent)}%
        </span>
      )}
    </div>
  );
}

/** One step's bar of the funnel: its length against the largest, the count written on it. */
export function StepBar({ value, max }: { value: number; max: number }) {
  const width = max > 0 ? (value / max) * 100 : 0;
  return (
    <span className="chart step" aria-hidden="true">
      <svg viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true">
        <rect className="track" x="0" y="0" width="100" height="12" />
        <rect className="bar" x="0" y="0" width={width} height="12" />
      </svg>
      <span
        className={width >= 35 ? 'bar-value on-bar' : 'bar-value beside-bar'}
        style={width >= 35 ? { right: `${100 - width}%` } : { left: `${width}%` }}
      >
        {value}
      </span>
    </span>
  );
}

export interface TrendColumn {
  /** Column label ("Q3/2025"). */
  label: string;
  percent?: number;
}

/**
 * A trend by quarter: one column per quarter with its percent written above it, the target as a
 * dashed line. The same numbers in a table for screen readers.
 */
export function TrendChart({
  title,
  columns,
  target,
  summary,
}: {
  title: string;
  columns: readonly TrendColumn[];
  target?: number;
  summary: string;
}) {
  const tableId = useId();
  const width = 100;
  const height = 60;
  const slot = width / Math.max(1, columns.length);
  const y = (p: number) => height - 12 - (clamp(p) / 100) * (height - 24);
  return (
    <figure className="trend">
      <figcaption>{title}</figcaption>
      <svg className="chart trend-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary}>
        <line className="axis" x1="0" x2={width} y1={height - 12} y2={height - 12} />
        {columns.map((c, i) => {
          const x = i * slot + slot * 0.2;
          const top = c.percent === undefined ? height - 12 : y(c.percent);
          return (
            <g key={c.label}>
              <rect className="bar" x={x} y={top} width={slot * 0.6} height={height - 12 - top} />
              <text x={x + slot * 0.3} y={top - 2} textAnchor="middle" fontSize="6">
                {c.percent === undefined ? '–' : `${whole(c.percent)}%`}
              </text>
              <text x={x + slot * 0.3} y={height - 3} textAnchor="middle" fontSize="5.5">
                {c.label}
              </text>
            </g>
          );
        })}
        {target !== undefined && <line className="target" x1="0" x2={width} y1={y(target)} y2={y(target)} />}
      </svg>
      <table className="visually-hidden" id={tableId}>
        <caption>{title}</caption>
        <tbody>
          {columns.map((c) => (
            <tr key={c.label}>
              <th scope="row">{c.label}</th>
              <td>{c.percent === undefined ? '–' : `${whole(c.percent)}%`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
