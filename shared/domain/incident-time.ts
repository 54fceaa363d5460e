// Pure domain code: runs anywhere. Times as a duty officer types them, read in the duty room's
// zone (never the machine's): "2026-11-24 09:05", "11-24 09:05", "09:05" (today), "0905".
import { TZDate } from '@date-fns/tz';

/** The instant typed, or null when the text is not a time. `now` supplies the missing date. */
export function parseTypedTime(text: string, timeZone: string, now: number): number | null {
  const s = text.trim().replace(/[年月/.]/g, '-').replace(/日/g, ' ').replace(/：/g, ':').replace(/\s+/g, ' ');
  const today = new TZDate(now, timeZone);
  let y = today.getFullYear();
  let mo = today.getMonth() + 1;
  let d = today.getDate();
  let m: RegExpExecArray | null;
  let hh: number;
  let mm: number;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):?(\d{2})$/.exec(s))) {
    [y, mo, d, hh, mm] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  } else if ((m = /^(\d{1,2})-(\d{1,2}) (\d{1,2}):?(\d{2})$/.exec(s))) {
    [mo, d, hh, mm] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
  } else if ((m = /^(\d{1,2}):?(\d{2})$/.exec(s))) {
    [hh, mm] = [Number(m[1]), Number(m[2])];
  } else return null;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59) return null;
  const t = new TZDate(y, mo - 1, d, hh, mm, 0, 0, timeZone);
  // Reject 02-30 rolling over into March.
  if (t.getDate() !== d || t.getMonth() !== mo - 1) return null;
  return t.getTime();
}
