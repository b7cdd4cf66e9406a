import { matchesTerms, queryTerms } from '../../../core/search';
import type { HouseholdRow, ResidentRow } from '../../db/database';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

/** Walking order: by lane, then address (numeric-aware: "Số 9" before "Số 10"), then name. */
export function compareHouseholds(a: HouseholdRow, b: HouseholdRow): number {
  return (
    collator.compare(a.lane ?? '', b.lane ?? '') ||
    collator.compare(a.address ?? '', b.address ?? '') ||
    collator.compare(a.label, b.label)
  );
}

/**
 * Prepares a village's live households for search-as-you-type: sorted once, each with the folded
 * text of its own fields and of its residents' names, so a keystroke is one pass of substring tests.
 */
export function buildHouseholdIndex(households: readonly HouseholdRow[], residents: readonly ResidentRow[]) {
  const residentText = new Map<string, string>();
  for (const r of residents) {
    if (r.deletedAt) continue;
    residentText.set(r.householdId, `${residentText.get(r.householdId) ?? ''} ${r.search}`);
  }
  return households
    .filter((h) => !h.deletedAt)
    .sort(compareHouseholds)
    .map((household) => ({ household, text: `${household.search} ${residentText.get(household.id) ?? ''}` }));
}

export type HouseholdIndex = ReturnType<typeof buildHouseholdIndex>;

export function searchHouseholds(index: HouseholdIndex, query: string): HouseholdRow[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return index.map((e) => e.household);
  return index.filter((e) => matchesTerms(e.text, terms)).map((e) => e.household);
}
