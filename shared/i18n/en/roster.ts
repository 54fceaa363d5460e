// Pure code: runs anywhere. English strings: the duty roster, check-in and handover.
import type { rosterZhCN } from '../zh-cn/roster.js';

export const rosterEn: Record<keyof typeof rosterZhCN, string> = {
  'onDuty.title': 'On duty now',
  'onDuty.next': 'Next shift',
  'onDuty.leader': 'Leader on duty',
  'onDuty.officers': 'Duty officers',
  'onDuty.none': 'No roster set',
  'onDuty.noneHint': 'Nobody is rostered for this time. Generate or enter this month\'s roster under "Roster".',
  'onDuty.goRoster': 'Open the roster',
  'onDuty.checkedIn': 'Checked in',
  'onDuty.notCheckedIn': 'Not checked in',
  'onDuty.shiftTime': '{start} – {end}',
};
