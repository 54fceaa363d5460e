// Runs in Electron's main process and in plain Node. Use cases of the people who are rostered and
// of their leave (请假、出差): people are deactivated, leave withdrawn; nothing is deleted.
import { AppError } from '../../../shared/api/app-error.js';
import type { Person, PersonFields } from '../../../shared/domain/person.js';
import type { Leave } from '../../../shared/domain/roster/roster.js';
import * as repo from '../../db/repositories/people.js';
import { appendAudit } from '../audit.js';
import { inWriteTransaction, type ServiceContext } from '../context.js';

export function listPeople(ctx: Pick<ServiceContext, 'db'>, includeInactive = false): Person[] {
  return repo.listPeople(ctx.db, includeInactive);
}

export function getPerson(ctx: Pick<ServiceContext, 'db'>, id: number): Person {
  const p = repo.findPerson(ctx.db, id);
  if (!p) throw new AppError('not_found', 'person.notFound', { id });
  return p;
}

function assertNameFree(ctx: ServiceContext, name: string, exceptId?: number): void {
  const other = repo.findPersonByName(ctx.db, name);
  if (other && other.id !== exceptId) throw new AppError('conflict', 'person.nameTaken', { name });
}

export function createPerson(ctx: ServiceContext, f: PersonFields, method = 'people.create'): Person {
  return inWriteTransaction(ctx, () => {
    assertNameFree(ctx, f.name);
    const p = repo.insertPerson(ctx.db, f, ctx.now());
    appendAudit(ctx, { method, entity: 'person', entityId: p.id, before: null, after: p });
    return p;
  });
}

export function updatePerson(ctx: ServiceContext, id: number, f: PersonFields): Person {
  return inWriteTransaction(ctx, () => {
    const before = getPerson(ctx, id);
    assertNameFree(ctx, f.name, id);
    const after = repo.updatePersonRow(ctx.db, id, f, ctx.now());
    appendAudit(ctx, { method: 'people.update', entity: 'person', entityId: id, before, after });
    return after;
  });
}

export function setPersonActive(ctx: ServiceContext, id: number, active: boolean, method: string): Person {
  return inWriteTransaction(ctx, () => {
    const before = getPerson(ctx, id);
    if (before.active === active) throw new AppError('conflict', active ? 'person.alreadyActive' : 'person.alreadyInactive', { name: before.name });
    const after = repo.setPersonActive(ctx.db, id, active, ctx.now());
    appendAudit(ctx, { method, entity: 'person', entityId: id, before, after });
    return after;
  });
}

export function listLeave(ctx: Pick<ServiceContext, 'db'>, includeWithdrawn = false): Leave[] {
  return repo.listLeave(ctx.db, { includeWithdrawn });
}

export function addLeave(ctx: ServiceContext, l: { personId: number; from: string; to: string; reason: string }): Leave {
  return inWriteTransaction(ctx, () => {
    getPerson(ctx, l.personId);
    const leave = repo.insertLeave(ctx.db, l, ctx.now());
    appendAudit(ctx, { method: 'people.leaveAdd', entity: 'leave', entityId: leave.id, before: null, after: leave });
    return leave;
  });
}

export function withdrawLeave(ctx: ServiceContext, id: number): Leave {
  return inWriteTransaction(ctx, () => {
    const before = repo.findLeave(ctx.db, id);
    if (!before) throw new AppError('not_found', 'leave.notFound', { id });
    if (!before.active) throw new AppError('conflict', 'leave.alreadyWithdrawn', { name: before.name });
    const after = repo.withdrawLeave(ctx.db, id);
    appendAudit(ctx, { method: 'people.leaveWithdraw', entity: 'leave', entityId: id, before, after });
    return after;
  });
}
