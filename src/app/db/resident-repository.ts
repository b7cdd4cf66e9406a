import { newId } from '../../core/ids';
import { type Resident, type ResidentFields, residentSchema } from '../../core/schemas';
import { getDb, type ResidentRow, residentSearchText } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow, RecordNotFoundError } from './repository-errors';

function toRow(r: Resident): ResidentRow {
  return { ...r, search: residentSearchText(r) };
}

async function load(id: string): Promise<ResidentRow> {
  const row = await getDb().residents.get(id);
  if (!row) throw new RecordNotFoundError('residents', id);
  return row;
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

  async remove(id: string): Promise<void> {
    const row = await load(id);
    const now = new Date().toISOString();
    await writeRow('residents', { ...row, deletedAt: now, updatedAt: now });
  },

  async restore(id: string): Promise<void> {
    const { deletedAt: _deleted, ...row } = await load(id);
    await writeRow('residents', { ...row, updatedAt: new Date().toISOString() });
  },
};
