// Runs in Electron's main process and in plain Node. Handlers of roster.*.
import { onDutyNowAndNext } from '../roster/on-duty.js';
import type { HandlersOf } from './types.js';

export const rosterHandlers: HandlersOf<'roster.'> = {
  'roster.onDuty': (ctx, { at }) => onDutyNowAndNext(ctx, at ?? ctx.now()),
};
