// Pure code: runs anywhere. Contract methods of the reporting-unit directory.
import { z } from 'zod';
import { textField } from '../../domain/safe-text.js';
import { unitFieldsSchema, type Unit } from '../../domain/unit.js';
import { baseVersionSchema, idSchema, method } from '../method.js';

const byId = z.object({ id: idSchema }).strict();

export const unitMethods = {
  'units.list': method<Unit[]>()(
    z
      .object({
        query: textField(60).optional(),
        includeInactive: z.boolean().optional(),
      })
      .strict(),
  ),
  'units.get': method<Unit>()(byId),
  'units.create': method<Unit>()(unitFieldsSchema.strict()),
  /** `baseVersion`: the unit's `updatedAt` as the form read it; a save made on an older one is refused naming who changed it and when. */
  'units.update': method<Unit>()(unitFieldsSchema.extend({ id: idSchema, baseVersion: baseVersionSchema }).strict()),
  'units.deactivate': method<Unit>()(byId),
  'units.reactivate': method<Unit>()(byId),
} as const;
