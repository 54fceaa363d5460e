// Pure domain code: runs anywhere (renderer, main, CLI, tests).
// The incident categories (突发事件分类) by class (突发事件应对法 Art. 2). Only the accident class is
// graded automatically from the figures (Decree 493 Art. 3); the others are graded by hand.

export const CATEGORY_CLASSES = ['accident', 'natural', 'public_health', 'social_security'] as const;
export type CategoryClass = (typeof CATEGORY_CLASSES)[number];

export const CATEGORIES = [
  { code: 'road_traffic', class: 'accident', nameZh: '道路交通' },
  { code: 'waterway', class: 'accident', nameZh: '水上交通' },
  { code: 'railway', class: 'accident', nameZh: '铁路交通' },
  { code: 'aviation', class: 'accident', nameZh: '民航' },
  { code: 'coal_mine', class: 'accident', nameZh: '煤矿' },
  { code: 'non_coal_mine', class: 'accident', nameZh: '金属非金属矿山' },
  { code: 'hazardous_chemicals', class: 'accident', nameZh: '危险化学品' },
  { code: 'fireworks', class: 'accident', nameZh: '烟花爆竹' },
  { code: 'construction', class: 'accident', nameZh: '建筑施工' },
  { code: 'industry_trade', class: 'accident', nameZh: '工贸' },
  { code: 'gas', class: 'accident', nameZh: '城镇燃气' },
  { code: 'special_equipment', class: 'accident', nameZh: '特种设备' },
  { code: 'fire', class: 'accident', nameZh: '火灾' },
  { code: 'other_accident', class: 'accident', nameZh: '其他事故' },
  { code: 'flood', class: 'natural', nameZh: '洪涝' },
  { code: 'drought', class: 'natural', nameZh: '干旱' },
  { code: 'meteorological', class: 'natural', nameZh: '气象灾害' },
  { code: 'geological', class: 'natural', nameZh: '地质灾害' },
  { code: 'earthquake', class: 'natural', nameZh: '地震' },
  { code: 'forest_fire', class: 'natural', nameZh: '森林草原火灾' },
  { code: 'other_natural', class: 'natural', nameZh: '其他自然灾害' },
  { code: 'public_health', class: 'public_health', nameZh: '公共卫生事件' },
  { code: 'social_security', class: 'social_security', nameZh: '社会安全事件' },
] as const satisfies readonly { code: string; class: CategoryClass; nameZh: string }[];

export type Category = (typeof CATEGORIES)[number]['code'];

export const CATEGORY_CODES: readonly [Category, ...Category[]] = CATEGORIES.map((c) => c.code) as [
  Category,
  ...Category[],
];

const BY_CODE: ReadonlyMap<string, (typeof CATEGORIES)[number]> = new Map(CATEGORIES.map((c) => [c.code, c]));

export function isCategory(value: unknown): value is Category {
  return typeof value === 'string' && BY_CODE.has(value);
}

export function categoryClassOf(category: Category): CategoryClass {
  return BY_CODE.get(category)!.class;
}

/** Accident-class categories take their level from the figures; the others from a manual level. */
export function isAccidentCategory(category: Category): boolean {
  return BY_CODE.get(category)?.class === 'accident';
}

export function categoryNameZh(category: Category): string {
  return BY_CODE.get(category)!.nameZh;
}
