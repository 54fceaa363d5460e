// Runs in Electron's main process and in plain Node. What the incident log hands to the next shift:
// the seam the handover (issue 5) calls; the incident log (issue 4) implements it.
import type { HandoverItem, HandoverSummary } from '../../../shared/domain/handover-summary.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import { flagProblemText, lateText } from '../../../shared/domain/flag-queue.js';
import { ALARM_WINDOW_MS, type IncidentRow } from '../../../shared/domain/incident.js';
import type { FlagCode } from '../../../shared/domain/rules/flag.js';
import { isPastDeadline, minutesLate } from '../../../shared/domain/rules/predicates.js';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { listFollowups, pendingSuspicions } from '../../db/repositories/flags.js';
import { openIncidents, withPendingDeadline } from '../../db/repositories/incidents.js';
import type { ServiceContext } from '../context.js';
import { noticesOpen } from '../notices/seams.js';
import { getSettings } from '../settings.js';

export const HANDOVER_HORIZON_MS = 12 * 60 * 60 * 1000;

export function handoverSummary(ctx: ServiceContext, at: number, horizonMs = HANDOVER_HORIZON_MS): HandoverSummary {
  // The handover keeps these lines as text, in the language the duty room has set.
  const { locale, timeZone } = getSettings(ctx);
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const hhmm = (ms: number) => formatInZone(ms, timeZone, 'HH:mm');
  const titleOf = (i: Pick<IncidentRow, 'number' | 'responsibleUnit' | 'category' | 'place' | 'currentLevel'>) =>
    `${i.number} ${i.responsibleUnit} ${t(`category.${i.category}`)} ${i.place}（${t(`level.${i.currentLevel}`)}）`.replace(/\s+/g, ' ');
  const openIncidentItems: HandoverItem[] = openIncidents(ctx.db).map((i) => ({
    id: i.id,
    incidentId: i.id,
    title: titleOf(i),
    at: i.nextDeadline,
    detail: i.summary,
  }));
  // What is due, by when; only a deadline already passed is called overdue (a flag's name, such as
  // 书面报告迟报, would call a report late before its time).
  const dueText = (code: FlagCode | null, deadline: number) => {
    const what = code ? t(`deadline.${code}`) : '';
    return isPastDeadline(deadline, at)
      ? t('incident.handoverOverdue', { what, at: hhmm(deadline), late: lateText(t, minutesLate(deadline, at)) })
      : t('incident.handoverDue', { what, at: hhmm(deadline) });
  };
  // Overdue ones are included: an unmet deadline in the past is the most urgent thing to hand over.
  const upcomingDeadlines: HandoverItem[] = withPendingDeadline(ctx.db, at - ALARM_WINDOW_MS)
    .filter((i) => i.nextDeadline !== null && i.nextDeadline <= at + horizonMs)
    .map((i) => ({
      id: i.id,
      incidentId: i.id,
      title: titleOf(i),
      at: i.nextDeadline,
      detail: dueText(i.nextDeadlineCode, i.nextDeadline!),
    }));
  const openFollowups: HandoverItem[] = listFollowups(ctx.db, { status: 'open' }).map((f) => ({
    id: f.id,
    incidentId: f.incidentId,
    title: `${f.incidentNumber} ${t(f.kind === 'urge' ? 'incident.handoverUrge' : 'incident.handoverSupervise')}：${f.subject}`,
    at: f.dueAt,
    detail: t('incident.handoverOwner', { owner: f.owner }),
  }));
  const unconfirmedSuspicions: HandoverItem[] = pendingSuspicions(ctx.db).map((f) => ({
    id: f.id,
    incidentId: f.incidentId,
    title: `${f.incidentNumber} ${f.responsibleUnit} ${t(`category.${f.category}`)}`,
    at: f.deadline,
    detail: `${t(`flag.code.${f.code}`)}（${t('flag.status.suspected')}）：${flagProblemText(t, f, (ms) => formatInZone(ms, timeZone, 'MM-dd HH:mm'), at)}`,
  }));
  // Relayed notices not closed: judged at the handover's instant.
  const none = t('bulletin.relayNone');
  const openNotices: HandoverItem[] = noticesOpen({ ...ctx, now: () => at }).map((o) => ({
    id: o.noticeId,
    incidentId: null,
    title: `${t(`notice.kind.${o.kind}`)} ${o.title}`,
    at: o.receivedAt,
    detail: t('handover.noticeLine', {
      title: o.notRelayed.length ? `${t('notice.notRelayed')} ${o.notRelayed.join('、')}` : t('notice.counts', { relayed: o.relayed, units: o.units, received: o.received, fedBack: o.fedBack }),
      receipt: o.receiptMissing.join('、') || none,
      feedback: o.feedbackMissing.join('、') || none,
    }),
  }));
  return { openIncidents: openIncidentItems, upcomingDeadlines, openFollowups, unconfirmedSuspicions, openNotices };
}
