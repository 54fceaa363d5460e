// Runs in Electron's main process and in plain Node. Use cases of the reporting-unit directory.
import { AppError } from '../../shared/api/app-error.js';
import type { Unit, UnitFields } from '../../shared/domain/unit.js';
import * as repo from '../db/repositories/units.js';
import { appendAudit } from './audit.js';
import { inWriteTransaction, type ServiceContext } from './context.js';
import { assertVersion, auditStamp } from './versions.js';

export function listUnits(ctx: ServiceContext, q: { query?: string | undefined; includeInactive?: boolean | undefined }): Unit[] {
  return repo.listUnits(ctx.db, q);
}

export function getUnit(ctx: ServiceContext, id: number): Unit {
  const unit = repo.findUnit(ctx.db, id);
  if (!unit) throw new AppError('not_found', 'unit.notFound', { id });
  return unit;
}

/** A unit's name and aliases are its own: no other unit is called by any of them, so a name read at intake finds one unit. */
function assertNameFree(ctx: ServiceContext, fields: Pick<UnitFields, 'name' | 'aliases'>, exceptId?: number): void {
  const other = repo.findUnitByName(ctx.db, fields.name);
  if (other && other.id !== exceptId) throw new AppError('conflict', 'unit.nameTaken', { name: fields.name });
  const mine = [fields.name, ...(fields.aliases ?? [])];
  if (new Set(mine).size !== mine.length) throw new AppError('invalid_input', 'unit.aliasRepeated', { name: fields.name });
  for (const u of repo.listUnits(ctx.db, { includeInactive: true })) {
    if (u.id === exceptId) continue;
    const clash = mine.find((n) => n === u.name || u.aliases.includes(n));
    if (clash) throw new AppError('conflict', 'unit.aliasTaken', { alias: clash, unit: u.name });
  }
}

export function createUnit(ctx: ServiceContext, fields: UnitFields, method = 'units.create'): Unit {
  return inWriteTransaction(ctx, () => {
    assertNameFree(ctx, fields);
    const unit = repo.insertUnit(ctx.db, fields, ctx.now());
    appendAudit(ctx, { method, entity: 'unit', entityId: unit.id, before: null, after: unit });
    return unit;
  });
}

/**
 * `baseVersion`: the unit's `updatedAt` as the form read it (a unit's version); another admin's
 * save since is refused naming who and when (versions.ts). Undefined checks nothing.
 */
export function updateUnit(ctx: ServiceContext, id: number, fields: UnitFields, method = 'units.update', baseVersion?: number): Unit {
  return inWriteTransaction(ctx, () => {
    const before = getUnit(ctx, id);
    const last = auditStamp(ctx.db, 'unit', id);
    assertVersion(ctx, { version: before.updatedAt, actor: last?.actor ?? '', at: last?.at ?? before.updatedAt }, baseVersion, 'unit.changedBy', { name: before.name });
    assertNameFree(ctx, fields, id);
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
