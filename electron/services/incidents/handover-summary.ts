// Runs in Electron's main process and in plain Node. What the incident log hands to the next shift:
// the seam the handover (issue 5) calls; the incident log (issue 4) implements it.
import type { HandoverItem, HandoverSummary } from '../../../shared/domain/handover-summary.js';
import { ALARM_WINDOW_MS, type IncidentRow } from '../../../shared/domain/incident.js';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { listFollowups, pendingSuspicions } from '../../db/repositories/flags.js';
import { openIncidents, withPendingDeadline } from '../../db/repositories/incidents.js';
import type { ServiceContext } from '../context.js';
import { getSettings } from '../settings.js';

export const HANDOVER_HORIZON_MS = 12 * 60 * 60 * 1000;

export function handoverSummary(ctx: Pick<ServiceContext, 'db'>, at: number, horizonMs = HANDOVER_HORIZON_MS): HandoverSummary {
  // The handover keeps these lines as text, in the language the duty room has set.
  const locale = getSettings(ctx).locale;
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const titleOf = (i: Pick<IncidentRow, 'number' | 'responsibleUnit' | 'category' | 'place' | 'currentLevel'>) =>
    `${i.number} ${i.responsibleUnit} ${t(`category.${i.category}`)} ${i.place}（${t(`level.${i.currentLevel}`)}）`.replace(/\s+/g, ' ');
  const openIncidentItems: HandoverItem[] = openIncidents(ctx.db).map((i) => ({
    id: i.id,
    incidentId: i.id,
    title: titleOf(i),
    at: i.nextDeadline,
    detail: i.summary,
  }));
  // Overdue ones are included: an unmet deadline in the past is the most urgent thing to hand over.
  const upcomingDeadlines: HandoverItem[] = withPendingDeadline(ctx.db, at - ALARM_WINDOW_MS)
    .filter((i) => i.nextDeadline !== null && i.nextDeadline <= at + horizonMs)
    .map((i) => ({
      id: i.id,
      incidentId: i.id,
      title: titleOf(i),
      at: i.nextDeadline,
      detail: `${i.nextDeadlineCode ? t(`flag.code.${i.nextDeadlineCode}`) : ''}${i.nextDeadline !== null && i.nextDeadline < at ? t('incident.handoverOverdue') : ''}`,
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
    detail: `${t(`flag.code.${f.code}`)}（${t('flag.status.suspected')}）`,
  }));
  return { openIncidents: openIncidentItems, upcomingDeadlines, openFollowups, unconfirmedSuspicions };
}
