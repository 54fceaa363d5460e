// Runs in Electron's main process and in plain Node. The period report as an Excel file to download.
import type { FilePayload } from '../../../shared/api/file-payload.js';
import { statsWorkbook } from '../../export/stats-xlsx.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';
import { periodReport, type PeriodInput, type PeriodOptions } from './period-report.js';

export async function periodWorkbookFile(ctx: ServiceContext, input: PeriodInput, opts: PeriodOptions = {}): Promise<FilePayload> {
  const s = getSettings(ctx);
  const report = periodReport(ctx, input, opts);
  const buf = await statsWorkbook(report, { locale: s.locale, bureauName: s.bureauName });
  return {
    fileName: `stats-${report.range.from}-${report.range.to}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    contentBase64: buf.toString('base64'),
  };
}
