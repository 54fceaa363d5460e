// Runs in Electron's main process and in plain Node. Handlers of stats.*.
import { periodWorkbookFile } from '../stats/export.js';
import { periodReport } from '../stats/period-report.js';
import type { HandlersOf } from './types.js';
import { zeroCountsByUnit } from '../periods/seams.js';

export const statsHandlers: HandlersOf<'stats.'> = {
  'stats.period': (ctx, input) => periodReport(ctx, input, { zeroCounts: zeroCountsByUnit }),
  'stats.export': (ctx, input) => periodWorkbookFile(ctx, input, { zeroCounts: zeroCountsByUnit }),
};
