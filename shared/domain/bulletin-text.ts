// Pure domain code: runs anywhere. How the bulletin words its data, shared by the workbook and
// the page so that both say the same: the title (bureau, revision or draft), times in the duty
// room's zone, "not stated", the duty room as the unit of its own late upward reports, the
// incident's 事件经过 and status as at the day's end, the 要情 sentence, and the natural-disaster
// figures of the day.
import { formatInZone } from './duty-day.js';
import { keyItemSentence } from './key-item.js';
import { naturalTotalsText } from './natural-figures.js';
import type { BulletinData, BulletinFlag, BulletinIncident, CompletenessProblem, RelayLine } from './bulletin.js';
import type { FlagCode } from './rules/flag.js';
import type { ReportItem } from './rules/incident.js';
import { translate, type Locale, type MessageKey } from '../i18n/index.js';

export interface BulletinEdition {
  /** null: the live draft (marked 草稿); else the issued revision number. */
  revision: number | null;
  issuedAt: number | null;
  /** Who issued it, by name (the actor resolved: electron/services/actors.ts). */
  issuedBy: string | null;
}

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The bulletin's title: the bureau's name, and the revision (第2版) or the draft mark. */
export function bulletinTitle(t: T, data: BulletinData, edition: BulletinEdition): string {
  const base = t('bulletin.exportTitle', { bureau: data.bureauName });
  if (edition.revision === null) return `${base}${t('bulletin.draftMark')}`;
  return edition.revision > 1 ? `${base}${t('bulletin.revisionMark', { n: edition.revision })}` : base;
}

export function bulletinTexts(locale: Locale, data: BulletinData) {
  const t: T = (key, params) => translate(locale, key, params);
  const fmt = (ms: number | null, pattern = 'yyyy-MM-dd HH:mm') => (ms === null ? '' : formatInZone(ms, data.timeZone, pattern));
  const short = (ms: number | null) => fmt(ms, 'MM-dd HH:mm');
  const names = (list: readonly string[]) => (list.length ? list.join('、') : t('bulletin.none'));
  const figure = (n: number | null) => (n === null ? t('bulletin.notStated') : n);
  const unitOf = (f: BulletinFlag) => f.unit ?? t('bulletin.dutyRoom', { bureau: data.bureauName });
  const timeliness = (i: BulletinIncident) => (i.flagCodes.length ? i.flagCodes.map((c) => t(`flag.code.${c}`)).join('、') : t('bulletin.onTime'));
  const flagState = (f: BulletinFlag) => `${t(`flag.status.${f.status}`)}·${t(`flag.review.${f.review}`)}`;
  const dayLine = t('bulletin.dutyDayLine', { day: data.day, start: fmt(data.start), end: fmt(data.end) });
  const onDutyLine = t('bulletin.onDutyLine', { leaders: names(data.leaders), officers: names(data.officers) });
  const level = (i: BulletinIncident) => `${t(`level.${i.level}`)}${i.important ? t('bulletin.importantMark') : ''}`;
  const keyItemLine = (i: BulletinIncident) =>
    keyItemSentence({ ...i, closed: i.status !== 'open' }, { locale, timeZone: data.timeZone, year: Number(data.day.slice(0, 4)) });
  /** 事件经过: the incident's description (a bulletin issued before descriptions were kept: the latest summary). */
  const description = (i: BulletinIncident) => i.description ?? i.summary;
  const status = (i: BulletinIncident) => t(`bulletin.status.${i.status}`);
  const problem = (p: CompletenessProblem) =>
    t(`bulletin.problem.${p.code}`, {
      subject: p.subject,
      detail: p.detail.map((d) => (p.code === 'suspicion_unverified' ? t(`flag.code.${d as FlagCode}`) : t(`item.${d as ReportItem}`))).join('、'),
    });
  /** The natural-disaster figures of the day added up, those stated only; '' where none was (or an older bulletin). */
  const natural = data.summary.natural;
  const naturalFigures = natural ? naturalTotalsText(t, natural) : '';
  const naturalLine = naturalFigures ? t('bulletin.naturalLine', { n: natural!.incidents, figures: naturalFigures }) : '';
  /** One incident's natural-disaster figures as stated (its loss has its own column). */
  const naturalOf = (i: BulletinIncident) =>
    naturalTotalsText(t, { affected: i.affected ?? null, evacuated: i.evacuated ?? null, housesCollapsed: i.housesCollapsed ?? null, directLossYuan: null }, '\n');
  /** 传达情况: the columns and one notice's row, the same on the sheet and the page. */
  const relayHead = [t('noticeFlag.notice'), t('notice.receivedAt'), t('notice.units'), t('notice.relayed'), t('notice.received'), t('notice.fedBack'), t('bulletin.relayWho')];
  const relayRow = (r: RelayLine): (string | number)[] => {
    const who = [
      r.notRelayed.length ? `${t('notice.notRelayed')}：${r.notRelayed.join('、')}` : '',
      r.receiptMissing.length ? `${t('notice.cell.missing')}：${r.receiptMissing.join('、')}` : '',
      r.feedbackMissing.length ? `${t('notice.fb.missing')}：${r.feedbackMissing.join('、')}` : '',
    ].filter(Boolean);
    return [`${t(`notice.kind.${r.kind}`)} ${r.title}`, short(r.receivedAt), r.units, r.relayed, r.received, r.feedbackAsked ? r.fedBack : '—', who.join('；') || t('bulletin.none')];
  };
  return { t, fmt, short, names, figure, unitOf, timeliness, flagState, dayLine, onDutyLine, level, keyItemLine, description, status, problem, naturalLine, naturalOf, relayHead, relayRow };
}

