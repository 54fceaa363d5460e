// Pure domain code: runs anywhere. The 要情 sentence of the daily bulletin, in the order a duty
// room writes it: time, place (with the unit), event, casualties, response. For example
// "11月23日10时，东城区人民大道与建设路口发生一起较大道路交通事故，造成3人死亡、2人重伤，交警、120已到场处置。"
// Only what was stated is said: no figures stated, nothing about casualties (never "0人").
import { isAccidentCategory, type Category } from './categories.js';
import { formatInZone } from './duty-day.js';
import type { Level } from './levels.js';
import { NATURAL_FIGURE_KEYS, type NaturalFigureKey } from './natural-figures.js';
import { translate, type Locale } from '../i18n/index.js';

export interface KeyItemFacts {
  occurredAt: number;
  place: string;
  responsibleUnit: string;
  category: Category;
  level: Level;
  deaths: number | null;
  missing: number | null;
  seriouslyInjured: number | null;
  injured: number | null;
  /** Absent in bulletins issued before it was kept. */
  trapped?: number | null | undefined;
  /** A natural disaster's 受灾人口, 紧急转移安置人口, 倒塌房屋; absent in bulletins issued before they were kept. */
  affected?: number | null | undefined;
  evacuated?: number | null | undefined;
  housesCollapsed?: number | null | undefined;
  /** The measures taken, as the reports stated them (one per line). */
  measures: string;
  /** The response had ended (处置结束). */
  closed: boolean;
}

export interface KeyItemOptions {
  locale: Locale;
  timeZone: string;
  /** The bulletin's year: a date in another year is written with its year. */
  year?: number;
}

const CASUALTIES = ['deaths', 'missing', 'seriouslyInjured', 'injured', 'trapped'] as const;

/**
 * The casualties as stated: the figures above 0 ("造成3人死亡、2人重伤"); "无人员伤亡" where deaths were
 * stated as 0 and every other figure stated is 0 too; nothing where no figure says either (deaths
 * not stated and nobody counted hurt), rather than a "0人" nobody reported.
 */
export function casualtyPhrase(f: Pick<KeyItemFacts, (typeof CASUALTIES)[number]>, locale: Locale): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(locale, key, params);
  const stated = CASUALTIES.filter((k) => f[k] != null);
  const counted = stated.filter((k) => (f[k] ?? 0) > 0);
  if (counted.length) return t('keyItem.caused', { list: counted.map((k) => t(`keyItem.${k}`, { n: f[k]! })).join(locale === 'zh-CN' ? '、' : ', ') });
  return f.deaths === 0 ? t('keyItem.noCasualties') : '';
}

/** A natural disaster's stated figures above 0, as casualties are said ("受灾人口1200人、倒塌房屋12间"); '' where none. */
export function naturalPhrase(f: Partial<Record<NaturalFigureKey, number | null | undefined>>, locale: Locale): string {
  const said = NATURAL_FIGURE_KEYS.filter((k) => (f[k] ?? 0) > 0).map((k) => translate(locale, `keyItem.${k}`, { n: f[k]! }));
  return said.join(locale === 'zh-CN' ? '、' : ', ');
}

/** The measures as one clause: each stated line without its closing punctuation, joined. */
export function measuresClause(measures: string, locale: Locale): string {
  const parts = measures
    .split(/\n+/)
    .map((m) => m.trim().replace(/[。．.；;，,、\s]+$/u, ''))
    .filter(Boolean);
  return parts.join(locale === 'zh-CN' ? '；' : '; ');
}

/** Names of areas (a district, a county, a town...): the place is theirs, so they lead it. */
const AREA = /(省|市|区|县|旗|镇|乡|街道)$/u;

/**
 * Where, with the unit: a place that names the unit already stands as it is; an area's unit leads
 * the place (南湖区 + 湖滨花园 -> 南湖区湖滨花园); any other unit (a department, an enterprise) is
 * named as the source of the report instead.
 */
export function placeWithUnit(place: string, unit: string): { place: string; source: string | null } {
  const p = place.trim();
  const u = unit.trim();
  if (!u || p.includes(u)) return { place: p, source: null };
  if (AREA.test(u)) return { place: `${u}${p}`, source: null };
  return { place: p, source: u };
}

function timeOf(ms: number, o: KeyItemOptions): string {
  const [y, mo, d, h, mi] = formatInZone(ms, o.timeZone, 'yyyy-M-d-H-m').split('-').map(Number) as [number, number, number, number, number];
  if (o.locale === 'zh-CN') return `${y !== (o.year ?? y) ? `${y}年` : ''}${mo}月${d}日${h}时${mi ? `${mi}分` : ''}`;
  return `${formatInZone(ms, o.timeZone, 'HH:mm')} on ${formatInZone(ms, o.timeZone, y !== (o.year ?? y) ? 'd MMM yyyy' : 'd MMM')}`;
}

/** The 要情 sentence of one incident. */
export function keyItemSentence(f: KeyItemFacts, o: KeyItemOptions): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) => translate(o.locale, key, params);
  const { place, source } = placeWithUnit(f.place, f.responsibleUnit);
  // The level is named for accidents of level III and above (一起较大道路交通事故); other classes are graded by their own plans.
  const level = isAccidentCategory(f.category) && f.level !== 'IV' ? t(`keyItem.level.${f.level}`) : '';
  const event = t(`keyItem.event.${f.category}`, { level });
  const casualties = [casualtyPhrase(f, o.locale), naturalPhrase(f, o.locale)].filter(Boolean).join(o.locale === 'zh-CN' ? '，' : ', ');
  const measures = measuresClause(f.measures, o.locale);
  const when = timeOf(f.occurredAt, o);
  if (o.locale === 'zh-CN') {
    const head = `${source ? `据${source}报告，` : ''}${when}，${place ? `${place}` : ''}发生${event}`;
    return `${[head, casualties, measures, f.closed ? t('keyItem.closed') : ''].filter(Boolean).join('，')}。`;
  }
  const head = `${source ? `According to ${source}, at` : 'At'} ${when}, ${event} occurred${place ? ` at ${place}` : ''}${casualties ? `, ${casualties}` : ''}`;
  return `${[head, measures, f.closed ? t('keyItem.closed') : ''].filter(Boolean).join('; ')}.`;
}
