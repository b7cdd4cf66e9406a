import { type Household, type HouseholdFields, householdSchema } from '../../core/schemas';
import { nowIso } from '../state/commune-clock';
import { getDb, type HouseholdRow, householdSearchText } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { type EditResult, editRow, loadRow, newRow, removeRow, restoreRow } from './row-lifecycle';

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
   * (`seen`): only what the person changed is written (row-lifecycle editRow). The walking order is
   * not the form's: it is kept.
   */
  update(id: string, fields: HouseholdFields, seen?: HouseholdRow): Promise<EditResult<Household>> {
    return editRow('households', householdSchema, id, fields, {
      seen,
      toRow,
      kept: (row) => ({ walkOrder: row.walkOrder }),
    });
  },

  /**
   * Sets houses' places in their lane's walking order (issue 15, kind 3; walk-order.ts moveHouse),
   * all in one transaction: every row and its outbox entry, or none. `undefined` removes a place.
   * Returns the places they had, for an undo.
   */
  async setWalkOrders(
    orders: ReadonlyMap<string, number | undefined>,
  ): Promise<Map<string, number | undefined>> {
    const db = getDb();
    const before = new Map<string, number | undefined>();
    await db.transaction('rw', [db.households, db.villages, db.outbox, db.meta], async () => {
      for (const [id, walkOrder] of orders) {
        const {
          clocks: _clocks,
          search: _search,
          walkOrder: was,
          ...row
        } = await loadRow<HouseholdRow>('households', id);
        before.set(id, was);
        const next = parseOrThrow(householdSchema, {
          ...row,
          ...(walkOrder === undefined ? {} : { walkOrder }),
          updatedAt: nowIso(),
        });
        await writeRow('households', toRow(next));
      }
    });
    return before;
  },

  /** Soft delete: a tombstone that syncs, and that `restore` undoes. */
  remove(id: string): Promise<void> {
    return removeRow('households', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('households', id);
  },
};
