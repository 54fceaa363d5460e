// Runs in Electron's main process and in plain Node. Handlers of periods.*.
import { importReports, exportTemplate } from '../periods/import.js';
import * as periods from '../periods/periods.js';
import type { HandlersOf } from './types.js';

export const periodHandlers: HandlersOf<'periods.'> = {
  'periods.list': (ctx) => periods.listPeriods(ctx),
  'periods.create': (ctx, f) => periods.createPeriod(ctx, f),
  'periods.update': (ctx, { id, fields, reason }) => periods.updatePeriod(ctx, id, fields, reason),
  'periods.grid': (ctx, { id }) => periods.periodGrid(ctx, id),
  'periods.logReport': (ctx, r) => periods.logReport(ctx, r),
  'periods.cell': (ctx, { periodId, unitId, day }) => periods.reportsOfCell(ctx, periodId, unitId, day),
  'periods.today': (ctx) => periods.zeroToday(ctx),
  'periods.flags': (ctx, { periodId, review }) => (periodId === undefined ? periods.zeroFlagQueue(ctx, review) : periods.zeroFlagsOfPeriod(ctx, periodId).filter((f) => review === 'all' || f.review === review)),
  'periods.reviewFlag': (ctx, input) => periods.reviewZeroFlag(ctx, input),
  'periods.template': (ctx, { periodId, day }) => exportTemplate(ctx, periodId, day),
  'periods.importReports': (ctx, { periodId, contentBase64 }) => importReports(ctx, periodId, Buffer.from(contentBase64, 'base64')),
};
