// Runs in Electron's main process and in plain Node.
// Issue 8 (the bulletin of a busy day on a ten-year log):
// - each incident's current figures (shared/domain/stats.ts `currentFigures`) kept on its row, a
//   derived cache the engine rewrites with the level and status on every change, so a period's
//   counts (the statistics page, the bulletin's month- and year-to-date) read one row per incident
//   instead of every report of every incident of the year; filled here from the reports;
// - flags by the time they were raised, and follow-ups by their flag: the bulletin's flags of the
//   day (with each one's follow-up owner) without reading every flag, nor every follow-up per flag.
import { currentFigures, type FigureReport } from '../../../shared/domain/stats.js';
import type { Migration } from './types.js';

export const m0080IncidentFigures: Migration = {
  version: 80,
  name: 'incident-figures',
  up(db) {
    db.exec(`
      ALTER TABLE incidents ADD COLUMN fig_deaths INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN fig_missing INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN fig_seriously_injured INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN fig_injured INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE incidents ADD COLUMN fig_direct_loss_yuan REAL NOT NULL DEFAULT 0;
      CREATE INDEX flags_raised ON flags(raised_at);
      CREATE INDEX followups_flag ON followups(flag_id);
    `);
    const update = db.prepare(
      `UPDATE incidents SET fig_deaths = @deaths, fig_missing = @missing, fig_seriously_injured = @seriouslyInjured, fig_injured = @injured,
         fig_direct_loss_yuan = @directLossYuan WHERE id = @id`,
    );
    // In slices of incidents: the connection cannot write while a read is still being iterated.
    const reports = db.prepare(
      `SELECT r.incident_id AS incidentId, i.responsible_unit AS unit, r.seq, r.channel, r.from_unit AS fromUnit, r.received_at AS receivedAt,
         r.deaths, r.missing, r.seriously_injured AS seriouslyInjured, r.injured, r.direct_loss_yuan AS directLossYuan
       FROM incident_reports r JOIN incidents i ON i.id = r.incident_id
       WHERE r.incident_id > @after AND r.incident_id <= @after + 5000 ORDER BY r.incident_id, r.seq`,
    );
    const last = (db.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM incidents').get() as { n: number }).n;
    for (let after = 0; after < last; after += 5000) {
      const byIncident = new Map<number, { unit: string; own: FigureReport[] }>();
      for (const r of reports.all({ after }) as (FigureReport & { incidentId: number; unit: string })[]) {
        const e = byIncident.get(r.incidentId);
        if (e) e.own.push(r);
        else byIncident.set(r.incidentId, { unit: r.unit, own: [r] });
      }
      for (const [id, e] of byIncident) update.run({ id, ...currentFigures(e.unit, e.own) });
    }
  },
};
