// Runs in Electron's main process and in plain Node. The unit accountability ledger as an Excel
// workbook: a summary sheet per unit and a sheet of every confirmed finding, print-ready through
// the one sheet kit (typed text such as reasons and names stays text, never a formula).
import ExcelJS from 'exceljs';
import { formatInZone } from '../../shared/domain/duty-day.js';
import type { Ledger, LedgerFinding, LedgerUnit } from '../../shared/domain/incident.js';
import { translate, type Locale, type MessageKey } from '../../shared/i18n/index.js';
import { addTableSheet, workbookBuffer } from './sheet-kit.js';

export async function ledgerWorkbook(ledger: Ledger, opts: { locale: Locale; timeZone: string; bureauName: string }): Promise<Buffer> {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(opts.locale, key, params);
  const fmt = (ms: number | null) => (ms === null ? '' : formatInZone(ms, opts.timeZone));
  const title = t('ledger.exportTitle', { bureau: opts.bureauName, year: ledger.year });
  const subtitle = [t('ledger.asOf', { at: fmt(ledger.asOf) })];
  const wb = new ExcelJS.Workbook();
  wb.creator = opts.bureauName;
  wb.created = new Date(ledger.asOf);

  addTableSheet<LedgerUnit>(wb, {
    name: t('ledger.sheetSummary'),
    title,
    subtitle,
    rows: ledger.units,
    emptyText: t('common.empty'),
    columns: [
      { header: t('ledger.unit'), width: 28, value: (u) => u.unit },
      { header: t('ledger.findings'), width: 10, value: (u) => u.findings.length, align: 'center' },
      { header: t('ledger.notices'), width: 10, value: (u) => u.notices.length, align: 'center' },
      { header: t('ledger.heavier'), width: 12, value: (u) => u.heavierPenalty.length, align: 'center' },
      { header: t('ledger.veto'), width: 16, value: (u) => (u.vetoed ? t('ledger.vetoYes') : t('ledger.no')), align: 'center' },
      { header: t('ledger.summons'), width: 22, value: (u) => (u.summonsRecommended ? t('ledger.summonsYes', { count: u.summonsCount }) : t('ledger.no')), align: 'center' },
      { header: t('ledger.zeroMissing'), width: 12, value: (u) => u.zeroMissing, align: 'center' },
      { header: t('ledger.zeroLate'), width: 12, value: (u) => u.zeroLate, align: 'center' },
      { header: t('ledger.relayMissing'), width: 12, value: (u) => u.relayMissing, align: 'center' },
      { header: t('ledger.relayLate'), width: 12, value: (u) => u.relayLate, align: 'center' },
    ],
  });

  type Row = { unit: LedgerUnit; finding: LedgerFinding; listed: string };
  const rows: Row[] = ledger.units.flatMap((unit) => {
    const notice = new Set(unit.notices.map((f) => f.flagId));
    const heavier = new Set(unit.heavierPenalty.map((f) => f.flagId));
    return unit.findings.map((finding) => ({
      unit,
      finding,
      listed: [notice.has(finding.flagId) ? t('ledger.notices') : '', heavier.has(finding.flagId) ? t('ledger.heavier') : ''].filter(Boolean).join('、'),
    }));
  });
  addTableSheet<Row>(wb, {
    name: t('ledger.sheetFindings'),
    title,
    subtitle,
    rows,
    emptyText: t('common.empty'),
    columns: [
      { header: t('ledger.unit'), width: 22, value: (r) => r.unit.unit },
      { header: t('ledger.incidentNumber'), width: 12, value: (r) => r.finding.incidentNumber },
      { header: t('ledger.flag'), width: 14, value: (r) => t(`flag.code.${r.finding.code}`) },
      { header: t('ledger.deadline'), width: 17, value: (r) => fmt(r.finding.deadline) },
      { header: t('ledger.actual'), width: 17, value: (r) => fmt(r.finding.actual) },
      { header: t('ledger.minutesLate'), width: 10, value: (r) => r.finding.minutesLate, align: 'right' },
      { header: t('ledger.confirmedAt'), width: 17, value: (r) => fmt(r.finding.confirmedAt) },
      { header: t('ledger.confirmedBy'), width: 10, value: (r) => r.finding.confirmedBy },
      { header: t('ledger.reason'), width: 36, value: (r) => r.finding.reason },
      { header: t('ledger.listedFor'), width: 16, value: (r) => r.listed },
    ],
  });
  return workbookBuffer(wb);
}
