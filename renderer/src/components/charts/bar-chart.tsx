// Runs in the renderer. Horizontal bars, one row per item: this period's value as a bar with its
// number, last year's as a thin bar under it, so the comparison reads at a glance.
import { useState } from 'react';
import { niceAxis, useChartColors } from './chart-kit.js';

export interface BarRow {
  key: string;
  label: string;
  current: number;
  lastYear: number;
}

const W = 480;
const ROW = 30;
const LABEL = 120;
const TOP = 8;

export function BarChart(props: { rows: BarRow[]; title: string; valueText: (r: BarRow) => string; emptyText: string; testId?: string }) {
  const c = useChartColors();
  const [hover, setHover] = useState<string | null>(null);
  const { rows } = props;
  const axis = niceAxis(Math.max(1, ...rows.map((r) => Math.max(r.current, r.lastYear))));
  const pw = W - LABEL - 40;
  const h = TOP + Math.max(1, rows.length) * ROW + 20;
  const x = (v: number) => LABEL + (v / axis.top) * pw;
  return (
    <div className="chart" data-testid={props.testId}>
      <svg viewBox={`0 0 ${W} ${h}`} role="img" aria-label={props.title} onMouseLeave={() => setHover(null)}>
        <title>{props.title}</title>
        {axis.ticks.map((v) => (
          <g key={v}>
            <line x1={x(v)} x2={x(v)} y1={TOP} y2={h - 18} stroke={c.grid} />
            <text x={x(v)} y={h - 4} textAnchor="middle" fontSize={11} fill={c.muted}>
              {v}
            </text>
          </g>
        ))}
        {rows.length === 0 && (
          <text x={W / 2} y={TOP + ROW / 2 + 4} textAnchor="middle" fontSize={13} fill={c.muted}>
            {props.emptyText}
          </text>
        )}
        {rows.map((r, k) => {
          const top = TOP + k * ROW;
          return (
            <g key={r.key} className="bar-row" onMouseEnter={() => setHover(r.key)}>
              <title>{props.valueText(r)}</title>
              <rect x={0} y={top} width={W} height={ROW} fill={hover === r.key ? c.hover : 'transparent'} />
              <text x={LABEL - 8} y={top + ROW / 2 + 3} textAnchor="end" fontSize={12} fill={c.text}>
                {r.label.length > 9 ? `${r.label.slice(0, 8)}…` : r.label}
              </text>
              <rect x={LABEL} y={top + 6} width={Math.max(r.current > 0 ? 2 : 0, x(r.current) - LABEL)} height={12} fill={c.current} rx={2} />
              <rect x={LABEL} y={top + 20} width={Math.max(r.lastYear > 0 ? 2 : 0, x(r.lastYear) - LABEL)} height={4} fill={c.lastYear} rx={1} />
              <text x={x(r.current) + 5} y={top + 16} fontSize={12} fontWeight={600} fill={c.text}>
                {r.current}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
