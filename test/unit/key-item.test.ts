// Runs in plain Node (tests): the bulletin's 要情 sentence (时间、地点、单位、事件、伤亡、处置) as a pure
// function of an incident's facts, and the measures and status the bulletin gives it. Times are
// fixed instants read in the duty room's zone: nothing depends on today's date.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bulletinStatusOf, measuresTakenOf } from '../../shared/domain/bulletin.js';
import { casualtyPhrase, keyItemSentence, measuresClause, naturalPhrase, placeWithUnit, type KeyItemFacts } from '../../shared/domain/key-item.js';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(`${iso}+08:00`);
const zh = { locale: 'zh-CN' as const, timeZone: TZ, year: 2026 };

const road: KeyItemFacts = {
  occurredAt: at('2026-11-23T10:00:00'),
  place: '东城区人民大道与建设路口',
  responsibleUnit: '东城区',
  category: 'road_traffic',
  level: 'III',
  deaths: 3,
  missing: null,
  seriouslyInjured: 2,
  injured: null,
  measures: '交警、120已到场处置。',
  closed: false,
};

describe('keyItemSentence (zh-CN)', () => {
  test('the usual form: time, place, event, casualties, response', () => {
    assert.equal(keyItemSentence(road, zh), '11月23日10时，东城区人民大道与建设路口发生一起较大道路交通事故，造成3人死亡、2人重伤，交警、120已到场处置。');
  });

  test('minutes when not on the hour; the year when it is not the bulletin’s', () => {
    assert.match(keyItemSentence({ ...road, occurredAt: at('2026-11-23T09:05:00') }, zh), /^11月23日9时5分，东城区/);
    assert.match(keyItemSentence({ ...road, occurredAt: at('2025-12-31T23:50:00') }, { ...zh, year: 2026 }), /^2025年12月31日23时50分，/);
    // The zone applies: 01:30 UTC on the 23rd is 09:30 in Shanghai.
    assert.match(keyItemSentence({ ...road, occurredAt: Date.UTC(2026, 10, 23, 1, 30) }, zh), /^11月23日9时30分，/);
  });

  test('the unit: named in the place, leading it when an area, the source of the report otherwise', () => {
    assert.deepEqual(placeWithUnit('东城区人民大道', '东城区'), { place: '东城区人民大道', source: null });
    assert.deepEqual(placeWithUnit('湖滨花园', '南湖区'), { place: '南湖区湖滨花园', source: null });
    assert.deepEqual(placeWithUnit('', '南湖区'), { place: '南湖区', source: null });
    assert.deepEqual(placeWithUnit('花山街道某小区', '市燃气集团'), { place: '花山街道某小区', source: '市燃气集团' });
    assert.equal(
      keyItemSentence({ ...road, category: 'gas', level: 'IV', place: '花山街道某小区', responsibleUnit: '市燃气集团', deaths: 0, seriouslyInjured: 0, measures: '' }, zh),
      '据市燃气集团报告，11月23日10时，花山街道某小区发生一起城镇燃气事故，无人员伤亡。',
    );
    assert.equal(
      keyItemSentence({ ...road, category: 'construction', level: 'IV', place: '湖滨花园', responsibleUnit: '南湖区', deaths: 1, seriouslyInjured: null, measures: '' }, zh),
      '11月23日10时，南湖区湖滨花园发生一起建筑施工事故，造成1人死亡。',
    );
  });

  test('the level is named for accidents of level III and above; other classes are graded by their own plans', () => {
    assert.match(keyItemSentence({ ...road, level: 'II' }, zh), /发生一起重大道路交通事故/);
    assert.match(keyItemSentence({ ...road, level: 'I' }, zh), /发生一起特别重大道路交通事故/);
    assert.match(keyItemSentence({ ...road, level: 'IV' }, zh), /发生一起道路交通事故/);
    assert.match(keyItemSentence({ ...road, category: 'fire' }, zh), /发生一起较大火灾/);
    assert.match(keyItemSentence({ ...road, category: 'flood', level: 'II', place: '新洲区', responsibleUnit: '新洲区' }, zh), /，新洲区发生洪涝灾害，/);
    assert.match(keyItemSentence({ ...road, category: 'earthquake', level: 'III' }, zh), /发生地震，/);
    assert.match(keyItemSentence({ ...road, category: 'public_health' }, zh), /发生一起突发公共卫生事件/);
  });

  test('casualties: only what was stated; no figures, nothing; 0 deaths and nothing else above 0, 无人员伤亡', () => {
    const none = { deaths: null, missing: null, seriouslyInjured: null, injured: null, trapped: null };
    assert.equal(casualtyPhrase(none, 'zh-CN'), '');
    assert.equal(keyItemSentence({ ...road, ...none, measures: '' }, zh), '11月23日10时，东城区人民大道与建设路口发生一起较大道路交通事故。', 'never "0人"');
    assert.equal(casualtyPhrase({ ...none, deaths: 0 }, 'zh-CN'), '无人员伤亡');
    assert.equal(casualtyPhrase({ deaths: 0, missing: 0, seriouslyInjured: 0, injured: 0, trapped: 0 }, 'zh-CN'), '无人员伤亡');
    assert.equal(casualtyPhrase({ ...none, injured: 0 }, 'zh-CN'), '', 'deaths not stated: 0 injured says nothing of the dead');
    assert.equal(casualtyPhrase({ deaths: 0, missing: 0, seriouslyInjured: 0, injured: 4, trapped: null }, 'zh-CN'), '造成4人受伤');
    assert.equal(casualtyPhrase({ deaths: 3, missing: 1, seriouslyInjured: 2, injured: 5, trapped: 2 }, 'zh-CN'), '造成3人死亡、1人失踪、2人重伤、5人受伤、2人被困');
    assert.equal(casualtyPhrase({ deaths: null, missing: null, seriouslyInjured: 2, injured: null }, 'zh-CN'), '造成2人重伤');
  });

  test('a natural disaster: its figures above 0 after the casualties, in the statistics system’s order', () => {
    const flood = { ...road, category: 'flood' as const, level: 'III' as const, place: '涨渡湖村', responsibleUnit: '新洲区', deaths: 0, missing: 0, seriouslyInjured: null, injured: null, measures: '' };
    assert.equal(
      keyItemSentence({ ...flood, affected: 1500, evacuated: 300, housesCollapsed: 12 }, zh),
      '11月23日10时，新洲区涨渡湖村发生洪涝灾害，无人员伤亡，受灾人口1500人、紧急转移安置300人、倒塌房屋12间。',
    );
    assert.equal(naturalPhrase({ affected: null, evacuated: 0, housesCollapsed: 3 }, 'zh-CN'), '倒塌房屋3间', 'never "0人"');
    assert.equal(naturalPhrase({}, 'zh-CN'), '', 'a bulletin issued before the figures were kept');
    assert.equal(keyItemSentence(flood, zh), '11月23日10时，新洲区涨渡湖村发生洪涝灾害，无人员伤亡。');
  });

  test('the response: each stated measure, joined, without doubled punctuation; 处置结束 said when it ended', () => {
    assert.equal(measuresClause('交警、120已到场。\n伤员已送医；\n\n道路恢复通行', 'zh-CN'), '交警、120已到场；伤员已送医；道路恢复通行');
    assert.equal(
      keyItemSentence({ ...road, measures: '消防、120已到场救援。\n3名被困人员已全部救出', closed: true }, zh),
      '11月23日10时，东城区人民大道与建设路口发生一起较大道路交通事故，造成3人死亡、2人重伤，消防、120已到场救援；3名被困人员已全部救出，现场处置已结束。',
    );
    assert.equal(keyItemSentence({ ...road, measures: '', closed: true }, zh), '11月23日10时，东城区人民大道与建设路口发生一起较大道路交通事故，造成3人死亡、2人重伤，现场处置已结束。');
  });
});

describe('keyItemSentence (en)', () => {
  test('the same facts in English', () => {
    assert.equal(
      keyItemSentence(road, { locale: 'en', timeZone: TZ, year: 2026 }),
      'At 10:00 on 23 Nov, a large road traffic accident occurred at 东城区人民大道与建设路口, leaving 3 dead, 2 seriously injured; 交警、120已到场处置.',
    );
    assert.equal(
      keyItemSentence({ ...road, category: 'fire', level: 'IV', place: '仓库', responsibleUnit: '市燃气集团', deaths: 0, seriouslyInjured: null, measures: '', closed: true }, { locale: 'en', timeZone: TZ, year: 2027 }),
      'According to 市燃气集团, at 10:00 on 23 Nov 2026, a fire occurred at 仓库, with no casualties; the response has ended.',
    );
  });
});

describe('measuresTakenOf and bulletinStatusOf', () => {
  test('each distinct measure once, in order; one a later one repeats in full gives way to it', () => {
    assert.equal(measuresTakenOf([null, ' 交警已到场 ', '', '交警已到场', '伤员已送医']), '交警已到场\n伤员已送医');
    assert.equal(measuresTakenOf(['交警已到场', '交警已到场，伤员已送医', '善后处置完毕']), '交警已到场，伤员已送医\n善后处置完毕');
    assert.equal(measuresTakenOf([null, null]), '');
  });

  test('as at the end of the day: open until the response ended before the end; no final report yet, final pending', () => {
    const end = at('2026-11-24T08:30:00');
    assert.equal(bulletinStatusOf(null, true, end), 'open');
    assert.equal(bulletinStatusOf(end, true, end), 'open', 'ended at the very end: the next day’s');
    assert.equal(bulletinStatusOf(end - 1, true, end), 'closed');
    assert.equal(bulletinStatusOf(end - 1, false, end), 'final_pending');
  });
});
