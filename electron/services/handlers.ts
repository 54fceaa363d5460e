// Runs in Electron's main process and in plain Node. Maps each contract method to its service.
// Typed against the contract, so a method without a handler (or with the wrong types) does not compile.
import type { MethodName, Output, Parsed } from '../../shared/api/contract.js';
import { schemaVersion } from '../db/migrate.js';
import type { ServiceContext } from './context.js';
import { getSettings, updateSettings } from './settings.js';
import * as units from './units.js';

export type Handlers = {
  [M in MethodName]: (ctx: ServiceContext, input: Parsed<M>) => Output<M> | Promise<Output<M>>;
};

export const handlers: Handlers = {
  'app.info': (ctx) => ({
    productName: '应急值班台',
    version: ctx.instance.version,
    schemaVersion: schemaVersion(ctx.db),
    dbPath: ctx.instance.dbPath,
    transport: ctx.instance.transport,
    now: ctx.now(),
  }),
  'settings.get': (ctx) => getSettings(ctx),
  'settings.update': (ctx, patch) => updateSettings(ctx, patch),

  'units.list': (ctx, q) => units.listUnits(ctx, q),
  'units.get': (ctx, { id }) => units.getUnit(ctx, id),
  'units.create': (ctx, fields) => units.createUnit(ctx, fields),
  'units.update': (ctx, { id, ...fields }) => units.updateUnit(ctx, id, fields),
  'units.deactivate': (ctx, { id }) => units.setUnitActive(ctx, id, false, 'units.deactivate'),
  'units.reactivate': (ctx, { id }) => units.setUnitActive(ctx, id, true, 'units.reactivate'),
};
