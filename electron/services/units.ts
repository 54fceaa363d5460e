// Runs in Electron's main process and in plain Node. Use cases of the reporting-unit directory.
import { AppError } from '../../shared/api/app-error.js';
import type { Unit, UnitFields } from '../../shared/domain/unit.js';
import * as repo from '../db/repositories/units.js';
import { appendAudit } from './audit.js';
import { inWriteTransaction, type ServiceContext } from './context.js';

export function listUnits(ctx: ServiceContext, q: { query?: string | undefined; includeInactive?: boolean | undefined }): Unit[] {
  return repo.listUnits(ctx.db, q);
}

export function getUnit(ctx: ServiceContext, id: number): Unit {
  const unit = repo.findUnit(ctx.db, id);
  if (!unit) throw new AppError('not_found', 'unit.notFound', { id });
  return unit;
}

function assertNameFree(ctx: ServiceContext, name: string, exceptId?: number): void {
  const other = repo.findUnitByName(ctx.db, name);
  if (other && other.id !== exceptId) throw new AppError('conflict', 'unit.nameTaken', { name });
}

export function createUnit(ctx: ServiceContext, fields: UnitFields, method = 'units.create'): Unit {
  return inWriteTransaction(ctx, () => {
    assertNameFree(ctx, fields.name);
    const unit = repo.insertUnit(ctx.db, fields, ctx.now());
    appendAudit(ctx, { method, entity: 'unit', entityId: unit.id, before: null, after: unit });
    return unit;
  });
}

export function updateUnit(ctx: ServiceContext, id: number, fields: UnitFields, method = 'units.update'): Unit {
  return inWriteTransaction(ctx, () => {
    const before = getUnit(ctx, id);
    assertNameFree(ctx, fields.name, id);
    const after = repo.updateUnitRow(ctx.db, id, fields, ctx.now());
    appendAudit(ctx, { method, entity: 'unit', entityId: id, before, after });
    return after;
  });
}

export function setUnitActive(ctx: ServiceContext, id: number, active: boolean, method: string): Unit {
  return inWriteTransaction(ctx, () => {
    const before = getUnit(ctx, id);
    if (before.active === active) {
      throw new AppError('conflict', active ? 'unit.alreadyActive' : 'unit.alreadyInactive', { name: before.name });
    }
    const after = repo.setUnitActive(ctx.db, id, active, ctx.now());
    appendAudit(ctx, { method, entity: 'unit', entityId: id, before, after });
    return after;
  });
}
