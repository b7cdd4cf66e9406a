/**
 * Whether this phone can be carried out of signal (issue 15, kind 4): the app's files are on the
 * phone and the account's villages have been pulled in full. Persistent storage is said too, but does
 * not decide it — a phone without it still works offline, it only risks eviction when full.
 *
 * - App: a service worker controls the page. Workbox activates a worker only once its whole precache
 *   is stored, so control means every screen, and the English words (precached like every chunk,
 *   loaded only when chosen), open offline.
 * - Data: the last complete pull (to a page with nothing more) was for the villages the account may
 *   see now. The sync engine writes that scope (`PULLED_SCOPE_KEY`) when a pull ends; a cursor saved
 *   halfway, a new account or a village granted since all leave it different, so "ready" is never
 *   claimed for data that is only partly on the phone.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { scopeKey } from '../../core/sync/scope';
import { getDb } from '../db/database';
import { scopeOf } from '../sync/account';
import { PULLED_SCOPE_KEY } from '../sync/apply-pulled';
import { type SessionUser, useSession } from '../sync/session';
import { useSyncStatus } from '../sync/sync-status';
import { usePwa } from './service-worker';

export interface OfflineReadiness {
  ready: boolean;
  /** The app's files are cached and serve this page. */
  app: boolean;
  /**
   * `none`: no account, nothing to pull (only this phone's own data); `done`: pulled in full;
   * `pulling`: on its way, with counts; `missing`: not (fully) pulled and no pull running.
   */
  data: 'none' | 'done' | 'pulling' | 'missing';
  /** During a pull: records applied and the total expected. */
  pull: { received: number; total: number } | undefined;
}

/** The rule, apart from where its inputs come from (tested in tests/app/offline-readiness.test.tsx). */
export function offlineReadiness(input: {
  appCached: boolean;
  user: Pick<SessionUser, 'role' | 'villageIds'> | undefined;
  pulledScope: unknown;
  pull: { received: number; remaining: number } | undefined;
}): OfflineReadiness {
  const { appCached, user, pulledScope, pull } = input;
  const data = !user
    ? 'none'
    : pulledScope === scopeKey(scopeOf(user))
      ? 'done'
      : pull
        ? 'pulling'
        : 'missing';
  return {
    ready: appCached && (data === 'none' || data === 'done'),
    app: appCached,
    data,
    pull: pull && { received: pull.received, total: pull.received + pull.remaining },
  };
}

/** The phone's readiness now; `undefined` until the stored pull scope has been read. */
export function useOfflineReadiness(): OfflineReadiness | undefined {
  const appCached = usePwa((s) => s.offlineReady);
  const user = useSession((s) => s.session?.user);
  const pull = useSyncStatus((s) => s.pull);
  const pulled = useLiveQuery(async () => ({ scope: (await getDb().meta.get(PULLED_SCOPE_KEY))?.value }), []);
  if (!pulled) return undefined;
  return offlineReadiness({ appCached, user, pulledScope: pulled.scope, pull });
}
