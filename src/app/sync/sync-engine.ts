/**
 * Moves changes between the phone and the server (DESIGN §4). One sync = push the outbox in batches of
 * at most 500, then pull pages until the server has nothing newer. It runs on start, shortly after local
 * writes, every minute while the app is open and online, when the connection comes back, and when the
 * service worker relays a Background Sync event. Failures back off exponentially with jitter.
 *
 * An outbox entry is deleted only after the server acknowledged it (applied or duplicate). Changes the
 * server refuses are moved to `rejected`, with the reason, so one bad change never blocks the rest.
 */
import type { Change } from '../../core/changes';
import {
  MAX_CLOCK_AHEAD_MS,
  MAX_PUSH_CHANGES,
  type PullResponse,
  type PushResponse,
} from '../../core/sync/protocol';
import { getDeviceId } from '../db/clock';
import { getDb, type OutboxEntry } from '../db/database';
import { onOutboxChanged } from '../db/outbox-events';
import { nowIso } from '../state/commune-clock';
import { ApiFailure, apiRequest } from './api-client';
import { applyPulledPage, readCursor, startPull } from './apply-pulled';
import { restampFutureChanges } from './restamp';
import { canSync, useSession } from './session';
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

/** Outbox entries that would be sent (not demo data), oldest first. */
export async function pushableEntries(limit: number): Promise<OutboxEntry[]> {
  const demo = await demoVillageIds();
  return getDb()
    .outbox.orderBy('seq')
    .filter((e) => !demo.has(e.villageId))
    .limit(limit)
    .toArray();
}

function toChange(entry: OutboxEntry): Change {
  const { seq: _seq, createdAt: _created, ...change } = entry;
  return change;
}

async function pushAll(token: string, deviceId: string): Promise<void> {
  for (;;) {
    const batch = await pushableEntries(MAX_PUSH_CHANGES);
    if (batch.length === 0) return;
    useSyncStatus.setState({ phase: 'pushing' });
    try {
      const reply = await apiRequest<PushResponse>('/api/sync/push', {
        token,
        body: { deviceId, changes: batch.map(toChange) },
      });
      const acknowledged = reply.results.map((r) => r.changeId);
      await getDb().outbox.where('changeId').anyOf(acknowledged).delete();
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
  await db.transaction('rw', [db.outbox, db.rejected], async () => {
    await db.rejected.bulkAdd(
      refused.map((e) => {
        const detail = named.get(e.changeId);
        return {
          change: toChange(e),
          code: detail?.code ?? failure.code,
          message: detail?.message ?? failure.message,
          rejectedAt: at,
        };
      }),
    );
    await db.outbox.bulkDelete(refused.map((e) => e.seq as number));
  });
  return true;
}

async function pullAll(token: string): Promise<void> {
  let since = await readCursor();
  let received = 0;
  const context = await startPull();
  const fetchPage = (from: number) => apiRequest<PullResponse>(`/api/sync/pull?since=${from}`, { token });
  let page = await fetchPage(since);
  for (;;) {
    useSyncStatus.setState({
      phase: 'pulling',
      pull: { received, remaining: page.remaining + page.rows.length },
    });
    // Download the next page while this one is written: on a slow link the two overlap.
    const next = page.hasMore ? fetchPage(page.cursor) : undefined;
    next?.catch(() => {});
    await applyPulledPage(page.rows, page.cursor, context);
    received += page.rows.length;
    since = page.cursor;
    if (!next) break;
    page = await next;
  }
  useSyncStatus.setState({ pull: undefined });
}

export class SyncEngine {
  private running: Promise<void> | undefined;
  private again = false;
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

  /** Runs a sync now, or once more right after the one in progress. */
  syncNow(): Promise<void> {
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

  private async run(): Promise<void> {
    const session = useSession.getState().session;
    if (!canSync(session)) return;
    if (this.timer) clearTimeout(this.timer);
    try {
      const deviceId = await getDeviceId();
      await pushAll(session.token, deviceId);
      await pullAll(session.token);
      const at = nowIso();
      await getDb().meta.put({ key: LAST_SUCCESS_KEY, value: at });
      this.failures = 0;
      useSyncStatus.setState({ phase: 'idle', lastSuccessAt: at, lastError: undefined, pull: undefined });
    } catch (error) {
      const failure =
        error instanceof ApiFailure
          ? error
          : new ApiFailure(0, 'server_error', error instanceof Error ? error.message : String(error));
      useSyncStatus.setState({
        phase: 'idle',
        pull: undefined,
        lastError: { code: failure.code, message: failure.message, at: nowIso() },
      });
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
