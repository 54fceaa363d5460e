// Pure code: runs anywhere. Contract methods of the incident log: incidents.*, flags.*,
// followups.*, ledger.*, dashboard.*.
import { z } from 'zod';
import { lineText, textField } from '../../domain/safe-text.js';
import { CATEGORY_CODES } from '../../domain/categories.js';
import { flagQueueQuerySchema, type FlagQueuePage } from '../../domain/flag-queue.js';
import {
  addReportSchema,
  followupCompleteSchema,
  followupCreateSchema,
  intakeSchema,
  logQuerySchema,
  reviewSchema,
  updateFactsSchema,
  upwardSchema,
  type Dashboard,
  type Followup,
  type IncidentDetail,
  type IncidentPage,
  type IncidentRow,
  type Ledger,
  type ReportRow,
  type StoredFlag,
  type UpwardReportRow,
} from '../../domain/incident.js';
import { describeSchema, type DescriptionRevision } from '../../domain/incident-description.js';
import type { FilePayload } from '../file-payload.js';
import { baseVersionSchema, idSchema, method, noInput } from '../method.js';

const byId = z.object({ id: idSchema }).strict();
const year = z.object({ year: z.number().int().min(2000).max(2100) }).strict();

export const incidentMethods = {
  /** 接报登记: a new incident with its first report; flags evaluated in the same write. */
  'incidents.create': method<{ incident: IncidentRow; report: ReportRow }>()(intakeSchema),
  /** A follow-up, final or correcting report added to an existing incident. */
  'incidents.addReport': method<ReportRow>()(addReportSchema),
  /** 上报: what the duty room sent upward (to whom, channel, time sent). */
  'incidents.addUpward': method<UpwardReportRow>()(upwardSchema),
  /** The incident's own facts (获知时间, 处置结束, manual level, important) with a reason. */
  'incidents.updateFacts': method<IncidentRow>()(updateFactsSchema.extend({ baseVersion: baseVersionSchema })),
  /** A leader's new revision of the incident's description (事件经过), with a reason; the revisions come with incidents.get. */
  'incidents.describe': method<DescriptionRevision>()(describeSchema.extend({ baseVersion: baseVersionSchema })),
  'incidents.list': method<IncidentPage>()(logQuerySchema),
  /** A year's incident log as .xlsx (one line per report), written off the main thread. */
  'incidents.exportYear': method<FilePayload>()(year),
  'incidents.get': method<IncidentDetail>()(byId),
  /** Possible duplicates at intake: same unit and category, place alike, within 6 h. */
  'incidents.duplicates': method<IncidentRow[]>()(
    z
      .object({
        unit: lineText(z.string().trim().min(1).max(60)),
        category: z.enum(CATEGORY_CODES),
        occurredAt: z.number().int(),
        place: textField(200).default(''),
      })
      .strict(),
  ),
  /** The 督办 queue: one page in the order of what matters, filtered by review state, kind and unit. */
  'flags.queue': method<FlagQueuePage>()(flagQueueQuerySchema),
  /** A leader confirms or dismisses a flag with a written reason. */
  'flags.review': method<StoredFlag>()(reviewSchema),
  /** The leader on duty now (from the roster), to prefill the review form; null without a roster. */
  'flags.leaderOnDuty': method<{ leader: string | null }>()(noInput),
  'followups.list': method<Followup[]>()(z.object({ status: z.enum(['open', 'done', 'all']).default('open') }).strict()),
  'followups.create': method<Followup>()(followupCreateSchema),
  'followups.complete': method<Followup>()(followupCompleteSchema),
  'ledger.get': method<Ledger>()(year),
  'ledger.export': method<FilePayload>()(year),
  'dashboard.get': method<Dashboard>()(noInput),
  /** The officer acknowledges an alarm (amber or overdue) of one deadline. */
  'dashboard.ack': method<{ acked: true }>()(
    z
      .object({
        incidentId: idSchema,
        code: z.string().min(1).max(40),
        deadline: z.number().int(),
        stage: z.enum(['amber', 'overdue']),
      })
      .strict(),
  ),
  /** Re-judges every incident whose deadline has passed now (the clock's tick, on demand). */
  'dashboard.refresh': method<{ incidents: number; changed: number }>()(noInput),
} as const;
