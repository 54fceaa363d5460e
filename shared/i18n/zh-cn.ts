// Pure code: runs anywhere. Chinese strings: the default language and the source of the keys.
// Every string a person reads is here; components never hard-code text. One line per domain;
// each domain's strings live in zh-cn/<domain>.ts.
import { bulletinZhCN } from './zh-cn/bulletin.js';
import { commonZhCN } from './zh-cn/common.js';
import { importsZhCN } from './zh-cn/imports.js';
import { incidentsZhCN } from './zh-cn/incidents.js';
import { rosterZhCN } from './zh-cn/roster.js';
import { settingsZhCN } from './zh-cn/settings.js';
import { statsZhCN } from './zh-cn/stats.js';
import { unitsZhCN } from './zh-cn/units.js';
import { usersZhCN } from './zh-cn/users.js';
import { actionsZhCN } from './zh-cn/actions.js';
import { rulesZhCN } from './zh-cn/rules.js';
import { periodsZhCN } from './zh-cn/periods.js';
import { auditZhCN } from './zh-cn/audit.js';
import { noticesZhCN } from './zh-cn/notices.js';
import { connectionZhCN } from './zh-cn/connection.js';
import { roomZhCN } from './zh-cn/room.js';

export const zhCN = {
  ...commonZhCN,
  ...settingsZhCN,
  ...incidentsZhCN,
  ...unitsZhCN,
  ...rosterZhCN,
  ...bulletinZhCN,
  ...usersZhCN,
  ...importsZhCN,
  ...statsZhCN,
  ...periodsZhCN,
  ...noticesZhCN,
  ...connectionZhCN,
  ...rulesZhCN,
  ...auditZhCN,
  ...actionsZhCN,
  ...roomZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
