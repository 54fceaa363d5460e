// Pure domain code: runs anywhere. What the incident log hands to a shift handover: the seam
// between the incident log (which knows) and the handover record (which shows and keeps it).
export interface HandoverItem {
  /** Kind-specific id: an incident, flag or follow-up id. */
  id: number;
  incidentId: number | null;
  /** One line a person reads: "东城区 道路交通 XX路口 (一般)". */
  title: string;
  /** The deadline or due time where there is one. */
  at: number | null;
  /** A second line: what is due, what is suspected. */
  detail: string;
}

export interface HandoverSummary {
  openIncidents: HandoverItem[];
  /** Deadlines falling within the horizon (default the next 12 hours). */
  upcomingDeadlines: HandoverItem[];
  openFollowups: HandoverItem[];
  unconfirmedSuspicions: HandoverItem[];
  /** Relayed notices with a unit not relayed, not confirmed or not fed back (传达未闭环); absent in records kept before. */
  openNotices?: HandoverItem[];
}

export const EMPTY_HANDOVER_SUMMARY: HandoverSummary = {
  openIncidents: [],
  upcomingDeadlines: [],
  openFollowups: [],
  unconfirmedSuspicions: [],
  openNotices: [],
};
