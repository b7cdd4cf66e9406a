import { type Resident, type ResidentFields, residentSchema } from '../../core/schemas';
import { type ResidentRow, residentSearchText } from './database';
import { writeRow } from './record-writer';
import { editedRow, loadRow, newRow, removeRow, restoreRow } from './row-lifecycle';

function toRow(r: Resident): ResidentRow {
  return { ...r, search: residentSearchText(r) };
}

function load(id: string): Promise<ResidentRow> {
  return loadRow<ResidentRow>('residents', id);
}

export const residentRepository = {
  async create(villageId: string, fields: ResidentFields): Promise<Resident> {
    const resident = newRow(residentSchema, villageId, fields);
    await writeRow('residents', toRow(resident));
    return resident;
  },

  /** Replaces the editable fields; fields left out of `fields` are cleared (e.g. on consent withdrawal). */
  async update(id: string, fields: ResidentFields): Promise<Resident> {
    const current = await load(id);
    const resident = editedRow(residentSchema, current, fields, { householdId: current.householdId });
    await writeRow('residents', toRow(resident));
    return resident;
  },

  remove(id: string): Promise<void> {
    return removeRow('residents', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('residents', id);
  },
};
