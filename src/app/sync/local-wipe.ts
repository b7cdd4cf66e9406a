/**
 * Erasing what the phone holds about residents (issue 14, kind 9; docs/SECURITY.md "Lost phone" and
 * "Shared phone"). Two erasures, both one Dexie transaction, so the phone never keeps half a register:
 *
 * - `eraseRegisterOnRevoke`: the server answered that this device was revoked or its account disabled.
 *   The phone can no longer upload (a revoked token must not push: that would let a stolen phone
 *   write), so it erases its copy of the register — every synced row of a real village, the pull
 *   cursor, the session, the PIN — and keeps only what the server does not have yet: the outbox,
 *   the refused changes and the drafts, the typed work of the people who used it (not the notices of
 *   values that lost to a teammate's: the server's conflict log keeps those). A new login by
 *   the same account sends them and pulls the register again; another account may take them over
 *   (sync/account.ts). A notice says what happened until the next login.
 * - `eraseEverythingOnLogout`: someone logged out of a shared phone on purpose, after being told how
 *   many changes were unsent (features/account/LogoutDialog.tsx). Everything personal goes: register,
 *   outbox, refused changes, drafts (and their sessionStorage mirror), the notices of lost values,
 *   cursors, the names of the
 *   accounts that used the phone, the PIN, and any Cache Storage other than the app shell.
 *
 * Both keep the demo villages (invented practice data that never syncs) and the device's clock and
 * id (db/clock.ts DEVICE_META_KEYS), which identify no one and keep HLC stamps unique.
 */
import type { Table } from 'dexie';
import { SYNCED_TABLES } from '../../core/changes';
import { DEVICE_META_KEYS } from '../db/clock';
import { getDb, NORMALISE_KEY } from '../db/database';
import { nowIso } from '../state/commune-clock';
import { ACCOUNTS_KEY, OWNER_KEY } from './account';
import { useSession } from './session';
import { useSyncStatus } from './sync-status';

/** The 401 codes after which the phone erases its register (src/server/auth/authenticate.ts). */
export const ERASING_CODES = ['device_revoked', 'account_disabled'] as const;
export type EraseReason = (typeof ERASING_CODES)[number];

export function isErasingCode(code: string): code is EraseReason {
  return (ERASING_CODES as readonly string[]).includes(code);
}

/** Meta key of the notice shown after a revoke erased the register, until the next login. */
export const WIPE_NOTICE_KEY = 'wipeNotice';

export interface WipeNotice {
  reason: EraseReason;
  /** ISO time of the erasure, in the commune's clock. */
  at: string;
  /** Unsent changes kept on the phone (demo villages not counted). */
  pending: number;
}

/** sessionStorage keys of this app (draft mirrors, the app lock's last activity). */
const SESSION_STORAGE_PREFIX = 'ngo-so:';

async function demoVillageIds(): Promise<Set<string>> {
  return new Set((await getDb().villages.toArray()).filter((v) => v.demo).map((v) => v.id));
}

/** Deletes every row of a real village from the synced tables; demo villages stay. */
async function deleteRegisterRows(demo: ReadonlySet<string>): Promise<void> {
  const db = getDb();
  for (const table of SYNCED_TABLES) {
    const rows = db.table(table) as Table<{ id: string; villageId: string }, string>;
    await rows.filter((row) => !demo.has(row.villageId)).delete();
  }
}

/** Deletes every meta entry but `keep`. An allow-list: an entry added later is erased unless named. */
async function deleteMetaExcept(keep: readonly string[]): Promise<void> {
  const meta = getDb().meta;
  const kept = new Set(keep);
  const keys = (await meta.toCollection().primaryKeys()).filter((key) => !kept.has(String(key)));
  await meta.bulkDelete(keys);
}

function clearSessionStorage(keepPrefix?: string): void {
  try {
    const storage = globalThis.sessionStorage;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(SESSION_STORAGE_PREFIX) && !(keepPrefix && key.startsWith(keepPrefix)))
        keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
  } catch {
    // Storage turned off: there is nothing in it to erase.
  }
}

/** In-memory state that could still show the erased account: the session and the sync status. */
function forgetInMemory(): void {
  useSession.setState({ session: undefined });
  useSyncStatus.setState({ phase: 'idle', lastSuccessAt: undefined, lastError: undefined, pull: undefined });
}

/**
 * After `401 device_revoked` or `401 account_disabled`: erases the register (rows of real villages),
 * the pull cursor and scope, the session and the PIN; keeps the outbox, refused changes, drafts, the
 * owner and the names of the accounts (to say whose changes wait), and the device's clock. Returns
 * the notice it stored. Never throws on an empty phone; a storage failure propagates (the next
 * sync tries again, as the token stays refused).
 */
export async function eraseRegisterOnRevoke(reason: EraseReason): Promise<WipeNotice> {
  const db = getDb();
  const records = SYNCED_TABLES.map((table) => db.table(table));
  const notice = await db.transaction('rw', [...records, db.outbox, db.lostEdits, db.meta], async () => {
    const demo = await demoVillageIds();
    await deleteRegisterRows(demo);
    await db.lostEdits.clear();
    await deleteMetaExcept([...DEVICE_META_KEYS, NORMALISE_KEY, OWNER_KEY, ACCOUNTS_KEY]);
    const pending = await db.outbox.filter((e) => !demo.has(e.villageId)).count();
    const stored: WipeNotice = { reason, at: nowIso(), pending };
    await db.meta.put({ key: WIPE_NOTICE_KEY, value: stored });
    return stored;
  });
  // Draft mirrors stay (typed work); the lock's activity mark goes with the PIN.
  clearSessionStorage(`${SESSION_STORAGE_PREFIX}draft:`);
  forgetInMemory();
  return notice;
}

/**
 * Logging out of a shared phone: erases everything personal (see the module comment), keeping demo
 * villages with their practice changes and the device's clock. The caller has made sure, or been
 * told explicitly, that unsent changes are thrown away.
 */
export async function eraseEverythingOnLogout(): Promise<void> {
  const db = getDb();
  const records = SYNCED_TABLES.map((table) => db.table(table));
  const stores = [...records, db.outbox, db.rejected, db.drafts, db.lostEdits, db.meta];
  await db.transaction('rw', stores, async () => {
    const demo = await demoVillageIds();
    await deleteRegisterRows(demo);
    // Demo villages never sync, so every notice is of a real one.
    await db.lostEdits.clear();
    await db.outbox.filter((e) => !demo.has(e.villageId)).delete();
    await db.rejected.filter((r) => !demo.has(r.change.villageId)).delete();
    await db.drafts.clear();
    await deleteMetaExcept([...DEVICE_META_KEYS, NORMALISE_KEY]);
  });
  clearSessionStorage();
  await clearResponseCaches();
  forgetInMemory();
}

/**
 * The service worker never caches API answers (vite.config.ts), but any cache other than the app
 * shell's precache is erased all the same: a later version or a browser extension of the worker
 * must not leave answers behind on a shared phone.
 */
async function clearResponseCaches(): Promise<void> {
  try {
    if (typeof caches === 'undefined') return;
    const names = await caches.keys();
    await Promise.all(names.filter((name) => !name.includes('precache')).map((name) => caches.delete(name)));
  } catch {
    // No Cache Storage in this context (an insecure origin, a test): nothing to erase.
  }
}

/** The notice left by `eraseRegisterOnRevoke`, if no one has logged in since. */
export async function readWipeNotice(): Promise<WipeNotice | undefined> {
  return (await getDb().meta.get(WIPE_NOTICE_KEY))?.value as WipeNotice | undefined;
}
