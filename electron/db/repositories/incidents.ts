// Runs in Electron's main process and in plain Node. All SQL for incidents, their reports, upward
// reports, the full-text index and the log page's filtered window.
import type { Category } from '../../../shared/domain/categories.js';
import type { Channel } from '../../../shared/domain/channels.js';
import type { IncidentRow, IncidentStatus, LogQuery, ReportRow, StampedReport, UpwardReportRow } from '../../../shared/domain/incident.js';
import type { Level } from '../../../shared/domain/levels.js';
import type { IncidentFigures } from '../../../shared/domain/stats.js';
import { FLAG_CODES, type FlagCode } from '../../../shared/domain/rules/flag.js';
import type { ReportKind } from '../../../shared/domain/rules/incident.js';
import { statement, type Db } from '../connection.js';
import { incidentWords, reportWords, searchGrams, searchRowBody, searchRowId, shortQueryToken, SEARCH_PART_BITS, type SearchReportWords } from '../search-grams.js';
import { likePattern } from './units.js';

interface IncidentDbRow {
  id: number;
  number: string;
  year: number;
  seq: number;
  category: string;
  unit_id: number | null;
  responsible_unit: string;
  occurred_at: number;
  place: string;
  learned_at: number | null;
  closed_at: number | null;
  manual_level: string | null;
  important: number;
  first_received_at: number;
  created_at: number;
  updated_at: number;
  initial_level: string;
  current_level: string;
  status: string;
  next_deadline: number | null;
  next_deadline_code: string | null;
  next_check: number | null;
  flag_codes: string;
  summary?: string | null;
  report_count?: number;
}

// The summary shown in lists: the latest report that says what happened.
const SUMMARY_SQL = `(SELECT r.summary FROM incident_reports r WHERE r.incident_id = i.id AND r.summary IS NOT NULL AND r.summary <> ''
  ORDER BY r.received_at DESC, r.seq DESC LIMIT 1) AS summary,
  (SELECT COUNT(*) FROM incident_reports r WHERE r.incident_id = i.id) AS report_count`;

const toIncident = (r: IncidentDbRow): IncidentRow => ({
  id: r.id,
  number: r.number,
  category: r.category as Category,
  unitId: r.unit_id,
  responsibleUnit: r.responsible_unit,
  occurredAt: r.occurred_at,
  place: r.place,
  learnedAt: r.learned_at,
  closedAt: r.closed_at,
  manualLevel: r.manual_level as Level | null,
  important: r.important === 1,
  firstReceivedAt: r.first_received_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  initialLevel: r.initial_level as Level,
  currentLevel: r.current_level as Level,
  status: r.status as IncidentStatus,
  nextDeadline: r.next_deadline,
  nextDeadlineCode: r.next_deadline_code as FlagCode | null,
  flagCodes: r.flag_codes ? (r.flag_codes.trim().split(' ') as FlagCode[]) : [],
  summary: (r.summary ?? '').split('\n')[0] ?? '',
  reportCount: r.report_count ?? 0,
});

interface ReportDbRow {
  id: number;
  incident_id: number;
  seq: number;
  kind: string;
  channel: string;
  from_unit: string;
  caller_name: string;
  caller_title: string;
  caller_phone: string;
  entered_at: number;
  received_at: number;
  occurred_at: number | null;
  location: string | null;
  summary: string | null;
  measures_taken: string | null;
  deaths: number | null;
  missing: number | null;
  seriously_injured: number | null;
  injured: number | null;
  trapped: number | null;
  direct_loss_yuan: number | null;
  affected: number | null;
  evacuated: number | null;
  houses_collapsed: number | null;
  correction_reason: string | null;
  corrects_report_id: number | null;
  actor: string;
  created_at: number;
}

const toReport = (r: ReportDbRow): ReportRow => ({
  id: r.id,
  incidentId: r.incident_id,
  seq: r.seq,
  kind: r.kind as ReportKind,
  channel: r.channel as Channel,
  fromUnit: r.from_unit,
  callerName: r.caller_name,
  callerTitle: r.caller_title,
  callerPhone: r.caller_phone,
  enteredAt: r.entered_at,
  receivedAt: r.received_at,
  occurredAt: r.occurred_at,
  location: r.location,
  summary: r.summary,
  measuresTaken: r.measures_taken,
  deaths: r.deaths,
  missing: r.missing,
  seriouslyInjured: r.seriously_injured,
  injured: r.injured,
  trapped: r.trapped,
  directLossYuan: r.direct_loss_yuan,
  affected: r.affected,
  evacuated: r.evacuated,
  housesCollapsed: r.houses_collapsed,
  correctionReason: r.correction_reason,
  correctsReportId: r.corrects_report_id,
  actor: r.actor,
  createdAt: r.created_at,
});

export function findIncident(db: Db, id: number): IncidentRow | undefined {
  const r = statement(db, `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.id = ?`).get(id) as IncidentDbRow | undefined;
  return r && toIncident(r);
}

export function findIncidentByNumber(db: Db, number: string): IncidentRow | undefined {
  const r = statement(db, `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.number = ?`).get(number) as IncidentDbRow | undefined;
  return r && toIncident(r);
}

export function nextSeq(db: Db, year: number): number {
  const r = statement(db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM incidents WHERE year = ?').get(year) as { n: number };
  return r.n;
}

export interface NewIncident {
  year: number;
  seq: number;
  category: Category;
  unitId: number | null;
  responsibleUnit: string;
  occurredAt: number;
  place: string;
  manualLevel: Level | null;
  important: boolean;
  firstReceivedAt: number;
  now: number;
}

export function insertIncident(db: Db, n: NewIncident): number {
  const number = `${n.year}-${String(n.seq).padStart(4, '0')}`;
  const info = statement(db,
      `INSERT INTO incidents (number, year, seq, category, unit_id, responsible_unit, occurred_at, place, manual_level, important,
         first_received_at, created_at, updated_at)
       VALUES (@number, @year, @seq, @category, @unit_id, @responsible_unit, @occurred_at, @place, @manual_level, @important,
         @first_received_at, @now, @now)`,
    )
    .run({
      number,
      year: n.year,
      seq: n.seq,
      category: n.category,
      unit_id: n.unitId,
      responsible_unit: n.responsibleUnit,
      occurred_at: n.occurredAt,
      place: n.place,
      manual_level: n.manualLevel,
      important: n.important ? 1 : 0,
      first_received_at: n.firstReceivedAt,
      now: n.now,
    });
  return Number(info.lastInsertRowid);
}

export interface IncidentFacts {
  learnedAt: number | null;
  closedAt: number | null;
  occurredAt: number;
  manualLevel: Level | null;
  important: boolean;
  firstReceivedAt: number;
}

export function updateIncidentFacts(db: Db, id: number, f: IncidentFacts, now: number): void {
  statement(db,
    `UPDATE incidents SET learned_at = @learned_at, closed_at = @closed_at, occurred_at = @occurred_at, manual_level = @manual_level,
       important = @important, first_received_at = @first_received_at, updated_at = @now WHERE id = @id`,
  ).run({
    id,
    learned_at: f.learnedAt,
    closed_at: f.closedAt,
    occurred_at: f.occurredAt,
    manual_level: f.manualLevel,
    important: f.important ? 1 : 0,
    first_received_at: f.firstReceivedAt,
    now,
  });
}

export interface Derived {
  initialLevel: Level;
  currentLevel: Level;
  status: IncidentStatus;
  nextDeadline: number | null;
  nextDeadlineCode: FlagCode | null;
  nextCheck: number | null;
  flagCodes: string;
  /** Its current figures (shared/domain/stats.ts `currentFigures`), which the period counts add up. */
  figures: IncidentFigures;
}

export function updateDerived(db: Db, id: number, d: Derived): void {
  statement(db,
    `UPDATE incidents SET initial_level = @initial_level, current_level = @current_level, status = @status,
       next_deadline = @next_deadline, next_deadline_code = @next_deadline_code, next_check = @next_check, flag_codes = @flag_codes,
       fig_deaths = @deaths, fig_missing = @missing, fig_seriously_injured = @seriouslyInjured, fig_injured = @injured, fig_direct_loss_yuan = @directLossYuan,
       fig_loss_stated = @lossStated, fig_affected = @affected, fig_evacuated = @evacuated, fig_houses_collapsed = @housesCollapsed
     WHERE id = @id`,
  ).run({
    id,
    initial_level: d.initialLevel,
    current_level: d.currentLevel,
    status: d.status,
    next_deadline: d.nextDeadline,
    next_deadline_code: d.nextDeadlineCode,
    next_check: d.nextCheck,
    flag_codes: d.flagCodes,
    ...figureColumns(d.figures),
  });
}

/** An incident's current figures as its fig_* columns take them (named parameters). */
export function figureColumns(f: IncidentFigures): Record<string, number | null> {
  return {
    deaths: f.deaths,
    missing: f.missing,
    seriouslyInjured: f.seriouslyInjured,
    injured: f.injured,
    directLossYuan: f.directLossYuan,
    lossStated: f.directLossStated ? 1 : 0,
    affected: f.affected,
    evacuated: f.evacuated,
    housesCollapsed: f.housesCollapsed,
  };
}

export function insertReport(db: Db, incidentId: number, r: StampedReport, actor: string, now: number): number {
  const seq = (statement(db, 'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM incident_reports WHERE incident_id = ?').get(incidentId) as { n: number }).n;
  const info = statement(db,
      `INSERT INTO incident_reports (incident_id, seq, kind, channel, from_unit, caller_name, caller_title, caller_phone, entered_at,
         received_at, occurred_at, location, summary, measures_taken, deaths, missing, seriously_injured, injured, trapped,
         direct_loss_yuan, affected, evacuated, houses_collapsed, correction_reason, corrects_report_id, actor, created_at)
       VALUES (@incident_id, @seq, @kind, @channel, @from_unit, @caller_name, @caller_title, @caller_phone, @entered_at,
         @received_at, @occurred_at, @location, @summary, @measures_taken, @deaths, @missing, @seriously_injured, @injured, @trapped,
         @direct_loss_yuan, @affected, @evacuated, @houses_collapsed, @correction_reason, @corrects_report_id, @actor, @now)`,
    )
    .run({
      incident_id: incidentId,
      seq,
      kind: r.kind,
      channel: r.channel,
      from_unit: r.fromUnit,
      caller_name: r.callerName,
      caller_title: r.callerTitle,
      caller_phone: r.callerPhone,
      entered_at: r.enteredAt,
      received_at: r.receivedAt,
      occurred_at: r.occurredAt,
      location: r.location,
      summary: r.summary,
      measures_taken: r.measuresTaken,
      deaths: r.deaths,
      missing: r.missing,
      seriously_injured: r.seriouslyInjured,
      injured: r.injured,
      trapped: r.trapped,
      direct_loss_yuan: r.directLossYuan,
      affected: r.affected ?? null,
      evacuated: r.evacuated ?? null,
      houses_collapsed: r.housesCollapsed ?? null,
      correction_reason: r.correctionReason,
      corrects_report_id: r.correctsReportId,
      actor,
      now,
    });
  return Number(info.lastInsertRowid);
}

export function findReport(db: Db, id: number): ReportRow | undefined {
  const r = statement(db, 'SELECT * FROM incident_reports WHERE id = ?').get(id) as ReportDbRow | undefined;
  return r && toReport(r);
}

/** In the order entered (seq), which is the order the engine is given them in. */
export function reportsOf(db: Db, incidentId: number): ReportRow[] {
  return (statement(db, 'SELECT * FROM incident_reports WHERE incident_id = ? ORDER BY seq').all(incidentId) as ReportDbRow[]).map(toReport);
}

/** Reports of many incidents at once, grouped by incident id, each group in seq order. */
export function reportsOfMany(db: Db, ids: readonly number[]): Map<number, ReportRow[]> {
  const out = new Map<number, ReportRow[]>();
  const stmt = statement(db, 'SELECT * FROM incident_reports WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY incident_id, seq');
  for (let i = 0; i < ids.length; i += 5000) {
    for (const r of stmt.all(JSON.stringify(ids.slice(i, i + 5000))) as ReportDbRow[]) {
      const list = out.get(r.incident_id) ?? [];
      list.push(toReport(r));
      out.set(r.incident_id, list);
    }
  }
  return out;
}

export function insertUpward(
  db: Db,
  u: { incidentId: number; recipient: string; channel: Channel; sentAt: number; note: string },
  actor: string,
  now: number,
): number {
  const info = statement(db,
      `INSERT INTO upward_reports (incident_id, recipient, channel, sent_at, note, actor, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(u.incidentId, u.recipient, u.channel, u.sentAt, u.note, actor, now);
  return Number(info.lastInsertRowid);
}

interface UpwardDbRow {
  id: number;
  incident_id: number;
  recipient: string;
  channel: string;
  sent_at: number;
  note: string;
  actor: string;
  created_at: number;
}

export function upwardOf(db: Db, incidentId: number): UpwardReportRow[] {
  return (statement(db, 'SELECT * FROM upward_reports WHERE incident_id = ? ORDER BY sent_at, id').all(incidentId) as UpwardDbRow[]).map((r) => ({
    id: r.id,
    incidentId: r.incident_id,
    recipient: r.recipient,
    channel: r.channel as Channel,
    sentAt: r.sent_at,
    note: r.note,
    actor: r.actor,
    createdAt: r.created_at,
  }));
}

/** Adds one row to both search indexes (see searchRowId); an empty body adds nothing. */
function indexSearchRow(db: Db, rowid: number, body: string): void {
  if (!body) return;
  statement(db, 'INSERT INTO incidents_fts (rowid, body) VALUES (?, ?)').run(rowid, body);
  statement(db, 'INSERT INTO incidents_grams (rowid, grams) VALUES (?, ?)').run(rowid, searchGrams(body));
}

/** The incident's own words (number, unit, place), written once when it is logged. */
export function indexIncidentWords(db: Db, i: Pick<IncidentRow, 'id' | 'number' | 'responsibleUnit' | 'place'>): void {
  indexSearchRow(db, searchRowId(i.id, 0), searchRowBody(incidentWords(i)));
}

/** A report's words, written once when it is saved (reports are never edited). */
export function indexReportWords(db: Db, r: Pick<ReportRow, 'incidentId' | 'seq'> & SearchReportWords): void {
  indexSearchRow(db, searchRowId(r.incidentId, r.seq), searchRowBody(reportWords(r)));
}

/**
 * The log's flag filter as a term over the incident's live flag codes, written exactly as the WHERE
 * of its partial index (migration 0100), so SQLite counts and pages through that index. The code
 * is one of FLAG_CODES (checked here: it is written into the SQL, not bound).
 */
export function flagFilterTerm(flag: string): string {
  if (flag === 'any') return "i.flag_codes <> ''";
  if (!(FLAG_CODES as readonly string[]).includes(flag)) throw new Error(`unknown flag code ${String(flag)}`);
  return `instr(' ' || i.flag_codes || ' ', ' ${flag} ') > 0`;
}

function ftsPhrase(q: string): string {
  return `"${q.replace(/"/g, '""')}"`;
}

/** A text search counts its matches up to this many; past it the total reads "at least". */
export const SEARCH_COUNT_CAP = 5000;


/**
 * The filtered, sorted window of the log page. Newest occurrence first. The window's ids are found
 * first and only its rows get their summary. A text search is bounded: its matches are counted up
 * to SEARCH_COUNT_CAP through the index; a narrow search (under the cap) sorts its matches, a broad
 * one walks the log newest first and tests each incident's indexed words, and stops at the window.
 * Either way the rows are exactly those a LIKE scan of the indexed words would give.
 */
export function listIncidents(db: Db, q: LogQuery, cap = SEARCH_COUNT_CAP): { total: number; rows: IncidentRow[]; capped: boolean } {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (q.from !== undefined) {
    where.push('i.occurred_at >= @from');
    args.from = q.from;
  }
  if (q.to !== undefined) {
    where.push('i.occurred_at < @to');
    args.to = q.to;
  }
  if (q.category) {
    where.push('i.category = @category');
    args.category = q.category;
  }
  // Most of a duty room's log is closed, and most of it is level IV. With a flag filter too,
  // SQLite still walked the status or level index for those (100,000 rows on a decade, 60-130 ms)
  // rather than scan the flag's partial index (1,000-25,000 rows, 1-15 ms): a unary + keeps it off
  // them. Rare values (open, level I) keep their index: there it is the shorter walk.
  const bulk = (term: string, common: boolean) => (q.flag && common ? `+${term}` : term);
  if (q.level) {
    where.push(bulk('i.current_level = @level', q.level === 'IV'));
    args.level = q.level;
  }
  if (q.unit) {
    where.push('i.responsible_unit = @unit');
    args.unit = q.unit;
  }
  if (q.status) {
    where.push(bulk('i.status = @status', q.status === 'closed'));
    args.status = q.status;
  }
  if (q.flag) where.push(flagFilterTerm(q.flag));
  const order = 'ORDER BY i.occurred_at DESC, i.id DESC';
  const page = (whereSql: string) =>
    (statement(db, `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.id IN (SELECT i.id FROM incidents i ${whereSql} ${order} LIMIT @limit OFFSET @offset) ${order}`).all({
      ...args,
      limit: q.limit,
      offset: q.offset,
    }) as IncidentDbRow[]).map(toIncident);
  const text = q.query?.trim();
  if (!text) {
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = (statement(db, `SELECT COUNT(*) AS n FROM incidents i ${whereSql}`).get(args) as { n: number }).n;
    return { total, rows: page(whereSql), capped: false };
  }
  // Trigram needs 3 characters; one or two (常见: a two-character place name) use the grams index.
  const token = shortQueryToken(text);
  const [table, match] = token === null ? ['incidents_fts', ftsPhrase(text)] : ['incidents_grams', token];
  args.match = match;
  const filters = where.map((w) => ` AND ${w}`).join('');
  const n = (
    statement(db, `SELECT COUNT(*) AS n FROM (SELECT DISTINCT i.id FROM ${table} f CROSS JOIN incidents i ON i.id = f.rowid >> ${SEARCH_PART_BITS} WHERE ${table} MATCH @match${filters} LIMIT ${cap + 1})`).get(args) as {
      n: number;
    }
  ).n;
  if (n <= cap) return { total: n, rows: page(`WHERE i.id IN (SELECT rowid >> ${SEARCH_PART_BITS} FROM ${table} WHERE ${table} MATCH @match)${filters}`), capped: false };
  // Broad: at least one incident in (log size / cap) matches, so the walk is short. Each incident's
  // rows are one rowid range of the index.
  args.like = likePattern(text);
  const rows = `s.rowid >= (i.id << ${SEARCH_PART_BITS}) AND s.rowid < ((i.id + 1) << ${SEARCH_PART_BITS})`;
  return { total: cap, rows: page(`WHERE EXISTS (SELECT 1 FROM incidents_fts s WHERE ${rows} AND s.body LIKE @like ESCAPE '\\')${filters}`), capped: true };
}

/** Same unit and category, occurred within the window of `at`: candidates for merging at intake. */
export function findNear(db: Db, unit: string, category: string, at: number, windowMs: number): IncidentRow[] {
  const rows = statement(db,
      `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.responsible_unit = ? AND i.category = ? AND i.occurred_at BETWEEN ? AND ?
       ORDER BY ABS(i.occurred_at - ?) LIMIT 20`,
    )
    .all(unit, category, at - windowMs, at + windowMs, at) as IncidentDbRow[];
  return rows.map(toIncident);
}

/** Incidents whose verdict can change with time by `now`. */
export function dueForCheck(db: Db, now: number, limit = 2000): number[] {
  return (statement(db, 'SELECT id FROM incidents WHERE next_check IS NOT NULL AND next_check <= ? ORDER BY next_check LIMIT ?').all(now, limit) as { id: number }[]).map(
    (r) => r.id,
  );
}

/**
 * Incidents with a deadline still owed: the live ones first (due from `liveFrom` on), nearest first,
 * then the ones missed before it, most recent first, `limit` in all. A decade's log owes hundreds
 * of deadlines missed years ago; they must not crowd out today's.
 */
export function withPendingDeadline(db: Db, liveFrom: number, limit = 500): IncidentRow[] {
  const live = statement(db, `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.next_deadline >= ? ORDER BY i.next_deadline LIMIT ?`).all(liveFrom, limit) as IncidentDbRow[];
  const stale =
    live.length < limit
      ? (statement(db, `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.next_deadline < ? ORDER BY i.next_deadline DESC LIMIT ?`).all(liveFrom, limit - live.length) as IncidentDbRow[])
      : [];
  return [...live, ...stale].map(toIncident);
}

export function countIncidents(db: Db, where: 'open' | 'all', since?: number): number {
  if (where === 'open') return (statement(db, "SELECT COUNT(*) AS n FROM incidents WHERE status <> 'closed'").get() as { n: number }).n;
  return (statement(db, 'SELECT COUNT(*) AS n FROM incidents WHERE first_received_at >= ?').get(since ?? 0) as { n: number }).n;
}

export function incidentsReceivedBetween(db: Db, from: number, to: number): IncidentRow[] {
  return (
    statement(db, `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.first_received_at >= ? AND i.first_received_at < ? ORDER BY i.id`).all(from, to) as IncidentDbRow[]
  ).map(toIncident);
}

export function openIncidents(db: Db, limit = 200): IncidentRow[] {
  return (
    statement(db, `SELECT i.*, ${SUMMARY_SQL} FROM incidents i WHERE i.status <> 'closed' ORDER BY i.occurred_at DESC LIMIT ?`).all(limit) as IncidentDbRow[]
  ).map(toIncident);
}

/** Every incident not closed (open, or closed with its final report owed), oldest first. */
export function unclosedIncidentIds(db: Db): number[] {
  return (statement(db, "SELECT id FROM incidents WHERE status IN ('open', 'final_pending') ORDER BY id").all() as { id: number }[]).map((r) => r.id);
}

/** Ids of incidents that occurred in [from, to), in number order (the export). */
export function incidentIdsOccurredBetween(db: Db, from: number, to: number): number[] {
  return (statement(db, 'SELECT id FROM incidents WHERE occurred_at >= ? AND occurred_at < ? ORDER BY year, seq').all(from, to) as { id: number }[]).map((r) => r.id);
}

/** An incident's fields as the year log shows them on each of its report lines. */
export interface YearLogIncident {
  number: string;
  category: string;
  responsible_unit: string;
  occurred_at: number;
  place: string;
  current_level: string;
  status: string;
  flag_codes: string;
}

/** One line of a year's incident log: one report, with its incident (the year export). */
export interface YearLogDbRow {
  /** The same object on every line of the incident. */
  incident: YearLogIncident;
  seq: number;
  kind: string;
  channel: string;
  from_unit: string;
  received_at: number;
  summary: string | null;
  deaths: number | null;
  injured: number | null;
  direct_loss_yuan: number | null;
  affected: number | null;
  evacuated: number | null;
  houses_collapsed: number | null;
}

/** Incidents the year log reads per batch (their reports come in one query). */
const YEAR_LOG_BATCH = 512;

/**
 * Every report of the incidents numbered in a year, in number then report order, read a batch
 * of incidents at a time: each incident's fields are read once, not once per report line as a
 * join would (crossing from SQLite to JS costs more than SQLite's own work: a join of a busy
 * year took ~170 ms, this ~120 ms), and its lines share one object. Rows come from SQLite as
 * arrays and are made into objects here, as literals of one shape.
 */
export function* yearLogRows(db: Db, year: number, batchSize = YEAR_LOG_BATCH): Generator<YearLogDbRow, void, undefined> {
  // Own statements (not the connection's shared ones): raw mode is theirs alone.
  const incidents = db
    .prepare(
      `SELECT id, seq, number, category, responsible_unit, occurred_at, place, current_level, status, flag_codes
       FROM incidents WHERE year = ? AND seq > ? ORDER BY seq LIMIT ?`,
    )
    .raw(true);
  const reports = db
    .prepare(
      `SELECT incident_id, seq, kind, channel, from_unit, received_at, summary, deaths, injured, direct_loss_yuan, affected, evacuated, houses_collapsed
       FROM incident_reports WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY incident_id, seq`,
    )
    .raw(true);
  for (let after = Number.MIN_SAFE_INTEGER; ; ) {
    const batch = incidents.all(year, after, batchSize) as YearLogIncidentValues[];
    if (batch.length === 0) return;
    after = batch[batch.length - 1]![1];
    const lines = reports.all(JSON.stringify(batch.map((a) => a[0]))) as YearLogReportValues[];
    // Reports come by incident id; each incident's run of them is found once.
    const runs = new Map<number, number>();
    for (let k = lines.length - 1; k >= 0; k--) runs.set(lines[k]![0], k);
    for (const a of batch) {
      const incident: YearLogIncident = {
        number: a[2], category: a[3], responsible_unit: a[4], occurred_at: a[5], place: a[6], current_level: a[7], status: a[8], flag_codes: a[9],
      };
      for (let k = runs.get(a[0]) ?? lines.length; k < lines.length && lines[k]![0] === a[0]; k++) {
        const r = lines[k]!;
        yield { incident, seq: r[1], kind: r[2], channel: r[3], from_unit: r[4], received_at: r[5], summary: r[6], deaths: r[7], injured: r[8], direct_loss_yuan: r[9],
          affected: r[10], evacuated: r[11], houses_collapsed: r[12] };
      }
    }
  }
}

type YearLogIncidentValues = [
  id: number, seq: number, number: string, category: string, responsible_unit: string, occurred_at: number, place: string, current_level: string, status: string, flag_codes: string,
];
type YearLogReportValues = [
  incident_id: number, seq: number, kind: string, channel: string, from_unit: string, received_at: number, summary: string | null, deaths: number | null, injured: number | null, direct_loss_yuan: number | null,
  affected: number | null, evacuated: number | null, houses_collapsed: number | null,
];
