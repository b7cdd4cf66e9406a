/**
 * The commune's targets (issue 18, item 3; DESIGN §5): one row per year and indicator, id derived
 * from both (targetId) and kept under COMMUNE_VILLAGE_ID, the scope every account reads and only
 * commune officers write (core/sync/scope.ts). A row is the commune's own value; without one (or
 * with a tombstone) the plan's value stands (core/indicators/targets.ts). Rows go through the same
 * record writer as every other table: stored and queued in the outbox in one transaction.
 */
import { targetId } from '../../core/ids';
import { type Target, type TargetCode, targetFields, targetSchema } from '../../core/schemas';
import { COMMUNE_VILLAGE_ID } from '../../core/sync/scope';
import { nowIso } from '../state/commune-clock';
import { useSession } from '../sync/session';
import { getDb, type TargetRow } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { removeRow } from './row-lifecycle';

/** Thrown when an account that is not a commune officer tries to write a target: nothing is written. */
export class TargetWriteForbiddenError extends Error {
  constructor() {
    super('Only commune officers write targets');
    this.name = 'TargetWriteForbiddenError';
  }
}

/**
 * The server refuses a target from anyone but a commune officer (scope.ts teamMayWrite); the phone
 * refuses it first rather than queueing a change that can only be rejected.
 */
function requireCommuneOfficer(): void {
  if (useSession.getState().session?.user.role !== 'commune') throw new TargetWriteForbiddenError();
}

export const targetRepository = {
  /** Every target row on the phone, tombstones included (a cleared target is one). */
  all(): Promise<TargetRow[]> {
    return getDb().targets.toArray();
  },

  /**
   * Sets the commune's target for `year` and `code`: `percent` in 0–100, `above` for the plan's
   * "trên x%" (strictly more). Creates the row, edits it, or brings a cleared one back.
   * @throws ValidationError (err.percent, err.invalid) for a bad value; nothing is written
   * @throws TargetWriteForbiddenError unless the account on this phone is a commune officer
   */
  async set(year: number, code: TargetCode, percent: number, above: boolean): Promise<Target> {
    const fields = parseOrThrow(targetFields, { year, code, percent, above });
    requireCommuneOfficer();
    const id = targetId(fields.year, fields.code);
    const current = await getDb().targets.get(id);
    const now = nowIso();
    const target = parseOrThrow(targetSchema, {
      ...fields,
      id,
      villageId: COMMUNE_VILLAGE_ID,
      createdAt: current?.createdAt ?? now,
      updatedAt: now,
    });
    await writeRow('targets', target);
    return target;
  },

  /**
   * Drops the commune's value, back to the plan's: a tombstone that syncs like any delete, and that
   * a later `set` revives. Nothing happens for a target the commune never set.
   * @throws TargetWriteForbiddenError unless the account on this phone is a commune officer
   */
  async clear(year: number, code: TargetCode): Promise<void> {
    requireCommuneOfficer();
    const current = await getDb().targets.get(targetId(year, code));
    if (!current || current.deletedAt) return;
    await removeRow('targets', current.id);
  },
};
