import { newId } from '../../core/ids';
import { type Household, type HouseholdFields, householdSchema } from '../../core/schemas';
import { getDb, type HouseholdRow, householdSearchText } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow, RecordNotFoundError } from './repository-errors';

function toRow(h: Household): HouseholdRow {
  return { ...h, search: householdSearchText(h) };
}

async function load(id: string): Promise<HouseholdRow> {
  const row = await getDb().households.get(id);
  if (!row) throw new RecordNotFoundError('households', id);
  return row;
}

export const householdRepository = {
  async create(villageId: string, fields: HouseholdFields): Promise<Household> {
    const now = new Date().toISOString();
    const household = parseOrThrow(householdSchema, {
      ...fields,
      id: newId(),
      villageId,
      createdAt: now,
      updatedAt: now,
    });
    await writeRow('households', toRow(household));
    return household;
  },

  /** Replaces the editable fields; fields left out of `fields` are cleared. */
  async update(id: string, fields: HouseholdFields): Promise<Household> {
    const { search: _search, ...current } = await load(id);
    const kept = {
      id,
      villageId: current.villageId,
      createdAt: current.createdAt,
      deletedAt: current.deletedAt,
    };
    const household = parseOrThrow(householdSchema, {
      ...fields,
      ...kept,
      updatedAt: new Date().toISOString(),
    });
    await writeRow('households', toRow(household));
    return household;
  },

  /** Soft delete: a tombstone that syncs, and that `restore` undoes. */
  async remove(id: string): Promise<void> {
    const row = await load(id);
    const now = new Date().toISOString();
    await writeRow('households', { ...row, deletedAt: now, updatedAt: now });
  },

  async restore(id: string): Promise<void> {
    const { deletedAt: _deleted, ...row } = await load(id);
    await writeRow('households', { ...row, updatedAt: new Date().toISOString() });
  },
};
