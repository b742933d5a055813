/**
 * A line chart of metric values over time, drawn as inline SVG (no chart library, so the portal's
 * first load stays small). One line per metric, with its own colour and a legend.
 */
import { chartColours as colours } from '../chart-colours';

export interface MetricPoint {
  name: string;
  value: number;
  at?: string;
}

const width = 640;
const height = 240;
const pad = { left: 48, right: 16, top: 12, bottom: 28 };

export function MetricChart({ points }: { points: MetricPoint[] }) {
  if (points.length === 0)
    return <p className="text-sm text-slate-500 dark:text-slate-400">No metric values yet.</p>;
  const names = [...new Set(points.map((point) => point.name))];
  const stamped = points.map((point, index) => (point.at ? Date.parse(point.at) : index));
  // A job that reports faster than the clock resolves is drawn by step instead of by time.
  const bySteps = Math.max(...stamped) - Math.min(...stamped) < 1000;
  const steps = new Map<string, number>();
  const times = bySteps
    ? points.map((point) => {
        const step = (steps.get(point.name) ?? 0) + 1;
        steps.set(point.name, step);
        return step;
      })
    : stamped;
  const minT = Math.min(...times);
  const maxT = Math.max(...times);
  const values = points.map((point) => point.value);
  let minV = Math.min(...values);
  let maxV = Math.max(...values);
  if (minV === maxV) {
    minV -= 0.5;
    maxV += 0.5;
  }
  const x = (t: number) =>
    pad.left + ((t - minT) / (maxT - minT || 1)) * (width - pad.left - pad.right);
  const y = (v: number) =>
    pad.top + (1 - (v - minV) / (maxV - minV)) * (height - pad.top - pad.bottom);
  const ticks = [minV, (minV + maxV) / 2, maxV];
  const axisEnd = bySteps ? `step ${maxT}` : `${((maxT - minT) / 1000).toFixed(1)} s`;
  return (
    <figure>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Metrics over time: ${names.join(', ')}`}
        data-testid="metric-chart"
        className="w-full max-w-3xl rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={pad.left} x2={width - pad.right} y1={y(tick)} y2={y(tick)} stroke="#e2e8f0" />
            <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="10" fill="#64748b">
              {Number(tick.toPrecision(3))}
            </text>
          </g>
        ))}
        <text x={pad.left} y={height - 8} fontSize="10" fill="#64748b">
          {bySteps ? 'step 1' : '0 s'}
        </text>
        <text x={width - pad.right} y={height - 8} fontSize="10" fill="#64748b" textAnchor="end">
          {axisEnd}
        </text>
        {names.map((name, index) => {
          const series = points
            .map((point, i) => ({ point, t: times[i]! }))
            .filter(({ point }) => point.name === name);
          const path = series
            .map(
              ({ point, t }, i) =>
                `${i === 0 ? 'M' : 'L'}${x(t).toFixed(1)},${y(point.value).toFixed(1)}`,
            )
            .join(' ');
          const colour = colours[index % colours.length];
          return (
            <g key={name} data-metric={name}>
              <path d={path} fill="none" stroke={colour} strokeWidth="2" />
              {series.map(({ point, t }, i) => (
                <circle key={i} cx={x(t)} cy={y(point.value)} r="2.5" fill={colour}>
                  <title>{`${name} = ${point.value}${point.at ? ` at ${point.at.slice(11, 19)}` : ''}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs">
        {names.map((name, index) => {
          const last = points.filter((point) => point.name === name).at(-1)!;
          return (
            <span key={name} className="flex items-center gap-1">
              <span
                className="inline-block h-2 w-4 rounded"
                style={{ background: colours[index % colours.length] }}
              />
              {name}: <strong>{Number(last.value.toPrecision(4))}</strong>
            </span>
          );
        })}
      </figcaption>
    </figure>
  );
}
