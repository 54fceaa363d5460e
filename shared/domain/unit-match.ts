// Pure domain code: runs anywhere. Which reporting unit an officer means by what they typed
// ("东城", "东城区", an alias): one exact unit when there is no doubt, and a short ranked list to pick
// from otherwise. Inactive units are never offered: new reports do not come from them.

export interface MatchableUnit {
  id: number;
  name: string;
  aliases?: readonly string[];
  /** Missing means active. */
  active?: boolean;
}

export interface UnitMatch<U extends MatchableUnit> {
  /** The one unit the text names, or null when it names none or more than one. */
  exact: U | null;
  /** Active units whose name or an alias contains the text: exact first, then prefix, then contains. */
  candidates: U[];
}

export const MAX_UNIT_CANDIDATES = 10;

// Longest first, so that 委员会 goes whole and not as a 会 left over.
const SUFFIXES = ['委员会', '办公室', '街道', '中心', '支队', '大队', '区', '县', '市', '镇', '局'] as const;

// Tabs, newlines and invisible characters (zero-width, direction overrides) in a unit field are a
// paste gone wrong or a spoof; such text names no unit.
const CONTROL = /[\p{Cc}\p{Cf}]/u;

function key(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/**
 * The name without its administrative suffix: 东城区 -> 东城, 应急管理局 -> 应急管理. A one-character
 * remainder is no abbreviation (沙县 is never 沙), so such a name is returned whole.
 */
export function unitAbbreviation(name: string): string {
  const n = name.normalize('NFKC').replace(/\s+/g, '');
  const suffix = SUFFIXES.find((s) => n.endsWith(s));
  if (!suffix) return n;
  const short = n.slice(0, -suffix.length);
  return [...short].length >= 2 ? short : n;
}

const isActive = (u: MatchableUnit) => u.active !== false;

interface Keys {
  name: string;
  aliases: string[];
  abbreviation: string;
}

/** The one unit that `pred` holds for; null when none or several do (and `found` says which). */
function single<U>(units: readonly U[], pred: (u: U) => boolean): { found: boolean; unit: U | null } {
  const hits = units.filter(pred);
  return { found: hits.length > 0, unit: hits.length === 1 ? hits[0]! : null };
}

function exactUnit<U>(q: string, active: readonly U[], keys: Map<U, Keys>): U | null {
  // A name wins over an alias, an alias over an abbreviation; two units answering to the same
  // text are no exact match, and the text does not then fall through to a weaker reading.
  const byName = single(active, (u) => keys.get(u)!.name === q);
  if (byName.found) return byName.unit;
  const byAlias = single(active, (u) => keys.get(u)!.aliases.includes(q));
  if (byAlias.found) return byAlias.unit;
  return single(active, (u) => keys.get(u)!.abbreviation === q).unit;
}

/**
 * The unit named by the text (trimmed, NFKC, spaces inside dropped, case ignored): exact when it is
 * a name, an alias, or an abbreviation (unitAbbreviation) that no other active unit shares; a
 * doubled or partial name is never exact. Empty text and text with control characters match nothing.
 */
export function matchUnit<U extends MatchableUnit>(text: string, units: readonly U[]): UnitMatch<U> {
  const none: UnitMatch<U> = { exact: null, candidates: [] };
  if (CONTROL.test(text)) return none;
  const q = key(text);
  if (q === '') return none;
  const active = units.filter(isActive);
  const keys = new Map<U, Keys>(
    active.map((u) => {
      const k = { name: key(u.name), aliases: (u.aliases ?? []).map(key), abbreviation: key(unitAbbreviation(u.name)) };
      return [u, k];
    }),
  );
  const exact = exactUnit(q, active, keys);

  const rank = (u: U): number => {
    if (u === exact) return 0;
    const all = [keys.get(u)!.name, ...keys.get(u)!.aliases];
    if (all.includes(q)) return 1;
    if (all.some((n) => n.startsWith(q))) return 2;
    if (all.some((n) => n.includes(q))) return 3;
    return -1;
  };
  const candidates = active
    .map((u) => ({ u, r: rank(u) }))
    .filter((c) => c.r >= 0)
    .sort(
      (a, b) =>
        a.r - b.r ||
        [...a.u.name].length - [...b.u.name].length ||
        (a.u.name < b.u.name ? -1 : a.u.name > b.u.name ? 1 : 0) ||
        a.u.id - b.u.id,
    )
    .slice(0, MAX_UNIT_CANDIDATES)
    .map((c) => c.u);
  return { exact, candidates };
}
