// Runs in Electron's main process and in plain Node. All SQL of the incidents' descriptions
// (事件经过, migration 0130): revisions are only ever inserted.
import type { DescriptionRevision } from '../../../shared/domain/incident-description.js';
import { statement, type Db } from '../connection.js';

interface DescriptionDbRow {
  id: number;
  incident_id: number;
  revision: number;
  text: string;
  reason: string;
  source_report_id: number | null;
  actor: string;
  author_name: string;
  created_at: number;
}

const toRevision = (r: DescriptionDbRow): DescriptionRevision => ({
  id: r.id,
  incidentId: r.incident_id,
  revision: r.revision,
  text: r.text,
  reason: r.reason,
  sourceReportId: r.source_report_id,
  actor: r.actor,
  authorName: r.author_name,
  createdAt: r.created_at,
});

/** An incident's revisions, oldest first. */
export function descriptionsOf(db: Db, incidentId: number): DescriptionRevision[] {
  return (statement(db, 'SELECT * FROM incident_descriptions WHERE incident_id = ? ORDER BY revision').all(incidentId) as DescriptionDbRow[]).map(toRevision);
}

/** The latest revision of each of the incidents that have one. */
export function latestDescriptionsOf(db: Db, incidentIds: readonly number[]): Map<number, DescriptionRevision> {
  const out = new Map<number, DescriptionRevision>();
  if (incidentIds.length === 0) return out;
  const rows = statement(db,
    `SELECT d.* FROM incident_descriptions d
     WHERE d.incident_id IN (SELECT value FROM json_each(?))
       AND d.revision = (SELECT MAX(x.revision) FROM incident_descriptions x WHERE x.incident_id = d.incident_id)`,
  ).all(JSON.stringify(incidentIds)) as DescriptionDbRow[];
  for (const r of rows) out.set(r.incident_id, toRevision(r));
  return out;
}

export function findDescription(db: Db, id: number): DescriptionRevision | undefined {
  const r = statement(db, 'SELECT * FROM incident_descriptions WHERE id = ?').get(id) as DescriptionDbRow | undefined;
  return r && toRevision(r);
}

/** Appends the incident's next revision; returns its id. */
export function insertDescription(db: Db, d: Omit<DescriptionRevision, 'id' | 'revision'>): number {
  const info = statement(db,
    `INSERT INTO incident_descriptions (incident_id, revision, text, reason, source_report_id, actor, author_name, created_at)
     VALUES (@incidentId, (SELECT COALESCE(MAX(revision), 0) + 1 FROM incident_descriptions WHERE incident_id = @incidentId),
       @text, @reason, @sourceReportId, @actor, @authorName, @createdAt)`,
  ).run(d);
  return Number(info.lastInsertRowid);
}
