// Runs in Electron's main process and in plain Node. Handlers of units.*.
import * as units from '../units.js';
import type { HandlersOf } from './types.js';

export const unitHandlers: HandlersOf<'units.'> = {
  'units.list': (ctx, q) => units.listUnits(ctx, q),
  'units.get': (ctx, { id }) => units.getUnit(ctx, id),
  'units.create': (ctx, fields) => units.createUnit(ctx, fields),
  'units.update': (ctx, { id, baseVersion, ...fields }) => units.updateUnit(ctx, id, fields, 'units.update', baseVersion),
  'units.deactivate': (ctx, { id }) => units.setUnitActive(ctx, id, false, 'units.deactivate'),
  'units.reactivate': (ctx, { id }) => units.setUnitActive(ctx, id, true, 'units.reactivate'),
};
