// Runs in plain Node (tests): which reporting unit an officer means by what they typed.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { matchUnit, MAX_UNIT_CANDIDATES, unitAbbreviation, type MatchableUnit } from '../../shared/domain/unit-match.js';

interface TestUnit extends MatchableUnit {
  kind: string;
}
const unit = (id: number, name: string, more: Partial<TestUnit> = {}): TestUnit => ({ id, name, kind: 'district', ...more });

const UNITS: readonly TestUnit[] = [
  unit(1, '东城区'),
  unit(2, '西城区'),
  unit(3, '朝阳区'),
  unit(4, '市应急管理局', { aliases: ['应急局', '市应急局'], kind: 'department' }),
  unit(5, '市消防救援支队', { aliases: ['消防'], kind: 'department' }),
  unit(6, '南湖区'),
  unit(7, '南湖街道'),
  unit(8, '旧城区', { active: false }),
  unit(9, '沙县', { kind: 'county' }),
  unit(10, '市防汛抗旱指挥部办公室', { aliases: ['防汛办'], kind: 'department' }),
  unit(11, '东风镇'),
  unit(12, '城东区', { active: true }),
  unit(13, '消防站', { kind: 'other' }),
  unit(14, 'ABC化工有限公司', { kind: 'enterprise' }),
];
const key = (text: string) => text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const byId = (id: number) => UNITS.find((u) => u.id === id)!;
const ids = (text: string) => matchUnit(text, UNITS).candidates.map((u) => u.id);
const exactId = (text: string) => matchUnit(text, UNITS).exact?.id ?? null;

describe('unitAbbreviation', () => {
  test('drops one administrative suffix', () => {
    const cases: [string, string][] = [
      ['东城区', '东城'],
      ['沙县区', '沙县'],
      ['市应急管理局', '市应急管理'],
      ['南湖街道', '南湖'],
      ['东风镇', '东风'],
      ['和平里社区居民委员会', '和平里社区居民'],
      ['市防汛抗旱指挥部办公室', '市防汛抗旱指挥部'],
      ['市应急指挥中心', '市应急指挥'],
      ['市消防救援支队', '市消防救援'],
      ['东城区交通大队', '东城区交通'],
      ['海城市', '海城'],
      [' 东城 区 ', '东城'],
    ];
    for (const [name, short] of cases) assert.equal(unitAbbreviation(name), short, name);
  });

  test('a name with no suffix, or only one character before it, stays whole', () => {
    for (const name of ['沙县', '区', '中心', '消防站', 'ABC化工有限公司']) assert.equal(unitAbbreviation(name), name);
  });
});

describe('matchUnit: exact', () => {
  test('the name, however it was spaced or written', () => {
    assert.equal(exactId('东城区'), 1);
    assert.equal(exactId(' 东城区 '), 1);
    assert.equal(exactId('东 城 区'), 1);
    assert.equal(exactId('\u3000东城区\u3000'), 1);
    assert.equal(exactId('ＡＢＣ化工有限公司'), 14);
    assert.equal(exactId('abc化工有限公司'), 14);
    assert.equal(exactId('市消防救援支队'), 5);
  });

  test('an alias', () => {
    assert.equal(exactId('应急局'), 4);
    assert.equal(exactId('市应急局'), 4);
    assert.equal(exactId('防汛办'), 10);
    assert.equal(exactId('消防'), 5);
  });

  test('the name without its suffix, when no other active unit shares it', () => {
    assert.equal(exactId('东城'), 1);
    assert.equal(exactId('西城'), 2);
    assert.equal(exactId('东风'), 11);
    assert.equal(exactId('市应急管理'), 4);
    // 南湖区 and 南湖街道 both shorten to 南湖.
    assert.equal(exactId('南湖'), null);
    assert.deepEqual(ids('南湖'), [6, 7]);
    // An inactive unit sharing the abbreviation does not make it ambiguous.
    const withOld = [...UNITS, unit(20, '东城街道', { active: false })];
    assert.equal(matchUnit('东城', withOld).exact?.id, 1);
    assert.equal(matchUnit('东城', [...UNITS, unit(20, '东城街道')]).exact, null);
  });

  test('part of a name, a doubled name, or a one-character stem is not exact', () => {
    for (const text of ['东', '城', '南湖区南湖区', '东城区东城区', '沙', '区', '东城区应急局', '应急'])
      assert.equal(exactId(text), null, text);
  });

  test('a name wins over an alias, an alias over an abbreviation, and a tie is no match', () => {
    const units = [unit(1, '应急局'), unit(2, '市应急管理局', { aliases: ['应急局'] })];
    assert.equal(matchUnit('应急局', units).exact?.id, 1);
    assert.deepEqual(matchUnit('应急局', units).candidates.map((u) => u.id), [1, 2]);
    const aliased = [unit(1, '东城区'), unit(2, '东城区应急管理局', { aliases: ['东城'] })];
    assert.equal(matchUnit('东城', aliased).exact?.id, 2);
    const twoAliases = [unit(1, '市消防救援支队', { aliases: ['消防'] }), unit(2, '区消防大队', { aliases: ['消防'] })];
    assert.equal(matchUnit('消防', twoAliases).exact, null);
    assert.deepEqual(matchUnit('消防', twoAliases).candidates.map((u) => u.id), [2, 1]);
    const sameName = [unit(1, '东城区'), unit(2, '东城区')];
    assert.equal(matchUnit('东城区', sameName).exact, null);
    assert.equal(matchUnit('东城', sameName).exact, null);
  });

  test('returns the caller’s own objects', () => {
    const r = matchUnit('应急局', UNITS);
    assert.equal(r.exact, byId(4));
    assert.equal(r.exact?.kind, 'department');
  });
});

describe('matchUnit: candidates', () => {
  test('exact first, then names that start with the text, then names that contain it, shorter first', () => {
    assert.deepEqual(ids('东'), [1, 11, 12]);
    assert.deepEqual(ids('城区'), [1, 2]);
    assert.deepEqual(ids('城'), [12, 1, 2]);
    assert.deepEqual(ids('东城'), [1]);
    // The exact unit leads though its name is longer.
    assert.deepEqual(ids('消防'), [5, 13]);
    assert.deepEqual(ids('应急'), [4]);
    assert.deepEqual(ids('市'), [4, 5, 10]);
  });

  test('inactive units are never offered', () => {
    assert.equal(exactId('旧城区'), null);
    assert.deepEqual(ids('旧城区'), []);
    assert.deepEqual(ids('旧城'), []);
    assert.ok(!ids('城').includes(8));
  });

  test('nothing for empty text, tabs, newlines or control characters', () => {
    const pasted = ['东城区\t', '\t东城区', '东城\n区', '东城区\r\n', '东城区\u0000', '\u200b东城区', '东城\u202e区', '\u0007'];
    for (const text of ['', '   ', ...pasted])
      assert.deepEqual(matchUnit(text, UNITS), { exact: null, candidates: [] }, JSON.stringify(text));
  });

  test(`at most ${MAX_UNIT_CANDIDATES}, the shortest names kept`, () => {
    const many = Array.from({ length: 25 }, (_, i) => unit(100 + i, `${'救'.repeat(1 + (i % 5))}援${i}队`));
    const r = matchUnit('援', many);
    assert.equal(r.candidates.length, MAX_UNIT_CANDIDATES);
    const lengths = r.candidates.map((u) => [...u.name].length);
    assert.deepEqual(lengths, [...lengths].sort((a, b) => a - b));
    const cut = Math.max(...lengths);
    assert.ok(many.filter((u) => [...u.name].length < cut).every((u) => r.candidates.includes(u)));
  });
});

describe('matchUnit: properties', () => {
  const syllable = fc.constantFrom('东', '西', '南', '北', '城', '湖', '山', '应急', '消防', '区', '县', '街道', '局', '中心');
  const name = fc.array(syllable, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
  const unitsArb = fc
    .array(fc.record({ name, aliases: fc.array(name, { maxLength: 2 }), active: fc.boolean() }), { maxLength: 14 })
    .map((us) => us.map((u, i) => ({ id: i + 1, ...u })));
  const textArb = fc.oneof(name, fc.string(), fc.string({ unit: 'binary' }), name.map((n) => ` ${n}\t`));

  test('candidates are active units that contain the text, at most ten, exact first; deterministic', () => {
    fc.assert(
      fc.property(unitsArb, textArb, (units, text) => {
        const r = matchUnit(text, units);
        assert.deepEqual(matchUnit(text, units), r);
        assert.ok(r.candidates.length <= MAX_UNIT_CANDIDATES);
        assert.equal(new Set(r.candidates).size, r.candidates.length);
        const q = key(text);
        for (const u of r.candidates) {
          assert.ok(u.active !== false);
          assert.ok([u.name, ...u.aliases].some((n) => n.toLowerCase().includes(q)));
        }
        if (r.exact) {
          assert.ok(r.exact.active !== false);
          assert.equal(r.candidates[0], r.exact);
          assert.ok([r.exact.name, ...r.exact.aliases, unitAbbreviation(r.exact.name)].map(key).includes(q));
        }
        if (/[\p{Cc}\p{Cf}]/u.test(text)) assert.deepEqual(r, { exact: null, candidates: [] });
      }),
      { numRuns: 1000 },
    );
  });

  test("an active unit's own name, when no other active unit has it, is always exact", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        const active = units.filter((u) => u.active);
        for (const u of active) {
          if (active.filter((v) => v.name === u.name).length > 1) continue;
          assert.equal(matchUnit(u.name, units).exact, u);
          // Doubled, it is that unit's name no more (unless it is also one of its aliases).
          const doubled = u.name + u.name;
          if (!u.aliases.map(key).includes(key(doubled))) assert.notEqual(matchUnit(doubled, units).exact, u);
        }
        for (const u of units.filter((v) => !v.active)) {
          assert.ok(!matchUnit(u.name, units).candidates.includes(u));
        }
      }),
      { numRuns: 500 },
    );
  });
});
