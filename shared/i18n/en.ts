// Pure code: runs anywhere. English strings; the types make a missing key a compile error.
// One line per domain; each domain's strings live in en/<domain>.ts.
import { bulletinEn } from './en/bulletin.js';
import { commonEn } from './en/common.js';
import { importsEn } from './en/imports.js';
import { incidentsEn } from './en/incidents.js';
import { rosterEn } from './en/roster.js';
import { settingsEn } from './en/settings.js';
import { statsEn } from './en/stats.js';
import { unitsEn } from './en/units.js';
import { usersEn } from './en/users.js';
import { actionsEn } from './en/actions.js';
import type { MessageKey } from './zh-cn.js';
import { rulesEn } from './en/rules.js';
import { periodsEn } from './en/periods.js';
import { auditEn } from './en/audit.js';
import { noticesEn } from './en/notices.js';
import { connectionEn } from './en/connection.js';
import { roomEn } from './en/room.js';

export const en: Record<MessageKey, string> = {
  ...commonEn,
  ...settingsEn,
  ...incidentsEn,
  ...unitsEn,
  ...rosterEn,
  ...bulletinEn,
  ...usersEn,
  ...importsEn,
  ...statsEn,
  ...periodsEn,
  ...noticesEn,
  ...connectionEn,
  ...roomEn,
  ...rulesEn,
  ...auditEn,
  ...actionsEn,
};
