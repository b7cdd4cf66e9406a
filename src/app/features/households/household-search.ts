import { matchesTerms, queryTerms } from '../../../core/search';
import { groupingKey } from '../../../core/text';
import type { HouseholdRow, ResidentRow } from '../../db/database';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
/** Lanes apart by their letters and marks ("Na Pai" is not "Nà Pài"), whatever their case. */
const laneCollator = new Intl.Collator('vi', { numeric: true, sensitivity: 'accent' });

/** Households of one lane, however each phone typed it (issue 13, kind 7). */
export function sameLane(a: HouseholdRow, b: HouseholdRow): boolean {
  return groupingKey(a.lane) === groupingKey(b.lane);
}

/**
 * Walking order: by lane (lanes that look alike together), then address (numeric-aware: "Số 9"
 * before "Số 10"), then name.
 */
export function compareHouseholds(a: HouseholdRow, b: HouseholdRow): number {
  return (
    laneCollator.compare(groupingKey(a.lane), groupingKey(b.lane)) ||
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
