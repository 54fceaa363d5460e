// Runs in plain Node: `duty notices list|show|export --db PATH`, the relayed notices (传达回执)
// through the same dispatcher as the app (validation, messages, read-only on the file):
//   list   the notices of the last --days N (default 3, at most 31): one line each, who is missing;
//   show   one notice (--id N): each unit's relay, receipt and feedback, and every row logged;
//   export the grid (--id N ... or --days N) to --out FILE.xlsx, the app's print-ready sheet.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FilePayload } from '../../../shared/api/file-payload.js';
import type { Settings } from '../../../shared/domain/settings.js';
import { formatInZone } from '../../../shared/domain/duty-day.js';
import type { NoticeStepRow, RelayGrid, RelayNoticeState } from '../../../shared/domain/notice.js';
import { translate, type MessageKey } from '../../../shared/i18n/index.js';
import { DB_OPTION } from '../db-flag.js';
import { parseFlags, UsageError, type Command } from '../io.js';
import { withDispatcher } from '../with-dispatcher.js';

const SHOW_USAGE = 'usage: duty notices show --db PATH --id N [--json] [--now ISO-TIME]';
const EXPORT_USAGE = 'usage: duty notices export --db PATH (--id N ... | --days N) --out FILE.xlsx [--now ISO-TIME]';

function intFlag(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} must be a whole number, not '${v}'`);
  return Number(v);
}

/** --days: 1 to 31, as the grid takes it. */
function daysFlag(v: string | undefined): number | undefined {
  const days = intFlag('days', v);
  if (days !== undefined && (days < 1 || days > 31)) throw new UsageError(`--days must be 1 to 31, not ${days}`);
  return days;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** One notice in a line: number, received, kind, title, relayed/received/fed back, who is missing. */
function noticeLine(s: RelayNoticeState, t: T, at: (ms: number) => string, name: (id: number) => string): string {
  const c = s.counts;
  const missing = (state: 'receipt' | 'feedback') => s.cells.filter((x) => x[state] === 'missing').map((x) => name(x.unitId));
  const owed = [
    ...(s.cells.some((x) => x.relayedAt === null) ? [`${t('cli.notices.notRelayed')} ${s.cells.filter((x) => x.relayedAt === null).map((x) => name(x.unitId)).join('、')}`] : []),
    ...(missing('receipt').length ? [`${t('cli.notices.receiptMissing')} ${missing('receipt').join('、')}`] : []),
    ...(missing('feedback').length ? [`${t('cli.notices.feedbackMissing')} ${missing('feedback').join('、')}`] : []),
  ];
  const fed = s.notice.feedbackDueAt === null ? '—' : String(c.fedBack);
  return [`#${s.notice.id}`, at(s.notice.receivedAt), t(`notice.kind.${s.notice.kind}`), s.title, `${c.units}/${c.relayed}/${c.received}/${fed}`, t(`cli.notices.relay.${s.relayStatus}`), owed.join('；')].join('\t');
}

async function context(call: <X>(m: string, i: unknown) => Promise<X>): Promise<{ t: T; at: (ms: number) => string }> {
  const settings = await call<Settings>('settings.get', {});
  const t: T = (key, params) => translate(settings.locale, key, params);
  return { t, at: (ms) => formatInZone(ms, settings.timeZone, 'yyyy-MM-dd HH:mm') };
}

const namesOf = (grid: RelayGrid) => {
  const names = new Map(grid.units.map((u) => [u.id, u.name]));
  return (id: number) => names.get(id) ?? `#${id}`;
};

export const noticesList: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, days: { type: 'string' }, json: { type: 'boolean' } });
  const days = daysFlag(values.days) ?? 3;
  return withDispatcher(
    io,
    values,
    async (call) => {
      const grid = await call<RelayGrid>('notices.grid', { days });
      if (values.json) {
        io.out(JSON.stringify(grid, null, 2));
        return 0;
      }
      const { t, at } = await context(call);
      io.out(t('cli.notices.header'));
      const names = namesOf(grid);
      for (const s of grid.notices) io.out(noticeLine(s, t, at, names));
      io.err(t('cli.notices.count', { n: grid.notices.length, days }));
      return 0;
    },
    { readonly: true, fieldsAsFlags: true },
  );
};

export const noticesShow: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, id: { type: 'string' }, json: { type: 'boolean' } });
  const id = intFlag('id', values.id);
  if (id === undefined) throw new UsageError(SHOW_USAGE);
  return withDispatcher(
    io,
    values,
    async (call) => {
      const grid = await call<RelayGrid>('notices.grid', { noticeIds: [id] });
      const s = grid.notices[0];
      if (!s) throw new UsageError(`--id ${id}: no such notice`);
      const steps = await call<NoticeStepRow[]>('notices.steps', { id });
      if (values.json) {
        io.out(JSON.stringify({ notice: s, steps }, null, 2));
        return 0;
      }
      const { t, at } = await context(call);
      const name = namesOf(grid);
      io.out(t('cli.notices.header'));
      io.out(noticeLine(s, t, at, name));
      io.out(s.notice.text);
      io.out('');
      io.out(t('cli.notices.cellHeader'));
      for (const c of s.cells) {
        const relay = c.relayedAt === null ? '—' : `${at(c.relayedAt)} ${c.relayMeans ? t(`notice.means.${c.relayMeans}`) : ''}${c.relayPerson ? ` ${c.relayPerson}` : ''}`;
        const receipt = c.receivedAt === null ? t(`cli.notices.state.${c.receipt}`) : `${at(c.receivedAt)} ${c.receiver}（${t(`cli.notices.state.${c.receipt}`)}）`;
        const feedback = c.feedback === 'not_asked' ? '—' : c.fedBackAt === null ? t(`cli.notices.state.${c.feedback}`) : `${at(c.fedBackAt)}（${t(`cli.notices.state.${c.feedback}`)}）${c.feedbackText}`;
        io.out([name(c.unitId), relay, receipt, feedback].join('\t'));
      }
      io.out('');
      io.out(t('cli.notices.logHeader'));
      for (const r of steps)
        io.out(
          [`#${r.id}`, r.unitName, t(`notice.${r.step}`), at(r.at), r.means ? t(`notice.means.${r.means}`) : '', r.person, r.text, r.correctsId === null ? '' : t('cli.notices.corrects', { id: r.correctsId, reason: r.correctionReason ?? '' }), `${r.actor} ${at(r.enteredAt)}`].join('\t'),
        );
      return 0;
    },
    { readonly: true, fieldsAsFlags: true },
  );
};

export const noticesExport: Command = async (argv, io) => {
  const { values } = parseFlags(argv, { ...DB_OPTION, id: { type: 'string', multiple: true }, days: { type: 'string' }, out: { type: 'string' } });
  if (!values.out) throw new UsageError(EXPORT_USAGE);
  const ids = (values.id ?? []).map((v) => intFlag('id', v)!);
  const days = daysFlag(values.days);
  if (ids.length && days !== undefined) throw new UsageError('give --id or --days, not both');
  const out = resolve(io.cwd, values.out);
  return withDispatcher(
    io,
    values,
    async (call) => {
      const file = await call<FilePayload>('notices.export', ids.length ? { noticeIds: ids } : { days: days ?? 3 });
      writeFileSync(out, Buffer.from(file.contentBase64, 'base64'));
      io.out(`relay grid written to ${out}`);
      return 0;
    },
    { readonly: true, fieldsAsFlags: true },
  );
};
