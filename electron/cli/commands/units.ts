// Runs in plain Node: `duty units list|add|deactivate`, through the same dispatcher (validation,
// audit, messages) as the app.
import type { Unit } from '../../../shared/domain/unit.js';
import { DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';
import { withDispatcher } from '../with-dispatcher.js';

function row(u: Unit): string {
  return [u.id, u.name, u.kind, u.dutyPhone, u.contactName, u.contactPhone, u.active ? 'active' : 'inactive'].join('\t');
}

export const unitsList: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, all: { type: 'boolean' }, query: { type: 'string' }, json: { type: 'boolean' } });
  return withDispatcher(io, values, async (call) => {
    const units = await call<Unit[]>('units.list', { query: values.query, includeInactive: values.all ?? false });
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
  return withDispatcher(io, values, async (call) => {
    const u = await call<Unit>('units.create', {
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
  return withDispatcher(io, values, async (call) => {
    let id = Number(values.id);
    if (values.name) {
      const all = await call<Unit[]>('units.list', { includeInactive: true });
      const found = all.find((u) => u.name === values.name);
      if (!found) throw new UsageError(`no unit named '${values.name}'`);
      id = found.id;
    } else if (!Number.isInteger(id) || id <= 0) throw new UsageError(`--id must be a positive whole number, not '${values.id}'`);
    const u = await call<Unit>('units.deactivate', { id });
    io.out(`deactivated unit ${u.id}: ${u.name}`);
    return 0;
  });
};
