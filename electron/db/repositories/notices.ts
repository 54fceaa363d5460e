// Runs in Electron's main process and in plain Node. All SQL for notices (传达), their revisions,
// the relay/receipt/feedback steps, the unit groups and the notice flags.
import type { Notice, NoticeFields, NoticeFlagCode, NoticeFlagRow, NoticeStep, NoticeStepRow, RelayMeans, UnitGroup } from '../../../shared/domain/notice.js';
import { noticeTitle } from '../../../shared/domain/notice.js';
import { statement, type Db } from '../connection.js';
import { overdueMinutesAsOf } from '../../../shared/domain/rules/predicates.js';

// --- unit groups ---

interface GroupDbRow {
  id: number;
  name: string;
  unit_ids: string;
  retired: number;
  created_at: number;
  created_by: string;
  updated_at: number;
}

const toGroup = (r: GroupDbRow): UnitGroup => ({
  id: r.id,
  name: r.name,
  unitIds: JSON.parse(r.unit_ids) as number[],
  retired: r.retired === 1,
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
});

export function listGroups(db: Db): UnitGroup[] {
  return (statement(db, 'SELECT * FROM unit_groups ORDER BY retired, name, id').all() as GroupDbRow[]).map(toGroup);
}

export function findGroup(db: Db, id: number): UnitGroup | undefined {
  const r = statement(db, 'SELECT * FROM unit_groups WHERE id = ?').get(id) as GroupDbRow | undefined;
  return r && toGroup(r);
}

export function insertGroup(db: Db, name: string, unitIds: readonly number[], actor: string, now: number): number {
  return Number(statement(db, 'INSERT INTO unit_groups (name, unit_ids, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?)').run(name, JSON.stringify(unitIds), now, actor, now).lastInsertRowid);
}

export function updateGroupRow(db: Db, id: number, g: { name: string; unitIds: readonly number[]; retired: boolean }, now: number): void {
  statement(db, 'UPDATE unit_groups SET name = ?, unit_ids = ?, retired = ?, updated_at = ? WHERE id = ?').run(g.name, JSON.stringify(g.unitIds), g.retired ? 1 : 0, now, id);
}

// --- notices ---

interface NoticeDbRow {
  id: number;
  entered_at: number;
  created_by: string;
  revision: number;
  kind: string;
  source: string;
  doc_number: string;
  level_text: string;
  text: string;
  incident_id: number | null;
  received_at: number;
  receipt_deadline_min: number;
  feedback_due_at: number | null;
  feedback_required: string;
  unit_ids: string;
  reason: string | null;
  created_at: number;
}

const toNotice = (r: NoticeDbRow): Notice => ({
  id: r.id,
  enteredAt: r.entered_at,
  createdBy: r.created_by,
  revision: r.revision,
  revisionReason: r.reason,
  updatedAt: r.created_at,
  kind: r.kind as Notice['kind'],
  source: r.source,
  docNumber: r.doc_number,
  levelText: r.level_text,
  text: r.text,
  incidentId: r.incident_id,
  receivedAt: r.received_at,
  receiptDeadlineMin: r.receipt_deadline_min,
  feedbackDueAt: r.feedback_due_at,
  feedbackRequired: r.feedback_required,
  unitIds: JSON.parse(r.unit_ids) as number[],
});

/** Each notice with its newest revision. */
const NOTICE_SELECT = `SELECT n.id, n.entered_at, n.created_by, r.revision, r.kind, r.source, r.doc_number, r.level_text, r.text, r.incident_id,
    r.received_at, r.receipt_deadline_min, r.feedback_due_at, r.feedback_required, r.unit_ids, r.reason, r.created_at
  FROM notices n JOIN notice_revisions r ON r.notice_id = n.id
  AND r.revision = (SELECT MAX(revision) FROM notice_revisions WHERE notice_id = n.id)`;

export function findNotice(db: Db, id: number): Notice | undefined {
  const r = statement(db, `${NOTICE_SELECT} WHERE n.id = ?`).get(id) as NoticeDbRow | undefined;
  return r && toNotice(r);
}

/** Notices received in [from, to), newest first (limit -1: all). */
export function noticesReceivedBetween(db: Db, from: number, to: number, limit = 500): Notice[] {
  return (statement(db, `${NOTICE_SELECT} WHERE r.received_at >= ? AND r.received_at < ? ORDER BY r.received_at DESC, n.id DESC LIMIT ?`).all(from, to, limit) as NoticeDbRow[]).map(toNotice);
}

/** Notices by id, in the order asked. */
export function noticesByIds(db: Db, ids: readonly number[]): Notice[] {
  const found = new Map((statement(db, `${NOTICE_SELECT} WHERE n.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as NoticeDbRow[]).map((r) => [r.id, toNotice(r)]));
  return ids.map((id) => found.get(id)).filter((n): n is Notice => n !== undefined);
}

/** Every revision of a notice, oldest first. */
export function revisionsOf(db: Db, id: number): Notice[] {
  const sql = `SELECT n.id, n.entered_at, n.created_by, r.revision, r.kind, r.source, r.doc_number, r.level_text, r.text, r.incident_id,
      r.received_at, r.receipt_deadline_min, r.feedback_due_at, r.feedback_required, r.unit_ids, r.reason, r.created_at
    FROM notices n JOIN notice_revisions r ON r.notice_id = n.id WHERE n.id = ? ORDER BY r.revision`;
  return (statement(db, sql).all(id) as NoticeDbRow[]).map(toNotice);
}

export function insertNotice(db: Db, actor: string, now: number): number {
  return Number(statement(db, 'INSERT INTO notices (entered_at, created_by) VALUES (?, ?)').run(now, actor).lastInsertRowid);
}

export function insertRevision(db: Db, noticeId: number, revision: number, f: NoticeFields, reason: string | null, actor: string, now: number): number {
  return Number(
    statement(
      db,
      `INSERT INTO notice_revisions (notice_id, revision, kind, source, doc_number, level_text, text, incident_id, received_at, receipt_deadline_min,
         feedback_due_at, feedback_required, unit_ids, reason, actor, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(noticeId, revision, f.kind, f.source, f.docNumber, f.levelText, f.text, f.incidentId, f.receivedAt, f.receiptDeadlineMin, f.feedbackDueAt, f.feedbackRequired, JSON.stringify(f.unitIds), reason, actor, now).lastInsertRowid,
  );
}

export function setNextCheck(db: Db, id: number, at: number | null): void {
  statement(db, 'UPDATE notices SET next_check = ? WHERE id = ?').run(at, id);
}

/** Notices received since an instant (ids, oldest first). */
export function noticeIdsReceivedSince(db: Db, from: number): number[] {
  return (statement(db, `SELECT n.id FROM notices n WHERE EXISTS (SELECT 1 FROM notice_revisions r WHERE r.notice_id = n.id AND r.received_at >= ?) ORDER BY n.id`).all(from) as { id: number }[]).map((r) => r.id);
}

/** Notices with a deadline passed since they were last judged. */
export function noticesDue(db: Db, now: number): number[] {
  return (statement(db, 'SELECT id FROM notices WHERE next_check IS NOT NULL AND next_check < ? ORDER BY id').all(now) as { id: number }[]).map((r) => r.id);
}

// --- steps ---

interface StepDbRow {
  id: number;
  notice_id: number;
  unit_id: number;
  unit_name: string;
  step: string;
  at: number;
  entered_at: number;
  means: string | null;
  person: string;
  text: string;
  corrects_id: number | null;
  correction_reason: string | null;
  actor: string;
}

const toStep = (r: StepDbRow): NoticeStepRow => ({
  id: r.id,
  noticeId: r.notice_id,
  unitId: r.unit_id,
  unitName: r.unit_name,
  step: r.step as NoticeStep,
  at: r.at,
  enteredAt: r.entered_at,
  means: r.means as RelayMeans | null,
  person: r.person,
  text: r.text,
  correctsId: r.corrects_id,
  correctionReason: r.correction_reason,
  actor: r.actor,
});

const STEP_SELECT = 'SELECT s.*, u.name AS unit_name FROM notice_steps s JOIN units u ON u.id = s.unit_id';

export function stepsOf(db: Db, noticeId: number): NoticeStepRow[] {
  return (statement(db, `${STEP_SELECT} WHERE s.notice_id = ? ORDER BY s.id`).all(noticeId) as StepDbRow[]).map(toStep);
}

export function findStep(db: Db, id: number): NoticeStepRow | undefined {
  const r = statement(db, `${STEP_SELECT} WHERE s.id = ?`).get(id) as StepDbRow | undefined;
  return r && toStep(r);
}

export interface StepWrite {
  noticeId: number;
  unitId: number;
  step: NoticeStep;
  at: number;
  means: RelayMeans | null;
  person: string;
  text: string;
  correctsId: number | null;
  correctionReason: string | null;
}

export function insertStep(db: Db, s: StepWrite, actor: string, now: number): number {
  return Number(
    statement(
      db,
      `INSERT INTO notice_steps (notice_id, unit_id, step, at, entered_at, means, person, text, corrects_id, correction_reason, actor)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(s.noticeId, s.unitId, s.step, s.at, now, s.means, s.person, s.text, s.correctsId, s.correctionReason, actor).lastInsertRowid,
  );
}

// --- flags ---

interface FlagDbRow {
  id: number;
  notice_id: number;
  unit_id: number | null;
  unit_name: string | null;
  step: string;
  code: string;
  status: string;
  deadline: number;
  actual: number | null;
  minutes_late: number | null;
  on_duty_text: string | null;
  on_duty_ids: string | null;
  rule_set_version: number | null;
  raised_at: number;
  updated_at: number;
  review: string;
  reviewed_by: string | null;
  review_reason: string | null;
  reviewed_at: number | null;
  source: string;
  doc_number: string;
  level_text: string;
  text: string;
}

/** A stored flag; an overdue one is read as of `now` (it grows later every minute). */
function toFlag(r: FlagDbRow, now: number): NoticeFlagRow {
  const minutesLate = r.status === 'overdue' ? overdueMinutesAsOf(r.deadline, now) : r.minutes_late;
  return {
    id: r.id,
    noticeId: r.notice_id,
    noticeTitle: noticeTitle({ source: r.source, docNumber: r.doc_number, levelText: r.level_text, text: r.text }),
    unitId: r.unit_id,
    unitName: r.unit_name,
    step: r.step as NoticeStep,
    code: r.code as NoticeFlagCode,
    status: r.status as NoticeFlagRow['status'],
    deadline: r.deadline,
    actual: r.actual,
    minutesLate,
    onDutyText: r.on_duty_text,
    raisedAt: r.raised_at,
    updatedAt: r.updated_at,
    review: r.review as NoticeFlagRow['review'],
    reviewedBy: r.reviewed_by,
    reviewReason: r.review_reason,
    reviewedAt: r.reviewed_at,
    ruleSetVersion: r.rule_set_version,
  };
}

const FLAG_SELECT = `SELECT f.*, u.name AS unit_name, r.source, r.doc_number, r.level_text, r.text FROM notice_flags f
  LEFT JOIN units u ON u.id = f.unit_id
  JOIN notice_revisions r ON r.notice_id = f.notice_id AND r.revision = (SELECT MAX(revision) FROM notice_revisions WHERE notice_id = f.notice_id)`;

export function flagsOfNotice(db: Db, noticeId: number, now: number): NoticeFlagRow[] {
  return (statement(db, `${FLAG_SELECT} WHERE f.notice_id = ? ORDER BY f.step, f.unit_id`).all(noticeId) as FlagDbRow[]).map((r) => toFlag(r, now));
}

export function findNoticeFlag(db: Db, id: number, now: number): NoticeFlagRow | undefined {
  const r = statement(db, `${FLAG_SELECT} WHERE f.id = ?`).get(id) as FlagDbRow | undefined;
  return r && toFlag(r, now);
}

/** Notice flags by id (any order). */
export function noticeFlagsByIds(db: Db, ids: readonly number[], now: number): NoticeFlagRow[] {
  if (ids.length === 0) return [];
  return (statement(db, `${FLAG_SELECT} WHERE f.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as FlagDbRow[]).map((r) => toFlag(r, now));
}

/** Live flags for the 督办 list: pending review first, then the most minutes late (overdue as of now). */
export function noticeFlagQueue(db: Db, review: NoticeFlagRow['review'] | 'all', now: number, limit = 500): NoticeFlagRow[] {
  const late = `CASE WHEN f.status = 'overdue' THEN MAX(1, (@now - f.deadline + 59999) / 60000) ELSE f.minutes_late END`;
  const rows = statement(
    db,
    `${FLAG_SELECT} WHERE f.status != 'cleared' AND (@review = 'all' OR f.review = @review)
     ORDER BY CASE f.review WHEN 'pending' THEN 0 ELSE 1 END, ${late} DESC, f.deadline DESC, f.id DESC LIMIT @limit`,
  ).all({ review, now, limit }) as FlagDbRow[];
  return rows.map((r) => toFlag(r, now));
}

/** Live flags whose deadline is in [from, to). */
export function noticeFlagsBetween(db: Db, from: number, to: number, now: number): NoticeFlagRow[] {
  return (statement(db, `${FLAG_SELECT} WHERE f.status != 'cleared' AND f.deadline >= ? AND f.deadline < ? ORDER BY f.deadline, f.unit_id`).all(from, to) as FlagDbRow[]).map((r) => toFlag(r, now));
}

/** Confirmed flags (for the accountability ledger). */
export function confirmedNoticeFlags(db: Db): NoticeFlagRow[] {
  return (statement(db, `${FLAG_SELECT} WHERE f.review = 'confirmed' AND f.status != 'cleared' ORDER BY f.reviewed_at`).all() as FlagDbRow[]).map((r) => toFlag(r, r.reviewed_at ?? 0));
}

export function countPendingNoticeFlags(db: Db): number {
  return (statement(db, "SELECT COUNT(*) AS n FROM notice_flags WHERE status <> 'cleared' AND review = 'pending'").get() as { n: number }).n;
}

export interface NoticeFlagWrite {
  noticeId: number;
  unitId: number | null;
  step: NoticeStep;
  code: NoticeFlagCode;
  status: 'late' | 'overdue' | 'cleared';
  deadline: number;
  actual: number | null;
  minutesLate: number | null;
  onDutyText: string | null;
  onDutyIds: string | null;
  ruleSetVersion: number | null;
}

export interface StoredNoticeFlag extends NoticeFlagWrite {
  id: number;
  review: string;
}

export function noticeFlagKeys(db: Db, noticeId: number): Map<string, StoredNoticeFlag> {
  const rows = statement(db, 'SELECT * FROM notice_flags WHERE notice_id = ?').all(noticeId) as FlagDbRow[];
  return new Map(
    rows.map((r) => [
      `${r.unit_id ?? 'room'}|${r.step}`,
      {
        id: r.id,
        review: r.review,
        noticeId: r.notice_id,
        unitId: r.unit_id,
        step: r.step as NoticeStep,
        code: r.code as NoticeFlagCode,
        status: r.status as NoticeFlagWrite['status'],
        deadline: r.deadline,
        actual: r.actual,
        minutesLate: r.minutes_late,
        onDutyText: r.on_duty_text,
        onDutyIds: r.on_duty_ids,
        ruleSetVersion: r.rule_set_version,
      },
    ]),
  );
}

export function insertNoticeFlag(db: Db, f: NoticeFlagWrite, now: number): number {
  return Number(
    statement(
      db,
      `INSERT INTO notice_flags (notice_id, unit_id, step, code, status, deadline, actual, minutes_late, on_duty_text, on_duty_ids, rule_set_version, raised_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(f.noticeId, f.unitId, f.step, f.code, f.status, f.deadline, f.actual, f.minutesLate, f.onDutyText, f.onDutyIds, f.ruleSetVersion, now, now).lastInsertRowid,
  );
}

export function updateNoticeFlag(db: Db, id: number, f: NoticeFlagWrite, now: number): void {
  statement(
    db,
    `UPDATE notice_flags SET code = ?, status = ?, deadline = ?, actual = ?, minutes_late = ?, on_duty_text = ?, on_duty_ids = ?, rule_set_version = ?, updated_at = ? WHERE id = ?`,
  ).run(f.code, f.status, f.deadline, f.actual, f.minutesLate, f.onDutyText, f.onDutyIds, f.ruleSetVersion, now, id);
}

export function setNoticeFlagReview(db: Db, id: number, decision: 'confirmed' | 'dismissed', leader: string, reason: string, now: number): void {
  statement(db, 'UPDATE notice_flags SET review = ?, reviewed_by = ?, review_reason = ?, reviewed_at = ?, updated_at = ? WHERE id = ?').run(decision, leader, reason, now, now, id);
}
