// Runs in plain Node: `duty roster generate|export|import`, through the same dispatcher (validation, audit,
// messages) as the app.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import type { Person } from '../../../shared/domain/person.js';
import type { Proposal } from '../../../shared/domain/roster/generator.js';
import type { ImportResult } from '../../../shared/api/methods/roster.js';
import type { RosterMonth } from '../../../shared/domain/roster/roster.js';
import { DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';
import { withDispatcher } from '../with-dispatcher.js';

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function monthFlag(month: string | undefined, usage: string): string {
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(month ? `--month must be YYYY-MM, not '${month}'` : usage);
  return month;
}

export function formatProposal(p: Proposal, people: Map<number, string>): string[] {
  const name = (id: number) => people.get(id) ?? `#${id}`;
  const lines = [['date', 'weekday', 'shift', 'kind', 'leaders', 'officers'].join('\t')];
  for (const s of p.shifts) {
    const wd = WEEKDAYS[new Date(`${s.slot.day}T00:00:00Z`).getUTCDay()]!;
    lines.push([s.slot.day, `星期${wd}`, s.slot.name, s.slot.kind + (s.slot.labels.length ? `(${s.slot.labels.join('、')})` : ''), s.leaders.map(name).join('、'), s.officers.map(name).join('、')].join('\t'));
  }
  lines.push('', `shortages: ${p.shortages.length}`);
  for (const s of p.shortages) {
    const why = s.excluded.map((e) => `${e.name}: ${e.reason}${e.reason === 'unavailable' ? ` (${e.detail})` : ''}`).join('; ');
    lines.push(`  ${s.day} ${s.shiftName} ${s.role}: needs ${s.needed}, found ${s.found} — ${why || 'nobody in the pool'}`);
  }
  for (const c of p.fixedConflicts) lines.push(`  fixed ${c.day} ${c.name}: ${c.reason} (kept)`);
  lines.push('', 'fairness (year to date incl. this month): role\tname\tmonth total/weekend/holiday\tyear total/weekend/holiday');
  for (const f of p.fairness) {
    lines.push(`  ${f.role}\t${f.name}\t${f.month.total}/${f.month.weekend}/${f.month.holiday}\t${f.year.total}/${f.year.weekend}/${f.year.holiday}`);
  }
  for (const role of ['leader', 'officer'] as const) {
    const s = p.spread[role];
    lines.push(`spread ${role}: total ${s.total}, weekend ${s.weekend}, holiday ${s.holiday}`);
  }
  return lines;
}

export const rosterGenerate: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, month: { type: 'string' }, save: { type: 'boolean' }, json: { type: 'boolean' }, 'without-holidays': { type: 'boolean' } });
  const month = monthFlag(values.month, 'usage: duty roster generate --db PATH --month YYYY-MM [--save] [--json] [--without-holidays] [--now ISO-TIME]');
  return withDispatcher(io, values, async (call) => {
    // The month as it was when the proposal was made: saving is refused if it changed meanwhile.
    const { version } = await call<RosterMonth>('roster.month', { month });
    const p = await call<Proposal>('roster.generate', { month, ...(values['without-holidays'] ? { withoutHolidays: true } : {}) });
    const people = await call<Person[]>('people.list', { includeInactive: true });
    if (values.json) io.out(JSON.stringify(p, null, 2));
    else for (const l of formatProposal(p, new Map(people.map((x) => [x.id, x.name])))) io.out(l);
    if (values.save) {
      const saved = await call<RosterMonth>('roster.save', { month, baseVersion: version, shifts: p.shifts.map((s) => ({ slotKey: s.slot.key, leaders: s.leaders, officers: s.officers })) });
      io.err(`saved: ${saved.shifts.length} shifts of ${month}`);
    } else io.err('not saved (a proposal only); run again with --save to save it as the roster of the month');
    return p.shortages.length ? 1 : 0;
  });
};

export const rosterExport: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, month: { type: 'string' }, out: { type: 'string' } });
  const usage = 'usage: duty roster export --db PATH --month YYYY-MM --out FILE.xlsx';
  const month = monthFlag(values.month, usage);
  if (!values.out) throw new UsageError(usage);
  const out = resolve(io.cwd, values.out);
  return withDispatcher(io, values, async (call) => {
    const file = await call<FilePayload>('roster.export', { month });
    writeFileSync(out, Buffer.from(file.contentBase64, 'base64'));
    io.out(`wrote ${out}`);
    return 0;
  });
};

/** Imports a filled-in 值班表 workbook; a refused file is said in words (过大, 行数过多, 已损坏 …), exit 2. */
export const rosterImport: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, file: { type: 'string' }, reason: { type: 'string' } });
  const usage = 'usage: duty roster import --db PATH --file FILE.xlsx [--reason TEXT]';
  if (!values.file) throw new UsageError(usage);
  const file = resolve(io.cwd, values.file);
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  return withDispatcher(io, values, async (call) => {
    const r = await call<ImportResult>('roster.import', { contentBase64: content.toString('base64'), reason: values.reason ?? '' });
    io.out(`imported ${r.month}: ${r.shifts} shifts, ${r.assignments} assignments`);
    return 0;
  });
};
