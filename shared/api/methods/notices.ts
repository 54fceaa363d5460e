// Pure code: runs anywhere. Contract methods of relaying notices downward with receipts (传达与
// 回执): notices.*, with the unit groups the admin keeps.
import { z } from 'zod';
import {
  feedbackInputSchema,
  noticeFieldsSchema,
  receiptInputSchema,
  relayInputSchema,
  stepCorrectionSchema,
  unitGroupFieldsSchema,
  type Notice,
  type NoticeDeadline,
  type NoticeFlagRow,
  type NoticeStepRow,
  type RelayGrid,
  type UnitGroup,
} from '../../domain/notice.js';
import { reviewSchema } from '../../domain/incident.js';
import type { FilePayload } from '../file-payload.js';
import { baseVersionSchema, idSchema, method, noInput } from '../method.js';

const byId = z.object({ id: idSchema }).strict();
const reason = z.string().trim().min(1, { error: 'notice.reasonRequired' }).max(200, { error: 'validation.tooLong' });
const gridQuery = z.object({ noticeIds: z.array(idSchema).max(50).optional(), days: z.number().int().min(1).max(31).optional() }).strict();

export const noticeMethods = {
  'notices.groups': method<UnitGroup[]>()(noInput),
  'notices.createGroup': method<UnitGroup>()(unitGroupFieldsSchema),
  /** Renames, changes the units of, retires or restores a group (never deleted). */
  'notices.updateGroup': method<UnitGroup>()(z.object({ id: idSchema, fields: unitGroupFieldsSchema, retired: z.boolean().default(false) }).strict()),
  'notices.create': method<Notice>()(noticeFieldsSchema),
  /** A correction of a notice: a new revision with its reason. */
  'notices.revise': method<Notice>()(z.object({ id: idSchema, fields: noticeFieldsSchema, reason, baseVersion: baseVersionSchema }).strict()),
  'notices.revisions': method<Notice[]>()(byId),
  /** Notices × units, each cell judged now: the notices named, else those of the last days (default 3). */
  'notices.grid': method<RelayGrid>()(gridQuery),
  'notices.steps': method<NoticeStepRow[]>()(byId),
  /** The relay to one or many units at once. */
  'notices.relay': method<NoticeStepRow[]>()(relayInputSchema),
  'notices.receipt': method<NoticeStepRow>()(receiptInputSchema),
  'notices.feedback': method<NoticeStepRow>()(feedbackInputSchema),
  'notices.correctStep': method<NoticeStepRow>()(stepCorrectionSchema),
  /** Relays, receipts and feedback still to come, with their deadlines (the deadline strip). */
  'notices.deadlines': method<NoticeDeadline[]>()(noInput),
  'notices.flags': method<NoticeFlagRow[]>()(z.object({ noticeId: idSchema.optional(), review: z.enum(['pending', 'confirmed', 'dismissed', 'all']).default('all') }).strict()),
  /** A leader confirms or dismisses a flag with a written reason (the form of every flag's review). */
  'notices.reviewFlag': method<NoticeFlagRow>()(reviewSchema),
  /** The grid as a print-ready Excel sheet. */
  'notices.export': method<FilePayload>()(gridQuery),
} as const;
