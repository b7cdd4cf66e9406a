import { type Resident, type ResidentFields, residentSchema } from '../../core/schemas';
import { type ResidentRow, residentSearchText } from './database';
import { writeRow } from './record-writer';
import { type EditResult, editRow, newRow, removeRow, restoreRow } from './row-lifecycle';

function toRow(r: Resident): ResidentRow {
  return { ...r, search: residentSearchText(r) };
}

export const residentRepository = {
  async create(villageId: string, fields: ResidentFields): Promise<Resident> {
    const resident = newRow(residentSchema, villageId, fields);
    await writeRow('residents', toRow(resident));
    return resident;
  },

  /**
   * Saves a form's fields (those left out are cleared, e.g. on consent withdrawal) against the
   * resident as the form showed it (`seen`): only what the person changed is written.
   */
  update(id: string, fields: ResidentFields, seen?: ResidentRow): Promise<EditResult<Resident>> {
    return editRow('residents', residentSchema, id, fields, {
      seen,
      toRow,
      kept: (row) => ({ householdId: row.householdId }),
    });
  },

  remove(id: string): Promise<void> {
    return removeRow('residents', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('residents', id);
  },
};
