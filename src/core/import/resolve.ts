import { groupingKey } from '../text';
import {
  type DuplicateChoice,
  type DuplicateGroup,
  newResidentsOf,
  type RegisterHousehold,
  type RegisterResident,
} from './duplicates';
import type { PlannedHousehold, PlannedResident } from './plan';

/** A household the import creates, with its people. */
export interface NewHousehold {
  villageId: string;
  household: PlannedHousehold;
  residents: PlannedResident[];
}

/** An existing household the import updates: the file's values for the fields it gives, and new people. */
export interface HouseholdUpdate {
  householdId: string;
  villageId: string;
  changes: Partial<Pick<PlannedHousehold, 'lane' | 'address' | 'membersCount' | 'poor' | 'notes'>>;
  residents: PlannedResident[];
}

/** What the confirmed import writes (issue 17, items 4–5), and what it leaves out by choice. */
export interface ImportWrite {
  create: NewHousehold[];
  update: HouseholdUpdate[];
  skipped: { households: number; residents: number };
  /** Households chosen for update that the file would not change (the same values, no new people). */
  unchanged: number;
  /** People listed twice in one household (same name and birth year), written once. */
  merged: number;
}

/**
 * The write set for a preview and the user's choices. A group without a choice uses `fallback`
 * (`skip`: nothing that might already be there is written twice). Households in no group are new.
 * `update` on a group that is within the file only (no register household) keeps the first row as
 * the household and adds the others' people to it.
 */
export function resolveImport(
  households: readonly PlannedHousehold[],
  groups: readonly DuplicateGroup[],
  choices: Readonly<Record<string, DuplicateChoice>>,
  registerResidents: readonly RegisterResident[],
  fallback: DuplicateChoice = 'skip',
): ImportWrite {
  const byKey = new Map(households.map((h) => [h.key, h]));
  const groupOf = new Map<string, DuplicateGroup>();
  for (const g of groups) for (const k of g.households) groupOf.set(k, g);
  const residentsOf = new Map<string, RegisterResident[]>();
  for (const r of registerResidents) {
    const list = residentsOf.get(r.householdId) ?? [];
    list.push(r);
    residentsOf.set(r.householdId, list);
  }
  const out: ImportWrite = {
    create: [],
    update: [],
    skipped: { households: 0, residents: 0 },
    unchanged: 0,
    merged: 0,
  };
  const skip = (h: PlannedHousehold) => {
    out.skipped.households++;
    out.skipped.residents += h.residents.length;
  };
  const create = (h: PlannedHousehold) => {
    const residents = newResidentsOf(h.residents, []);
    out.merged += h.residents.length - residents.length;
    out.create.push({ villageId: h.villageId, household: h, residents });
  };
  const done = new Set<string>();
  for (const h of households) {
    const group = groupOf.get(h.key);
    if (!group) {
      create(h);
      continue;
    }
    if (done.has(group.key)) continue;
    done.add(group.key);
    const members = group.households.map((k) => byKey.get(k)).filter((m): m is PlannedHousehold => !!m);
    const choice = choices[group.key] ?? fallback;
    if (choice === 'add') {
      for (const m of members) create(m);
    } else if (choice === 'skip') {
      const [first, ...rest] = members;
      if (group.existing || !first) for (const m of members) skip(m);
      else {
        create(first);
        for (const m of rest) skip(m);
      }
    } else if (group.existing) {
      const update = updateOf(group.existing, members, residentsOf.get(group.existing.id) ?? [], out);
      if (Object.keys(update.changes).length > 0 || update.residents.length > 0) out.update.push(update);
      else out.unchanged++;
    } else {
      const [first, ...rest] = members;
      if (!first) continue;
      const all = [first, ...rest].flatMap((m) => m.residents);
      const residents = newResidentsOf(all, []);
      out.merged += all.length - residents.length;
      out.create.push({ villageId: first.villageId, household: first, residents });
    }
  }
  return out;
}

function updateOf(
  existing: RegisterHousehold,
  members: readonly PlannedHousehold[],
  present: readonly RegisterResident[],
  out: ImportWrite,
): HouseholdUpdate {
  const changes: HouseholdUpdate['changes'] = {};
  for (const m of members) {
    for (const field of m.given) {
      const value = m[field];
      if (value === undefined || changes[field] !== undefined) continue;
      // Notes the team wrote are theirs: an import adds a note only where there was none.
      if (field === 'notes' && existing.notes) continue;
      const same =
        field === 'lane'
          ? groupingKey(value as string) === groupingKey(existing.lane)
          : existing[field] === value;
      if (!same) Object.assign(changes, { [field]: value });
    }
  }
  const incoming = members.flatMap((m) => m.residents);
  const residents = newResidentsOf(incoming, present);
  out.merged += incoming.length - residents.length;
  return { householdId: existing.id, villageId: existing.villageId, changes, residents };
}

/** Counts for the confirm button and the summary: what will be written. */
export function writeCounts(write: ImportWrite): {
  newHouseholds: number;
  updatedHouseholds: number;
  newResidents: number;
} {
  return {
    newHouseholds: write.create.length,
    updatedHouseholds: write.update.length,
    newResidents:
      write.create.reduce((n, c) => n + c.residents.length, 0) +
      write.update.reduce((n, u) => n + u.residents.length, 0),
  };
}
