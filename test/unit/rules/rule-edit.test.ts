// Unit: the rule set as the cells Settings edits (shared/domain/rules/rule-edit.ts). Every cell
// of every pack reads back as the same value; what was typed is the value or an error, never
// rounded or clamped; a cell left as shown keeps its value exactly.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { RULE_PACKS } from '../../../shared/domain/rules/packs/index.js';
import { applyCells, cellOfPath, cellText, readCell, RULE_CELLS, type Cell } from '../../../shared/domain/rules/rule-edit.js';
import { parseRuleSet } from '../../../shared/domain/rules/rule-set.js';

const cell = (path: string): Cell => RULE_CELLS.find((c) => c.path === path)!;
const henan = RULE_PACKS.find((p) => p.id === 'cn-henan')!.ruleSet;

describe('rule-set cells', () => {
  test('every cell of every pack shows a text that reads back as its value', () => {
    for (const pack of RULE_PACKS) {
      const typed = Object.fromEntries(RULE_CELLS.map((c) => [c.path, cellText(pack.ruleSet, c)]));
      // Read every cell, not only the changed ones: a text that does not read back would show here.
      for (const c of RULE_CELLS) assert.equal(readCell(c, typed[c.path]!, pack.ruleSet).ok, true, `${pack.id} ${c.path}`);
      const applied = applyCells(pack.ruleSet, typed);
      assert.ok(applied.ok);
      assert.deepEqual(applied.doc, pack.ruleSet);
    }
  });

  test('numbers: exactly as typed, full-width digits read as ASCII; anything else is an error', () => {
    const first = cell('profiles.accident.limits.I.firstReportMin');
    assert.deepEqual(readCell(first, '１５', henan), { ok: true, value: 15 });
    assert.deepEqual(readCell(first, ' 7.5 ', henan), { ok: true, value: 7.5 });
    for (const bad of ['0', '-5', '15分钟', '1e3', '', '１５ｈ', '0x10']) assert.equal(readCell(first, bad, henan).ok, false, bad);
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), (n) => assert.deepEqual(readCell(first, String(n), henan), { ok: true, value: n })));
    const written = cell('profiles.natural.limits.III.writtenReportMin');
    assert.deepEqual(readCell(written, '', henan), { ok: true, value: null }, 'blank: not required');
    assert.deepEqual(readCell(cell('occurrenceCorrectionMin'), '0', henan), { ok: true, value: 0 });
  });

  test('follow-ups: a gap in hours, or local times every day', () => {
    const f = cell('profiles.accident.limits.II.followup');
    assert.deepEqual(readCell(f, '12', henan), { ok: true, value: { gapHours: 12 } });
    assert.deepEqual(readCell(f, '8:00、17:00', henan), { ok: true, value: { dailyAt: ['08:00', '17:00'] } });
    assert.deepEqual(readCell(f, '０９：００', henan), { ok: true, value: { dailyAt: ['09:00'] } });
    for (const bad of ['24:00', '08:60', '08:00、08:00', '每日9点', '']) assert.equal(readCell(f, bad, henan).ok, false, bad);
  });

  test('the supplement window: blank is none; a number keeps the per-category days', () => {
    const w = cell('profiles.accident.supplementWindowDays');
    assert.deepEqual(readCell(w, '', henan), { ok: true, value: null });
    assert.deepEqual(readCell(w, '20', henan), { ok: true, value: { default: 20, byCategory: henan.profiles.accident.supplementWindowDays!.byCategory } });
  });

  test('an error names its cell, nothing is built; a schema error maps back to its cell', () => {
    const applied = applyCells(henan, { 'profiles.natural.limits.I.finalReportHours': 'abc', concealmentWindowHours: '24' });
    assert.equal(applied.ok, false);
    assert.deepEqual(Object.keys(!applied.ok ? applied.errors : {}), ['profiles.natural.limits.I.finalReportHours']);
    // Level II asking for more deaths than level I: the schema names the cell.
    const lower = applyCells(henan, { 'levelThresholds.II.deathsAndMissing': '40' });
    assert.ok(lower.ok);
    const checked = parseRuleSet(lower.doc);
    assert.equal(checked.ok, false);
    assert.equal(cellOfPath(!checked.ok ? checked.error.path : '')?.path, 'levelThresholds.II.deathsAndMissing');
    assert.equal(cellOfPath('profiles.natural.limits.I.followup.dailyAt[1]')?.path, 'profiles.natural.limits.I.followup');
  });
});

describe('the relay cells (RELAY_LATE)', () => {
  test('a rule set without a relay section shows the defaults and stays without one when they are left as shown', () => {
    const words = cell('relay.byLevelWordMin');
    assert.equal(cellText(henan, words), '红色 30');
    assert.equal(cellText(henan, cell('relay.byKindMin.warning')), '60');
    const same = applyCells(henan, { 'relay.byLevelWordMin': '红色 30', 'relay.byKindMin.warning': '60' });
    assert.ok(same.ok);
    assert.equal(same.doc.relay, undefined);
  });

  test('an edit writes the defaults out with the change; level words read as word and minutes, or an error', () => {
    const applied = applyCells(henan, { 'relay.byLevelWordMin': '红色 20、橙色　４５', 'relay.byKindMin.instruction': '120' });
    assert.ok(applied.ok);
    assert.deepEqual(applied.doc.relay, { byKindMin: { superior: 60, warning: 60, instruction: 120, local: 60 }, byLevelWordMin: { 红色: 20, 橙色: 45 } });
    assert.equal(applyCells(henan, { 'relay.byLevelWordMin': '' }).ok, true, 'empty: no word limits');
    for (const bad of ['红色', '红色 0', '红色 30、红色 40', '30', '45']) assert.equal(readCell(cell('relay.byLevelWordMin'), bad, henan).ok, false, bad);
  });
});
