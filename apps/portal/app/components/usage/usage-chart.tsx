/**
 * Daily use as stacked bars, one colour per group (a kind, a user or a project), drawn as inline
 * SVG like the metric chart: no chart library, and it is loaded only on the usage pages.
 */
import { chartColours } from '../chart-colours';
import { formatHours, formatUsd } from './usage-labels';

export interface UsageBar {
  day: string;
  group: string;
  value: number;
}

const width = 840;
const height = 260;
const pad = { left: 72, right: 12, top: 14, bottom: 30 };

function formatValue(value: number, unit: 'hours' | 'usd'): string {
  return unit === 'usd' ? formatUsd(value) : `${formatHours(value)} h`;
}

export function UsageChart({
  days,
  bars,
  unit,
  label,
}: {
  /** Every day of the period, in order, so an idle day shows as a gap. */
  days: string[];
  bars: UsageBar[];
  unit: 'hours' | 'usd';
  /** What the chart shows, for screen readers ("Instance-hours per day by kind"). */
  label: string;
}) {
  const groups = [...new Set(bars.map((bar) => bar.group))].sort();
  const colourOf = (group: string) => chartColours[groups.indexOf(group) % chartColours.length];
  const byDay = new Map<string, Map<string, number>>();
  for (const bar of bars) {
    const day = byDay.get(bar.day) ?? new Map<string, number>();
    day.set(bar.group, (day.get(bar.group) ?? 0) + bar.value);
    byDay.set(bar.day, day);
  }
  const dayTotals = days.map((day) =>
    [...(byDay.get(day)?.values() ?? [])].reduce((sum, value) => sum + value, 0),
  );
  const max = Math.max(...dayTotals, 0) || 1;
  const plotWidth = width - pad.left - pad.right;
  const plotHeight = height - pad.top - pad.bottom;
  const slot = plotWidth / Math.max(days.length, 1);
  const barWidth = Math.max(2, slot * 0.7);
  const y = (value: number) => pad.top + plotHeight - (value / max) * plotHeight;
  const ticks = [0, max / 2, max];
  const total = (group: string) =>
    bars.filter((bar) => bar.group === group).reduce((sum, bar) => sum + bar.value, 0);

  return (
    <figure>
      {/* Readable on a phone: the chart keeps a minimum width and scrolls inside its own box. */}
      <div className="overflow-x-auto">
        <svg
          viewBox={`0 0 ${width} ${height}`}
          role="img"
          aria-label={label}
          data-testid="usage-chart"
          className="w-full min-w-[680px] rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950"
        >
          {ticks.map((tick) => (
            <g key={tick}>
              <line
                x1={pad.left}
                x2={width - pad.right}
                y1={y(tick)}
                y2={y(tick)}
                stroke="currentColor"
                className="text-slate-200 dark:text-slate-800"
              />
              <text x={pad.left - 6} y={y(tick) + 4} textAnchor="end" fontSize="12" fill="#64748b">
                {formatValue(tick, unit)}
              </text>
            </g>
          ))}
          {days.map((day, index) => {
            let stacked = 0;
            const x = pad.left + index * slot + (slot - barWidth) / 2;
            const parts = byDay.get(day);
            return (
              <g key={day} data-day={day} data-total={dayTotals[index]}>
                {groups.map((group) => {
                  const value = parts?.get(group) ?? 0;
                  if (value <= 0) return null;
                  const top = y(stacked + value);
                  const bottom = y(stacked);
                  stacked += value;
                  return (
                    <rect
                      key={group}
                      x={x}
                      y={top}
                      width={barWidth}
                      height={Math.max(1, bottom - top)}
                      fill={colourOf(group)}
                    >
                      <title>{`${day} · ${group}: ${formatValue(value, unit)}`}</title>
                    </rect>
                  );
                })}
                {index % 5 === 0 || index === days.length - 1 ? (
                  <text
                    x={x + barWidth / 2}
                    y={height - 10}
                    fontSize="12"
                    fill="#64748b"
                    textAnchor="middle"
                  >
                    {day.slice(8)}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
        {groups.length === 0 ? (
          <span className="text-slate-500 dark:text-slate-400">No use in this period.</span>
        ) : (
          groups.map((group) => (
            <span key={group} className="flex items-center gap-1">
              <span
                className="inline-block h-2 w-4 rounded"
                style={{ background: colourOf(group) }}
              />
              {group}: <strong>{formatValue(total(group), unit)}</strong>
            </span>
          ))
        )}
      </figcaption>
    </figure>
  );
}
