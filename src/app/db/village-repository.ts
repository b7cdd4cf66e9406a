import type { z } from 'zod';
import { newId } from '../../core/ids';
import { type Village, type villageFields, villageSchema } from '../../core/schemas';
import { nowIso } from '../state/commune-clock';
import type { VillageRow } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { type EditResult, editRow, loadRow } from './row-lifecycle';

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

  /**
   * Saves a form's fields (those left out are cleared) against the village as the form showed it
   * (`seen`), as editRow. The demo mark and the team's walking order are kept.
   */
  update(id: string, fields: VillageFields, seen?: VillageRow): Promise<EditResult<Village>> {
    return editRow('villages', villageSchema, id, fields, {
      seen,
      kept: (row) => ({ demo: row.demo, laneOrder: row.laneOrder }),
    });
  },

  /**
   * The order the team walks the village's lanes (issue 15, kind 3): the one change of a village its
   * members and leads may push (server push.ts), so only this field is written. `undefined` returns
   * the lanes to alphabetical order. Returns the order it replaced, for an undo.
   */
  async setLaneOrder(id: string, laneOrder: readonly string[] | undefined): Promise<string[] | undefined> {
    const { clocks: _clocks, laneOrder: was, ...row } = await loadRow<VillageRow>('villages', id);
    const next = parseOrThrow(villageSchema, {
      ...row,
      ...(laneOrder === undefined ? {} : { laneOrder }),
      updatedAt: nowIso(),
    });
    await writeRow('villages', next);
    return was;
  },
};
