import { type Household, type HouseholdFields, householdSchema } from '../../core/schemas';
import { type HouseholdRow, householdSearchText } from './database';
import { writeRow } from './record-writer';
import { type EditResult, editRow, newRow, removeRow, restoreRow } from './row-lifecycle';

function toRow(h: Household): HouseholdRow {
  return { ...h, search: householdSearchText(h) };
}

export const householdRepository = {
  async create(villageId: string, fields: HouseholdFields): Promise<Household> {
    const household = newRow(householdSchema, villageId, fields);
    await writeRow('households', toRow(household));
    return household;
  },

  /**
   * Saves a form's fields (those left out are cleared) against the household as the form showed it
   * (`seen`): only what the person changed is written (row-lifecycle editRow).
   */
  update(id: string, fields: HouseholdFields, seen?: HouseholdRow): Promise<EditResult<Household>> {
    return editRow('households', householdSchema, id, fields, { seen, toRow });
  },

  /** Soft delete: a tombstone that syncs, and that `restore` undoes. */
  remove(id: string): Promise<void> {
    return removeRow('households', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('households', id);
  },
};
