import { wrap } from 'comlink';
import { Dexie, type ObservabilitySet, RangeSet } from 'dexie';
import { create } from 'zustand';
import { getDb } from '../../db/database';
import type { DashboardWorkerApi } from './dashboard-api';

export interface DashboardWorker {
  api: DashboardWorkerApi;
  terminate(): void;
}

type Factory = () => DashboardWorker;

/** A real Web Worker, bundled by Vite as its own chunk (precached, so it works offline). */
function startWorker(): DashboardWorker {
  const worker = new Worker(new URL('./dashboard.worker.ts', import.meta.url), {
    type: 'module',
    name: 'dashboard',
  });
  return { api: wrap<DashboardWorkerApi>(worker), terminate: () => worker.terminate() };
}

let factory: Factory = startWorker;
let current: DashboardWorker | undefined;

/**
 * Bumped after the worker was told that rows changed: pages showing figures ask again when it moves.
 * The worker hears of the change first (comlink keeps the order of calls), so the page's next
 * question never meets a stale cache.
 */
export const useDashboardVersion = create<{ version: number }>()(() => ({ version: 0 }));

/** The tables whose rows make the figures (the rest, outbox, meta, drafts…, never change them). */
const VILLAGE_TABLES = new Set(['households', 'residents', 'visits', 'assists', 'classes', 'attendance']);

export interface Invalidation {
  villageIds: string[] | 'all';
  targets: boolean;
}

/**
 * Which cached rows a committed change makes stale, from Dexie's record of what it touched
 * (`storagemutated`: per table and index, the keys written, old and new values). A change whose
 * villages cannot be told (a bulk write of 50 rows or more records no index keys, a range delete)
 * makes every village stale. Undefined when nothing the figures read was touched.
 */
export function invalidationOf(parts: ObservabilitySet, dbName: string): Invalidation | undefined {
  if ('all' in parts) return { villageIds: 'all', targets: true };
  const prefix = `idb://${dbName}/`;
  const ids = new Set<string>();
  let all = false;
  let targets = false;
  let touched = false;
  const keysOf = (part: string): string[] | undefined => {
    const tree = parts[part];
    if (!tree) return [];
    const keys: string[] = [];
    for (const node of RangeSet(tree)) {
      if (typeof node.from !== 'string' || node.from !== node.to) return undefined;
      keys.push(node.from);
    }
    return keys;
  };
  for (const part of Object.keys(parts)) {
    if (!part.startsWith(prefix)) continue;
    const [table = '', index = ''] = part.slice(prefix.length).split('/');
    if (index !== '') continue;
    const written = keysOf(part);
    if (written?.length === 0) continue;
    if (table === 'targets') {
      targets = touched = true;
    } else if (table === 'villages') {
      touched = true;
      if (written) for (const id of written) ids.add(id);
      else all = true;
    } else if (VILLAGE_TABLES.has(table)) {
      touched = true;
      const villages = keysOf(`${prefix}${table}/villageId`);
      if (villages && villages.length > 0) for (const id of villages) ids.add(id);
      else all = true;
    }
  }
  if (!touched) return undefined;
  return { villageIds: all ? 'all' : [...ids], targets };
}

/** Page re-asks wait this long after the last change: a sync pull commits many slices in a row. */
const SETTLE_MS = 250;

function listenForChanges(worker: DashboardWorker): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listener = (parts: ObservabilitySet) => {
    const change = invalidationOf(parts, getDb().name);
    if (!change) return;
    if (change.villageIds === 'all') void worker.api.invalidate();
    else void worker.api.invalidate(change.villageIds, change.targets);
    clearTimeout(timer);
    timer = setTimeout(() => useDashboardVersion.setState((s) => ({ version: s.version + 1 })), SETTLE_MS);
  };
  Dexie.on('storagemutated', listener);
  return () => {
    clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(listener);
  };
}

let stopListening: (() => void) | undefined;

/**
 * The dashboard's worker, started on first use and kept for the app's life: its cache is what makes
 * the second opening of the dashboard quick. It hears of every change to the rows (this tab's, a
 * sync's, another tab's: Dexie relays them) and forgets the villages changed.
 */
export function dashboardWorker(): DashboardWorkerApi {
  if (!current) {
    current = factory();
    stopListening = listenForChanges(current);
  }
  return current.api;
}

/**
 * For component tests under jsdom, which has no Worker: the worker's own code, run in the test.
 * Ends the worker in use, so each test starts with an empty cache. Never called by the app.
 */
export function setDashboardWorkerFactoryForTests(next: Factory): void {
  stopListening?.();
  current?.terminate();
  current = undefined;
  factory = next;
}
