import { type Resident, type ResidentFields, residentSchema } from '../../core/schemas';
import { getDb, type ResidentRow, residentSearchText } from './database';
import { writeRow } from './record-writer';
import { RecordNotFoundError } from './repository-errors';
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

  /**
   * Undoes a deletion with the whole person: the server erased them when the deletion reached it
   * (issue 14, kind 8), and takes them back only from a restore that carries name, birth year and
   * groups. Once this phone has pulled the erasure it no longer has them either: RecordNotFoundError.
   */
  async restore(id: string): Promise<void> {
    const row = await getDb().residents.get(id);
    if (!row || typeof row.name !== 'string') throw new RecordNotFoundError('residents', id);
    await restoreRow('residents', id, { resend: true });
  },
};
