// Runs in Electron's main process and in plain Node. The bulletin's seams for rows that other
// parts of the app own: issue 9's special-period zero reports (零报告) and any extra rows for the
// 迟报漏报 sheet (e.g. ZERO_REPORT_MISSING). Empty until they are wired here, in this one place;
// the 零报告 sheet then says there was nothing due.
import type { BulletinProviders } from './assemble.js';

export const BULLETIN_PROVIDERS: BulletinProviders = {};
