// Pure domain code: runs anywhere. People counts and money as officers type them into a report
// ("3人", "两人", "无", "35万", "1.2亿"). A figure in a report to the city is only ever an exact one:
// "十几" or "约3" is refused as vague rather than rounded, so the officer asks the caller again.

export type CountError = 'negative' | 'notNumber' | 'vague' | 'fraction' | 'tooLarge';
/** value null: nothing was typed (not stated), which is not the same as 0. */
export type CountResult = { ok: true; value: number | null } | { ok: false; reason: CountError };

/** More people than this in one incident is a slip of the keyboard. */
export const MAX_COUNT = 1_000_000;
/** 一万亿元: a loss above this is a slip too. */
export const MAX_AMOUNT_YUAN = 1_000_000_000_000;

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  壹: 1,
  贰: 2,
  叁: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  柒: 7,
  捌: 8,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: readonly [string, number][] = [
  ['亿', 1e8],
  ['万', 1e4],
];
const CHINESE_NUMERAL = /^[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿]+$/;

// Words that make a figure an estimate. "3-4" is not here: it is refused as not a number.
const VAGUE =
  /几|余|多|数|若干|约|大概|估计|可能|左右|上下|上[十百千万亿]|许|来|近|逾|超|以上|以下|不到|不足|至少|最少|至|到|或|不详|未知|不明|待|[?~]|\+$/;
const MINUS = /^[-−‐‑–—﹣]|^负/;
// 两 is a units digit only alone ("两人"); "十两" is no number.
const LIANG = '两';

/**
 * Value of a section below 10 000 ("三千零五", "一百一十", "十五"), or null. Gaps are written with
 * 零 and only with it; "一百五" and "一千二" are the spoken 150 and 1200. A leading 十 may drop its
 * 一 only at the very start of the number ("十五", "十五万"), as written Chinese does.
 */
function section(t: string, first: boolean): number | null {
  let value = 0;
  let last = 10_000;
  let zero = false;
  for (let i = 0; i < t.length; ) {
    const c = t[i]!;
    if (DIGITS[c] === 0) {
      if (zero || value === 0) return null;
      zero = true;
      i++;
      continue;
    }
    if (SMALL_UNITS[c] === 10 && first && i === 0) {
      value = 10;
      last = 10;
      i++;
      continue;
    }
    const d = DIGITS[c];
    if (d === undefined) return null;
    const unit = SMALL_UNITS[t[i + 1] ?? ''];
    if (unit !== undefined) {
      if (unit >= last) return null;
      if (zero ? last <= unit * 10 : value > 0 && last !== unit * 10) return null;
      if (c === LIANG && unit === 10) return null;
      value += d * unit;
      last = unit;
      zero = false;
      i += 2;
      continue;
    }
    if (i !== t.length - 1) return null;
    if (c === LIANG && value > 0) return null;
    if (zero) {
      if (last <= 10) return null;
      value += d;
      zero = false;
    } else if (value > 0) {
      value += last === 10 ? d : (d * last) / 10;
    } else value = d;
    last = 1;
    i++;
  }
  if (zero || value === 0) return null;
  return value;
}

function numeral(t: string, first: boolean, level: number): number | null {
  for (let k = level; k < BIG_UNITS.length; k++) {
    const [ch, mult] = BIG_UNITS[k]!;
    const at = t.indexOf(ch);
    if (at < 0) continue;
    const high = section(t.slice(0, at), first);
    if (high === null) return null;
    const rest = t.slice(at + 1);
    if (rest === '') return high * mult;
    // "一万五" is 15 000, as with "一百五".
    if (rest.length === 1 && DIGITS[rest]) return high * mult + (DIGITS[rest] * mult) / 10;
    const withZero = DIGITS[rest[0]!] === 0;
    const low = numeral(withZero ? rest.slice(1) : rest, false, k + 1);
    if (low === null || (withZero ? low >= mult / 10 : low < mult / 10)) return null;
    return high * mult + low;
  }
  return section(t, first);
}

/** The value of a written Chinese numeral ("二百零五", "十万", "零"), or null when it is not one. */
export function chineseNumeralValue(text: string): number | null {
  if (text === '零' || text === '〇') return 0;
  if (!CHINESE_NUMERAL.test(text)) return null;
  return numeral(text, true, 0);
}

/** Folds full-width forms; keeps only the text inside surrounding spaces. */
function normalise(text: string): string {
  return text.normalize('NFKC').trim();
}

/**
 * What a count counts, by the unit words that may follow its number: people ("3人", "两名");
 * people or person-times, as the natural-disaster statistics count 受灾人口 ("1200人次"); rooms of
 * collapsed houses ("12间"). Only the unit is taken off: the number is read the same way.
 */
export type CountUnit = 'people' | 'personTimes' | 'rooms';
const UNIT_WORDS: Record<CountUnit, RegExp> = {
  people: /\s*(?:个人|[人名个位])$/,
  personTimes: /\s*(?:人次|个人|[人名个位])$/,
  rooms: /\s*间$/,
};

/**
 * A count: by default of people (deaths, missing, injured). '' is null (not stated); "0", "3", "３",
 * "3人", "两人", "二百零五", "无" (none) are numbers; "十几", "约3", "3余" are vague; nothing that is
 * not exactly a whole number reads as one.
 */
export function readCount(text: string, unit: CountUnit = 'people'): CountResult {
  const s = normalise(text);
  if (s === '') return { ok: true, value: null };
  const body = s.replace(UNIT_WORDS[unit], '');
  if (body === '无') return { ok: true, value: 0 };
  if (VAGUE.test(body)) return { ok: false, reason: 'vague' };
  if (MINUS.test(body)) return signed(body, (rest) => readCount(rest, unit));
  if (/^\d+$/.test(body)) return bounded(Number(body), MAX_COUNT);
  if (/^\d+\.\d+$|^\d+\/[1-9]\d*$/.test(body) || isChineseDecimal(body)) return { ok: false, reason: 'fraction' };
  const n = chineseNumeralValue(body);
  if (n !== null) return bounded(n, MAX_COUNT);
  // "三四", "五六": said for "three or four".
  if (CHINESE_NUMERAL.test(body) && /[一二三四五六七八九]{2}/.test(body)) return { ok: false, reason: 'vague' };
  return { ok: false, reason: 'notNumber' };
}

/** "一点五": Chinese for 1.5. */
function isChineseDecimal(body: string): boolean {
  const parts = body.split('点');
  if (parts.length !== 2 || parts[1] === '') return false;
  return chineseNumeralValue(parts[0]!) !== null && [...parts[1]!].every((c) => DIGITS[c] !== undefined && c !== LIANG);
}

/** "-3" is negative; a sign before what is no figure ("-", "-abc") is just not a number. */
function signed(body: string, read: (rest: string) => CountResult): CountResult {
  const rest = read(body.replace(MINUS, ''));
  return { ok: false, reason: rest.ok && rest.value !== null ? 'negative' : 'notNumber' };
}

function bounded(n: number, max: number): CountResult {
  return n > max ? { ok: false, reason: 'tooLarge' } : { ok: true, value: n };
}

/** How many places each multiplier moves the decimal point. */
const MULTIPLIER_PLACES: Record<string, number> = { '': 0, 万: 4, 亿: 8 };

/**
 * Money in yuan (直接经济损失). '' is null; "1234567", "1,234,567", "1234.5", "¥1234", "35万",
 * "35万元", "1.2亿", "三十五万元" are amounts. Decimals go down to the fen (two places in yuan, after
 * the multiplier); thousands separators must group by three.
 */
export function readAmount(text: string): CountResult {
  const s = normalise(text);
  if (s === '') return { ok: true, value: null };
  const body = s.replace(/\s*元$/, '').replace(/^¥\s*/, '');
  if (VAGUE.test(body)) return { ok: false, reason: 'vague' };
  if (MINUS.test(body)) return signed(body, readAmount);
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万|亿|)$/.exec(body);
  if (m) {
    // The multiplier's places and the fen's two: the amount in fen is then a whole number, and is
    // worked out on the digits, with no binary rounding on the way.
    const places = MULTIPLIER_PLACES[m[3]!]! + 2;
    const frac = (m[2] ?? '').replace(/0+$/, '');
    if (frac.length > places) return { ok: false, reason: 'fraction' };
    const fen = BigInt(m[1]!.replace(/,/g, '') + frac.padEnd(places, '0'));
    if (fen > BigInt(MAX_AMOUNT_YUAN) * 100n) return { ok: false, reason: 'tooLarge' };
    return { ok: true, value: Number(fen) / 100 };
  }
  if (/^\d+\/[1-9]\d*$/.test(body)) return { ok: false, reason: 'fraction' };
  const n = chineseNumeralValue(body);
  if (n !== null) return bounded(n, MAX_AMOUNT_YUAN);
  return { ok: false, reason: 'notNumber' };
}
