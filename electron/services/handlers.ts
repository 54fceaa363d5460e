// Runs in Electron's main process and in plain Node. Every contract method's handler, one line per
// domain (each domain's handlers live in handlers/<domain>.ts). Typed against the contract: a
// method without a handler, or a handler of the wrong type, does not compile.
import { appHandlers } from './handlers/app.js';
import { auditHandlers } from './handlers/audit.js';
import { incidentHandlers } from './handlers/incidents.js';
import { periodHandlers } from './handlers/periods.js';
import { noticeHandlers } from './handlers/notices.js';
import { backupHandlers } from './handlers/backup.js';
import { bulletinHandlers } from './handlers/bulletin.js';
import { rosterHandlers } from './handlers/roster.js';
import { roomHandlers } from './handlers/room.js';
import { ruleHandlers } from './handlers/rules.js';
import { statsHandlers } from './handlers/stats.js';
import type { Handlers } from './handlers/types.js';
import { unitHandlers } from './handlers/units.js';
import { userHandlers } from './handlers/users.js';

export type { Handlers } from './handlers/types.js';

export const handlers: Handlers = {
  ...appHandlers,
  ...auditHandlers,
  ...backupHandlers,
  ...incidentHandlers,
  ...unitHandlers,
  ...rosterHandlers,
  ...bulletinHandlers,
  ...userHandlers,
  ...statsHandlers,
  ...periodHandlers,
  ...noticeHandlers,
  ...ruleHandlers,
  ...roomHandlers,
};
