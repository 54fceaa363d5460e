// Pure code: runs anywhere. Contract methods of the daily duty bulletin (值班日报).
import { z } from 'zod';
import { textField } from '../../domain/safe-text.js';
import type { BulletinPreview, BulletinRevision } from '../../domain/bulletin.js';
import type { FilePayload } from '../file-payload.js';
import { method } from '../method.js';

const day = z
  .string({ error: 'bulletin.badDay' })
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'bulletin.badDay' })
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), { error: 'bulletin.badDay' });
const revision = z.number().int().min(1);

export const bulletinMethods = {
  /** The bulletin of a duty day (default: the one that ended last): live draft, or an issued revision; with the completeness check. */
  'bulletin.preview': method<BulletinPreview>()(z.object({ day: day.optional(), revision: revision.optional() }).strict()),
  /** Issues the day's bulletin as the next revision; a note is required when the check found problems. */
  'bulletin.issue': method<BulletinRevision>()(
    z.object({ day, note: textField(2000, 'multiLine').default('') }).strict(),
  ),
  /** The issued revisions of a day, newest first. */
  'bulletin.revisions': method<BulletinRevision[]>()(z.object({ day }).strict()),
  /** The workbook (.xlsx) of an issued revision, or of the live draft when no revision is given. */
  'bulletin.export': method<FilePayload>()(z.object({ day, revision: revision.optional() }).strict()),
} as const;
