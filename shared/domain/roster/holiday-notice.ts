// Pure domain code: runs anywhere. Reads a year's holiday arrangement (the State Council's notice
// 国务院办公厅关于某年部分节假日安排的通知) typed or pasted as a small table, one line an entry:
//
//   名称      开始          结束          类型
//   元旦      2027-01-01    2027-01-03    放假
//   春节      2月5日至2月11日              放假
//   春节调休  2月14日                      上班
//
// Cells are separated by tabs (a paste from Excel), commas or spaces. Dates are 2027-01-01,
// 2027/1/1, 1-1, 1/1 or 1月1日 (the notice's year when none is written; a year-less range from
// December to January began in the year before, as 元旦 on 30 December can), and a
// range may stand in one cell with 至, ~ or –. The kind is 放假 (the default), 上班/调休/补班, or
// 重点时段 (a name ending in 调休, 补班 or 上班 is a working day without saying so). Every bad line is named; nothing is taken from a text with one.
import { isDate } from './dates.js';
import type { CalendarFields } from './calendar.js';

export type NoticeProblem =
  | { line: number; kind: 'noName' }
  | { line: number; kind: 'noDate'; text: string }
  | { line: number; kind: 'badDate'; value: string }
  | { line: number; kind: 'badKind'; value: string }
  | { line: number; kind: 'order'; from: string; to: string }
  | { line: number; kind: 'otherYear'; from: string; to: string }
  | { line: number; kind: 'tooLong'; name: string };

export interface NoticeParse {
  entries: (CalendarFields & { line: number })[];
  problems: NoticeProblem[];
}

const KINDS: Record<string, CalendarFields['kind']> = {
  放假: 'holiday',
  休息: 'holiday',
  休假: 'holiday',
  节假日: 'holiday',
  holiday: 'holiday',
  上班: 'workday',
  调休: 'workday',
  调休上班: 'workday',
  补班: 'workday',
  workday: 'workday',
  重点时段: 'special',
  special: 'special',
};

const HEADER = /^(名称|节日|name)$/i;
const RANGE = /^(.+?)(?:至|到|~|～|–|—)(.+)$/;

/** A written date as [year or null, month, day], or null when it is not one. */
function readDate(text: string): [number | null, number, number] | null {
  const t = text.trim().replace(/[（(].*?[)）]$/, ''); // 1月1日（周五）
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  m = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(t);
  if (m) return [null, Number(m[1]), Number(m[2])];
  return null;
}

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** Splits a line into cells: tabs when it has them (a paste from a table), else commas or runs of spaces. */
function cellsOf(line: string): string[] {
  const parts = line.includes('\t') ? line.split('\t') : line.split(/[,，、]|\s+/);
  return parts.map((c) => c.trim()).filter((c) => c.length > 0);
}

export function parseHolidayNotice(year: number, text: string): NoticeParse {
  const entries: NoticeParse['entries'] = [];
  const problems: NoticeProblem[] = [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, k) => {
    const line = k + 1;
    const cells = cellsOf(raw);
    if (cells.length === 0 || HEADER.test(cells[0]!)) return;
    const [name, ...rest] = cells;
    if (!name || readDate(name) || RANGE.test(name) && readDate(RANGE.exec(name)![1]!)) return void problems.push({ line, kind: 'noName' });
    if ([...name].length > 30) return void problems.push({ line, kind: 'tooLong', name });
    // The kind, where given, is the last cell that is not a date.
    let kind: CalendarFields['kind'] = /(调休|补班|上班)$/.test(name) ? 'workday' : 'holiday';
    const last = rest[rest.length - 1];
    if (last !== undefined && !readDate(last) && !RANGE.test(last)) {
      const found = KINDS[last.toLowerCase()];
      if (!found) return void problems.push({ line, kind: 'badKind', value: last });
      kind = found;
      rest.pop();
    }
    const dates: string[] = [];
    for (const c of rest) {
      const r = RANGE.exec(c);
      if (r) dates.push(r[1]!, r[2]!);
      else dates.push(c);
    }
    if (dates.length === 0 || dates.length > 2) return void problems.push({ line, kind: 'noDate', text: raw.trim() });
    const from = readDate(dates[0]!);
    if (!from) return void problems.push({ line, kind: 'badDate', value: dates[0]! });
    // An end written as a day alone (2月5日至11日) is in the start's month.
    const endText = dates[1] ?? dates[0]!;
    const dayOnly = /^(\d{1,2})日?$/.exec(endText.trim());
    const to = dayOnly ? ([from[0], from[1], Number(dayOnly[1])] as [number | null, number, number]) : readDate(endText);
    if (!to) return void problems.push({ line, kind: 'badDate', value: endText });
    let fromYear = from[0] ?? year;
    const toYear = to[0] ?? year;
    if (from[0] === null && to[0] === null && from[1] === 12 && to[1] === 1) fromYear -= 1;
    const f = iso(fromYear, from[1], from[2]);
    const t = iso(toYear, to[1], to[2]);
    if (!isDate(f)) return void problems.push({ line, kind: 'badDate', value: dates[0]! });
    if (!isDate(t)) return void problems.push({ line, kind: 'badDate', value: endText });
    if (f > t) return void problems.push({ line, kind: 'order', from: f, to: t });
    // A notice is of one year: an entry may begin in the last days of the year before (元旦), no more.
    if (t.slice(0, 4) !== String(year) || f < `${year - 1}-12-20`) return void problems.push({ line, kind: 'otherYear', from: f, to: t });
    entries.push({ line, kind, name, from: f, to: t, leaders: null, officers: null });
  });
  return { entries, problems };
}
