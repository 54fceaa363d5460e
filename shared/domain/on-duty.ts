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
