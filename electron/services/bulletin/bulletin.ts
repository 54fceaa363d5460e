// Runs in Electron's main process and in plain Node. The bulletin's use cases: preview a duty day
// (the live draft, or an issued revision), issue it (an immutable snapshot with its SHA-256, a
// numbered revision, an audit row), list the revisions, and export either one to Excel. An
// issued revision is always exported from its snapshot, never from the live log.
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/api/app-error.js';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import type { BulletinData, BulletinPreview, BulletinRevision, CompletenessProblem } from '../../../shared/domain/bulletin.js';
import { dutyDayOf, dutyDayRange, formatInZone } from '../../../shared/domain/duty-day.js';
import { addDaysTo } from '../../../shared/domain/roster/dates.js';
import * as repo from '../../db/repositories/bulletins.js';
import { bulletinWorkbook, type BulletinEdition } from '../../export/bulletin-xlsx.js';
import { actorName, actorNamer } from '../actors.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';
import { chainAnchor } from '../record-verify.js';
import { getSettings } from '../settings.js';
import { assembleBulletin } from './assemble.js';
import { BULLETIN_PROVIDERS } from './providers.js';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The duty day that ended last: the default day to issue (the morning after). */
export function lastEndedDutyDay(ctx: Pick<ServiceContext, 'db' | 'now'>): string {
  const s = getSettings(ctx);
  return addDaysTo(dutyDayOf(ctx.now(), { timeZone: s.timeZone, boundary: s.dutyBoundary }), -1);
}

function dayRange(ctx: Pick<ServiceContext, 'db'>, day: string) {
  const s = getSettings(ctx);
  return dutyDayRange(day, { timeZone: s.timeZone, boundary: s.dutyBoundary });
}

const toRevision = (r: Omit<repo.BulletinRow, 'snapshot'>, nameOf: (actor: string) => string): BulletinRevision => ({
  id: r.id,
  day: r.duty_day,
  revision: r.revision,
  issuedAt: r.issued_at,
  issuedBy: r.issued_by,
  issuedByName: nameOf(r.issued_by),
  note: r.note,
  problems: (JSON.parse(r.problems) as unknown[]).length,
  sha256: r.sha256,
});

export function listRevisions(ctx: Pick<ServiceContext, 'db'>, day: string): BulletinRevision[] {
  const nameOf = actorNamer(ctx);
  return repo.revisionsOf(ctx.db, day).map((r) => toRevision(r, nameOf));
}

/** An issued revision as stored, its snapshot checked against its SHA-256. */
export function loadRevision(ctx: Pick<ServiceContext, 'db'>, day: string, revision: number): { row: repo.BulletinRow; data: BulletinData; problems: CompletenessProblem[] } {
  const row = repo.findBulletin(ctx.db, day, revision);
  if (!row) throw new AppError('not_found', 'bulletin.revisionNotFound', { day, revision });
  if (sha256(row.snapshot) !== row.sha256) throw new AppError('conflict', 'bulletin.snapshotTampered', { day, revision });
  return { row, data: JSON.parse(row.snapshot) as BulletinData, problems: JSON.parse(row.problems) as CompletenessProblem[] };
}

export function previewBulletin(ctx: ServiceContext, day: string | undefined, revision?: number): BulletinPreview {
  const d = day ?? lastEndedDutyDay(ctx);
  const running = ctx.now() < dayRange(ctx, d).end;
  const revisions = listRevisions(ctx, d);
  if (revision !== undefined) {
    const { data, problems } = loadRevision(ctx, d, revision);
    return { day: d, revision, data, problems, revisions, running };
  }
  const { data, problems } = assembleBulletin(ctx, d, BULLETIN_PROVIDERS);
  return { day: d, revision: null, data, problems, revisions, running };
}

/** Issues the bulletin of a duty day that is over: the next revision, with a note where problems were found. */
export function issueBulletin(ctx: ServiceContext, day: string, note: string): BulletinRevision {
  const { end } = dayRange(ctx, day);
  if (ctx.now() < end) throw new AppError('conflict', 'bulletin.dayNotOver', { day, end: formatInZone(end, getSettings(ctx).timeZone) });
  return inWriteTransaction(ctx, () => {
    const { data: assembled, problems } = assembleBulletin(ctx, day, BULLETIN_PROVIDERS);
    if (problems.length > 0 && note.trim().length < 2) throw new AppError('invalid_input', 'bulletin.noteRequired');
    // The chain's head as the bulletin is issued (before its own row): the footer prints it.
    const data = { ...assembled, anchor: chainAnchor(ctx.db) };
    const snapshot = JSON.stringify(data);
    const row = {
      duty_day: day,
      revision: repo.nextRevision(ctx.db, day),
      issued_at: ctx.now(),
      issued_by: ctx.actor,
      note: note.trim(),
      problems: JSON.stringify(problems),
      snapshot,
      sha256: sha256(snapshot),
    };
    const id = repo.insertBulletin(ctx.db, row);
    const issued = toRevision({ id, ...row }, actorNamer(ctx));
    appendAudit(ctx, { method: 'bulletin.issue', entity: 'bulletin', entityId: id, before: null, after: { ...issued, problemCodes: problems.map((p) => p.code) } });
    return issued;
  });
}

/** The workbook of an issued revision (from its snapshot) or, with no revision, of the live draft. */
export async function exportBulletin(ctx: ServiceContext, day: string, revision?: number): Promise<FilePayload & { revision: number | null }> {
  const locale = getSettings(ctx).locale;
  let data: BulletinData;
  let edition: BulletinEdition;
  if (revision !== undefined) {
    const stored = loadRevision(ctx, day, revision);
    data = stored.data;
    edition = { revision, issuedAt: stored.row.issued_at, issuedBy: actorName(ctx, stored.row.issued_by) };
  } else {
    data = assembleBulletin(ctx, day, BULLETIN_PROVIDERS).data;
    edition = { revision: null, issuedAt: null, issuedBy: null };
  }
  const buf = await bulletinWorkbook(data, edition, { locale });
  return {
    fileName: `bulletin-${day}-${revision === undefined ? 'draft' : `r${revision}`}.xlsx`,
    mimeType: XLSX_MIME,
    contentBase64: buf.toString('base64'),
    revision: revision ?? null,
  };
}

/** The CLI's choice: the latest issued revision of the day if any, else the live draft. */
export function latestRevisionNumber(ctx: Pick<ServiceContext, 'db'>, day: string): number | undefined {
  return repo.revisionsOf(ctx.db, day)[0]?.revision;
}
