// Runs in plain Node: `duty units list|add|deactivate`, through the same dispatcher (validation,
// audit, messages) as the app.
import type { Unit } from '../../../shared/domain/unit.js';
import { closeDatabase, openDatabase } from '../../db/connection.js';
import { createContext, osActor } from '../../services/context.js';
import { createDispatcher } from '../../services/dispatcher.js';
import { clockOf, dbPathOf, DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type CliIo, type Command } from '../io.js';

async function withDispatcher<T>(io: CliIo, { db, now }: { db?: string | undefined; now?: string | undefined }, fn: (call: (m: string, i: unknown) => Promise<T>) => Promise<number>) {
  const path = dbPathOf(io, db);
  const handle = openDatabase(path);
  try {
    const dispatch = createDispatcher(createContext(handle, { dbPath: path, transport: 'http', version: 'cli' }, osActor(), clockOf(now)));
    return await fn(async (m, i) => {
      const r = await dispatch(m, i);
      if (!r.ok) throw new UsageError(r.error.message);
      return r.value as T;
    });
  } finally {
    closeDatabase(handle);
  }
}

function row(u: Unit): string {
  return [u.id, u.name, u.kind, u.dutyPhone, u.contactName, u.contactPhone, u.active ? 'active' : 'inactive'].join('\t');
}

export const unitsList: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, all: { type: 'boolean' }, query: { type: 'string' }, json: { type: 'boolean' } });
  return withDispatcher<Unit[]>(io, values, async (call) => {
    const units = await call('units.list', { query: values.query, includeInactive: values.all ?? false });
    if (values.json) io.out(JSON.stringify(units, null, 2));
    else {
      io.out(['id', 'name', 'kind', 'duty_phone', 'contact', 'contact_phone', 'status'].join('\t'));
      for (const u of units) io.out(row(u));
    }
    return 0;
  });
};

export const unitsAdd: Command = async (argv, io) => {
  const { values } = parseFlags(argv, {
    ...DB_OPTION,
    name: { type: 'string' },
    kind: { type: 'string' },
    phone: { type: 'string' },
    fax: { type: 'string' },
    contact: { type: 'string' },
    title: { type: 'string' },
    'contact-phone': { type: 'string' },
    address: { type: 'string' },
    notes: { type: 'string' },
  });
  if (!values.name || !values.phone) throw new UsageError('usage: duty units add --name NAME --phone DUTY_PHONE [--kind district|county|department|enterprise|other] [--contact NAME] [--title T] [--contact-phone P] [--fax F] [--address A] [--notes N]');
  return withDispatcher<Unit>(io, values, async (call) => {
    const u = await call('units.create', {
      name: values.name,
      kind: values.kind ?? 'district',
      dutyPhone: values.phone,
      fax: values.fax ?? '',
      contactName: values.contact ?? '',
      contactTitle: values.title ?? '',
      contactPhone: values['contact-phone'] ?? '',
      address: values.address ?? '',
      notes: values.notes ?? '',
    });
    io.out(`added unit ${u.id}: ${u.name}`);
    return 0;
  });
};

export const unitsDeactivate: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, id: { type: 'string' }, name: { type: 'string' } });
  if (!values.id === !values.name) throw new UsageError('usage: duty units deactivate (--id N | --name NAME)');
  return withDispatcher<Unit | Unit[]>(io, values, async (call) => {
    let id = Number(values.id);
    if (values.name) {
      const all = (await call('units.list', { includeInactive: true })) as Unit[];
      const found = all.find((u) => u.name === values.name);
      if (!found) throw new UsageError(`no unit named '${values.name}'`);
      id = found.id;
    } else if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--id must be a positive whole number, not '${values.id}'`);
    const u = (await call('units.deactivate', { id })) as Unit;
    io.out(`deactivated unit ${u.id}: ${u.name}`);
    return 0;
  });
};
