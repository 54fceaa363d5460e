// Runs in the renderer. Small pieces the incident pages share: time formatting in the duty room's
// zone, level and flag tags, a countdown text.
import { Tag, Tooltip } from 'antd';
import { useEffect } from 'react';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import type { StoredFlag } from '../../../shared/domain/incident.js';
import type { Level } from '../../../shared/domain/levels.js';
import { deadlineStage, isPastDeadline } from '../../../shared/domain/rules/predicates.js';
import { useApp, type T } from '../i18n.js';
import { useServerNow } from '../clock.js';
import { LIVE_TABLES, useLiveRefresh } from '../live.js';

export function useFmt(): (ms: number | null | undefined, pattern?: string) => string {
  const { settings } = useApp();
  return (ms, pattern = 'yyyy-MM-dd HH:mm') => (ms == null ? '' : formatInZone(ms, settings.timeZone, pattern));
}

const LEVEL_COLORS: Record<Level, string> = { I: 'magenta', II: 'red', III: 'orange', IV: 'blue' };

export function LevelTag({ level }: { level: Level }) {
  const { t } = useApp();
  return <Tag color={LEVEL_COLORS[level]}>{t(`level.${level}`)}</Tag>;
}

const STATUS_COLORS: Record<StoredFlag['status'], string> = { late: 'red', overdue: 'volcano', suspected: 'gold', cleared: 'default' };

/** `withItems`: name the missing items in the tag (false where the row says them in words). */
export function FlagTag({ flag, withItems = true }: { flag: Pick<StoredFlag, 'code' | 'status' | 'minutesLate' | 'fields' | 'reason' | 'review'>; withItems?: boolean }) {
  const { t } = useApp();
  const detail = [
    t(`flag.status.${flag.status}`),
    flag.minutesLate !== null ? t('flag.minutesLate', { minutes: flag.minutesLate }) : '',
    flag.fields?.length ? t('flag.missingItems', { items: flag.fields.map((f) => t(`item.${f}`)).join('、') }) : '',
    flag.reason ? t(`flag.reason.${flag.reason}`) : '',
    t(`flag.review.${flag.review}`),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <Tooltip title={detail}>
      <Tag color={STATUS_COLORS[flag.status]} data-testid={`flag-${flag.code}`}>
        {t(`flag.code.${flag.code}`)}
        {flag.minutesLate !== null && flag.status !== 'cleared' ? ` ${flag.minutesLate}′` : ''}
        {/* Which items are missing, in the row itself: a leader decides from it. */}
        {withItems && flag.fields?.length ? `（${t('flag.missingItems', { items: flag.fields.map((f) => t(`item.${f}`)).join('、') })}）` : ''}
      </Tag>
    </Tooltip>
  );
}

/** "1:05:09" / "3 天 2:00:00" style remaining time. */
export function durationText(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const hms = `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

/** A countdown's colour (its CSS class): deadlineStage in the screen's words. */
export type Stage = 'ok' | 'amber' | 'red';

const STAGE_CLASS = { ahead: 'ok', amber: 'amber', overdue: 'red' } as const;

export function stageOf(deadline: number, now: number, amberMs: number): Stage {
  return STAGE_CLASS[deadlineStage(deadline, now, amberMs)];
}

export function countdownText(t: T, deadline: number, now: number): string {
  return isPastDeadline(deadline, now) ? t('dashboard.overdueBy', { time: durationText(now - deadline) }) : t('dashboard.remaining', { time: durationText(deadline - now) });
}

/**
 * A countdown's clock: loads at once, again when the live channel tells of a write to `tables`
 * (another seat's, or the rules clock raising a flag), and returns now, ticking each second. The
 * slow `safetyMs` read is for writes the host's channel cannot tell: the `duty` CLI writing the same
 * file from another process.
 */
/** Dispatched on window when the stored deadlines were re-judged (rule-set-editor.tsx). */
export const REJUDGED_EVENT = 'duty:rejudged';

export function useCountdownClock(load: () => Promise<void>, tables: readonly string[] = LIVE_TABLES.flags, safetyMs = 5 * 60_000): number {
  const now = useServerNow();
  useLiveRefresh(tables, load);
  useEffect(() => {
    void load();
    const reload = setInterval(() => void load(), safetyMs);
    // Deadlines re-judged by this window (a new rule-set version): read again at once.
    const rejudged = () => void load();
    window.addEventListener(REJUDGED_EVENT, rejudged);
    return () => {
      clearInterval(reload);
      window.removeEventListener(REJUDGED_EVENT, rejudged);
    };
  }, [load, safetyMs]);
  return now;
}
