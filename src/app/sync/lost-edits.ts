/**
 * Asks the server which of this device's values lost to a teammate's concurrent edit since the last
 * time (GET /api/sync/lost, issue 15) and keeps a notice for each (db/lost-edit-repository.ts). Run by
 * the sync engine after each pull, when the phone already holds the winning values.
 *
 * Imported statically by the engine: loading it lazily measured 40 B more of first-load JavaScript
 * (a lazy module importing the database splits the chunks the first load shares with the screens).
 */
import type { LostResponse } from '../../core/sync/protocol';
import { readLostCursor, recordLostPage } from '../db/lost-edit-repository';
import { apiRequest } from './api-client';

export { acknowledgePushed } from '../db/lost-edit-repository';

/** Pages at most this many times per sync; the rest waits for the next one (its cursor is saved). */
const MAX_PAGES = 20;

export async function fetchLostEdits(token: string, deviceId: string, userId: string): Promise<void> {
  let since = await readLostCursor(userId);
  for (let page = 0; page < MAX_PAGES; page++) {
    const reply = await apiRequest<LostResponse>(`/api/sync/lost?since=${since}&deviceId=${deviceId}`, {
      token,
    });
    await recordLostPage(reply.lost, reply.cursor, userId);
    if (!reply.hasMore || reply.cursor <= since) return;
    since = reply.cursor;
  }
}
