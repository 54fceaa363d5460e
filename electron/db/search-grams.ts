// Runs in Electron's main process and in plain Node. The short-query side of full-text search.
// FTS5's trigram tokenizer cannot match fewer than three characters, and a LIKE scan of a decade's
// index takes hundreds of milliseconds, so every one- and two-character run of each word is also
// kept as a token in a second FTS5 table (incidents_grams, doclists only). A character run is
// written as the hex of its code points (6 digits each), so any character, CJK or punctuation,
// becomes one plain ASCII token, and a one-character token (6 digits) never equals a two-character
// one (12 digits). ASCII letters are lowered first, as LIKE folds them: a query matches exactly
// the incidents whose index body a LIKE '%q%' scan would find.

const hex = (cp: number): string => cp.toString(16).padStart(6, '0');

function fold(cp: number): number {
  return cp >= 65 && cp <= 90 ? cp + 32 : cp;
}

/** The 1- and 2-character tokens of a body (words separated by newlines), each once. */
export function searchGrams(body: string): string {
  const out = new Set<string>();
  for (const word of body.split('\n')) {
    let prev = -1;
    for (const ch of word) {
      const cp = fold(ch.codePointAt(0)!);
      const h = hex(cp);
      out.add(h);
      if (prev >= 0) out.add(hex(prev) + h);
      prev = cp;
    }
  }
  return [...out].join(' ');
}

/** The MATCH expression for a query of one or two characters, or null for any other length. */
export function shortQueryToken(q: string): string | null {
  const cps = [...q].map((c) => fold(c.codePointAt(0)!));
  if (cps.length === 0 || cps.length > 2) return null;
  return cps.map(hex).join('');
}

/**
 * The search indexes hold one row per incident header (part 0: its number, unit and place) and
 * one per report (part = the report's seq), keyed incidentId × 2^16 + part, so `rowid >> 16` is
 * the incident. Reports are never edited (a correction is a new report), so saving a report only
 * adds its own row: no rewrite of the incident's whole text, no delete markers for FTS5 to merge.
 */
export const SEARCH_PART_BITS = 16;

export function searchRowId(incidentId: number, part: number): number {
  if (!Number.isInteger(part) || part < 0 || part >= 2 ** SEARCH_PART_BITS) throw new Error(`search row part out of range: ${part}`);
  return incidentId * 2 ** SEARCH_PART_BITS + part;
}

/** The searchable words of an incident header or a report: distinct, non-empty, one per line. */
export function searchRowBody(words: readonly (string | null | undefined)[]): string {
  return [...new Set(words.filter((w): w is string => !!w))].join('\n');
}

export interface SearchReportWords {
  fromUnit: string;
  callerName: string | null;
  location: string | null;
  summary: string | null;
  measuresTaken: string | null;
  correctionReason: string | null;
}

export const incidentWords = (i: { number: string; responsibleUnit: string; place: string }) => [i.number, i.responsibleUnit, i.place];
export const reportWords = (r: SearchReportWords) => [r.fromUnit, r.callerName, r.location, r.summary, r.measuresTaken, r.correctionReason];
