// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// A version-2 rule set as the cells an admin edits in Settings → 报送时限规则: each number (and the
// few choices) at its dotted path, shown as text and read back from what was typed. What was typed
// is the value or an error naming the cell: never rounded, clamped or dropped.
import { CATEGORY_CLASSES, type CategoryClass } from '../categories.js';
import { LEVELS, type GradedLevel, type Level } from '../levels.js';
import { NOTICE_KINDS } from '../notice.js';
import { DEFAULT_RELAY_LIMITS } from '../relay.js';
import { relayLimitsOf, type ClockStart, type FollowupRule, type RuleSetV2 } from './rule-set.js';

export type CellKind =
  /** A positive number. */
  | 'number'
  /** A number ≥ 0. */
  | 'nonNegative'
  /** A positive number, or empty: not required (null). */
  | 'optional'
  /** Hours between follow-ups (`12`), or local times every day (`08:00、17:00`). */
  | 'followup'
  | 'clockStart'
  /** Days of the supplement window, or empty: no window. */
  | 'window'
  | 'zone'
  | 'text'
  /** RELAY_LATE by a word of the level: `红色 30、橙色 45` (word and minutes), or empty: none. */
  | 'levelWords';

export interface Cell {
  path: string;
  kind: CellKind;
}

export const LEVEL_CELLS = ['firstReportMin', 'writtenReportMin', 'followup', 'finalReportHours', 'clockStart', 'upward.firstMin', 'upward.quickMin', 'upward.writtenMin'] as const;
export type LevelCell = (typeof LEVEL_CELLS)[number];

const LEVEL_CELL_KIND: Record<LevelCell, CellKind> = {
  firstReportMin: 'number',
  writtenReportMin: 'optional',
  followup: 'followup',
  finalReportHours: 'number',
  clockStart: 'clockStart',
  'upward.firstMin': 'optional',
  'upward.quickMin': 'optional',
  'upward.writtenMin': 'optional',
};

export const THRESHOLD_MEASURES = ['deathsAndMissing', 'seriouslyInjured', 'directLossYuan'] as const;
const GRADED: readonly GradedLevel[] = ['I', 'II', 'III'];

export const levelCellPath = (cls: CategoryClass, level: Level, cell: LevelCell) => `profiles.${cls}.limits.${level}.${cell}`;
export const windowPath = (cls: CategoryClass) => `profiles.${cls}.supplementWindowDays`;

/** Every editable cell of a rule set, in the order a person tabs through them. */
export const RULE_CELLS: readonly Cell[] = [
  { path: 'name', kind: 'text' },
  { path: 'timeZone', kind: 'zone' },
  { path: 'concealmentWindowHours', kind: 'number' },
  { path: 'occurrenceCorrectionMin', kind: 'nonNegative' },
  ...GRADED.flatMap((l) => THRESHOLD_MEASURES.map((m) => ({ path: `levelThresholds.${l}.${m}`, kind: 'number' as const }))),
  ...CATEGORY_CLASSES.flatMap((cls) => [
    ...LEVELS.flatMap((l) => LEVEL_CELLS.map((c) => ({ path: levelCellPath(cls, l, c), kind: LEVEL_CELL_KIND[c] }))),
    { path: windowPath(cls), kind: 'window' as const },
  ]),
  // RELAY_LATE (传达): minutes from receiving a notice to relaying it, by kind and by a word of its level.
  ...NOTICE_KINDS.map((k) => ({ path: `relay.byKindMin.${k}`, kind: 'number' as const })),
  { path: 'relay.byLevelWordMin', kind: 'levelWords' },
];

const CELL_BY_PATH = new Map(RULE_CELLS.map((c) => [c.path, c]));

/** The editable cell at a path, if there is one. */
export function cellAt(path: string): Cell | undefined {
  return CELL_BY_PATH.get(path);
}

/** The cell a validation error's path falls in (the longest cell path that is a prefix), or null. */
export function cellOfPath(path: string): Cell | null {
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const cell = CELL_BY_PATH.get(p.replace(/\[\d+\]$/, ''));
    if (cell) return cell;
  }
  return null;
}

function get(doc: unknown, path: string): unknown {
  let v = doc;
  for (const k of path.split('.')) v = (v as Record<string, unknown> | null)?.[k];
  return v;
}

function set(doc: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let v = doc as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) v = v[k] as Record<string, unknown>;
  v[keys[keys.length - 1]!] = value;
}

/** The followup rule as a person reads and types it. */
export function followupText(f: FollowupRule): string {
  return 'gapHours' in f ? String(f.gapHours) : f.dailyAt.join('、');
}

/** `红色 30、橙色 45`: the words of a level and their minutes, as a person reads and types them. */
export function levelWordsText(words: Readonly<Record<string, number>>): string {
  return Object.entries(words)
    .map(([w, m]) => `${w} ${m}`)
    .join('、');
}

/** What the cell shows. The relay cells of a rule set without a `relay` section show its defaults. */
export function cellText(doc: RuleSetV2, cell: Cell): string {
  const v = cell.path.startsWith('relay.') ? get({ relay: relayLimitsOf(doc) }, cell.path) : get(doc, cell.path);
  switch (cell.kind) {
    case 'levelWords':
      return levelWordsText(v as Record<string, number>);
    case 'followup':
      return followupText(v as FollowupRule);
    case 'window':
      return v === null ? '' : String((v as { default: number }).default);
    default:
      return v === null || v === undefined ? '' : String(v);
  }
}

/** Full-width digits and punctuation typed with a Chinese input method, as ASCII. */
export function halfWidth(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ').trim();
}

const NUMBER = /^\d+(\.\d+)?$/;
const CLOCK = /^(\d{1,2}):(\d{2})$/;

export type CellRead = { ok: true; value: unknown } | { ok: false; error: string };

/** What was typed into a cell, as the value it means, or why it cannot be read (in Chinese). */
export function readCell(cell: Cell, typed: string, before: RuleSetV2): CellRead {
  const text = halfWidth(typed);
  const positive = (): CellRead => (NUMBER.test(text) && Number(text) > 0 ? { ok: true, value: Number(text) } : { ok: false, error: '请输入大于 0 的数' });
  switch (cell.kind) {
    case 'text':
      return text ? { ok: true, value: text } : { ok: false, error: '请填写名称' };
    case 'zone':
      return text ? { ok: true, value: text } : { ok: false, error: '请填写时区，如 Asia/Shanghai' };
    case 'number':
      return positive();
    case 'nonNegative':
      return NUMBER.test(text) ? { ok: true, value: Number(text) } : { ok: false, error: '请输入 0 或正数' };
    case 'optional':
      if (text === '') return { ok: true, value: null };
      return NUMBER.test(text) && Number(text) > 0 ? { ok: true, value: Number(text) } : { ok: false, error: '留空表示不要求；否则请输入大于 0 的数' };
    case 'window': {
      if (text === '') return { ok: true, value: null };
      if (!(NUMBER.test(text) && Number(text) > 0)) return { ok: false, error: '留空表示无补报期；否则请输入天数' };
      const was = get(before, cell.path) as { byCategory: object } | null;
      return { ok: true, value: { default: Number(text), byCategory: was?.byCategory ?? {} } };
    }
    case 'levelWords': {
      const words: Record<string, number> = {};
      for (const part of text.split(/[,，、;；\n]+/).map((x) => x.trim()).filter(Boolean)) {
        const m = /^(\S+?)\s*(\d+(?:\.\d+)?)$/.exec(part);
        if (!m || /^\d/.test(m[1]!) || Number(m[2]) <= 0) return { ok: false, error: '请按“级别用词 分钟”填写，如 红色 30、橙色 45' };
        if (Object.hasOwn(words, m[1]!)) return { ok: false, error: `“${m[1]}”写了两次` };
        words[m[1]!] = Number(m[2]);
      }
      return { ok: true, value: words };
    }
    case 'clockStart':
      return text === 'learned' || text === 'occurrence' ? { ok: true, value: text as ClockStart } : { ok: false, error: '请选择计时起点' };
    case 'followup': {
      if (NUMBER.test(text) && Number(text) > 0) return { ok: true, value: { gapHours: Number(text) } };
      const parts = text.split(/[\s,，、;；]+/).filter(Boolean);
      const times: string[] = [];
      for (const p of parts) {
        const m = CLOCK.exec(p);
        if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return { ok: false, error: '请输入间隔小时数（如 24），或每日时刻（如 08:00、17:00）' };
        times.push(`${m[1]!.padStart(2, '0')}:${m[2]}`);
      }
      if (times.length === 0) return { ok: false, error: '请输入间隔小时数（如 24），或每日时刻（如 08:00、17:00）' };
      if (new Set(times).size !== times.length) return { ok: false, error: '同一时刻写了两次' };
      return { ok: true, value: { dailyAt: times } };
    }
  }
}

/**
 * The rule set with every edited cell read in; cells left as shown keep their value exactly. The
 * errors name each cell that could not be read, and then nothing is built.
 */
export function applyCells(doc: RuleSetV2, typed: Readonly<Record<string, string>>): { ok: true; doc: RuleSetV2 } | { ok: false; errors: Record<string, string> } {
  const out = JSON.parse(JSON.stringify(doc)) as RuleSetV2;
  const errors: Record<string, string> = {};
  for (const [path, text] of Object.entries(typed)) {
    const cell = CELL_BY_PATH.get(path);
    if (!cell || text === cellText(doc, cell)) continue;
    const r = readCell(cell, text, doc);
    if (!r.ok) errors[path] = r.error;
    else {
      // A rule set without a relay section judged by the defaults: an edit writes them out first.
      if (path.startsWith('relay.') && out.relay === undefined) (out as { relay?: unknown }).relay = JSON.parse(JSON.stringify(DEFAULT_RELAY_LIMITS));
      set(out, path, r.value);
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, doc: out };
}
