// Runs in Electron's main process and in plain Node. What other parts read of the relayed notices:
// the unit ledger (noticeCountsByUnit), the handover (noticesOpen) and the bulletin's 传达情况
// (relayOfDay) and the statistics (noticeStatsBetween).
import type { RelayLine } from '../../../shared/domain/bulletin.js';
import { noticeTitle, type RelayNoticeState } from '../../../shared/domain/notice.js';
import { noticeStatsOf, type NoticeStats } from '../../../shared/domain/stats.js';
import * as repo from '../../db/repositories/notices.js';
import { findUnit } from '../../db/repositories/units.js';
import type { ServiceContext } from '../context.js';

type Ctx = Pick<ServiceContext, 'db' | 'now'>;
import { getSettings } from '../settings.js';
import { noticeState } from './notices.js';

/** The name the ledger and the lists give the duty room itself (RELAY_LATE is its own). */
export function dutyRoomName(ctx: Pick<ServiceContext, 'db'>): string {
  return `${getSettings(ctx).bureauName}值班室`;
}

/**
 * Per unit (by name), the receipts and feedback missing or late whose deadline fell in [from, to),
 * from the flags not dismissed; RELAY_LATE counts against the duty room.
 */
export function noticeCountsByUnit(ctx: ServiceContext, fromMs: number, toMs: number): Map<string, { missing: number; late: number }> {
  const out = new Map<string, { missing: number; late: number }>();
  const room = dutyRoomName(ctx);
  for (const f of repo.noticeFlagsBetween(ctx.db, fromMs, toMs, ctx.now())) {
    if (f.review === 'dismissed') continue;
    const name = f.unitName ?? room;
    const c = out.get(name) ?? { missing: 0, late: 0 };
    if (f.status === 'overdue') c.missing++;
    else c.late++;
    out.set(name, c);
  }
  return out;
}

/** A notice in the lists (the bulletin's 传达情况 line): who has not confirmed or fed back, by name. */
export type NoticeOutline = RelayLine;

function outline(s: RelayNoticeState, names: (id: number) => string): NoticeOutline {
  return {
    noticeId: s.notice.id,
    title: noticeTitle(s.notice),
    kind: s.notice.kind,
    receivedAt: s.notice.receivedAt,
    units: s.counts.units,
    relayed: s.counts.relayed,
    received: s.counts.received,
    fedBack: s.counts.fedBack,
    feedbackAsked: s.notice.feedbackDueAt !== null,
    notRelayed: s.cells.filter((c) => c.relayedAt === null).map((c) => names(c.unitId)),
    receiptMissing: s.cells.filter((c) => c.receipt === 'missing').map((c) => names(c.unitId)),
    feedbackMissing: s.cells.filter((c) => c.feedback === 'missing').map((c) => names(c.unitId)),
  };
}

function unitNames(ctx: Ctx): (id: number) => string {
  const cache = new Map<number, string>();
  return (id) => {
    let n = cache.get(id);
    if (n === undefined) {
      n = findUnit(ctx.db, id)?.name ?? `#${id}`;
      cache.set(id, n);
    }
    return n;
  };
}

/** Notices received in [from, to), oldest first, as outlines judged now. */
export function relayOfPeriod(ctx: Ctx, fromMs: number, toMs: number): NoticeOutline[] {
  const names = unitNames(ctx);
  return repo
    .noticesReceivedBetween(ctx.db, fromMs, toMs)
    .reverse()
    .map((n) => outline(noticeState(ctx, n), names));
}

/** 传达回执 for the statistics: the notices received in [from, to), judged now. */
export function noticeStatsBetween(ctx: Ctx, fromMs: number, toMs: number): NoticeStats {
  return noticeStatsOf(repo.noticesReceivedBetween(ctx.db, fromMs, toMs, -1).map((n) => noticeState(ctx, n)));
}

/** For the handover: notices of the last `days` days with a unit not relayed, not confirmed or not fed back. */
export function noticesOpen(ctx: Ctx, days = 7): NoticeOutline[] {
  const now = ctx.now();
  return relayOfPeriod(ctx, now - days * 86_400_000, now + 1).filter((o) => o.notRelayed.length || o.receiptMissing.length || o.feedbackMissing.length);
}
