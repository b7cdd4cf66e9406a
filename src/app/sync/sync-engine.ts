/**
 * Moves changes between the phone and the server (DESIGN §4). One sync = push the outbox in batches of
 * at most 500, then pull pages until the server has nothing newer. It runs on start, shortly after local
 * writes, every minute while the app is open and online, when the connection comes back, and when the
 * service worker relays a Background Sync event. Failures back off exponentially with jitter.
 *
 * An outbox entry is deleted only after the server acknowledged it (applied or duplicate). Changes the
 * server refuses are moved to `rejected`, with the reason, so one bad change never blocks the rest.
 * Values the server took but that lost to a teammate's concurrent edit become notices (issue 15).
 */
import type { Change } from '../../core/changes';
import { hiddenMask, redactForbiddenDeep } from '../../core/forbidden-data';
import {
  MAX_CLOCK_AHEAD_MS,
  MAX_PUSH_CHANGES,
  PENDING_CHANGES_HEADER,
  type PullResponse,
  type PushResponse,
} from '../../core/sync/protocol';
import type { RowsResponse } from '../../core/sync/protocol-schemas';
import { scopeKey } from '../../core/sync/scope';
import { getDeviceId } from '../db/clock';
import { getDb, type OutboxEntry } from '../db/database';
import { onOutboxChanged } from '../db/outbox-events';
import { type ErrorCause, errorCause } from '../db/storage-errors';
import { nowIso } from '../state/commune-clock';
import { narrowToScope, scopeOf } from './account';
import { ApiFailure, apiRequest } from './api-client';
import {
  applyPulledPage,
  CURSOR_KEY,
  PULLED_SCOPE_KEY,
  REFUSED_ROWS_KEY,
  readPullState,
  readRefusedRows,
  restoreRefusedRows,
  SCOPE_KEY,
  startPull,
} from './apply-pulled';
import { sendExportRecords } from './export-records';
import { eraseRegisterOnRevoke, isErasingCode } from './local-wipe';
import { acknowledgePushed, fetchLostEdits } from './lost-edits';
import { restampFutureChanges } from './restamp';
import { EPOCH_KEY, finishResync, type ResyncState, resyncDue, startResync } from './resync';
import { canSync, type Session, useSession } from './session';
import { useSyncStatus } from './sync-status';

const LAST_SUCCESS_KEY = 'lastSyncAt';
const AFTER_WRITE_DELAY_MS = 2_000;
const PERIOD_MS = 60_000;
const BACKOFF_BASE_MS = 2_000;
const BACKOFF_MAX_MS = 5 * 60_000;
export const BACKGROUND_SYNC_TAG = 'ngo-so-sync';

/** Demo villages are practice data: their changes stay on the phone. */
async function demoVillageIds(): Promise<Set<string>> {
  const villages = await getDb().villages.toArray();
  return new Set(villages.filter((v) => v.demo).map((v) => v.id));
}

/**
 * Whether an outbox entry would be sent by `userId`: not demo data, and made by that account (or
 * before any account logged in on this phone). Another account's changes wait for it to log in again
 * (sync/account.ts): they are never sent under someone else's name.
 */
async function pushableBy(userId: string): Promise<(e: OutboxEntry) => boolean> {
  const demo = await demoVillageIds();
  return (e) => !demo.has(e.villageId) && (e.userId === undefined || e.userId === userId);
}

/** Outbox entries that would be sent by `userId` (pushableBy), oldest first. */
export async function pushableEntries(limit: number, userId: string): Promise<OutboxEntry[]> {
  return getDb()
    .outbox.orderBy('seq')
    .filter(await pushableBy(userId))
    .limit(limit)
    .toArray();
}

/**
 * The outbox count sent with each push and pull (issue 16): officers see it beside the phone's last
 * sync, so work stuck on a phone is noticed. Counting reads the whole outbox, so it is done once
 * before the pushes and once before the pulls.
 */
async function countPending(userId: string): Promise<number> {
  return getDb()
    .outbox.filter(await pushableBy(userId))
    .count();
}

const pendingHeader = (count: number) => ({ [PENDING_CHANGES_HEADER]: String(Math.max(0, count)) });

function toChange(entry: OutboxEntry): Change {
  const { seq: _seq, createdAt: _created, userId: _user, ...change } = entry;
  return change;
}

/** The epoch the phone last pulled under, as a query string (issue 16), or nothing. */
async function epochQuery(separator: '?' | '&'): Promise<string> {
  const epoch = (await getDb().meta.get(EPOCH_KEY))?.value;
  return typeof epoch === 'string' ? `${separator}epoch=${encodeURIComponent(epoch)}` : '';
}

async function pushAll(token: string, deviceId: string, userId: string): Promise<void> {
  let pending = await countPending(userId);
  // Sent with every push: a server restored since answers 409 data_restored before storing anything.
  const epoch = await epochQuery('?');
  for (;;) {
    const batch = await pushableEntries(MAX_PUSH_CHANGES, userId);
    if (batch.length === 0) return;
    useSyncStatus.setState({ phase: 'pushing' });
    try {
      const reply = await apiRequest<PushResponse>(`/api/sync/push${epoch}`, {
        token,
        body: { deviceId, changes: batch.map(toChange) },
        headers: pendingHeader(pending),
      });
      pending -= batch.length;
      // Values that lost to a teammate's (issue 15) become notices as they leave the outbox.
      await acknowledgePushed(batch, reply.results, userId);
    } catch (error) {
      if (!(error instanceof ApiFailure) || !(await quarantine(batch, error))) throw error;
    }
  }
}

/**
 * Moves the changes a 4xx names to `rejected` so the rest can go. Returns false when the failure names
 * no change (the whole request was refused: auth, network…), leaving the outbox as it was.
 */
async function quarantine(batch: OutboxEntry[], failure: ApiFailure): Promise<boolean> {
  if (failure.code === 'clock_ahead' && failure.serverTime !== undefined) {
    // A wrong phone clock is repaired, not a reason to drop the work.
    return (await restampFutureChanges(failure.serverTime, MAX_CLOCK_AHEAD_MS)) > 0;
  }
  const named = new Map(failure.details.filter((d) => d.changeId).map((d) => [d.changeId as string, d]));
  const refused = batch.filter((e) => named.has(e.changeId));
  if (refused.length === 0 || failure.status < 400 || failure.status >= 500 || failure.needsLogin)
    return false;
  const db = getDb();
  const at = nowIso();
  await db.transaction('rw', [db.outbox, db.rejected, db.meta], async () => {
    await db.rejected.bulkAdd(
      refused.map((e) => {
        const detail = named.get(e.changeId);
        const change = toChange(e);
        return {
          // Kept to be shown, never the secret in it: an old app version let an ID number, OTP or
          // password into a change, and the server's refusal must not leave it on the phone for good.
          change: { ...change, fields: redactForbiddenDeep(change.fields, hiddenMask) },
          ...(e.userId ? { userId: e.userId } : {}),
          code: detail?.code ?? failure.code,
          message: detail?.message ?? failure.message,
          ...(detail?.field ? { field: detail.field } : {}),
          rejectedAt: at,
        };
      }),
    );
    await db.outbox.bulkDelete(refused.map((e) => e.seq as number));
    // Their values are still on the phone's rows, with clocks that would beat the server's for good:
    // remembered here, in the same transaction, and put back as the server has them (repairRefused).
    const rows = await readRefusedRows();
    for (const e of refused) {
      const key = `${e.table}:${e.rowId}`;
      const entry = rows[key] ?? { table: e.table, id: e.rowId, stamps: [] };
      if (!entry.stamps.includes(e.hlc)) entry.stamps.push(e.hlc);
      rows[key] = entry;
    }
    await db.meta.put({ key: REFUSED_ROWS_KEY, value: rows });
    // A village refused as not this account's means the phone's idea of its villages is stale: rows
    // undone now may be the account's again by the next pull (a village taken away and given back),
    // and the cursor would pass them by. The pull starts over and brings back whatever is visible.
    const codeOf = (e: OutboxEntry) => named.get(e.changeId)?.code ?? failure.code;
    if (refused.some((e) => codeOf(e) === 'village_forbidden'))
      await db.meta.bulkDelete([CURSOR_KEY, SCOPE_KEY, PULLED_SCOPE_KEY]);
  });
  return true;
}

/**
 * Undoes on the phone what refused changes wrote, from the server's copy of those rows, so the phone
 * shows what the team shares, not a value the server never took. The refused changes stay listed
 * (RejectedChanges) with their reason. Runs after every push; one left over by a broken connection is
 * done by the next sync.
 */
async function repairRefused(token: string): Promise<void> {
  const refused = Object.entries(await readRefusedRows());
  for (let start = 0; start < refused.length; start += MAX_PUSH_CHANGES) {
    const slice = Object.fromEntries(refused.slice(start, start + MAX_PUSH_CHANGES));
    const reply = await apiRequest<RowsResponse>('/api/sync/rows', {
      token,
      body: { rows: Object.values(slice).map((r) => ({ t: r.table, i: r.id })) },
    });
    await restoreRefusedRows(slice, reply.rows);
  }
}

/**
 * The villages this account may see changed (a grant, a removal, a role): the session learns them,
 * the phone drops what it may no longer show, and the pull starts again from the beginning.
 */
async function scopeChanged(failure: ApiFailure): Promise<void> {
  const { villageIds, role } = failure.body as { villageIds?: unknown; role?: unknown };
  const session = useSession.getState().session;
  if (!session || (villageIds !== 'all' && !Array.isArray(villageIds))) throw failure;
  const user = {
    ...session.user,
    ...(typeof role === 'string' ? { role: role as typeof session.user.role } : {}),
    villageIds: Array.isArray(villageIds) ? (villageIds as string[]) : session.user.villageIds,
  };
  await narrowToScope(villageIds === 'all' ? 'all' : user.villageIds);
  await useSession.getState().save({ ...session, user });
}

/** How many times one sync follows a changing scope (or a restore) before leaving it to the next sync. */
const MAX_SCOPE_RESTARTS = 3;

const isDataRestored = (error: unknown) => error instanceof ApiFailure && error.code === 'data_restored';

/**
 * Pulls every page newer than the cursor. The first page names the scope the cursor was pulled
 * under, or — from the start — the scope of the account's villages, which the phone's rows were
 * narrowed to: a village taken away in between is then still dropped (issue 13, kind 2). A scope that
 * changes on any page (a grant or removal mid-pull) narrows the phone and starts again from 0.
 *
 * After a restore of the server's data (409 data_restored, issue 16), the pull starts again from 0 and
 * ends by queuing what the server lost (resync.ts).
 * @returns whether it ended such a re-pull (the caller pushes what it queued)
 */
async function pullAll(session: Session): Promise<boolean> {
  // What is left after the push (usually nothing), sent with every page.
  const headers = pendingHeader(await countPending(session.user.id));
  const fetchPage = async (from: number, scope: string | undefined, epoch: string | undefined) =>
    apiRequest<PullResponse>(
      `/api/sync/pull?since=${from}${scope ? `&scope=${encodeURIComponent(scope)}` : ''}` +
        (epoch ? `&epoch=${encodeURIComponent(epoch)}` : ''),
      { token: session.token, headers },
    );
  for (let restarts = 0; ; restarts++) {
    const state = await readPullState();
    const user = useSession.getState().session?.user ?? session.user;
    // A re-pull lost with the app's memory (closed mid-way) starts again from 0.
    const resync = (await resyncDue()) ? { seen: new Set<string>(), newer: new Map() } : undefined;
    const cursor = resync ? 0 : state.cursor;
    const scope = cursor > 0 ? state.scope : scopeKey(scopeOf(user));
    const epoch = (await getDb().meta.get(EPOCH_KEY))?.value;
    try {
      await pullPages(fetchPage, cursor, scope, typeof epoch === 'string' ? epoch : undefined, resync);
      if (!resync) return false;
      await finishResync(resync, user);
      return true;
    } catch (error) {
      const restart =
        error instanceof ApiFailure && (error.code === 'scope_changed' || isDataRestored(error));
      if (!restart || restarts >= MAX_SCOPE_RESTARTS) throw error;
      if (isDataRestored(error)) await startResync([CURSOR_KEY]);
      else await scopeChanged(error);
    }
  }
}

async function pullPages(
  fetchPage: (from: number, scope: string | undefined, epoch: string | undefined) => Promise<PullResponse>,
  cursor: number,
  scope: string | undefined,
  epoch: string | undefined,
  resync: ResyncState | undefined,
): Promise<void> {
  let received = 0;
  let page = await fetchPage(cursor, scope, epoch);
  const context = await startPull(resync);
  try {
    for (;;) {
      useSyncStatus.setState({
        phase: 'pulling',
        pull: { received, remaining: page.remaining + page.rows.length },
      });
      // Download the next page while this one is written: on a slow link the two overlap.
      const next = page.hasMore ? fetchPage(page.cursor, page.scope, page.epoch ?? epoch) : undefined;
      next?.catch(() => {});
      await applyPulledPage(page.rows, page.cursor, context, page.scope, page.epoch);
      received += page.rows.length;
      if (!next) break;
      page = await next;
    }
  } finally {
    useSyncStatus.setState({ pull: undefined });
  }
}

const LOCAL_FAILURES: Partial<Record<ErrorCause, string>> = {
  storage_full: 'storage_full',
  storage_unavailable: 'storage_unavailable',
};

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SyncEngine {
  private running: Promise<void> | undefined;
  private again = false;
  private held = 0;
  private heldRequest = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stops: Array<() => void> = [];

  start(): void {
    void this.restoreLastSuccess();
    this.stops.push(onOutboxChanged(() => this.schedule(AFTER_WRITE_DELAY_MS)));
    const onOnline = () => void this.syncNow();
    window.addEventListener('online', onOnline);
    this.stops.push(() => window.removeEventListener('online', onOnline));
    const interval = setInterval(() => {
      if (navigator.onLine && document.visibilityState === 'visible') void this.syncNow();
    }, PERIOD_MS);
    this.stops.push(() => clearInterval(interval));
    const onMessage = (event: MessageEvent) => {
      if ((event.data as { type?: string } | undefined)?.type === 'sync-requested') void this.syncNow();
    };
    navigator.serviceWorker?.addEventListener('message', onMessage);
    this.stops.push(() => navigator.serviceWorker?.removeEventListener('message', onMessage));
    void this.syncNow();
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    if (this.timer) clearTimeout(this.timer);
  }

  /** Sync soon; several requests within the delay make one sync. */
  schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.syncNow(), delayMs);
    void registerBackgroundSync();
  }

  /**
   * Runs `work` with no sync running and none starting until it ends (a sync asked for meanwhile runs
   * right after): undoing an import removes outbox entries, which a push must not be sending.
   */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = this.hold();
    try {
      await this.settled();
      return await work();
    } finally {
      release();
    }
  }

  /**
   * Holds syncing until the returned function is called (a sync asked for meanwhile runs then):
   * the import's summary keeps its undo possible while it is on screen (ImportDone).
   */
  hold(): () => void {
    this.held++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.held--;
      if (this.held === 0 && this.heldRequest) {
        this.heldRequest = false;
        void this.syncNow();
      }
    };
  }

  /** Runs a sync now, or once more right after the one in progress. */
  syncNow(): Promise<void> {
    if (this.held > 0) {
      this.heldRequest = true;
      return Promise.resolve();
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.syncNow();
      }
    });
    return this.running;
  }

  /** Resolves when no sync is running (none may be started meanwhile by the caller's doing). */
  async settled(): Promise<void> {
    while (this.running) await this.running.catch(() => {});
  }

  private async run(): Promise<void> {
    const session = useSession.getState().session;
    if (!canSync(session)) return;
    if (this.timer) clearTimeout(this.timer);
    try {
      const deviceId = await getDeviceId();
      const push = () => pushAll(session.token, deviceId, session.user.id);
      // After a restore, waiting changes may point at rows only the re-pull's re-sent changes bring
      // back: they go after them (resync.ts).
      if (await resyncDue()) await pullAll(session);
      await push().catch(async (error: unknown) => {
        if (!isDataRestored(error)) throw error;
        await startResync([CURSOR_KEY]);
        await pullAll(session);
        await push();
      });
      await repairRefused(session.token);
      await sendExportRecords(session.token);
      if (await pullAll(session)) {
        // What the re-sent changes made on the server (an erasure sent again clears with new stamps).
        await push();
        await pullAll(session);
      }
      // The pull reached its end for these villages: the phone holds them in full (offline-readiness.ts),
      // whatever happens to the requests after it.
      const user = useSession.getState().session?.user ?? session.user;
      await getDb().meta.put({ key: PULLED_SCOPE_KEY, value: scopeKey(scopeOf(user)) });
      // After the pull, so the phone already shows the values that won.
      await fetchLostEdits(session.token, deviceId, session.user.id);
      const at = nowIso();
      await getDb().meta.put({ key: LAST_SUCCESS_KEY, value: at });
      this.failures = 0;
      useSyncStatus.setState({ phase: 'idle', lastSuccessAt: at, lastError: undefined, pull: undefined });
    } catch (error) {
      // A failure on the phone (its storage full, its database not opening, a bug) is not the
      // server's: say which, so the person knows what to do (issue 13, kind 10).
      const failure =
        error instanceof ApiFailure
          ? error
          : new ApiFailure(0, LOCAL_FAILURES[errorCause(error)] ?? 'app_error', describe(error));
      useSyncStatus.setState({
        phase: 'idle',
        pull: undefined,
        lastError: { code: failure.code, message: failure.message, at: nowIso() },
      });
      // A revoked device or a disabled account: the phone may be lost, or its holder no longer on the
      // team. It cannot upload any more, so it erases its register and keeps only unsent work
      // (sync/local-wipe.ts, issue 14 kind 9). An expired or unknown token only waits for a login.
      if (failure.status === 401 && isErasingCode(failure.code)) {
        await eraseRegisterOnRevoke(failure.code);
        return;
      }
      if (failure.needsLogin) {
        await useSession.getState().markInvalid();
        return;
      }
      this.failures++;
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (this.failures - 1));
      const delay = Math.max(
        (failure.retryAfterSeconds ?? 0) * 1000,
        ceiling / 2 + Math.random() * (ceiling / 2),
      );
      this.timer = setTimeout(() => void this.syncNow(), delay);
    }
  }

  private async restoreLastSuccess(): Promise<void> {
    const entry = await getDb().meta.get(LAST_SUCCESS_KEY);
    if (typeof entry?.value === 'string') useSyncStatus.setState({ lastSuccessAt: entry.value });
  }
}

/** Asks the browser to wake the service worker when a connection returns, where Background Sync exists. */
async function registerBackgroundSync(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker?.ready;
    const sync = (
      registration as ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }
    )?.sync;
    await sync?.register(BACKGROUND_SYNC_TAG);
  } catch {
    // Not supported or not allowed: the online event and the timer still sync.
  }
}

export const syncEngine = new SyncEngine();
