// Pure domain code: runs anywhere. An incident's own description (事件经过): what the bulletin says
// happened, as opposed to what each report said. It starts as the system's copy of the first
// report that states a summary and follows a correction of that report; once a leader has written
// it, only a leader changes it. Every change is a new revision; none is ever overwritten.
import { z } from 'zod';
import { multiLineText } from './safe-text.js';
import type { ReportRow } from './incident.js';

/** The longest description a person may write (a report's own summary may be longer). */
export const DESCRIPTION_MAX = 2000;

/** The actor of the revisions the system writes from a report. */
export const SYSTEM_ACTOR = 'system';

export interface DescriptionRevision {
  id: number;
  incidentId: number;
  /** 1, 2, 3... per incident. */
  revision: number;
  text: string;
  /** Why a person changed it; empty for the system's revisions. */
  reason: string;
  /** The report a system revision was copied from; null for a person's. */
  sourceReportId: number | null;
  /** 'system', or `user:<username>` (or `os:<name>` from the CLI). */
  actor: string;
  /** The author's name as it was when written (the system's revisions: 'system'). */
  authorName: string;
  createdAt: number;
}

/** The description as the bulletin and the drawer show it. */
export interface CurrentDescription {
  text: string;
  /** The stored revision it is; null: not stored yet, read from the reports. */
  revision: number | null;
  /** The report it was copied from (a system revision, or read from the reports). */
  sourceReportId: number | null;
  /** Written by a person (not the system's copy of a report). */
  edited: boolean;
}

/**
 * Trimmed at both ends, line breaks kept (CR LF and CR read as LF), trailing spaces of each line
 * dropped, and no more than one empty line in a row.
 */
export function normalizeDescription(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\u3000]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const descriptionTextSchema = z
  .string({ error: 'validation.text' })
  .transform(normalizeDescription)
  .pipe(multiLineText(z.string().min(1, { error: 'incident.descriptionRequired' }).max(DESCRIPTION_MAX, { error: 'incident.descriptionTooLong' })));

/** A leader's new revision of the description, with the reason for it. */
export const describeSchema = z
  .object({
    id: z.number().int().positive(),
    text: descriptionTextSchema,
    reason: multiLineText(z.string({ error: 'validation.text' }).trim().min(2, { error: 'incident.reasonRequired' }).max(500, { error: 'incident.descriptionReasonTooLong' })),
  })
  .strict();
export type DescribeInput = z.input<typeof describeSchema>;

const stated = (s: string | null): s is string => s !== null && s.trim() !== '';

/**
 * The system's description from the reports (in the order entered): the first report that states a
 * summary, or the latest correction of it that states one. Null when no report states a summary.
 */
export function systemDescriptionOf(reports: readonly Pick<ReportRow, 'id' | 'seq' | 'summary' | 'correctsReportId'>[]): { text: string; reportId: number } | null {
  let source: { text: string; reportId: number } | null = null;
  for (const r of [...reports].sort((a, b) => a.seq - b.seq)) {
    if (!stated(r.summary)) continue;
    if (source === null || r.correctsReportId === source.reportId) source = { text: normalizeDescription(r.summary), reportId: r.id };
  }
  return source;
}

/** The description now: the latest stored revision, else the system's reading of the reports. */
export function currentDescriptionOf(
  revisions: readonly Pick<DescriptionRevision, 'revision' | 'text' | 'sourceReportId' | 'actor'>[],
  reports: Parameters<typeof systemDescriptionOf>[0],
): CurrentDescription | null {
  const last = revisions.reduce<(typeof revisions)[number] | null>((a, r) => (a === null || r.revision > a.revision ? r : a), null);
  if (last) return { text: last.text, revision: last.revision, sourceReportId: last.sourceReportId, edited: last.actor !== SYSTEM_ACTOR };
  const derived = systemDescriptionOf(reports);
  return derived && { text: derived.text, revision: null, sourceReportId: derived.reportId, edited: false };
}

/**
 * What the system should store after the reports changed, given the current stored revision: the
 * first copy, or a new copy where the report it came from was corrected; nothing once a person
 * has written the description, or when nothing changed.
 */
export function systemRevisionDue(
  current: Pick<DescriptionRevision, 'actor' | 'sourceReportId' | 'text'> | null,
  reports: Parameters<typeof systemDescriptionOf>[0],
): { text: string; reportId: number } | null {
  if (current !== null && current.actor !== SYSTEM_ACTOR) return null;
  const derived = systemDescriptionOf(reports);
  if (derived === null) return null;
  if (current !== null && current.sourceReportId === derived.reportId) return null;
  return derived;
}
