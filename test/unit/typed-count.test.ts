// Runs in plain Node (tests): people counts and money as officers type them; only an exact figure
// reads as a number.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  chineseNumeralValue,
  MAX_AMOUNT_YUAN,
  MAX_COUNT,
  readAmount,
  readCount,
  type CountError,
  type CountResult,
} from '../../shared/domain/typed-count.js';

const value = (v: number | null): CountResult => ({ ok: true, value: v });
const fail = (reason: CountError): CountResult => ({ ok: false, reason });

/** The standard written Chinese numeral of 0 <= n < 100 000 000 ("一万零一十", "十五", "两" never). */
function zh(n: number): string {
  if (n === 0) return '零';
  const digits = '零一二三四五六七八九';
  const units = ['', '十', '百', '千'];
  const section = (x: number) => {
    let s = '';
    let gap = false;
    for (let p = 3; p >= 0; p--) {
      const d = Math.floor(x / 10 ** p) % 10;
      if (d === 0) {
        gap = s !== '';
        continue;
      }
      if (gap) s += '零';
      gap = false;
      s += digits[d]! + units[p]!;
    }
    return s;
  };
  const high = Math.floor(n / 10_000);
  const low = n % 10_000;
  let s = high ? section(high) + '万' : '';
  if (low) s += (high && low < 1000 ? '零' : '') + section(low);
  return s.replace(/^一十/, '十');
}

describe('readCount', () => {
  test('not stated is null, not 0', () => {
    for (const s of ['', ' ', '\u3000', '  \t']) assert.deepEqual(readCount(s), value(null), JSON.stringify(s));
  });

  test('numbers as typed, with full-width digits and a trailing 人, 名, 个 or 位', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['3', 3],
      ['３', 3],
      ['１２', 12],
      ['03', 3],
      [' 3 ', 3],
      ['3人', 3],
      ['3 人', 3],
      [' 3人 ', 3],
      ['3名', 3],
      ['3个', 3],
      ['3位', 3],
      ['3个人', 3],
      ['1000000', 1_000_000],
    ];
    for (const [s, n] of cases) assert.deepEqual(readCount(s), value(n), s);
  });

  test('Chinese numerals, and 无 for none', () => {
    const cases: [string, number][] = [
      ['零', 0],
      ['〇', 0],
      ['无', 0],
      ['无人', 0],
      ['零人', 0],
      ['一', 1],
      ['二', 2],
      ['两', 2],
      ['两人', 2],
      ['三', 3],
      ['九', 9],
      ['十', 10],
      ['十一', 11],
      ['一十一', 11],
      ['十九', 19],
      ['二十', 20],
      ['九十九', 99],
      ['一百', 100],
      ['一百零一', 101],
      ['一百一十', 110],
      ['一百五', 150],
      ['两百', 200],
      ['二百零五', 205],
      ['一千', 1000],
      ['两千', 2000],
      ['一千零五', 1005],
      ['一千零五十', 1050],
      ['一千二', 1200],
      ['一万', 10_000],
      ['一万五', 15_000],
      ['一万零一', 10_001],
      ['十万', 100_000],
      ['二十万零三百', 200_300],
      ['一百万', 1_000_000],
      ['壹佰零伍', 105],
      ['三十五名', 35],
    ];
    for (const [s, n] of cases) assert.deepEqual(readCount(s), value(n), s);
  });

  test('negative', () => {
    for (const s of ['-3', '−3', '－3', '- 3', '负3', '-三', '-0', '-3人'])
      assert.deepEqual(readCount(s), fail('negative'), s);
  });

  test('not a number', () => {
    for (const s of [
      '3o',
      'abc',
      '3-4',
      '3,4',
      '3，4',
      '1,000',
      '3 4',
      '人',
      '3人人',
      '-',
      '--3',
      '+3',
      '3e2',
      '0x10',
      'Infinity',
      'NaN',
      '十两',
      '一百两',
      '二十两',
      '一百十',
      '一千五十',
      '一百零',
      '零五',
      '零零',
      '一零五',
      '万',
      '一万零五千',
      '一万五百',
      '3万',
      '٣',
      '伤3人',
      '无伤亡',
    ])
      assert.deepEqual(readCount(s), fail('notNumber'), s);
  });

  test('vague: an estimate is not a figure for the report', () => {
    for (const s of [
      '十几',
      '几',
      '几人',
      '数十',
      '数人',
      '多人',
      '若干',
      '3余',
      '3余人',
      '10多',
      '10多人',
      '三四',
      '三四人',
      '五六个',
      '十二三',
      '约3',
      '约3人',
      '大约10',
      '3人左右',
      '近百人',
      '3+',
      '3?',
      '3？',
      '3~4',
      '3至4',
      '3或4',
      '不详',
      '十来人',
    ])
      assert.deepEqual(readCount(s), fail('vague'), s);
  });

  test('fraction', () => {
    for (const s of ['1.5', '1.0', '0.5', '１．５', '1/2', '一点五']) assert.deepEqual(readCount(s), fail('fraction'), s);
  });

  test('too large', () => {
    assert.equal(MAX_COUNT, 1_000_000);
    for (const s of ['1000001', '99999999999999999999999', '一百万零一', '一千万', '一亿'])
      assert.deepEqual(readCount(s), fail('tooLarge'), s);
  });

  test('the test formatter writes numerals the usual way', () => {
    const cases: [number, string][] = [
      [0, '零'],
      [10, '十'],
      [15, '十五'],
      [105, '一百零五'],
      [110, '一百一十'],
      [1001, '一千零一'],
      [1010, '一千零一十'],
      [10_010, '一万零一十'],
      [10_100, '一万零一百'],
      [100_000, '十万'],
      [110_005, '十一万零五'],
    ];
    for (const [n, s] of cases) assert.equal(zh(n), s);
  });

  test('String(n) and the Chinese numeral of n read back as n, for every n up to 100 000', () => {
    for (let n = 0; n <= 100_000; n++) {
      assert.deepEqual(readCount(String(n)), value(n));
      assert.deepEqual(readCount(zh(n)), value(n));
    }
  });

  test('property: digits, numerals, 两 and a trailing 人 read back; decorated they do not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom('', '人', '名', ' 人'), (n, unit) => {
        assert.deepEqual(readCount(String(n) + unit), value(n));
        assert.deepEqual(readCount(zh(n) + unit), value(n));
        assert.equal(chineseNumeralValue(zh(n)), n);
        const liang = zh(n).replace(/^二(?=[百千万])/, '两');
        assert.deepEqual(readCount(liang), value(n));
        assert.deepEqual(readCount(`-${n}`), fail('negative'));
        for (const vague of [`约${n}`, `${n}多`, `${n}余人`, `${zh(n)}多人`]) assert.deepEqual(readCount(vague), fail('vague'));
        assert.deepEqual(readCount(`${n}.5`), fail('fraction'));
      }),
      { numRuns: 2000 },
    );
  });

  test('property: never throws, is deterministic, and any number it gives came from digits or numerals', () => {
    const countish = fc.string({ unit: fc.constantFrom(...'0123456789３一二两三十百千万零无人名个位多余约几-−., '), maxLength: 10 });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), countish), (s) => {
        const r = readCount(s);
        assert.deepEqual(readCount(s), r);
        if (!r.ok || r.value === null) return;
        assert.ok(Number.isSafeInteger(r.value) && r.value >= 0 && r.value <= MAX_COUNT);
        const body = s.normalize('NFKC').trim().replace(/\s*(?:个人|[人名个位])$/, '');
        assert.match(body, /^(?:\d+|[零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖十拾百佰千仟万亿]+|无)$/);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('readCount of a unit other than people (the natural-disaster figures)', () => {
  test('受灾人口 in people or person-times, houses in rooms: only the unit word is taken off', () => {
    assert.deepEqual(readCount('1200人次', 'personTimes'), value(1200));
    assert.deepEqual(readCount('一千二百人', 'personTimes'), value(1200));
    assert.deepEqual(readCount('12间', 'rooms'), value(12));
    assert.deepEqual(readCount(' 十二 间 ', 'rooms'), value(12));
    assert.deepEqual(readCount('无', 'rooms'), value(0));
    assert.deepEqual(readCount('', 'rooms'), value(null));
    // Each reads only its own unit: 人次 is no count of people, 人 no count of rooms, 户 (households) no count of rooms.
    assert.deepEqual(readCount('1200人次'), fail('notNumber'));
    assert.deepEqual(readCount('12人', 'rooms'), fail('notNumber'));
    assert.deepEqual(readCount('12户', 'rooms'), fail('notNumber'));
    // Refused exactly as people counts are.
    assert.deepEqual(readCount('十几间', 'rooms'), fail('vague'));
    assert.deepEqual(readCount('约1200人次', 'personTimes'), fail('vague'));
    assert.deepEqual(readCount('-3间', 'rooms'), fail('negative'));
    assert.deepEqual(readCount('1.5间', 'rooms'), fail('fraction'));
  });

  test('property: a number with its unit reads back as the number alone does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.constantFrom('', '间', ' 间'), (n, unit) => {
        assert.deepEqual(readCount(String(n) + unit, 'rooms'), value(n));
        assert.deepEqual(readCount(zh(n) + unit, 'rooms'), value(n));
        assert.deepEqual(readCount(`${n}人次`, 'personTimes'), readCount(String(n)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('readAmount', () => {
  test('empty is null', () => {
    assert.deepEqual(readAmount(''), value(null));
    assert.deepEqual(readAmount('  '), value(null));
  });

  test('digits, separators, decimals to the fen, 万 and 亿', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['0.00', 0],
      ['1234567', 1_234_567],
      ['1,234,567', 1_234_567],
      ['１，２３４，５６７', 1_234_567],
      ['1234.5', 1234.5],
      ['1234.56', 1234.56],
      ['1,234.56', 1234.56],
      ['1234.50', 1234.5],
      ['1234.560', 1234.56],
      ['1234元', 1234],
      ['1234 元', 1234],
      ['¥1,234.50', 1234.5],
      ['￥1234', 1234],
      ['35万', 350_000],
      ['35万元', 350_000],
      ['35 万元', 350_000],
      ['3.5万', 35_000],
      ['1.2345万', 12_345],
      ['1.234567万', 12_345.67],
      ['1.2亿', 120_000_000],
      ['1.2亿元', 120_000_000],
      ['1,000万', 10_000_000],
      ['三十五万元', 350_000],
      ['两千元', 2000],
      ['一亿', 100_000_000],
      ['10000亿', MAX_AMOUNT_YUAN],
    ];
    for (const [s, n] of cases) assert.deepEqual(readAmount(s), value(n), s);
  });

  test('errors', () => {
    const cases: [string, CountError][] = [
      ['-3', 'negative'],
      ['−35万', 'negative'],
      ['-1,234', 'negative'],
      ['1234.567', 'fraction'],
      ['0.001', 'fraction'],
      ['1.2345678万', 'fraction'],
      ['1/2', 'fraction'],
      ['约35万', 'vague'],
      ['35万余', 'vague'],
      ['35万多元', 'vague'],
      ['数十万', 'vague'],
      ['上百万', 'vague'],
      ['1,2345', 'notNumber'],
      ['12,34,567', 'notNumber'],
      [',123', 'notNumber'],
      ['1.2.3', 'notNumber'],
      ['.5', 'notNumber'],
      ['5.', 'notNumber'],
      ['万', 'notNumber'],
      ['35万万', 'notNumber'],
      ['3万5千', 'notNumber'],
      ['35千', 'notNumber'],
      ['abc', 'notNumber'],
      ['1e6', 'notNumber'],
      ['10001亿', 'tooLarge'],
      ['1000000000000.01', 'tooLarge'],
      ['99999999999999999999999999', 'tooLarge'],
    ];
    for (const [s, reason] of cases) assert.deepEqual(readAmount(s), fail(reason), s);
  });

  test('property: any amount in fen, written with or without separators or in 万, reads back', () => {
    const group = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, ',');
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: BigInt(MAX_AMOUNT_YUAN) * 100n }), (fen) => {
        const yuan = Number(fen) / 100;
        const whole = (fen / 100n).toString();
        const cents = (fen % 100n).toString().padStart(2, '0');
        assert.deepEqual(readAmount(`${whole}.${cents}`), value(yuan));
        assert.deepEqual(readAmount(`${group(whole)}.${cents}元`), value(yuan));
        const wan = (fen / 1_000_000n).toString();
        const wanFrac = (fen % 1_000_000n).toString().padStart(6, '0');
        assert.deepEqual(readAmount(`${wan}.${wanFrac}万`), value(yuan));
        assert.deepEqual(readAmount(`-${whole}`), fail('negative'));
      }),
      { numRuns: 1000 },
    );
  });

  test('property: never throws and is deterministic', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...'0123456789,.万亿元-¥约 ') })), (s) => {
        const r = readAmount(s);
        assert.deepEqual(readAmount(s), r);
        if (r.ok && r.value !== null) assert.ok(r.value >= 0 && r.value <= MAX_AMOUNT_YUAN);
      }),
      { numRuns: 2000 },
    );
  });
});
