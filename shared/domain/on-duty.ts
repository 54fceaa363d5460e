// Pure domain code: runs anywhere. Who is on duty: the seam between the roster (which knows) and
// everything that needs to say so (dashboard, flags stored with the officer on duty at their
// deadline, handover, bulletin).
export interface PersonRef {
  id: number;
  name: string;
  phone: string;
}

export interface OnDuty {
  /** The shift's start and end instants (end exclusive). */
  start: number;
  end: number;
  /** Name of the shift in the pattern, e.g. 全天 / 白班 / 夜班. */
  shiftName: string;
  leaders: PersonRef[];
  officers: PersonRef[];
  /** Ids of the people of this shift who have checked in. */
  checkedIn: number[];
}

export interface OnDutyNowAndNext {
  now: OnDuty | null;
  next: OnDuty | null;
}

/**
 * The instant whose shift a flag names (on_duty_text, on_duty_ids): when it fell due or was
 * raised, never a moment still to come.
 * - A deadline that passed (late and overdue reports, 漏报, a concealment for want of an official
 *   report within 24 h): the deadline, when the duty room should have noticed and urged.
 * - A suspicion about a report (要素缺失, 谎报疑点, 超出补报期, a level that rose within 24 h): the
 *   time that report was received, when the shift on duty could first see it. The deadline of a
 *   level that rose (first report + 24 h) lies after it, in a later shift, often tomorrow's.
 * - Nothing else known: `raisedAt`, the time the rules raised it.
 */
export function flagDutyInstant(
  f: { code: string; reason?: string | null; deadline: number | null; actual: number | null },
  raisedAt: number,
): number {
  const aboutReport =
    f.code === 'OMITTED_FIELDS' || f.code === 'SUSPECT_FALSE' || f.code === 'OUTSIDE_SUPPLEMENT_WINDOW' || (f.code === 'SUSPECT_CONCEALED' && f.reason === 'level_rose');
  if (aboutReport) return f.actual ?? raisedAt;
  return f.deadline ?? f.actual ?? raisedAt;
}

/** Whether a flag's shift is the one of its deadline (else of the report it is about, or of when it was raised). */
export function flagDutyAtDeadline(f: { code: string; reason?: string | null; deadline: number | null; actual: number | null }, raisedAt: number): boolean {
  return f.deadline !== null && flagDutyInstant(f, raisedAt) === f.deadline;
}
