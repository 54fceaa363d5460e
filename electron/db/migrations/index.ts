// Runs in Electron's main process and in plain Node.
// The one ordered list of migrations. Append only; versions go up in tens.
import { m0010Initial } from './0010-initial.js';
import { m0020Incidents } from './0020-incidents.js';
import { m0030Roster } from './0030-roster.js';
import { m0040Bulletins } from './0040-bulletins.js';
import { m0050ZeroReports } from './0050-zero-reports.js';
import { m0060SearchGrams } from './0060-search-grams.js';
import { m0070Users } from './0070-users.js';
import { m0080IncidentFigures } from './0080-incident-figures.js';
import { m0090SearchByReport } from './0090-search-by-report.js';
import { m0100FlagFilter } from './0100-flag-filter.js';
import { m0110FilterIndexesCarryFlags } from './0110-filter-indexes-carry-flags.js';
import { m0120UnitAliases } from './0120-unit-aliases.js';
import { m0130IncidentDescriptions } from './0130-incident-descriptions.js';
import { m0140RuleSets } from './0140-rule-sets.js';
import { m0150NaturalFigures } from './0150-natural-figures.js';
import { m0160Seals } from './0160-seals.js';
import { m0170Notices } from './0170-notices.js';
import { m0180RequestKeys } from './0180-request-keys.js';
import { m0190RoomSeats } from './0190-room-seats.js';
import type { Migration } from './types.js';

export const MIGRATIONS: readonly Migration[] = [
  m0010Initial,
  m0020Incidents,
  m0030Roster,
  m0040Bulletins,
  m0050ZeroReports,
  m0060SearchGrams,
  m0070Users,
  m0080IncidentFigures,
  m0090SearchByReport,
  m0100FlagFilter,
  m0110FilterIndexesCarryFlags,
  m0120UnitAliases,
  m0130IncidentDescriptions,
  m0140RuleSets,
  m0150NaturalFigures,
  m0160Seals,
  m0170Notices,
  m0180RequestKeys,
  m0190RoomSeats,
];
