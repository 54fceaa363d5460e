// Runs in Electron's main process and in plain Node. The daily bulletin (值班日报) as a print-ready
// workbook through the one sheet kit: the front page (who was on duty, the figures, key items,
// the 同比 comparison, handover remarks) and one table sheet each for the incidents, the flags,
// the follow-ups, the roster and the special-period zero reports. Built from a BulletinData only
// (live draft or issued snapshot): the same data and revision always give the same bytes.
import ExcelJS from 'exceljs';
import { BULLETIN_SHEETS, type BulletinData, type BulletinFlag, type BulletinFollowup, type BulletinIncident, type BulletinShift, type PeriodCompare, type RelayLine, type ZeroReportLine } from '../../shared/domain/bulletin.js';
import { CATEGORY_CLASSES } from '../../shared/domain/categories.js';
import { LEVELS } from '../../shared/domain/levels.js';
import { bulletinTexts, bulletinTitle, type BulletinEdition, type T } from '../../shared/domain/bulletin-text.js';
import type { Locale, MessageKey } from '../../shared/i18n/index.js';
export type { BulletinEdition } from '../../shared/domain/bulletin-text.js';
import { addReportSheet, addTableSheet, addTotalsRow, stableWorkbookBuffer, type ReportBlock } from './sheet-kit.js';

function compareLine(t: T, label: MessageKey, p: PeriodCompare): (string | number)[] {
  return [t(label), p.count, p.lastYear.count, p.deaths, p.lastYear.deaths, p.bothDown ? t('bulletin.bothDownYes') : t('bulletin.bothDownNo')];
}

export async function bulletinWorkbook(data: BulletinData, edition: BulletinEdition, opts: { locale: Locale }): Promise<Buffer> {
  const x = bulletinTexts(opts.locale, data);
  const { t } = x;
  const title = bulletinTitle(t, data, edition);
  const issuedLine =
    edition.revision === null
      ? t('bulletin.draftLine', { at: x.fmt(data.generatedAt) })
      : t('bulletin.issuedLine', { revision: edition.revision, at: x.fmt(edition.issuedAt), by: edition.issuedBy ?? '' });
  const subtitle = [`${x.dayLine}    ${issuedLine}`];
  const wb = new ExcelJS.Workbook();
  wb.creator = data.bureauName;
  const s = data.summary;
  const byId = new Map(data.incidents.map((i) => [i.id, i]));
  const keyItems = data.keyItems.map((id) => byId.get(id)!).filter(Boolean);

  const blocks: ReportBlock[] = [
    {
      heading: t('bulletin.section.onDuty'),
      lines: [
        { cells: [t('bulletin.leader'), x.names(data.leaders)], spans: [1, 3] },
        { cells: [t('bulletin.officers'), x.names(data.officers)], spans: [1, 3] },
      ],
    },
    {
      heading: t('bulletin.section.figures'),
      lines: [
        { header: true, cells: [t('bulletin.received'), t('bulletin.newIncidents'), t('bulletin.stillOpen'), ...CATEGORY_CLASSES.map((c) => t(`bulletin.class.${c}`)), ...LEVELS.map((l) => t(`level.${l}`))] },
        { cells: [s.incidents, s.newIncidents, s.stillOpen ?? '', ...CATEGORY_CLASSES.map((c) => s.byClass[c]), ...LEVELS.map((l) => s.byLevel[l])] },
        {
          header: true,
          cells: [t('item.deaths'), t('item.missing'), t('item.seriouslyInjured'), t('item.injured'), t('bulletin.flagsRaised'), t('bulletin.flagsConfirmed'), t('bulletin.followupsOpen')],
          spans: [1, 2, 3, 4, 5, 7, 9],
        },
        { cells: [s.deaths, s.missing, s.seriouslyInjured, s.injured, s.flagsRaised, s.flagsConfirmed, s.followupsOpen], spans: [1, 2, 3, 4, 5, 7, 9] },
        // Where a natural disaster's figures were stated: 受灾人口 X 人、紧急转移安置 Y 人、倒塌房屋 Z 间、直接经济损失 W 万元.
        ...(x.naturalLine ? [{ cells: [t('bulletin.naturalFigures'), x.naturalLine], spans: [1, 3] }] : []),
      ],
    },
    {
      heading: t('bulletin.section.keyItems'),
      lines: keyItems.length
        ? [
            { header: true, cells: [t('incident.number'), t('incident.responsibleUnit'), t('bulletin.categoryLevel'), t('bulletin.keyItemText')], spans: [1, 2, 3, 5] },
            ...keyItems.map((i) => ({
              cells: [
                i.number,
                i.responsibleUnit,
                `${t(`category.${i.category}`)} ${x.level(i)}`,
                x.keyItemLine(i),
              ],
              spans: [1, 2, 3, 5],
            })),
          ]
        : [{ cells: [t('bulletin.noKeyItems')] }],
    },
    {
      heading: t('bulletin.section.compare'),
      lines: [
        { header: true, cells: [t('bulletin.period'), t('bulletin.count'), t('bulletin.countLastYear'), t('bulletin.deaths'), t('bulletin.deathsLastYear'), t('bulletin.bothDown')], spans: [1, 3, 5, 7, 8, 10] },
        { cells: compareLine(t, 'bulletin.monthToDate', data.monthToDate), spans: [1, 3, 5, 7, 8, 10] },
        { cells: compareLine(t, 'bulletin.yearToDate', data.yearToDate), spans: [1, 3, 5, 7, 8, 10] },
      ],
    },
    {
      heading: t('bulletin.section.handover'),
      lines: data.handovers.length
        ? data.handovers.map((h) => ({
            cells: [
              h.shiftName,
              [
                t('bulletin.handoverNotes', { notes: h.notes || t('bulletin.none') }),
                h.acknowledged
                  ? t('bulletin.handoverAck', { name: h.ackName ?? '', at: x.fmt(h.ackAt), remarks: h.ackRemarks || t('bulletin.none') })
                  : t('bulletin.handoverNotAck'),
              ].join('\n'),
            ],
            spans: [1, 3],
          }))
        : [{ cells: [t('bulletin.noHandover')] }],
    },
  ];
  const front = addReportSheet(wb, { name: BULLETIN_SHEETS[0], title, subtitle: [x.dayLine, x.onDutyLine, issuedLine], widths: [12, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10], blocks });
  // An issued bulletin's footer pins the audit chain (issue 18): row and hash of its head at issue.
  const anchor = edition.revision !== null && data.anchor ? t('seal.bulletinAnchor', { anchor: data.anchor }) : null;
  const marks = (sheet: ExcelJS.Worksheet) => {
    if (edition.revision === null) sheet.headerFooter = { ...sheet.headerFooter, oddHeader: `&C&"SimSun,Bold"&14${t('bulletin.draftWatermark')}` };
    if (anchor) sheet.headerFooter = { ...sheet.headerFooter, oddFooter: `&L&8${anchor}&C&P / &N` };
  };
  marks(front);

  const incidents = addTableSheet<BulletinIncident>(wb, {
    name: BULLETIN_SHEETS[1],
    title,
    subtitle,
    rows: data.incidents,
    emptyText: t('bulletin.emptyIncidents'),
    columns: [
      { header: t('incident.number'), width: 10, value: (i) => i.number },
      { header: t('incident.occurredAt'), width: 11, value: (i) => x.short(i.occurredAt) },
      { header: t('bulletin.firstReceived'), width: 11, value: (i) => x.short(i.firstReceivedAt) },
      { header: t('incident.responsibleUnit'), width: 12, value: (i) => i.responsibleUnit },
      { header: t('incident.category'), width: 10, value: (i) => t(`category.${i.category}`) },
      { header: t('incident.level'), width: 10, value: (i) => x.level(i), align: 'center' },
      { header: t('incident.place'), width: 14, value: (i) => i.place },
      { header: t('item.deaths'), width: 6, value: (i) => x.figure(i.deaths), align: 'right' },
      { header: t('item.missing'), width: 6, value: (i) => x.figure(i.missing), align: 'right' },
      { header: t('item.seriouslyInjured'), width: 6, value: (i) => x.figure(i.seriouslyInjured), align: 'right' },
      { header: t('item.injured'), width: 6, value: (i) => x.figure(i.injured), align: 'right' },
      { header: t('bulletin.lossWan'), width: 9, value: (i) => (i.directLossYuan === null ? t('bulletin.notStated') : Math.round(i.directLossYuan / 100) / 100), align: 'right' },
      // On a day a natural disaster stated its figures (受灾人口…), each incident's as stated.
      ...(data.incidents.some((i) => x.naturalOf(i) !== '') ? [{ header: t('bulletin.naturalFigures'), width: 16, value: (i: BulletinIncident) => x.naturalOf(i) }] : []),
      { header: t('incident.summary'), width: 30, value: (i) => x.description(i) },
      { header: t('item.measuresTaken'), width: 20, value: (i) => i.measures },
      { header: t('bulletin.upward'), width: 12, value: (i) => (i.upwardAt === null ? '' : `${x.short(i.upwardAt)}\n${i.upwardTo ?? ''}`) },
      { header: t('bulletin.latestKind'), width: 7, value: (i) => t(`reportKind.${i.latestKind}`), align: 'center' },
      { header: t('incident.status'), width: 8, value: (i) => x.status(i), align: 'center' },
      { header: t('bulletin.timeliness'), width: 12, value: (i) => x.timeliness(i) },
    ],
  });
  if (data.incidents.length) addTotalsRow(incidents, [t('bulletin.total'), '', '', '', '', '', '', s.deaths, s.missing, s.seriouslyInjured, s.injured]);
  marks(incidents);

  marks(
    addTableSheet<BulletinFlag>(wb, {
      name: BULLETIN_SHEETS[2],
      title,
      subtitle,
      rows: data.flags,
      emptyText: t('bulletin.emptyFlags'),
      columns: [
        { header: t('bulletin.flagUnit'), width: 25, value: (f) => x.unitOf(f) },
        { header: t('bulletin.incidentNumber'), width: 10, value: (f) => f.incidentNumber },
        { header: t('bulletin.rule'), width: 14, value: (f) => t(`flag.code.${f.code}`) },
        { header: t('bulletin.deadline'), width: 17, value: (f) => x.fmt(f.deadline) },
        { header: t('bulletin.actual'), width: 17, value: (f) => x.fmt(f.actual) },
        { header: t('bulletin.minutesLate'), width: 13, value: (f) => f.minutesLate, align: 'right' },
        { header: t('common.status'), width: 16, value: (f) => x.flagState(f), align: 'center' },
        { header: t('bulletin.confirmedBy'), width: 10, value: (f) => f.confirmedBy ?? '' },
        { header: t('bulletin.followupOwner'), width: 12, value: (f) => f.followupOwner ?? '' },
      ],
    }),
  );

  marks(
    addTableSheet<BulletinFollowup>(wb, {
      name: BULLETIN_SHEETS[3],
      title,
      subtitle,
      rows: data.followups,
      emptyText: t('bulletin.emptyFollowups'),
      columns: [
        { header: t('bulletin.incidentNumber'), width: 10, value: (f) => f.incidentNumber },
        { header: t('bulletin.followupKind'), width: 8, value: (f) => t(`bulletin.followupKind.${f.kind}`), align: 'center' },
        { header: t('bulletin.followupSubject'), width: 44, value: (f) => f.subject },
        { header: t('bulletin.owner'), width: 12, value: (f) => f.owner },
        { header: t('bulletin.dueAt'), width: 17, value: (f) => x.fmt(f.dueAt) },
        { header: t('common.status'), width: 10, value: (f) => t(`bulletin.followupState.${f.state}`), align: 'center' },
      ],
    }),
  );

  marks(
    addTableSheet<BulletinShift>(wb, {
      name: BULLETIN_SHEETS[4],
      title,
      subtitle,
      rows: data.roster,
      emptyText: t('bulletin.emptyRoster'),
      columns: [
        { header: t('bulletin.dutyDay'), width: 12, value: (r) => r.day, align: 'center' },
        { header: t('bulletin.shift'), width: 10, value: (r) => r.name, align: 'center' },
        { header: t('bulletin.shiftTime'), width: 36, value: (r) => `${x.fmt(r.start)} – ${x.fmt(r.end)}` },
        { header: t('bulletin.leader'), width: 18, value: (r) => x.names(r.leaders) },
        { header: t('bulletin.officers'), width: 30, value: (r) => x.names(r.officers) },
      ],
    }),
  );

  marks(
    addTableSheet<ZeroReportLine>(wb, {
      name: BULLETIN_SHEETS[5],
      title,
      subtitle,
      rows: data.zeroReports,
      emptyText: t('bulletin.noZeroReports'),
      columns: [
        { header: t('bulletin.zeroUnit'), width: 18, value: (z) => z.unit },
        { header: t('bulletin.zeroPeriod'), width: 14, value: (z) => z.period },
        { header: t('bulletin.zeroCutoff'), width: 17, value: (z) => x.fmt(z.cutoff) },
        { header: t('bulletin.zeroReceived'), width: 17, value: (z) => x.fmt(z.receivedAt) },
        { header: t('common.status'), width: 10, value: (z) => t(`bulletin.zeroStatus.${z.status}`), align: 'center' },
        { header: t('bulletin.zeroContent'), width: 40, value: (z) => z.content },
      ],
    }),
  );

  const relayWidths = [34, 12, 9, 9, 9, 9, 40];
  marks(
    addTableSheet<RelayLine>(wb, {
      name: BULLETIN_SHEETS[6],
      title,
      subtitle,
      rows: data.relay ?? [],
      emptyText: t('bulletin.relayNone'),
      columns: x.relayHead.map((header, k) => ({ header, width: relayWidths[k]!, value: (r: RelayLine) => x.relayRow(r)[k]!, align: k >= 2 && k <= 5 ? ('center' as const) : undefined })),
    }),
  );

  // The document's date: when it was issued, or when the draft was assembled.
  return stableWorkbookBuffer(wb, new Date(edition.issuedAt ?? data.generatedAt));
}
