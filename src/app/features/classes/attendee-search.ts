import { matchesTerms, queryTerms } from '../../../core/search';
import type { HouseholdRow, ResidentRow } from '../../db/database';

const collator = new Intl.Collator('vi', { sensitivity: 'base' });

export interface AttendeeEntry {
  resident: ResidentRow;
  /** The household's label, to tell two people of the same name apart. */
  householdLabel: string;
  /** Folded name and birth year: "lan 1956" finds the right Lan. */
  text: string;
}

/** A village's live residents, sorted by name once, ready for a substring test per keystroke. */
export function buildAttendeeIndex(
  residents: readonly ResidentRow[],
  households: readonly HouseholdRow[],
): AttendeeEntry[] {
  const labels = new Map(households.filter((h) => !h.deletedAt).map((h) => [h.id, h.label]));
  return residents
    .filter((r) => !r.deletedAt && labels.has(r.householdId))
    .sort((a, b) => collator.compare(a.name, b.name) || a.birthYear - b.birthYear)
    .map((resident) => ({
      resident,
      householdLabel: labels.get(resident.householdId) ?? '',
      text: `${resident.search} ${resident.birthYear}`,
    }));
}

/** Residents matching every word of the query; an empty query finds nobody (nothing to tap yet). */
export function searchAttendees(index: readonly AttendeeEntry[], query: string): AttendeeEntry[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  return index.filter((e) => matchesTerms(e.text, terms));
}
