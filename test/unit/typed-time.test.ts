// Runs in plain Node (tests): times as officers type them, read in the duty room's zone, with the
// missing date filled in from what the field expects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import {
  readTypedTime,
  TYPED_TIME_EXAMPLES_ZH,
  type ReadTimeOptions,
  type TimeExpectation,
  type TypedTimeResult,
} from '../../shared/domain/typed-time.js';

const TZ = 'Asia/Shanghai';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SLACK = 5 * MINUTE;

/** Epoch ms of a Shanghai wall-clock time. */
const sh = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h - 8, mi);

const NOW = sh(2026, 11, 24, 9, 30);

function read(text: string, expect: TimeExpectation, now = NOW, more: Partial<ReadTimeOptions> = {}): TypedTimeResult {
  return readTypedTime(text, { timeZone: TZ, now, expect, ...more });
}
const at = (ms: number): TypedTimeResult => ({ ok: true, at: ms });
const fail = (reason: 'empty' | 'unreadable' | 'future' | 'past'): TypedTimeResult => ({ ok: false, reason });

describe('forms', () => {
  test('every accepted way of writing 17:05 on the 24th', () => {
    const want = at(sh(2026, 11, 24, 17, 5));
    for (const s of [
      '17:05',
      '1705',
      '17.05',
      '17点05',
      '17点05分',
      '17点5分',
      '17时05分',
      '17时05',
      '17 : 05',
      ' 17 点 05 分 ',
      '１７：０５',
      '１７０５',
      '１７．０５',
      '１７点０５分',
      '今天 17:05',
      '今天17点05',
      '今日 17:05',
      '2026-11-24 17:05',
      '2026/11/24 17:05',
      '2026.11.24 17:05',
      '2026-11-24T17:05',
      '2026-11-24 1705',
      '２０２６－１１－２４\u300017:05',
      '2026-11-24   17:05',
      '11-24 17:05',
      '11/24 17:05',
      '11.24 17:05',
      '11.24 17.05',
      '11月24日17时05分',
      '11月24日 17:05',
      '11月24号17点05',
      '11月24 17:05',
      '2026年11月24日 17:05',
      '2026年11月24日17:05',
      '2026 年 11 月 24 日 17 时 05 分',
    ])
      assert.deepEqual(read(s, 'any'), want, s);
  });

  test('hours alone, half past, seconds, one-digit hours', () => {
    assert.deepEqual(read('17点', 'any'), at(sh(2026, 11, 24, 17, 0)));
    assert.deepEqual(read('17时', 'any'), at(sh(2026, 11, 24, 17, 0)));
    assert.deepEqual(read('17点整', 'any'), at(sh(2026, 11, 24, 17, 0)));
    assert.deepEqual(read('17点钟', 'any'), at(sh(2026, 11, 24, 17, 0)));
    assert.deepEqual(read('17点半', 'any'), at(sh(2026, 11, 24, 17, 30)));
    assert.deepEqual(read('8:00', 'any'), at(sh(2026, 11, 24, 8, 0)));
    assert.deepEqual(read('905', 'any'), at(sh(2026, 11, 24, 9, 5)));
    assert.deepEqual(read('0:00', 'any'), at(sh(2026, 11, 24, 0, 0)));
    assert.deepEqual(read('23:59', 'any'), at(sh(2026, 11, 24, 23, 59)));
    assert.deepEqual(read('2026-11-24 17:05:30', 'any'), at(sh(2026, 11, 24, 17, 5) + 30_000));
  });

  test('relative days keep their day', () => {
    assert.deepEqual(read('昨天 23:50', 'any'), at(sh(2026, 11, 23, 23, 50)));
    assert.deepEqual(read('昨天23:50', 'past'), at(sh(2026, 11, 23, 23, 50)));
    assert.deepEqual(read('昨日 8点', 'past'), at(sh(2026, 11, 23, 8, 0)));
    assert.deepEqual(read('前天 8:00', 'past'), at(sh(2026, 11, 22, 8, 0)));
    assert.deepEqual(read('今天 9:30', 'past'), at(sh(2026, 11, 24, 9, 30)));
    assert.deepEqual(read('明天 9:00', 'future'), at(sh(2026, 11, 25, 9, 0)));
    assert.deepEqual(read('后天 9:00', 'future'), at(sh(2026, 11, 26, 9, 0)));
    // A stated day is never moved to make the time fit: it is an error instead.
    assert.deepEqual(read('今天 23:00', 'past'), fail('future'));
    assert.deepEqual(read('昨天 23:50', 'future'), fail('past'));
    assert.deepEqual(read('今天 8:00', 'future'), fail('past'));
    // ...and across month and year ends.
    assert.deepEqual(read('昨天 23:50', 'past', sh(2027, 1, 1, 0, 10)), at(sh(2026, 12, 31, 23, 50)));
    assert.deepEqual(read('前天 12:00', 'past', sh(2028, 3, 1, 6, 0)), at(sh(2028, 2, 28, 12, 0)));
  });

  test('empty, unreadable, and dates that do not exist', () => {
    for (const s of ['', ' ', '\u3000', '\t\n']) assert.deepEqual(read(s, 'past'), fail('empty'), JSON.stringify(s));
    for (const s of [
      'abc',
      '9',
      '17',
      '17:5',
      '17点5',
      '1.5',
      '17:05:60',
      '25:00',
      '24:00',
      '17:60',
      '2460',
      '17点60分',
      '25点',
      '2026-02-30 10:00',
      '2026-02-29 10:00',
      '2026-13-01 10:00',
      '2026-00-10 10:00',
      '2026-11-00 10:00',
      '2026-11-31 10:00',
      '02-30 10:00',
      '2月30日 10:00',
      '2026-11-24',
      '11-24',
      '2026-11/24 17:05',
      '2026-11-2417:05',
      '11-2417:05',
      '昨天',
      '大前天 8:00',
      '17:05 昨天',
      '下午5点',
      '17:05pm',
      '十七点',
      '17:05-18:00',
      '+17:05',
    ])
      assert.deepEqual(read(s, 'any'), fail('unreadable'), s);
    assert.deepEqual(read('2028-02-29 10:00', 'any'), at(sh(2028, 2, 29, 10, 0)));
  });

  test('the examples shown to officers all read', () => {
    const examples = TYPED_TIME_EXAMPLES_ZH.split('、');
    assert.equal(examples.length, 5);
    for (const s of examples) assert.equal(read(s, 'past', sh(2026, 11, 24, 18, 0)).ok, true, s);
  });
});

describe("expect 'past'", () => {
  test('a bare time is its latest occurrence: just after midnight, 23:50 is yesterday', () => {
    const now = sh(2026, 11, 24, 0, 10);
    assert.deepEqual(read('23:50', 'past', now), at(sh(2026, 11, 23, 23, 50)));
    assert.deepEqual(read('00:05', 'past', now), at(sh(2026, 11, 24, 0, 5)));
    assert.deepEqual(read('00:10', 'past', now), at(sh(2026, 11, 24, 0, 10)));
    // On 1 January, yesterday is last year.
    assert.deepEqual(read('23:50', 'past', sh(2027, 1, 1, 0, 10)), at(sh(2026, 12, 31, 23, 50)));
  });

  test('a clock a few minutes off does not make a bare time yesterday', () => {
    assert.deepEqual(read('9:35', 'past'), at(sh(2026, 11, 24, 9, 35)));
    assert.deepEqual(read('9:36', 'past'), at(sh(2026, 11, 23, 9, 36)));
    assert.deepEqual(read('9:36', 'past', NOW, { futureSlackMs: 10 * MINUTE }), at(sh(2026, 11, 24, 9, 36)));
    assert.deepEqual(read('9:31', 'past', NOW, { futureSlackMs: 0 }), at(sh(2026, 11, 23, 9, 31)));
  });

  test('a written date ahead of now is refused, within the slack it is taken', () => {
    assert.deepEqual(read('2026-11-24 09:35', 'past'), at(sh(2026, 11, 24, 9, 35)));
    assert.deepEqual(read('2026-11-24 09:36', 'past'), fail('future'));
    assert.deepEqual(read('2026-11-25 08:00', 'past'), fail('future'));
    assert.deepEqual(read('2025-11-24 17:05', 'past'), at(sh(2025, 11, 24, 17, 5)));
    assert.deepEqual(read('11-24 17:05', 'past'), fail('future'));
  });

  test('a date without a year takes the year nearest now', () => {
    const newYear = sh(2027, 1, 1, 0, 10);
    assert.deepEqual(read('12-31 23:50', 'past', newYear), at(sh(2026, 12, 31, 23, 50)));
    assert.deepEqual(read('12月31日 23:50', 'past', newYear), at(sh(2026, 12, 31, 23, 50)));
    // A month typed wrong is an error, not a date eleven months back.
    assert.deepEqual(read('12-25 10:00', 'past'), fail('future'));
    assert.deepEqual(read('11-23 23:59', 'past'), at(sh(2026, 11, 23, 23, 59)));
    // 29 February is found in the nearest year that has one only if that year is near.
    assert.deepEqual(read('02-29 10:00', 'past', sh(2028, 3, 1, 0, 0)), at(sh(2028, 2, 29, 10, 0)));
  });
});

describe("expect 'future'", () => {
  test('a bare time is its next occurrence', () => {
    const afternoon = sh(2026, 11, 24, 17, 0);
    assert.deepEqual(read('09:00', 'future', afternoon), at(sh(2026, 11, 25, 9, 0)));
    assert.deepEqual(read('18:00', 'future', afternoon), at(sh(2026, 11, 24, 18, 0)));
    // A few minutes behind now is still today's (the slack works both ways).
    assert.deepEqual(read('16:56', 'future', afternoon), at(sh(2026, 11, 24, 16, 56)));
    assert.deepEqual(read('16:54', 'future', afternoon), at(sh(2026, 11, 25, 16, 54)));
  });

  test('23:59 on 31 December: 00:01 is next year', () => {
    assert.deepEqual(read('00:01', 'future', sh(2026, 12, 31, 23, 59)), at(sh(2027, 1, 1, 0, 1)));
    assert.deepEqual(read('01-01 08:00', 'future', sh(2026, 12, 31, 23, 59)), at(sh(2027, 1, 1, 8, 0)));
  });

  test('a written date behind now is refused', () => {
    assert.deepEqual(read('2026-11-24 09:00', 'future'), fail('past'));
    assert.deepEqual(read('11-20 10:00', 'future'), fail('past'));
    assert.deepEqual(read('2026-11-24 09:26', 'future'), at(sh(2026, 11, 24, 9, 26)));
    assert.deepEqual(read('2026-11-30 09:00', 'future'), at(sh(2026, 11, 30, 9, 0)));
  });
});

describe("expect 'any'", () => {
  test("a bare time is on today's date in the zone, whether past or not", () => {
    const early = sh(2026, 11, 24, 0, 10);
    assert.deepEqual(read('23:50', 'any', early), at(sh(2026, 11, 24, 23, 50)));
    // 00:30 UTC is already the 24th in Shanghai.
    assert.deepEqual(read('08:00', 'any', Date.UTC(2026, 10, 24, 0, 30)), at(sh(2026, 11, 24, 8, 0)));
    const utc = readTypedTime('08:00', { timeZone: 'UTC', now: Date.UTC(2026, 10, 24, 0, 30), expect: 'any' });
    assert.deepEqual(utc, at(Date.UTC(2026, 10, 24, 8, 0)));
  });

  test('a date without a year is this year, and nothing is refused for being past or future', () => {
    assert.deepEqual(read('12-31 23:50', 'any', sh(2027, 1, 1, 0, 10)), at(sh(2027, 12, 31, 23, 50)));
    assert.deepEqual(read('2030-01-01 00:00', 'any'), at(sh(2030, 1, 1, 0, 0)));
    assert.deepEqual(read('2020-01-01 00:00', 'any'), at(sh(2020, 1, 1, 0, 0)));
  });
});

describe('zones', () => {
  test("the machine's own zone changes nothing", () => {
    const saved = process.env.TZ;
    const cases: [string, TimeExpectation, number][] = [
      ['23:50', 'past', sh(2026, 11, 24, 0, 10)],
      ['00:01', 'future', sh(2026, 12, 31, 23, 59)],
      ['17:05', 'any', NOW],
      ['11-24 17:05', 'future', NOW],
      ['昨天 23:50', 'past', NOW],
    ];
    const expected = cases.map(([s, e, now]) => read(s, e, now));
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Europe/London', 'UTC']) {
        process.env.TZ = tz;
        assert.deepEqual(
          cases.map(([s, e, now]) => read(s, e, now)),
          expected,
          tz,
        );
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  test('spring forward: a wall-clock time in the gap does not exist', () => {
    const ny = (text: string, expect: TimeExpectation, now: number) =>
      readTypedTime(text, { timeZone: 'America/New_York', now, expect });
    // 2026-03-08 02:00 EST jumps to 03:00 EDT.
    const springDay = Date.UTC(2026, 2, 8, 12, 0); // 08:00 EDT
    assert.deepEqual(ny('2026-03-08 02:30', 'any', springDay), fail('unreadable'));
    assert.deepEqual(ny('02:30', 'any', springDay), fail('unreadable'));
    // The latest 02:30 that happened was the day before.
    assert.deepEqual(ny('02:30', 'past', springDay), at(Date.UTC(2026, 2, 7, 7, 30)));
    assert.deepEqual(ny('03:30', 'past', springDay), at(Date.UTC(2026, 2, 8, 7, 30)));
    assert.deepEqual(ny('01:30', 'past', springDay), at(Date.UTC(2026, 2, 8, 6, 30)));
  });

  test('fall back: 01:30 happens twice, and expect picks which', () => {
    const ny = (text: string, expect: TimeExpectation, now: number) =>
      readTypedTime(text, { timeZone: 'America/New_York', now, expect });
    // 2026-11-01 02:00 EDT falls back to 01:00 EST: 01:30 is 05:30Z and again 06:30Z.
    const first = Date.UTC(2026, 10, 1, 5, 30);
    const second = Date.UTC(2026, 10, 1, 6, 30);
    const afterBoth = Date.UTC(2026, 10, 1, 7, 0);
    const between = Date.UTC(2026, 10, 1, 6, 0);
    assert.deepEqual(ny('01:30', 'past', afterBoth), at(second));
    assert.deepEqual(ny('01:30', 'past', between), at(first));
    assert.deepEqual(ny('2026-11-01 01:30', 'past', afterBoth), at(second));
    assert.deepEqual(ny('01:30', 'future', Date.UTC(2026, 10, 1, 4, 0)), at(first));
    assert.deepEqual(ny('01:30', 'future', between), at(second));
    assert.deepEqual(ny('01:30', 'any', afterBoth), at(first));
  });

  test('an unknown zone reads nothing rather than throwing', () => {
    assert.deepEqual(readTypedTime('17:05', { timeZone: 'Mars/Olympus', now: NOW, expect: 'past' }), fail('unreadable'));
  });
});

describe('properties', () => {
  // From two days after the floor (EARLIEST_INSTANT, 2000-01-01 in Beijing): a time a day back is still taken.
  const nowArb = fc.integer({ min: Date.UTC(2000, 0, 3), max: Date.UTC(2099, 11, 1) });
  const hhmm = (ms: number, tz: string) => format(new TZDate(ms, tz), 'HH:mm');
  const toMinute = (ms: number) => ms - (((ms % MINUTE) + MINUTE) % MINUTE);

  test("'past': a time up to a day back, typed as HH:mm, reads back to the minute", () => {
    fc.assert(
      fc.property(nowArb, fc.integer({ min: 0, max: DAY - SLACK - MINUTE }), (now, back) => {
        const target = now - back;
        assert.deepEqual(read(hhmm(target, TZ), 'past', now), at(toMinute(target)));
      }),
      { numRuns: 500 },
    );
  });

  test("'future': a time up to a day ahead, typed as HH:mm, reads back to the minute", () => {
    fc.assert(
      fc.property(nowArb, fc.integer({ min: 0, max: DAY - SLACK - MINUTE }), (now, ahead) => {
        const target = now + ahead;
        assert.deepEqual(read(hhmm(target, TZ), 'future', now), at(toMinute(target)));
      }),
      { numRuns: 500 },
    );
  });

  test('the same day-back and day-ahead round trip around midnight, where it matters most', () => {
    const nearMidnight = fc
      .tuple(fc.integer({ min: 0, max: 365 * 80 }), fc.integer({ min: -90, max: 90 }))
      // From 2 January 2000: a time before 2000-01-01 is refused as too early (incident-time.ts).
      .map(([d, m]) => sh(2000, 1, 2, 0, 0) + d * DAY + m * MINUTE);
    fc.assert(
      fc.property(nearMidnight, fc.integer({ min: 0, max: 3 * HOUR }), (now, off) => {
        assert.deepEqual(read(hhmm(now - off, TZ), 'past', now), at(toMinute(now - off)));
        assert.deepEqual(read(hhmm(now + off, TZ), 'future', now), at(toMinute(now + off)));
      }),
    );
  });

  test('with daylight saving, a bare time reads as the same clock, never further from now than meant', () => {
    // Around the changes, where a day has 23 or 25 hours and the typed clock may occur nearer.
    const changes = [
      ['America/New_York', Date.UTC(2026, 2, 8, 7)],
      ['America/New_York', Date.UTC(2026, 10, 1, 6)],
      ['Europe/London', Date.UTC(2026, 2, 29, 1)],
      ['Europe/London', Date.UTC(2026, 9, 25, 1)],
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)],
    ] as const;
    const around = fc.tuple(fc.constantFrom(...changes), fc.integer({ min: -30 * HOUR, max: 30 * HOUR }));
    fc.assert(
      fc.property(around, fc.integer({ min: 0, max: DAY - SLACK - MINUTE }), ([[zone, change], shift], off) => {
        const now = change + shift;
        const past = now - off;
        const r = readTypedTime(hhmm(past, zone), { timeZone: zone, now, expect: 'past' });
        assert.ok(r.ok);
        assert.equal(hhmm(r.at, zone), hhmm(past, zone));
        assert.ok(r.at >= toMinute(past) && r.at <= now + SLACK);
        const due = now + off;
        const f = readTypedTime(hhmm(due, zone), { timeZone: zone, now, expect: 'future' });
        assert.ok(f.ok);
        assert.equal(hhmm(f.at, zone), hhmm(due, zone));
        assert.ok(f.at <= toMinute(due) && f.at >= now - SLACK);
      }),
      { numRuns: 1000 },
    );
  });

  const anyExpect = fc.constantFrom<TimeExpectation>('past', 'future', 'any');
  const timeish = fc.string({
    unit: fc.constantFrom(...'0123456789:：.-/ T年月日号点时分半整昨今前天１２：', '\t', '\u3000'),
    maxLength: 24,
  });

  test('never throws on arbitrary text, and reads the same text the same way twice', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), timeish), nowArb, anyExpect, (s, now, expect) => {
        const a = read(s, expect, now);
        const b = read(s, expect, now);
        assert.deepEqual(a, b);
        if (a.ok) assert.ok(Number.isInteger(a.at));
        else assert.ok(['empty', 'unreadable', 'future', 'past'].includes(a.reason));
      }),
      { numRuns: 1000 },
    );
  });

  test('a full date in any written form reads back to the minute, whatever is expected of it', () => {
    const patterns = fc.constantFrom(
      'yyyy-MM-dd HH:mm',
      'yyyy/M/d H:mm',
      "yyyy-MM-dd'T'HH:mm",
      'yyyy年M月d日 HH:mm',
      'yyyy年M月d日H时mm分',
      'yyyy.MM.dd HHmm',
    );
    const offset = fc.integer({ min: -400 * DAY, max: 400 * DAY });
    fc.assert(
      fc.property(nowArb, patterns, offset, (target, pattern, off) => {
        const typed = format(new TZDate(target, TZ), pattern);
        const now = target + off;
        const r = read(typed, 'any', now);
        assert.deepEqual(r, at(toMinute(target)), typed);
        const past = read(typed, 'past', now);
        assert.deepEqual(past, toMinute(target) <= now + SLACK ? r : fail('future'), typed);
        const future = read(typed, 'future', now);
        assert.deepEqual(future, toMinute(target) >= now - SLACK ? r : fail('past'), typed);
      }),
      { numRuns: 500 },
    );
  });
});
