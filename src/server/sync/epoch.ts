/**
 * The identity of this copy of the data (issue 16). A restore from a backup gives `sync_state.epoch` a
 * new value and takes `last_seq` back to the backup's; a phone's cursor from before means nothing
 * against the restored data (numbers above the backup's are handed out again, to other changes). Pull
 * replies carry the epoch; a phone sends back the epoch it pulled under, and is answered 409
 * `data_restored` when it is not the server's — also, epoch or not, when its cursor is past the last
 * number handed out, which only another copy of the data can explain.
 */
import { eq } from 'drizzle-orm';
import { syncState } from '../db/schema.js';
import type { Orm } from '../db.js';
import { ApiError } from '../errors.js';

export interface DataIdentity {
  epoch: string;
  lastSeq: number;
}

export async function readDataIdentity(orm: Orm): Promise<DataIdentity> {
  const [row] = await orm
    .select({ epoch: syncState.epoch, lastSeq: syncState.lastSeq })
    .from(syncState)
    .where(eq(syncState.id, 1));
  if (!row) throw new Error('sync_state has no row: migrations did not run');
  return row;
}

/**
 * @param epoch the epoch the phone pulled under (undefined: it does not know one)
 * @param since its pull cursor (undefined for a push)
 * @throws ApiError 409 `data_restored` with the server's `{ epoch, lastSeq }` when the phone's data
 *   came from another copy
 */
export function checkDataIdentity(identity: DataIdentity, epoch: string | undefined, since?: number): void {
  const otherEpoch = epoch !== undefined && epoch !== identity.epoch;
  const pastTheEnd = since !== undefined && since > identity.lastSeq;
  if (!otherEpoch && !pastTheEnd) return;
  throw new ApiError(
    409,
    'data_restored',
    "The server's data was restored from a backup since your last sync; pull it again from the start.",
    { extra: { epoch: identity.epoch, lastSeq: identity.lastSeq } },
  );
}
