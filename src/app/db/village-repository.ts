import type { z } from 'zod';
import { newId } from '../../core/ids';
import { type Village, type villageFields, villageSchema } from '../../core/schemas';
import { nowIso } from '../state/commune-clock';
import type { VillageRow } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { editedRow, loadRow } from './row-lifecycle';

export type VillageFields = z.input<typeof villageFields>;

/**
 * Villages are records like any other and sync through the outbox; the server accepts them only from
 * commune officers. A village is its own scope: its `villageId` is its `id`, so the change is routed
 * (and authorised) by the village it creates.
 */
export const villageRepository = {
  async create(fields: VillageFields): Promise<Village> {
    const now = nowIso();
    const id = newId();
    const village = parseOrThrow(villageSchema, {
      ...fields,
      id,
      villageId: id,
      createdAt: now,
      updatedAt: now,
    });
    await writeRow('villages', village);
    return village;
  },

  /** Replaces the editable fields; fields left out of `fields` are cleared. The demo mark is kept. */
  async update(id: string, fields: VillageFields): Promise<Village> {
    const current = await loadRow<VillageRow>('villages', id);
    const village = editedRow(villageSchema, current, fields, { demo: current.demo });
    await writeRow('villages', village);
    return village;
  },
};
