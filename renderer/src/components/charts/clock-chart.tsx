// Runs in the renderer. The 24-hour clock of when incidents happen: 24 sectors around a dial,
// midnight at the top, clockwise; a sector's area grows with the incidents of its hour (radius by
// the square root), the busiest hours drawn strongest; hover shows an hour's figures in the middle.
import { useState } from 'react';
import type { HourPoint } from '../../../../shared/domain/stats.js';
import { useChartColors } from './chart-kit.js';

const S = 360;
const C = S / 2;
const R0 = 44;
const R = 140;

function polar(r: number, hourAngle: number): [number, number] {
  const a = (hourAngle / 24) * 2 * Math.PI - Math.PI / 2;
  return [C + r * Math.cos(a), C + r * Math.sin(a)];
}

function sector(r0: number, r1: number, h0: number, h1: number): string {
  const [ax, ay] = polar(r0, h0);
  const [bx, by] = polar(r1, h0);
  const [cx, cy] = polar(r1, h1);
  const [dx, dy] = polar(r0, h1);
  const f = (n: number) => n.toFixed(2);
  return `M${f(ax)},${f(ay)} L${f(bx)},${f(by)} A${r1},${r1} 0 0 1 ${f(cx)},${f(cy)} L${f(dx)},${f(dy)} A${r0},${r0} 0 0 0 ${f(ax)},${f(ay)} Z`;
}

export function ClockChart(props: {
  hours: HourPoint[];
  title: string;
  description: string;
  centerLabel: string;
  hourText: (h: HourPoint) => string;
  testId?: string;
}) {
  const c = useChartColors();
  const [hover, setHover] = useState<number | null>(null);
  const max = Math.max(1, ...props.hours.map((h) => h.incidents));
  const total = props.hours.reduce((n, h) => n + h.incidents, 0);
  const radius = (v: number) => R0 + (R - R0) * Math.sqrt(v / max);
  const shown = hover === null ? null : props.hours[hover];
  return (
    <div className="chart chart-clock" data-testid={props.testId}>
      <svg viewBox={`0 0 ${S} ${S}`} role="img" aria-label={props.title} onMouseLeave={() => setHover(null)}>
        <title>{props.title}</title>
        <desc>{props.description}</desc>
        {[0.25, 0.5, 0.75, 1].map((q) => (
          <circle key={q} cx={C} cy={C} r={radius(max * q)} fill="none" stroke={c.grid} strokeDasharray={q === 1 ? undefined : '3 3'} />
        ))}
        {props.hours.map((h) => {
          const [x1, y1] = polar(R0, h.hour);
          const [x2, y2] = polar(R + 6, h.hour);
          return <line key={`t${h.hour}`} x1={x1} y1={y1} x2={x2} y2={y2} stroke={c.grid} />;
        })}
        {props.hours.map((h) => (
          <path
            key={h.hour}
            d={sector(R0, h.incidents > 0 ? radius(h.incidents) : R0 + 1, h.hour + 0.06, h.hour + 0.94)}
            fill={c.current}
            fillOpacity={hover === h.hour ? 1 : 0.3 + 0.65 * (h.incidents / max)}
            stroke={hover === h.hour ? c.text : 'none'}
            onMouseEnter={() => setHover(h.hour)}
          >
            <title>{props.hourText(h)}</title>
          </path>
        ))}
        {[0, 3, 6, 9, 12, 15, 18, 21].map((hr) => {
          const [x, y] = polar(R + 20, hr);
          return (
            <text key={hr} x={x} y={y + 4} textAnchor="middle" fontSize={12} fontWeight={hr % 6 === 0 ? 600 : 400} fill={c.muted}>
              {hr}
            </text>
          );
        })}
        <text x={C} y={C - 2} textAnchor="middle" fontSize={shown ? 15 : 24} fontWeight={700} fill={c.text}>
          {shown ? `${shown.hour}–${shown.hour + 1}` : total}
        </text>
        <text x={C} y={C + 16} textAnchor="middle" fontSize={11} fill={c.muted}>
          {shown ? `${shown.incidents}` : props.centerLabel}
        </text>
      </svg>
    </div>
  );
}
