// Runs in Electron's main process and in plain Node. Handlers of stats.*.
import { periodWorkbookFile } from '../stats/export.js';
import { periodReport } from '../stats/period-report.js';
import type { HandlersOf } from './types.js';

export const statsHandlers: HandlersOf<'stats.'> = {
  'stats.period': (ctx, input) => periodReport(ctx, input),
  'stats.export': (ctx, input) => periodWorkbookFile(ctx, input),
};
