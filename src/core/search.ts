/**
 * Search that ignores case and Vietnamese diacritics, as people type on phones without a Telex keyboard:
 * "nguyen van" finds "Nguyễn Văn", "d" finds "đ".
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const SPACES = /\s+/g;

/** Lower-case, diacritic-free, single-spaced form of a text, for indexing and matching. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'd')
    .toLowerCase()
    .replace(SPACES, ' ')
    .trim();
}

/** Splits a query into folded words; an empty query has no words and matches everything. */
export function queryTerms(query: string): string[] {
  const folded = foldForSearch(query);
  return folded === '' ? [] : folded.split(' ');
}

/** True when every query word occurs in the folded text, in any order. */
export function matchesTerms(foldedText: string, terms: readonly string[]): boolean {
  for (const term of terms) if (!foldedText.includes(term)) return false;
  return true;
}
