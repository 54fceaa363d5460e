// Runs in Electron's main process and in plain Node. Handlers of notices.*.
import { exportRelayGrid } from '../../export/relay-xlsx.js';
import * as notices from '../notices/notices.js';
import type { HandlersOf } from './types.js';

export const noticeHandlers: HandlersOf<'notices.'> = {
  'notices.groups': (ctx) => notices.listGroups(ctx),
  'notices.createGroup': (ctx, f) => notices.createGroup(ctx, f),
  'notices.updateGroup': (ctx, { id, fields, retired }) => notices.updateGroup(ctx, id, { ...fields, retired }),
  'notices.create': (ctx, f) => notices.createNotice(ctx, f),
  'notices.revise': (ctx, { id, fields, reason, baseVersion }) => notices.reviseNotice(ctx, id, fields, reason, 'notices.revise', baseVersion),
  'notices.revisions': (ctx, { id }) => notices.noticeRevisions(ctx, id),
  'notices.grid': (ctx, q) => notices.relayGrid(ctx, q),
  'notices.steps': (ctx, { id }) => notices.stepsOfNotice(ctx, id),
  'notices.relay': (ctx, r) => notices.recordRelay(ctx, r),
  'notices.receipt': (ctx, r) => notices.recordReceipt(ctx, r),
  'notices.feedback': (ctx, r) => notices.recordFeedback(ctx, r),
  'notices.correctStep': (ctx, c) => notices.correctStep(ctx, c),
  'notices.deadlines': (ctx) => notices.noticeDeadlines(ctx),
  'notices.flags': (ctx, { noticeId, review }) =>
    noticeId === undefined ? notices.noticeFlagQueue(ctx, review) : notices.noticeFlags(ctx, noticeId).filter((f) => review === 'all' || f.review === review),
  'notices.reviewFlag': (ctx, input) => notices.reviewNoticeFlag(ctx, input),
  'notices.export': (ctx, q) => exportRelayGrid(ctx, q),
};
