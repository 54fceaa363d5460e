// Runs in Electron's main process and in plain Node.
// Issue 17 item 3: the rule set in force lives in the database, versioned. Each saved rule set is a
// new row, never changed or deleted; the newest version is in force. Version 1 is the built-in
// default the app judged by before this migration (the version-1 document of
// shared/domain/rules/default-rule-set.ts as it stood, written out here so this file never
// changes), so every stored verdict keeps the version that made it. Every flag records the
// version that judged it; the flags stored before are version 1's.
import type { Migration } from './types.js';

const BUILT_IN_DEFAULT = JSON.stringify({
  schema: 'duty-desk/ruleset',
  version: 1,
  name: 'CN default',
  description: '生产安全事故报告和调查处理条例 (Decree 493) levels and 补报期; 国务院应急办 2015 report limits.',
  levelThresholds: {
    I: { deathsAndMissing: 30, seriouslyInjured: 100, directLossYuan: 100000000 },
    II: { deathsAndMissing: 10, seriouslyInjured: 50, directLossYuan: 50000000 },
    III: { deathsAndMissing: 3, seriouslyInjured: 10, directLossYuan: 10000000 },
  },
  limits: {
    I: { firstReportMin: 30, writtenReportMin: 60, followupGapHours: 12, finalReportHours: 24 },
    II: { firstReportMin: 30, writtenReportMin: 60, followupGapHours: 12, finalReportHours: 24 },
    III: { firstReportMin: 60, writtenReportMin: 120, followupGapHours: 24, finalReportHours: 24 },
    IV: { firstReportMin: 120, writtenReportMin: 240, followupGapHours: 24, finalReportHours: 24 },
  },
  supplementWindowDays: { default: 30, byCategory: { road_traffic: 7, fire: 7 } },
  concealmentWindowHours: 24,
  occurrenceCorrectionMin: 60,
  requiredItems: {
    quick: ['location', 'deaths', 'missing', 'seriouslyInjured'],
    written: ['location', 'deaths', 'missing', 'seriouslyInjured', 'summary', 'directLossYuan', 'measuresTaken'],
  },
  upward: {
    firstMin: { I: 120, II: 120, III: 120, IV: null },
    quickMin: { I: 30, II: 30, III: null, IV: null },
    writtenMin: { I: 60, II: 60, III: null, IV: null },
  },
});

export const m0140RuleSets: Migration = {
  version: 140,
  name: 'rule-sets',
  up(db) {
    db.exec(`
      CREATE TABLE rule_sets (
        version     INTEGER PRIMARY KEY CHECK (version >= 1),
        -- The rule-set file as saved (format version 1 or 2, docs/rules.md).
        document    TEXT    NOT NULL CHECK (json_valid(document)),
        -- What it was started from: a pack id, 'v<N>' (an earlier version), 'file', 'built-in'.
        based_on    TEXT    NOT NULL,
        -- Why it was saved.
        note        TEXT    NOT NULL DEFAULT '',
        actor       TEXT    NOT NULL,
        created_at  INTEGER NOT NULL
      ) STRICT;
      CREATE TRIGGER rule_sets_no_update BEFORE UPDATE ON rule_sets
        BEGIN SELECT RAISE(ABORT, 'rule sets are never changed: save a new version'); END;
      CREATE TRIGGER rule_sets_no_delete BEFORE DELETE ON rule_sets
        BEGIN SELECT RAISE(ABORT, 'rule sets are never deleted'); END;
      ALTER TABLE flags ADD COLUMN rule_set_version INTEGER REFERENCES rule_sets(version);
    `);
    db.prepare(
      `INSERT INTO rule_sets (version, document, based_on, note, actor, created_at)
       VALUES (1, ?, 'built-in', '内置默认规则（升级前的判定依据）', 'system', CAST(unixepoch('subsec') * 1000 AS INTEGER))`,
    ).run(BUILT_IN_DEFAULT);
    db.exec('UPDATE flags SET rule_set_version = 1');
  },
};
