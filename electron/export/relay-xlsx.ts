// Runs in Electron's main process and in plain Node. The relay grid (传达回执登记表) as a
// print-ready Excel sheet through the one sheet kit: one row per notice and unit with the relay,
// the receipt and the feedback, their times and states; a notice's rows are grouped under it.
import ExcelJS from 'exceljs';
import type { FilePayload } from '../../shared/api/file-payload.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import type { RelayCell, RelayNoticeState } from '../../shared/domain/notice.js';
import { translate, type MessageKey } from '../../shared/i18n/index.js';
import type { ServiceContext } from '../services/context.js';
import { relayGrid } from '../services/notices/notices.js';
import { getSettings } from '../services/settings.js';
import { addTableSheet, stableWorkbookBuffer } from './sheet-kit.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function exportRelayGrid(ctx: ServiceContext, q: { noticeIds?: number[] | undefined; days?: number | undefined }): Promise<FilePayload> {
  const s = getSettings(ctx);
  const grid = relayGrid(ctx, q);
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(s.locale, key, params);
  const fmt = (ms: number | null) => (ms === null ? '' : formatInZone(ms, s.timeZone, 'MM-dd HH:mm'));
  const name = new Map(grid.units.map((u) => [u.id, u.name]));
  type Row = { n: RelayNoticeState; c: RelayCell; first: boolean };
  const rows: Row[] = grid.notices.flatMap((n) => n.cells.map((c, i) => ({ n, c, first: i === 0 })));
  const wb = new ExcelJS.Workbook();
  wb.creator = s.bureauName;
  addTableSheet<Row>(wb, {
    name: t('notice.title'),
    title: `${s.bureauName}${t('excel.relay.title')}`,
    subtitle: [formatInZone(grid.now, s.timeZone)],
    orientation: 'landscape',
    rows,
    emptyText: t('common.empty'),
    columns: [
      { header: t('noticeFlag.notice'), width: 26, value: (r) => (r.first ? `${t(`notice.kind.${r.n.notice.kind}`)} ${r.n.title}\n${t('notice.receivedAt')} ${fmt(r.n.notice.receivedAt)}\n${t(`notice.relayStatus.${r.n.relayStatus}`)}` : '') },
      { header: t('excel.relay.unit'), width: 16, value: (r) => name.get(r.c.unitId) ?? '' },
      { header: t('notice.relay'), width: 12, value: (r) => fmt(r.c.relayedAt) },
      { header: t('notice.means'), width: 12, value: (r) => (r.c.relayMeans ? t(`notice.means.${r.c.relayMeans}`) + (r.c.relayPerson ? ` ${r.c.relayPerson}` : '') : '') },
      { header: t('notice.receipt'), width: 12, value: (r) => fmt(r.c.receivedAt) },
      { header: t('notice.receiver'), width: 10, value: (r) => r.c.receiver },
      { header: t('common.status'), width: 10, value: (r) => t(`notice.cell.${r.c.receipt}`), align: 'center' },
      { header: t('notice.feedback'), width: 12, value: (r) => fmt(r.c.fedBackAt) },
      { header: t('notice.feedbackText'), width: 30, value: (r) => r.c.feedbackText },
      { header: t('common.status'), width: 10, value: (r) => t(`notice.fb.${r.c.feedback}`), align: 'center' },
    ],
  });
  const buf = await stableWorkbookBuffer(wb, new Date(grid.now));
  return { fileName: `传达回执-${formatInZone(grid.now, s.timeZone, 'yyyyMMdd-HHmm')}.xlsx`, mimeType: XLSX, contentBase64: buf.toString('base64') };
}
