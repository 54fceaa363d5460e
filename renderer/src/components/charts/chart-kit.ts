// Runs in the renderer. What the small SVG charts share: colours from the antd theme (so the night
// theme reads as well as the day one), a "nice" axis maximum and its ticks.
import { theme } from 'antd';

export interface ChartColors {
  current: string;
  lastYear: string;
  text: string;
  muted: string;
  grid: string;
  surface: string;
  hover: string;
}

export function useChartColors(): ChartColors {
  const { token } = theme.useToken();
  return {
    current: token.colorPrimary,
    lastYear: token.colorWarning,
    text: token.colorText,
    muted: token.colorTextSecondary,
    grid: token.colorBorderSecondary,
    surface: token.colorBgContainer,
    hover: token.colorFillSecondary,
  };
}

/** An axis maximum at or above `max` that divides into whole ticks: 1, 2, 5 × 10^n. */
export function niceAxis(max: number, wantTicks = 4): { top: number; ticks: number[] } {
  if (max <= 0) return { top: 1, ticks: [0, 1] };
  const raw = max / wantTicks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag);
  const top = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let v = 0; v <= top + 1e-9; v += step) ticks.push(Math.round(v * 100) / 100);
  return { top, ticks };
}
