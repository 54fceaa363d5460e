// Runs in Electron's main process and in plain Node. The unit accountability ledger as an Excel
// workbook: a summary sheet per unit and a sheet of every confirmed finding. Text a person typed
// (reasons, names) is written as a string cell, never a formula.
import ExcelJS from 'exceljs';
import { formatInZone } from '../../shared/domain/duty-day.js';
import type { Ledger } from '../../shared/domain/incident.js';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';

/**
 * A string cell whatever it starts with: ExcelJS writes a JS string as a shared string (type s),
 * never as a formula, so = + - @ stay text. One function so that no cell takes another path.
 */
function text(cell: ExcelJS.Cell, value: string): void {
  cell.value = String(value);
}

export async function ledgerWorkbook(ledger: Ledger, opts: { locale: Locale; timeZone: string; bureauName: string }): Promise<Buffer> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(opts.locale, key, params);
  const fmt = (ms: number | null) => (ms === null ? '' : formatInZone(ms, opts.timeZone));
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.bureauName;
  wb.created = new Date(ledger.asOf);

  const summary = wb.addWorksheet(t('ledger.sheetSummary'), { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  summary.mergeCells('A1:F1');
  text(summary.getCell('A1'), t('ledger.exportTitle', { bureau: opts.bureauName, year: ledger.year }));
  summary.getCell('A1').font = { bold: true, size: 14 };
  summary.getCell('A1').alignment = { horizontal: 'center' };
  text(summary.getCell('A2'), t('ledger.asOf', { at: fmt(ledger.asOf) }));
  const head = [t('ledger.unit'), t('ledger.findings'), t('ledger.notices'), t('ledger.heavier'), t('ledger.veto'), t('ledger.summons')];
  const headRow = summary.getRow(4);
  head.forEach((h, k) => text(headRow.getCell(k + 1), h));
  headRow.font = { bold: true };
  ledger.units.forEach((u, k) => {
    const row = summary.getRow(5 + k);
    text(row.getCell(1), u.unit);
    row.getCell(2).value = u.findings.length;
    row.getCell(3).value = u.notices.length;
    row.getCell(4).value = u.heavierPenalty.length;
    text(row.getCell(5), u.vetoed ? t('ledger.vetoYes') : t('ledger.no'));
    text(row.getCell(6), u.summonsRecommended ? t('ledger.summonsYes', { count: u.summonsCount }) : t('ledger.no'));
  });
  summary.columns = [{ width: 28 }, { width: 10 }, { width: 10 }, { width: 12 }, { width: 16 }, { width: 22 }];
  // Counts centred under their headings, so a count never reads as part of the next column's text.
  for (const c of [2, 3, 4, 5]) summary.getColumn(c).alignment = { horizontal: 'center' };

  const list = wb.addWorksheet(t('ledger.sheetFindings'), { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const cols = [
    t('ledger.unit'),
    t('ledger.incidentNumber'),
    t('ledger.flag'),
    t('ledger.deadline'),
    t('ledger.actual'),
    t('ledger.minutesLate'),
    t('ledger.confirmedAt'),
    t('ledger.confirmedBy'),
    t('ledger.reason'),
    t('ledger.listedFor'),
  ];
  const lh = list.getRow(1);
  cols.forEach((h, k) => text(lh.getCell(k + 1), h));
  lh.font = { bold: true };
  let r = 2;
  for (const u of ledger.units) {
    const notice = new Set(u.notices.map((f) => f.flagId));
    const heavier = new Set(u.heavierPenalty.map((f) => f.flagId));
    for (const f of u.findings) {
      const row = list.getRow(r++);
      text(row.getCell(1), u.unit);
      text(row.getCell(2), f.incidentNumber);
      text(row.getCell(3), t(`flag.code.${f.code}`));
      text(row.getCell(4), fmt(f.deadline));
      text(row.getCell(5), fmt(f.actual));
      if (f.minutesLate !== null) row.getCell(6).value = f.minutesLate;
      text(row.getCell(7), fmt(f.confirmedAt));
      text(row.getCell(8), f.confirmedBy);
      text(row.getCell(9), f.reason);
      const listed = [notice.has(f.flagId) ? t('ledger.notices') : '', heavier.has(f.flagId) ? t('ledger.heavier') : ''].filter(Boolean).join('、');
      text(row.getCell(10), listed);
      row.alignment = { wrapText: true, vertical: 'top' };
    }
  }
  list.columns = [{ width: 22 }, { width: 12 }, { width: 14 }, { width: 17 }, { width: 17 }, { width: 10 }, { width: 17 }, { width: 10 }, { width: 36 }, { width: 16 }];
  list.getColumn(6).alignment = { horizontal: 'center' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
