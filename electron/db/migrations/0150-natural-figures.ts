// Runs in Electron's main process and in plain Node.
// Issue 17 item 5 (natural-disaster figures): a report may state the natural-disaster statistics
// system's (应急〔2020〕19号) main figures beside deaths and missing: 受灾人口 (affected), 紧急转移安置
// 人口 (evacuated) and 倒塌房屋 (houses_collapsed, rooms); its 直接经济损失 is the report's own
// direct_loss_yuan. Null is "not stated", 0 a stated zero. The incident keeps each one's current
// figure beside the others (shared/domain/stats.ts `currentFigures`, the derived cache of 0080),
// null where no report stated it, and whether any report stated a loss (fig_loss_stated), so the
// natural-disaster totals tell a loss nobody stated from a stated 0. Reports before this state
// none of the new figures (their incident's columns stay null); the loss is filled from them.
import type { Migration } from './types.js';

export const m0150NaturalFigures: Migration = {
  version: 150,
  name: 'natural-figures',
  up(db) {
    db.exec(`
      ALTER TABLE incident_reports ADD COLUMN affected INTEGER CHECK (affected >= 0);
      ALTER TABLE incident_reports ADD COLUMN evacuated INTEGER CHECK (evacuated >= 0);
      ALTER TABLE incident_reports ADD COLUMN houses_collapsed INTEGER CHECK (houses_collapsed >= 0);
      ALTER TABLE incidents ADD COLUMN fig_affected INTEGER;
      ALTER TABLE incidents ADD COLUMN fig_evacuated INTEGER;
      ALTER TABLE incidents ADD COLUMN fig_houses_collapsed INTEGER;
      ALTER TABLE incidents ADD COLUMN fig_loss_stated INTEGER NOT NULL DEFAULT 0 CHECK (fig_loss_stated IN (0, 1));
      UPDATE incidents SET fig_loss_stated = 1
        WHERE EXISTS (SELECT 1 FROM incident_reports r WHERE r.incident_id = incidents.id AND r.direct_loss_yuan IS NOT NULL);
    `);
  },
};
