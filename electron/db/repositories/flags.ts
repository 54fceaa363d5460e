// Runs in Electron's main process and in plain Node. All SQL for stored flags, follow-ups (督办,
// 催报) and acknowledged alarms.
import type { Category } from '../../../shared/domain/categories.js';
import type { FlagReview, Followup, FollowupKind, QueueFlag, StoredFlag, StoredFlagStatus } from '../../../shared/domain/incident.js';
import { QUEUE_TIER, type FlagQueuePage, type FlagQueueQuery, type QueueCode, type QueueReview, type QueueRow } from '../../../shared/domain/flag-queue.js';
import type { FlagCode, SuspicionReason } from '../../../shared/domain/rules/flag.js';
import type { ReportItem } from '../../../shared/domain/rules/incident.js';
import { overdueMinutesAsOf } from '../../../shared/domain/rules/predicates.js';
import { statement, type Db } from '../connection.js';
import { noticeFlagsByIds } from './notices.js';

interface FlagDbRow {
  id: number;
  incident_id: number;
  code: string;
  slot: string;
  status: string;
  reason: string | null;
  fields: string | null;
  deadline: number | null;
  actual: number | null;
  minutes_late: number | null;
  report_id: number | null;
  on_duty_text: string | null;
  on_duty_ids: string | null;
  raised_at: number;
  updated_at: number;
  review: string;
  reviewed_by: string | null;
  review_reason: string | null;
  reviewed_at: number | null;
  rule_set_version: number | null;
  number?: string;
  responsible_unit?: string;
  category?: string;
  place?: string;
}

export function toFlag(r: FlagDbRow, now?: number): StoredFlag {
  let minutesLate = r.minutes_late;
  // An overdue flag grows later every minute; it is stored once and read as of now.
  if (r.status === 'overdue' && r.deadline !== null && now !== undefined) minutesLate = overdueMinutesAsOf(r.deadline, now);
  return {
    id: r.id,
    incidentId: r.incident_id,
    code: r.code as FlagCode,
    slot: r.slot,
    status: r.status as StoredFlagStatus,
    reason: r.reason as SuspicionReason | null,
    fields: r.fields ? (JSON.parse(r.fields) as ReportItem[]) : null,
    deadline: r.deadline,
    actual: r.actual,
    minutesLate,
    reportId: r.report_id,
    onDutyText: r.on_duty_text,
    onDutyIds: r.on_duty_ids ? (JSON.parse(r.on_duty_ids) as number[]) : null,
    raisedAt: r.raised_at,
    updatedAt: r.updated_at,
    review: r.review as FlagReview,
    reviewedBy: r.reviewed_by,
    reviewReason: r.review_reason,
    reviewedAt: r.reviewed_at,
    ruleSetVersion: r.rule_set_version,
  };
}

const toQueueFlag = (r: FlagDbRow, now: number): QueueFlag => ({
  ...toFlag(r, now),
  incidentNumber: r.number!,
  responsibleUnit: r.responsible_unit!,
  category: r.category as Category,
  place: r.place!,
});

export function flagsOf(db: Db, incidentId: number, now?: number): StoredFlag[] {
  return (statement(db, 'SELECT * FROM flags WHERE incident_id = ? ORDER BY code, deadline, id').all(incidentId) as FlagDbRow[]).map((r) => toFlag(r, now));
}

export function findFlag(db: Db, id: number, now?: number): StoredFlag | undefined {
  const r = statement(db, 'SELECT * FROM flags WHERE id = ?').get(id) as FlagDbRow | undefined;
  return r && toFlag(r, now);
}

export interface FlagWrite {
  incidentId: number;
  code: FlagCode;
  slot: string;
  status: StoredFlagStatus;
  reason: string | null;
  fields: string | null;
  deadline: number | null;
  actual: number | null;
  minutesLate: number | null;
  reportId: number | null;
  onDutyText: string | null;
  onDutyIds: string | null;
  /** The rule-set version whose verdict this is. */
  ruleSetVersion: number;
}

export function insertFlag(db: Db, f: FlagWrite, now: number): number {
  const info = statement(db,
      `INSERT INTO flags (incident_id, code, slot, status, reason, fields, deadline, actual, minutes_late, report_id, on_duty_text, on_duty_ids,
         rule_set_version, raised_at, updated_at)
       VALUES (@incidentId, @code, @slot, @status, @reason, @fields, @deadline, @actual, @minutesLate, @reportId, @onDutyText, @onDutyIds,
         @ruleSetVersion, @now, @now)`,
    )
    .run({ ...f, now });
  return Number(info.lastInsertRowid);
}

export function updateFlagVerdict(db: Db, id: number, f: FlagWrite, now: number): void {
  statement(db,
    `UPDATE flags SET status = @status, reason = @reason, fields = @fields, deadline = @deadline, actual = @actual, minutes_late = @minutesLate,
       report_id = @reportId, on_duty_text = @onDutyText, on_duty_ids = @onDutyIds, rule_set_version = @ruleSetVersion, updated_at = @now
       WHERE id = @id`,
  ).run({ ...f, id, now });
}

export function setFlagReview(db: Db, id: number, review: FlagReview, by: string, reason: string, at: number): void {
  statement(db, 'UPDATE flags SET review = ?, reviewed_by = ?, review_reason = ?, reviewed_at = ?, updated_at = ? WHERE id = ?').run(
    review,
    by,
    reason,
    at,
    at,
    id,
  );
}

const QUEUE_SELECT = 'SELECT f.*, i.number, i.responsible_unit, i.category, i.place FROM flags f JOIN incidents i ON i.id = f.incident_id';

/** The tier of each code (shared/domain/flag-queue.ts) as SQL. */
const TIER_SQL = `CASE f.code ${Object.entries(QUEUE_TIER)
  .map(([code, tier]) => `WHEN '${code}' THEN ${tier}`)
  .join(' ')} ELSE 9 END`;
/** overdueMinutesAsOf (shared/domain/rules/predicates.ts) in SQL: minutes late as of @now, rounded up, at least 1. */
const LATE_SQL = `CASE WHEN f.status = 'overdue' AND f.deadline IS NOT NULL THEN MAX(1, (@now - f.deadline + 59999) / 60000) ELSE f.minutes_late END`;
/** The queue's order, as compareQueue (shared/domain/flag-queue.ts) states it. */
const QUEUE_ORDER = `CASE f.review WHEN 'pending' THEN 0 ELSE 1 END, ${TIER_SQL}, ${LATE_SQL} DESC NULLS LAST,
  COALESCE(f.deadline, f.actual, f.raised_at) DESC, f.id DESC`;

/** The filters on one of the two tables (`unit`: the column naming the row's unit). */
function queueWhere(q: { review: QueueReview; codes?: readonly QueueCode[]; unit?: string }, unit: string): string {
  const where = ["f.status <> 'cleared'"];
  if (q.review !== 'all') where.push('f.review = @review');
  if (q.codes?.length) where.push('f.code IN (SELECT value FROM json_each(@codes))');
  if (q.unit) where.push(`${unit} = @unit`);
  return where.join(' AND ');
}

/**
 * The incidents' flags and the relayed notices' flags (传达回执) as one list: the keys the queue
 * filters and sorts on, with `source` saying which table a row is from and `unit` its unit
 * (the incident's responsible unit; the unit a notice went to, NULL for the duty room's own).
 */
function queueUnion(q: { review: QueueReview; codes?: readonly QueueCode[]; unit?: string }): string {
  return `SELECT 'incident' AS source, f.id, f.code, f.status, f.review, f.deadline, f.actual, f.minutes_late, f.raised_at, i.responsible_unit AS unit
      FROM flags f JOIN incidents i ON i.id = f.incident_id WHERE ${queueWhere(q, 'i.responsible_unit')}
    UNION ALL
    SELECT 'notice', f.id, f.code, f.status, f.review, f.deadline, f.actual, f.minutes_late, f.raised_at, u.name
      FROM notice_flags f LEFT JOIN units u ON u.id = f.unit_id WHERE ${queueWhere(q, 'u.name')}`;
}

const queueArgs = (q: { review: QueueReview; codes?: readonly QueueCode[]; unit?: string }) => ({
  review: q.review,
  codes: JSON.stringify(q.codes ?? []),
  unit: q.unit ?? '',
});

/**
 * The 督办 queue, one page in the order of what matters (shared/domain/flag-queue.ts), with the
 * count of all: the incidents' flags and the relayed notices' in one order, filtered, counted and
 * paged together.
 */
export function queuePage(db: Db, q: FlagQueueQuery, now: number): FlagQueuePage {
  const args = queueArgs(q);
  const keys = statement(db, `SELECT f.source, f.id FROM (${queueUnion(q)}) f ORDER BY ${QUEUE_ORDER}, f.source LIMIT @limit OFFSET @offset`).all({
    ...args,
    now,
    limit: q.limit,
    offset: q.offset,
  }) as { source: 'incident' | 'notice'; id: number }[];
  const idsOf = (source: string) => JSON.stringify(keys.filter((k) => k.source === source).map((k) => k.id));
  const incidents = new Map(
    (statement(db, `${QUEUE_SELECT} WHERE f.id IN (SELECT value FROM json_each(?))`).all(idsOf('incident')) as FlagDbRow[]).map((r) => [r.id, toQueueFlag(r, now)]),
  );
  const notices = new Map(noticeFlagsByIds(db, JSON.parse(idsOf('notice')) as number[], now).map((f) => [f.id, f]));
  const rows = keys.map((k): QueueRow => (k.source === 'incident' ? { source: 'incident', ...incidents.get(k.id)! } : { source: 'notice', ...notices.get(k.id)! }));
  const total = (statement(db, `SELECT COUNT(*) AS n FROM (${queueUnion(q)})`).get(args) as { n: number }).n;
  // The filters' choices: units under the review state, kinds under the review state and unit.
  const byReview = { review: q.review };
  const units = (
    statement(db, `SELECT DISTINCT unit FROM (${queueUnion(byReview)}) WHERE unit IS NOT NULL ORDER BY unit`).all(queueArgs(byReview)) as { unit: string }[]
  ).map((r) => r.unit);
  const byUnit = { review: q.review, unit: q.unit };
  const byCode: Partial<Record<QueueCode, number>> = {};
  for (const r of statement(db, `SELECT code, COUNT(*) AS n FROM (${queueUnion(byUnit)}) GROUP BY code`).all(queueArgs(byUnit)) as { code: QueueCode; n: number }[])
    byCode[r.code] = r.n;
  return { total, offset: q.offset, rows, units, byCode };
}

/** The incidents' flags awaiting review, in the queue's order (the dashboard's list). */
export function pendingQueueFlags(db: Db, q: { codes: readonly FlagCode[]; limit: number }, now: number): QueueFlag[] {
  const sql = `${QUEUE_SELECT} WHERE ${queueWhere({ review: 'pending', codes: q.codes }, 'i.responsible_unit')} ORDER BY ${QUEUE_ORDER} LIMIT @limit`;
  return (statement(db, sql).all({ ...queueArgs({ review: 'pending', codes: q.codes }), now, limit: q.limit }) as FlagDbRow[]).map((r) => toQueueFlag(r, now));
}

export function countPendingFlags(db: Db): number {
  return (statement(db, "SELECT COUNT(*) AS n FROM flags WHERE status <> 'cleared' AND review = 'pending'").get() as { n: number }).n;
}

export function pendingSuspicions(db: Db, limit = 200): QueueFlag[] {
  const sql = `${QUEUE_SELECT}
    WHERE f.status = 'suspected' AND f.review = 'pending' ORDER BY f.raised_at LIMIT ?`;
  return (statement(db, sql).all(limit) as FlagDbRow[]).map((r) => toQueueFlag(r, 0));
}

/** Confirmed flags, with the incident's unit and number (for the ledger). */
export function confirmedFlags(db: Db): QueueFlag[] {
  const sql = `${QUEUE_SELECT}
    WHERE f.review = 'confirmed' ORDER BY f.reviewed_at`;
  return (statement(db, sql).all() as FlagDbRow[]).map((r) => toQueueFlag(r, r.reviewed_at ?? 0));
}

// --- follow-ups ---

interface FollowupDbRow {
  id: number;
  incident_id: number;
  number: string;
  flag_id: number | null;
  kind: string;
  subject: string;
  owner: string;
  due_at: number;
  status: string;
  result: string | null;
  created_at: number;
  created_by: string;
  done_at: number | null;
  done_by: string | null;
}

const toFollowup = (r: FollowupDbRow): Followup => ({
  id: r.id,
  incidentId: r.incident_id,
  incidentNumber: r.number,
  flagId: r.flag_id,
  kind: r.kind as FollowupKind,
  subject: r.subject,
  owner: r.owner,
  dueAt: r.due_at,
  status: r.status as 'open' | 'done',
  result: r.result,
  createdAt: r.created_at,
  createdBy: r.created_by,
  doneAt: r.done_at,
  doneBy: r.done_by,
});

const FOLLOWUP_SELECT = 'SELECT f.*, i.number FROM followups f JOIN incidents i ON i.id = f.incident_id';

export function insertFollowup(
  db: Db,
  f: { incidentId: number; flagId: number | null; kind: FollowupKind; subject: string; owner: string; dueAt: number },
  by: string,
  now: number,
): number {
  const info = statement(db,
      `INSERT INTO followups (incident_id, flag_id, kind, subject, owner, due_at, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(f.incidentId, f.flagId, f.kind, f.subject, f.owner, f.dueAt, now, by);
  return Number(info.lastInsertRowid);
}

export function findFollowup(db: Db, id: number): Followup | undefined {
  const r = statement(db, `${FOLLOWUP_SELECT} WHERE f.id = ?`).get(id) as FollowupDbRow | undefined;
  return r && toFollowup(r);
}

export function completeFollowup(db: Db, id: number, result: string, by: string, now: number): void {
  statement(db, "UPDATE followups SET status = 'done', result = ?, done_at = ?, done_by = ? WHERE id = ?").run(result, now, by, id);
}

export function listFollowups(db: Db, opts: { status?: 'open' | 'done' | 'all'; incidentId?: number }): Followup[] {
  const where: string[] = [];
  const args: unknown[] = [];
  if (opts.status && opts.status !== 'all') {
    where.push('f.status = ?');
    args.push(opts.status);
  }
  if (opts.incidentId !== undefined) {
    where.push('f.incident_id = ?');
    args.push(opts.incidentId);
  }
  const sql = `${FOLLOWUP_SELECT} ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY CASE f.status WHEN 'open' THEN 0 ELSE 1 END, f.due_at LIMIT 1000`;
  return (statement(db, sql).all(...args) as FollowupDbRow[]).map(toFollowup);
}

export function countOpenFollowups(db: Db): number {
  return (statement(db, "SELECT COUNT(*) AS n FROM followups WHERE status = 'open'").get() as { n: number }).n;
}

// --- alarms ---

export function ackedKeys(db: Db, incidentIds: readonly number[]): Set<string> {
  if (incidentIds.length === 0) return new Set();
  const rows = statement(db, 'SELECT alarm_key FROM alarm_acks WHERE incident_id IN (SELECT value FROM json_each(?))').all(JSON.stringify(incidentIds)) as {
    alarm_key: string;
  }[];
  return new Set(rows.map((r) => r.alarm_key));
}

export function insertAck(
  db: Db,
  a: { key: string; incidentId: number; code: string; deadline: number; stage: 'amber' | 'overdue' },
  actor: string,
  now: number,
): number | null {
  const info = statement(db,
      `INSERT INTO alarm_acks (alarm_key, incident_id, code, deadline, stage, acked_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(alarm_key) DO NOTHING`,
    )
    .run(a.key, a.incidentId, a.code, a.deadline, a.stage, now, actor);
  return info.changes ? Number(info.lastInsertRowid) : null;
}
