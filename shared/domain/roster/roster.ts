// Pure domain code: runs anywhere. The roster as stored and shown: shifts with their people, the
// changes made to them, leave, fixed assignments, check-ins and handover records.
import type { HandoverSummary } from '../handover-summary.js';
import type { PersonRef } from '../on-duty.js';
import type { Role } from '../person.js';
import type { DayKind } from './calendar.js';
import type { Counts } from './generator.js';

export interface RosterShift {
  id: number;
  day: string;
  index: number;
  name: string;
  start: number;
  end: number;
  kind: DayKind;
  labels: string[];
  leadersNeeded: number;
  officersNeeded: number;
  leaders: PersonRef[];
  officers: PersonRef[];
}

export interface RosterMonth {
  month: string;
  shifts: RosterShift[];
  /** Counts of the year up to the end of this month, from the final roster, per role and person. */
  fairness: { personId: number; name: string; role: Role; year: Counts; month: Counts }[];
  /** The last day of the public holidays entered (null: none); past it a month is planned without them. */
  holidaysKnownUntil: string | null;
  /** True when the month begins after holidaysKnownUntil: the year's notice must be entered first. */
  holidaysMissing: boolean;
  /** The month's version (its newest roster change, 0 for none): a write names it as baseVersion. */
  version: number;
}

export const CHANGE_KINDS = ['generate', 'import', 'edit', 'swap', 'substitute'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface Confirmation {
  personId: number;
  name: string;
}

export interface RosterChange {
  id: number;
  kind: ChangeKind;
  month: string | null;
  reason: string;
  confirmedBy: Confirmation[];
  confirmedAt: number | null;
  actor: string;
  /** Who made the change, as a person reads it: the user's display name. */
  actorName: string;
  at: number;
  /** One line per assignment added or ended, for the history list. */
  added: { shiftId: number; day: string; shiftName: string; personId: number; name: string; role: Role }[];
  ended: { shiftId: number; day: string; shiftName: string; personId: number; name: string; role: Role }[];
}

export interface Leave {
  id: number;
  personId: number;
  name: string;
  from: string;
  to: string;
  reason: string;
  active: boolean;
  createdAt: number;
}

export interface FixedRow {
  id: number;
  slotKey: string;
  personId: number;
  name: string;
  role: Role;
  reason: string;
  active: boolean;
}

export interface CheckinRecord {
  personId: number;
  name: string;
  role: Role;
  /** When they checked in; null: not (yet). */
  at: number | null;
  /** Checked in more than the grace period after the shift began, or not at all by then. */
  late: boolean;
}

/** After this long into a shift without a check-in, the dashboard alarms. */
export const CHECKIN_GRACE_MS = 15 * 60 * 1000;

export interface Handover {
  id: number;
  shiftId: number;
  shift: { day: string; name: string; start: number; end: number; leaders: PersonRef[]; officers: PersonRef[] };
  nextShift: { day: string; name: string; start: number; end: number; leaders: PersonRef[]; officers: PersonRef[] } | null;
  /** Snapshot taken when the record was created: it never follows later changes of incidents. */
  summary: HandoverSummary;
  checkins: CheckinRecord[];
  notes: string;
  createdAt: number;
  /** Who prepared it: the actor as stored (`user:<username>`, …). */
  createdBy: string;
  /** The same, as a person reads it: the user's display name. */
  createdByName: string;
  updatedAt: number;
  ack: { personId: number; name: string; at: number; remarks: string } | null;
  /** The record's version (its newest audit row): the notes' save names it (handover.updateNotes baseVersion). */
  version: number;
}

export interface DutyPhoneRow {
  day: string;
  shiftName: string;
  start: number;
  end: number;
  role: Role;
  name: string;
  phone: string;
}
