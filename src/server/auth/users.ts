import { count, eq } from 'drizzle-orm';
import { type Role, type UserRow, users } from '../db/schema.js';
import type { Orm } from '../db.js';

/** What the API shows of an account: never the hash or the lock counters' internals. */
export interface PublicUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  villageIds: string[];
}

export interface AdminUserView extends PublicUser {
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export function toPublicUser(row: UserRow): PublicUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    villageIds: row.villageIds,
  };
}

export function toAdminView(row: UserRow): AdminUserView {
  return {
    ...toPublicUser(row),
    disabled: row.disabled,
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function findUserByUsername(orm: Orm, username: string): Promise<UserRow | undefined> {
  const [row] = await orm.select().from(users).where(eq(users.username, username.toLowerCase()));
  return row;
}

export async function findUserById(orm: Orm, id: string): Promise<UserRow | undefined> {
  const [row] = await orm.select().from(users).where(eq(users.id, id));
  return row;
}

export async function countUsers(orm: Orm): Promise<number> {
  const [row] = await orm.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export interface NewUser {
  username: string;
  displayName: string;
  passwordHash: string;
  role: Role;
  villageIds: string[];
}

/** Inserts the account, or returns undefined when the username is taken (no exception to catch). */
export async function insertUser(orm: Orm, user: NewUser, now: Date): Promise<UserRow | undefined> {
  const [row] = await orm
    .insert(users)
    .values({ ...user, username: user.username.toLowerCase(), createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: users.username })
    .returning();
  return row;
}
