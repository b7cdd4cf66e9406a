import { type Household, type HouseholdFields, householdSchema } from '../../core/schemas';
import { type HouseholdRow, householdSearchText } from './database';
import { writeRow } from './record-writer';
import { editedRow, loadRow, newRow, removeRow, restoreRow } from './row-lifecycle';

function toRow(h: Household): HouseholdRow {
  return { ...h, search: householdSearchText(h) };
}

function load(id: string): Promise<HouseholdRow> {
  return loadRow<HouseholdRow>('households', id);
}

export const householdRepository = {
  async create(villageId: string, fields: HouseholdFields): Promise<Household> {
    const household = newRow(householdSchema, villageId, fields);
    await writeRow('households', toRow(household));
    return household;
  },

  /** Replaces the editable fields; fields left out of `fields` are cleared. */
  async update(id: string, fields: HouseholdFields): Promise<Household> {
    const household = editedRow(householdSchema, await load(id), fields);
    await writeRow('households', toRow(household));
    return household;
  },

  /** Soft delete: a tombstone that syncs, and that `restore` undoes. */
  remove(id: string): Promise<void> {
    return removeRow('households', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('households', id);
  },
};
