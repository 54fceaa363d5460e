// Pure domain code: runs anywhere. Calendar dates as YYYY-MM-DD strings, computed on the proleptic
// Gregorian calendar (UTC arithmetic on dates only), so the process's own zone never matters.
const DAY_MS = 86_400_000;

function toUtc(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`date must be YYYY-MM-DD, not '${day}'`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDaysTo(day: string, n: number): string {
  return fromUtc(toUtc(day) + n * DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return new Date(toUtc(day)).getUTCDay();
}

export function isMonth(month: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return !!m && Number(m[2]) >= 1 && Number(m[2]) <= 12;
}

/** Every date of the month YYYY-MM. */
export function daysOfMonth(month: string): string[] {
  const first = `${month}-01`;
  const out: string[] = [];
  for (let d = first; d.startsWith(month); d = addDaysTo(d, 1)) out.push(d);
  return out;
}

export function isDate(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  return fromUtc(toUtc(day)) === day;
}

export const monthSchemaPattern = /^\d{4}-(0[1-9]|1[0-2])$/;
export const dateSchemaPattern = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
