// Runs in Electron's main process and in plain Node. Versions of records that several seats may
// change at once (docs/architecture.md, "Versions and conflicts"). A record's version is the id of
// the newest row that changed it (the audit row of an incident or a notice, the roster change of a
// month, the revision of a description); a write names the version it was made on, and a write
// made on an older one is refused, naming who changed the record and when, before anything is
// written. Nothing is overwritten unseen.
import { AppError } from '../../shared/api/app-error.js';
import { formatInZone } from '../../shared/domain/duty-day.js';
import type { MessageKey } from '../../shared/i18n/index.js';
import { statement, type Db } from '../db/connection.js';
import { actorName } from './actors.js';
import type { ServiceContext } from './context.js';
import { getSettings } from './settings.js';

/** The newest change of a record: its version, who made it and when. */
export interface Stamp {
  version: number;
  actor: string;
  at: number;
}

const NEWEST_AUDIT_SQL = 'SELECT id AS version, actor, at FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1';

/** The newest audit row of a record (audit_log(entity, entity_id) is indexed), or null. */
export function auditStamp(db: Db, entity: string, entityId: string | number): Stamp | null {
  return (statement(db, NEWEST_AUDIT_SQL).get(entity, String(entityId)) as Stamp | undefined) ?? null;
}

/** A record's version as the reads hand it out: 0 for a record nobody has changed yet. */
export const versionOf = (stamp: Stamp | null): number => stamp?.version ?? 0;

/** When, for a person: HH:mm on the duty zone's today, else the date too. */
export function whenText(ctx: Pick<ServiceContext, 'db' | 'now'>, at: number): string {
  const zone = getSettings(ctx).timeZone;
  const sameDay = formatInZone(at, zone, 'yyyy-MM-dd') === formatInZone(ctx.now(), zone, 'yyyy-MM-dd');
  return formatInZone(at, zone, sameDay ? 'HH:mm' : 'yyyy-MM-dd HH:mm');
}

/**
 * Refuses a write made on `baseVersion` when the record is now at another version: AppError
 * 'conflict' with `key`, its params filled with who changed it ({who}: their display name) and
 * when ({at}), plus `params`. Call inside the write transaction, before writing anything.
 * `baseVersion` undefined (a CLI call that read nothing) checks nothing.
 */
export function assertVersion(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  current: Stamp | null,
  baseVersion: number | undefined,
  key: MessageKey,
  params: Record<string, string | number> = {},
): void {
  if (baseVersion === undefined || versionOf(current) === baseVersion) return;
  const who = current ? actorName(ctx, current.actor) : '';
  throw new AppError('conflict', key, { ...params, who, at: current ? whenText(ctx, current.at) : '' });
}

/** A flag decided once: the second decision is refused naming who decided, when and what. */
export function assertPending(
  ctx: Pick<ServiceContext, 'db' | 'now'>,
  flag: { review: 'pending' | 'confirmed' | 'dismissed'; reviewedBy: string | null; reviewedAt: number | null },
): void {
  if (flag.review === 'pending') return;
  const at = flag.reviewedAt === null ? '' : whenText(ctx, flag.reviewedAt);
  throw new AppError('conflict', flag.review === 'confirmed' ? 'flag.alreadyConfirmed' : 'flag.alreadyDismissed', { by: flag.reviewedBy ?? '', at });
}
