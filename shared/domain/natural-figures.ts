// Pure domain code: runs anywhere. The main figures of the natural-disaster statistics system
// (自然灾害情况统计调查制度, 应急〔2020〕19号) that a report states beside deaths and missing:
// 受灾人口 (people affected), 紧急转移安置人口 (people evacuated and resettled) and 倒塌房屋 (rooms of
// houses collapsed, 间). Its 直接经济损失 is the report's own directLossYuan. Only a natural-class
// incident's reports state them. Null is "not stated", never 0: a total of figures nobody stated
// is null too, and is not printed.
import { categoryClassOf, type Category } from './categories.js';
import type { CountUnit } from './typed-count.js';
import type { MessageKey } from '../i18n/index.js';

export const NATURAL_FIGURE_KEYS = ['affected', 'evacuated', 'housesCollapsed'] as const;
export type NaturalFigureKey = (typeof NATURAL_FIGURE_KEYS)[number];
export type NaturalFigures = Record<NaturalFigureKey, number | null>;

/** The unit each figure is typed and said in: 受灾人口 in people or person-times, houses in rooms. */
export const NATURAL_FIGURE_UNITS: Record<NaturalFigureKey, CountUnit> = { affected: 'personTimes', evacuated: 'people', housesCollapsed: 'rooms' };

/** Whether an incident of this category may state the natural-disaster figures. */
export function takesNaturalFigures(category: Category): boolean {
  return categoryClassOf(category) === 'natural';
}

/** The natural-disaster incidents of a day or a period, added up. Loss in yuan. */
export interface NaturalTotals extends NaturalFigures {
  /** How many natural-disaster incidents were counted. */
  incidents: number;
  directLossYuan: number | null;
}

export const noNaturalTotals = (): NaturalTotals => ({ incidents: 0, affected: null, evacuated: null, housesCollapsed: null, directLossYuan: null });

/** A figure added to a total: a figure not stated adds nothing, and leaves a total nobody stated null. */
const plus = (total: number | null, v: number | null | undefined): number | null => (v == null ? total : (total ?? 0) + v);

/**
 * Each figure summed over the incidents that stated it (each incident's own current figure, as the
 * caller read it); null where none did. Only the incidents given are added: the caller picks the
 * natural-class ones.
 */
export function sumNaturalFigures(incidents: Iterable<Partial<NaturalFigures> & { directLossYuan: number | null }>): NaturalTotals {
  const total = noNaturalTotals();
  for (const i of incidents) {
    total.incidents++;
    for (const k of NATURAL_FIGURE_KEYS) total[k] = plus(total[k], i[k]);
    total.directLossYuan = plus(total.directLossYuan, i.directLossYuan);
  }
  return total;
}

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** 万元 to the hundred yuan, as a bulletin writes it ("35", "1234.56"). */
export function wanText(yuan: number): string {
  return String(Math.round(yuan / 100) / 100);
}

/**
 * The stated totals in words, in the statistics system's order: "受灾人口 1200 人、紧急转移安置
 * 300 人、倒塌房屋 12 间、直接经济损失 350 万元". A figure nobody stated is left out; '' when none was.
 */
export function naturalTotalsText(t: T, totals: NaturalFigures & { directLossYuan: number | null }, separator = '、'): string {
  const parts: string[] = [];
  for (const k of NATURAL_FIGURE_KEYS) {
    const v = totals[k];
    if (v !== null) parts.push(t(`natural.said.${k}`, { n: v }));
  }
  if (totals.directLossYuan !== null) parts.push(t('natural.said.directLoss', { n: wanText(totals.directLossYuan) }));
  return parts.join(separator);
}
