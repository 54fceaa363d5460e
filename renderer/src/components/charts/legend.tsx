// Runs in the renderer. The legend of the comparison charts: this period (a block), last year (a
// line), and an optional read-out of the value under the pointer.
import { useChartColors } from './chart-kit.js';

export function Legend(props: { current: string; lastYear: string; readout?: string }) {
  const c = useChartColors();
  return (
    <div className="chart-legend">
      <span aria-hidden="true">
        <i style={{ background: c.current }} />
        {props.current}
      </span>
      <span aria-hidden="true">
        <i className="line" style={{ background: c.lastYear }} />
        {props.lastYear}
      </span>
      {props.readout !== undefined && (
        <span className="chart-readout" aria-live="polite">
          {props.readout}
        </span>
      )}
    </div>
  );
}
