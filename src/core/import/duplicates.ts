import { groupingKey } from '../text';
import type { PlannedHousehold, PlannedResident } from './plan';

/** A household already in the register, as the duplicate check needs it. */
export interface RegisterHousehold {
  id: string;
  villageId: string;
  label: string;
  lane?: string | undefined;
  /** Its other values, so an update writes only what the file changes. */
  address?: string | undefined;
  membersCount?: number | undefined;
  poor?: boolean | undefined;
  notes?: string | undefined;
}

/** A resident already in the register. */
export interface RegisterResident {
  id: string;
  householdId: string;
  name: string;
  birthYear: number;
}

/**
 * What to do with a group of look-alikes (issue 17, item 4): `skip` imports none of the file's
 * rows when the register has the household, or only the first when the group is within the file;
 * `update` brings the file's values into the register's household (its new people added, people
 * already there kept); `add` imports every row as a new household.
 */
export type DuplicateChoice = 'skip' | 'update' | 'add';

export interface DuplicateGroup {
  /** Stable within a preview: the village and the look-alike key. */
  key: string;
  /** Planned households of the file in this group, in file order. */
  households: string[];
  /** The register's household with the same head and lane, when there is one. */
  existing?: RegisterHousehold;
}

/**
 * The key two households share when they are one: same village, same head of household, same lane
 * (case and spacing aside; diacritics count, since "Nguyễn Văn Hà" and "Nguyễn Văn Hạ" are two men).
 */
export function householdKey(villageId: string, label: string, lane: string | undefined): string {
  return `${villageId}|${groupingKey(label)}|${groupingKey(lane)}`;
}

/** The key two residents of one household share when they are one: same name, same birth year. */
export function residentKey(name: string, birthYear: number): string {
  return `${groupingKey(name)}|${birthYear}`;
}

/**
 * Groups of households that look like one (DESIGN-free rule of issue 17, item 4: same head of
 * household and lane): within the file (two rows or more) and against the register (any number of
 * rows matching a household already there). Each planned household is in at most one group.
 */
export function findDuplicateHouseholds(
  planned: readonly PlannedHousehold[],
  register: readonly RegisterHousehold[],
): DuplicateGroup[] {
  const existing = new Map<string, RegisterHousehold>();
  for (const h of register) {
    const key = householdKey(h.villageId, h.label, h.lane);
    if (!existing.has(key)) existing.set(key, h);
  }
  const byKey = new Map<string, string[]>();
  for (const h of planned) {
    const key = householdKey(h.villageId, h.label, h.lane);
    const list = byKey.get(key) ?? [];
    list.push(h.key);
    byKey.set(key, list);
  }
  const groups: DuplicateGroup[] = [];
  for (const [key, households] of byKey) {
    const match = existing.get(key);
    if (match) groups.push({ key, households, existing: match });
    else if (households.length > 1) groups.push({ key, households });
  }
  return groups;
}

/**
 * The residents of `incoming` that are not already in `present` (same name and birth year), and
 * not twice in `incoming` itself: a person listed twice in one household is one person.
 */
export function newResidentsOf(
  incoming: readonly PlannedResident[],
  present: ReadonlyArray<{ name: string; birthYear: number }>,
): PlannedResident[] {
  const seen = new Set(present.map((r) => residentKey(r.name, r.birthYear)));
  const out: PlannedResident[] = [];
  for (const r of incoming) {
    const key = residentKey(r.name, r.birthYear);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
  }
  return out;
}
