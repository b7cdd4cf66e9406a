import { matchesTerms, queryTerms } from '../../../core/search';
import { groupingKey } from '../../../core/text';
import { compareWalk, laneComparator } from '../../../core/walk-order';
import type { HouseholdRow, ResidentRow } from '../../db/database';
import { goneLast, householdGone } from './register-status';

/** Households of one lane, however each phone typed it (issue 13, kind 7). */
export function sameLane(a: HouseholdRow, b: HouseholdRow): boolean {
  return groupingKey(a.lane) === groupingKey(b.lane);
}

/**
 * Prepares a village's live households for search-as-you-type: sorted once in the team's walking
 * order (walk-order.ts: the village's `laneOrder`, houses' `walkOrder`, then lane, address, name —
 * the round planner's order), each with the folded text of its own fields and of its residents'
 * names, so a keystroke is one pass of substring tests. Households that moved out or merged come
 * after all the others (issue 18), still in walking order and still found by a search.
 */
export function buildHouseholdIndex(
  households: readonly HouseholdRow[],
  residents: readonly ResidentRow[],
  laneOrder?: readonly string[],
) {
  const lanes = laneComparator(laneOrder);
  const residentText = new Map<string, string>();
  for (const r of residents) {
    if (r.deletedAt) continue;
    residentText.set(r.householdId, `${residentText.get(r.householdId) ?? ''} ${r.search}`);
  }
  const walked = households.filter((h) => !h.deletedAt).sort((a, b) => compareWalk(lanes, a, b));
  return goneLast(walked, householdGone).map((household) => ({
    household,
    text: `${household.search} ${residentText.get(household.id) ?? ''}`,
  }));
}

export type HouseholdIndex = ReturnType<typeof buildHouseholdIndex>;

export function searchHouseholds(index: HouseholdIndex, query: string): HouseholdRow[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return index.map((e) => e.household);
  return index.filter((e) => matchesTerms(e.text, terms)).map((e) => e.household);
}
