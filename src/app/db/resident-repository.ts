import { newId } from '../../core/ids';
import { type Resident, type ResidentFields, residentSchema } from '../../core/schemas';
import { type ResidentRow, residentSearchText } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { loadRow, removeRow, restoreRow } from './row-lifecycle';

function toRow(r: Resident): ResidentRow {
  return { ...r, search: residentSearchText(r) };
}

function load(id: string): Promise<ResidentRow> {
  return loadRow<ResidentRow>('residents', id);
}

export const residentRepository = {
  async create(villageId: string, fields: ResidentFields): Promise<Resident> {
    const now = new Date().toISOString();
    const resident = parseOrThrow(residentSchema, {
      ...fields,
      id: newId(),
      villageId,
      createdAt: now,
      updatedAt: now,
    });
    await writeRow('residents', toRow(resident));
    return resident;
  },

  /** Replaces the editable fields; fields left out of `fields` are cleared (e.g. on consent withdrawal). */
  async update(id: string, fields: ResidentFields): Promise<Resident> {
    const current = await load(id);
    const resident = parseOrThrow(residentSchema, {
      ...fields,
      id,
      villageId: current.villageId,
      householdId: current.householdId,
      createdAt: current.createdAt,
      deletedAt: current.deletedAt,
      updatedAt: new Date().toISOString(),
    });
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
