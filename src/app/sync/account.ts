/**
 * Whose data the phone holds, and which villages it may show (issue 13, kinds 2 and 3).
 *
 * - The phone's data belongs to one account at a time, its owner (meta `owner`). Every queued change
 *   carries the id of the account that made it, and is pushed only under that account: a teammate
 *   who logs in on the same phone never sends someone else's work as their own, unless it is handed
 *   over on purpose (and only for villages they may write).
 * - The phone keeps only the villages its user may see. When the scope changes — a village granted
 *   or taken away, another account logging in — rows of villages no longer visible are dropped (the
 *   server keeps them), and the pull starts afresh, so rows of a newly visible village below the old
 *   cursor arrive too. Queued changes are never dropped: one for a village no longer writable is
 *   refused by the server and kept, with the reason, in the refused list.
 * - Demo villages are practice data on this phone only: never dropped, never synced.
 */
import type { Table } from 'dexie';
import { SYNCED_TABLES } from '../../core/changes';
import { inScope, roleMayWrite, type Scope } from '../../core/sync/scope';
import { getDb, LOST_CURSOR_KEY, type OutboxEntry } from '../db/database';
import { CURSOR_KEY, PULLED_SCOPE_KEY, SCOPE_KEY } from './apply-pulled';
import type { Session, SessionUser } from './session';

/** The account whose data the phone holds. */
export const OWNER_KEY = 'owner';
/** Names of the accounts that have used this phone, to say whose changes are waiting. */
export const ACCOUNTS_KEY = 'accounts';

export interface Owner {
  id: string;
  username: string;
  displayName: string;
}

export function scopeOf(user: Pick<SessionUser, 'role' | 'villageIds'>): Scope {
  return user.role === 'commune' ? 'all' : user.villageIds;
}

export async function readOwner(): Promise<Owner | undefined> {
  const entry = await getDb().meta.get(OWNER_KEY);
  return (entry?.value as Owner | undefined) ?? undefined;
}

async function demoVillageIds(): Promise<Set<string>> {
  return new Set((await getDb().villages.toArray()).filter((v) => v.demo).map((v) => v.id));
}

/** Queued changes (not demo) that belong to another account than `userId`. */
export async function othersPendingChanges(userId: string): Promise<OutboxEntry[]> {
  const demo = await demoVillageIds();
  return getDb()
    .outbox.filter((e) => !demo.has(e.villageId) && e.userId !== undefined && e.userId !== userId)
    .toArray();
}

/**
 * Whether `user` may send this queued change (the server's rule, push.ts): in its scope, and a change
 * its role makes there — a unit's account its figures, activities and report (issue 19).
 */
function mayWrite(user: Pick<SessionUser, 'role' | 'villageIds'>, e: OutboxEntry): boolean {
  return inScope(scopeOf(user), e.villageId) && roleMayWrite(user.role, e);
}

export interface AccountSwitch {
  /** The account whose data the phone holds now, when it is not the one logging in. */
  previous: Owner | undefined;
  /** That account's changes not yet sent. */
  pending: number;
  /** Of those, how many the new account may write (and so could take over). */
  transferable: number;
}

/** What logging in as `user` would do to the phone, for the confirmation before it happens. */
export async function accountSwitch(user: SessionUser): Promise<AccountSwitch> {
  const owner = await readOwner();
  if (!owner || owner.id === user.id) return { previous: undefined, pending: 0, transferable: 0 };
  const pending = await othersPendingChanges(user.id);
  const writable = pending.filter((e) => mayWrite(user, e));
  return { previous: owner, pending: pending.length, transferable: writable.length };
}

/**
 * Keeps only the rows of villages `scope` shows (and demo villages), and starts the pull afresh. One
 * transaction: the phone never shows a half-dropped village, and the cursor never outlives its rows.
 */
export async function narrowToScope(scope: Scope): Promise<void> {
  const db = getDb();
  const records = SYNCED_TABLES.map((table) => db.table(table));
  await db.transaction('rw', [...records, db.lostEdits, db.meta], async () => {
    const demo = await demoVillageIds();
    const keep = (villageId: string) => demo.has(villageId) || inScope(scope, villageId);
    if (scope !== 'all') {
      for (const table of [...SYNCED_TABLES, 'lostEdits'] as const) {
        const rows = db.table(table) as Table<{ villageId: string }, string>;
        await rows.filter((row) => !keep(row.villageId)).delete();
      }
    }
    // The lost list is asked afresh too (a village given back): notices already here, shown or
    // dismissed, are not made twice (db/lost-edit-repository.ts).
    await db.meta.bulkDelete([CURSOR_KEY, SCOPE_KEY, PULLED_SCOPE_KEY, LOST_CURSOR_KEY]);
  });
}

/**
 * Makes `session` the phone's account: its scope replaces the previous one, and when it is another
 * account than the owner, it becomes the owner. With `takeOver`, the previous account's queued
 * changes that the new one may write become the new one's (a deliberate hand-over on a shared phone);
 * the rest stay the previous account's, kept on the phone for when it logs in again.
 */
export async function adoptAccount(session: Session, options: { takeOver?: boolean } = {}): Promise<void> {
  const db = getDb();
  const user = session.user;
  const owner = await readOwner();
  const scope = scopeOf(user);
  const known = ((await db.meta.get(ACCOUNTS_KEY))?.value ?? {}) as Record<string, Owner>;
  const me: Owner = { id: user.id, username: user.username, displayName: user.displayName };
  await db.meta.put({ key: ACCOUNTS_KEY, value: { ...known, [user.id]: me } });
  if (!owner || owner.id !== user.id) {
    await narrowToScope(scope);
    await db.transaction('rw', [db.outbox, db.meta], async () => {
      // Changes made on this phone before any account logged in are the first account's.
      await db.outbox.filter((e) => e.userId === undefined).modify({ userId: user.id });
      if (options.takeOver) {
        await db.outbox.filter((e) => e.userId !== user.id && mayWrite(user, e)).modify({ userId: user.id });
      }
      await db.meta.put({ key: OWNER_KEY, value: me });
    });
  }
}
