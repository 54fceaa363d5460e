// Runs in the renderer. The daily trend: this period's incidents as bars, the same period last year
// as a line over them (day k beside day k). Long periods (over 92 days) are drawn by month.
import { useMemo, useState } from 'react';
import type { DayPoint } from '../../../../shared/domain/stats.js';
import { niceAxis, useChartColors } from './chart-kit.js';
import { Legend } from './legend.js';

export interface TrendBucket {
  label: string;
  /** Shown on hover: the date or month of each side. */
  currentLabel: string;
  lastYearLabel: string;
  current: number;
  lastYear: number | null;
}

/** Days as they are, or months when the period is long; last year's side paired by position. */
export function trendBuckets(current: DayPoint[], lastYear: DayPoint[], monthLabel: (month: number) => string): TrendBucket[] {
  if (current.length <= 92)
    return current.map((p, k) => ({
      label: `${Number(p.date.slice(5, 7))}/${Number(p.date.slice(8, 10))}`,
      currentLabel: p.date,
      lastYearLabel: lastYear[k]?.date ?? '',
      current: p.incidents,
      lastYear: lastYear[k]?.incidents ?? null,
    }));
  const byMonth = (points: DayPoint[]) => {
    const m = new Map<string, number>();
    for (const p of points) m.set(p.date.slice(0, 7), (m.get(p.date.slice(0, 7)) ?? 0) + p.incidents);
    return [...m.entries()];
  };
  const before = byMonth(lastYear);
  return byMonth(current).map(([month, n], k) => ({
    label: monthLabel(Number(month.slice(5, 7))),
    currentLabel: month,
    lastYearLabel: before[k]?.[0] ?? '',
    current: n,
    lastYear: before[k]?.[1] ?? null,
  }));
}

const W = 960;
const H = 260;
const M = { l: 40, r: 16, t: 16, b: 30 };

export function TrendChart(props: {
  buckets: TrendBucket[];
  title: string;
  description: string;
  legend: { current: string; lastYear: string };
  valueText: (b: TrendBucket) => string;
  testId?: string;
}) {
  const c = useChartColors();
  const [hover, setHover] = useState<number | null>(null);
  const { buckets } = props;
  const axis = useMemo(() => niceAxis(Math.max(1, ...buckets.map((b) => Math.max(b.current, b.lastYear ?? 0)))), [buckets]);
  const pw = W - M.l - M.r;
  const ph = H - M.t - M.b;
  const band = pw / Math.max(1, buckets.length);
  const y = (v: number) => M.t + ph - (v / axis.top) * ph;
  const x = (k: number) => M.l + band * k + band / 2;
  const every = Math.max(1, Math.ceil(buckets.length / 16));
  const line = buckets
    .map((b, k) => (b.lastYear === null ? null : `${x(k).toFixed(1)},${y(b.lastYear).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(' ');
  const shown = hover === null ? null : buckets[hover];
  return (
    <div className="chart" data-testid={props.testId}>
      <Legend current={props.legend.current} lastYear={props.legend.lastYear} readout={shown ? props.valueText(shown) : ''} />
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={props.title} onMouseLeave={() => setHover(null)}>
        <title>{props.title}</title>
        <desc>{props.description}</desc>
        {axis.ticks.map((v) => (
          <g key={v}>
            <line x1={M.l} x2={W - M.r} y1={y(v)} y2={y(v)} stroke={c.grid} />
            <text x={M.l - 6} y={y(v) + 4} textAnchor="end" fontSize={11} fill={c.muted}>
              {v}
            </text>
          </g>
        ))}
        {buckets.map((b, k) => (
          <g key={b.currentLabel} className="bucket" onMouseEnter={() => setHover(k)}>
            <title>{props.valueText(b)}</title>
            <rect x={M.l + band * k} y={M.t} width={band} height={ph} fill={hover === k ? c.hover : 'transparent'} />
            <rect x={x(k) - (band * 0.64) / 2} y={y(b.current)} width={band * 0.64} height={Math.max(0, M.t + ph - y(b.current))} fill={c.current} rx={band > 8 ? 2 : 0} />
            {k % every === 0 && (
              <text x={x(k)} y={H - 10} textAnchor="middle" fontSize={11} fill={c.muted}>
                {b.label}
              </text>
            )}
            {buckets.length <= 31 && b.current > 0 && band > 18 && (
              <text x={x(k)} y={y(b.current) - 4} textAnchor="middle" fontSize={10} fill={c.text}>
                {b.current}
              </text>
            )}
          </g>
        ))}
        <polyline points={line} fill="none" stroke={c.lastYear} strokeWidth={2} strokeLinejoin="round" pointerEvents="none" />
        {buckets.length <= 62 &&
          buckets.map((b, k) => (b.lastYear === null ? null : <circle key={k} cx={x(k)} cy={y(b.lastYear)} r={2.5} fill={c.surface} stroke={c.lastYear} strokeWidth={1.5} pointerEvents="none" />))}
        <line x1={M.l} x2={W - M.r} y1={M.t + ph} y2={M.t + ph} stroke={c.muted} />
      </svg>
    </div>
  );
}
