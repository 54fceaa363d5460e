// Runs in Electron's main process and in plain Node. The bulletin's seams for rows that other
// parts of the app own: issue 9's special-period zero reports (零报告) and any extra rows for the
// 迟报漏报 sheet. Wired here, in this one place.
import { relayOfPeriod } from '../notices/seams.js';
import { zeroReportsOfDay } from '../periods/seams.js';
import type { BulletinProviders } from './assemble.js';

export const BULLETIN_PROVIDERS: BulletinProviders = {
  zeroReports: (ctx, day) => zeroReportsOfDay(ctx, day).map(({ unit, period, cutoff, receivedAt, status, content }) => ({ unit, period, cutoff, receivedAt, status, content })),
  relay: (ctx, start, end) => relayOfPeriod(ctx, start, end),
};
