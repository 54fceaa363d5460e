// Runs in Electron's main process and in plain Node. Handlers of incidents.*, flags.*,
// followups.*, ledger.* and dashboard.*.
import { ledgerWorkbook } from '../../export/ledger-xlsx.js';
import { describeIncident } from '../incidents/description.js';
import * as followup from '../incidents/followup.js';
import * as intake from '../incidents/intake.js';
import { ledger } from '../incidents/ledger.js';
import { exportYearLog, XLSX_MIME } from '../incidents/year-log.js';
import { dashboard, incidentDetail, listLog } from '../incidents/queries.js';
import { runRulesClock } from '../incidents/rules-clock.js';
import { getSettings } from '../settings.js';
import type { HandlersOf } from './types.js';

export const incidentHandlers: HandlersOf<'incidents.' | 'flags.' | 'followups.' | 'ledger.' | 'dashboard.'> = {
  'incidents.create': (ctx, input) => intake.createIncident(ctx, input),
  'incidents.addReport': (ctx, { incidentId, report, closesIncident }) => intake.addReport(ctx, incidentId, report, 'incidents.addReport', { closesIncident }),
  'incidents.addUpward': (ctx, u) => intake.addUpward(ctx, u),
  'incidents.updateFacts': (ctx, { id, ...patch }) => intake.updateFacts(ctx, id, patch),
  'incidents.describe': (ctx, input) => describeIncident(ctx, input),
  'incidents.list': (ctx, q) => listLog(ctx, q),
  'incidents.get': (ctx, { id }) => incidentDetail(ctx, id),
  'incidents.duplicates': (ctx, q) => intake.findDuplicates(ctx, q),
  'flags.queue': (ctx, q) => followup.listQueue(ctx, q),
  'flags.review': (ctx, input) => followup.reviewFlag(ctx, input),
  'flags.leaderOnDuty': (ctx) => ({ leader: followup.leaderOnDuty(ctx) }),
  'followups.list': (ctx, { status }) => followup.listFollowups(ctx, status),
  'followups.create': (ctx, f) => followup.createFollowup(ctx, f),
  'followups.complete': (ctx, { id, result }) => followup.completeFollowup(ctx, id, result),
  'incidents.exportYear': (ctx, { year }) => exportYearLog(ctx, year),
  'ledger.get': (ctx, { year }) => ledger(ctx, year),
  'ledger.export': async (ctx, { year }) => {
    const s = getSettings(ctx);
    const buf = await ledgerWorkbook(ledger(ctx, year), { locale: s.locale, timeZone: s.timeZone, bureauName: s.bureauName });
    return {
      fileName: `unit-ledger-${year}.xlsx`,
      mimeType: XLSX_MIME,
      contentBase64: buf.toString('base64'),
    };
  },
  'dashboard.get': (ctx) => dashboard(ctx),
  'dashboard.ack': (ctx, a) => followup.ackAlarm(ctx, a),
  'dashboard.refresh': (ctx) => runRulesClock(ctx),
};
