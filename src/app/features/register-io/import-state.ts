/**
 * What the import screen needs besides the worker: which villages this account may import into
 * (issue 17, item 7), the register's households and residents for the duplicate check, and the
 * column mappings remembered per file layout (issue 17, item 2).
 */
import { type ColumnMapping, dedupeMapping, mappingSignature } from '../../../core/import/column-mapping';
import type { RegisterHousehold, RegisterResident } from '../../../core/import/duplicates';
import { IMPORT_FIELDS, type ImportField } from '../../../core/import/types';
import { getDb, type VillageRow } from '../../db/database';
import type { SessionUser } from '../../sync/session';

/** Commune officers import into any village on the phone, leads into their own; members never. */
export function importableVillages(
  user: SessionUser | undefined,
  villages: readonly VillageRow[],
): VillageRow[] {
  if (!user || user.role === 'member') return [];
  const live = villages.filter((v) => !v.deletedAt && !v.demo);
  return user.role === 'commune' ? live : live.filter((v) => user.villageIds.includes(v.id));
}

/** The households and residents of `villageIds` now on the phone, as the duplicate check reads them. */
export async function readRegister(
  villageIds: readonly string[],
): Promise<{ households: RegisterHousehold[]; residents: RegisterResident[] }> {
  const db = getDb();
  const households: RegisterHousehold[] = [];
  const residents: RegisterResident[] = [];
  for (const villageId of new Set(villageIds)) {
    const hs = await db.households.where('villageId').equals(villageId).toArray();
    for (const h of hs) {
      if (h.deletedAt) continue;
      const { id, label, lane, address, membersCount, poor, notes } = h;
      households.push({ id, villageId, label, lane, address, membersCount, poor, notes });
    }
    const rs = await db.residents.where('villageId').equals(villageId).toArray();
    for (const r of rs) {
      if (!r.deletedAt && typeof r.name === 'string' && typeof r.birthYear === 'number') {
        residents.push({ id: r.id, householdId: r.householdId, name: r.name, birthYear: r.birthYear });
      }
    }
  }
  return { households, residents };
}

const MAPPINGS_KEY = 'ngo-so.import.mappings';
/** Layouts remembered at most: a commune has a handful of list templates. */
const MAX_REMEMBERED = 30;

function readMappings(): Record<string, ImportField[]> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(MAPPINGS_KEY) ?? '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, ImportField[]>) : {};
  } catch {
    return {};
  }
}

const KNOWN = new Set<string>(IMPORT_FIELDS);

/**
 * The mapping the user chose last time for a file with the same headers, applied to `proposed`;
 * `undefined` when none is remembered. An ID-card column stays refused whatever was remembered.
 */
export function rememberedMapping(proposed: readonly ColumnMapping[]): ColumnMapping[] | undefined {
  const fields = readMappings()[mappingSignature(proposed)];
  if (!fields || fields.length !== proposed.length) return undefined;
  return dedupeMapping(
    proposed.map((c, i) => {
      const field = fields[i];
      if (c.field === 'idNumber' || !field || !KNOWN.has(field)) return c;
      return { ...c, field };
    }),
  );
}

/** Remembers the user's mapping for files with these headers (newest kept, oldest dropped). */
export function rememberMapping(columns: readonly ColumnMapping[]): void {
  const all = readMappings();
  const signature = mappingSignature(columns);
  delete all[signature];
  all[signature] = columns.map((c) => c.field);
  const keys = Object.keys(all);
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[old];
  try {
    localStorage.setItem(MAPPINGS_KEY, JSON.stringify(all));
  } catch {
    // A full storage only costs the convenience of remembering; the import itself goes on.
  }
}
