/**
 * The server's SQL tables. drizzle-kit reads this file to generate the migrations in drizzle/;
 * change it, then run `npm run db:generate` and commit both.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '../../core/sync/scope';

export type { Role } from '../../core/sync/scope';
export { ROLES };

export const RESOLUTIONS = ['kept', 'restored'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];

// Timestamps cross the API as ISO strings and are compared with an injectable clock, so they are
// read as Date rather than strings.
const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Always lower-case: usernames are case-insensitive and the unique index must see one spelling. */
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    villageIds: jsonb('village_ids').$type<string[]>().notNull().default([]),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: at('locked_until'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [check('users_role_check', sql`${t.role} in ('member', 'lead', 'commune', 'unit')`)],
);

/** One row per logged-in device. Only the token's SHA-256 is kept: a database dump opens no sessions. */
export const tokens = pgTable(
  'tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    deviceName: text('device_name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    /** The known device (its key) this session was opened from; revoking the session forgets it. */
    knownDeviceId: uuid('known_device_id'),
    /** When this device last pushed or pulled successfully (issue 16: a phone that stopped syncing is noticed). */
    lastSyncAt: at('last_sync_at'),
    /** Changes waiting in the device's outbox, as it said at its last sync (the `x-pending-changes` header). */
    pendingChanges: integer('pending_changes'),
  },
  (t) => [index('tokens_user_id_idx').on(t.userId)],
);

/**
 * Devices an account has logged in from before (issue 14, kind 5; OWASP "device cookies"). A phone
 * keeps a random key per account; presented at login, it lets its owner in while strangers keep the
 * account locked, and it is locked on its own after wrong passwords. Forgotten when an officer
 * revokes the device. Only the key's hash is stored.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull().unique(),
    createdAt: at('created_at').notNull().defaultNow(),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: at('locked_until'),
    forgottenAt: at('forgotten_at'),
  },
  (t) => [index('known_devices_user_id_idx').on(t.userId)],
);

export const auditLog = pgTable('audit_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: at('at').notNull().defaultNow(),
  /** The acting user; null when nobody is known (a login attempt for an unknown username). */
  userId: uuid('user_id'),
  action: text('action').notNull(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
});

/** The current state of every synced row, whatever its table: one generic store keeps the merge in one place. */
export const records = pgTable(
  'records',
  {
    tbl: text('tbl').notNull(),
    id: uuid('id').notNull(),
    villageId: uuid('village_id').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    /** Field name → HLC of the write that set it; the merge compares against these. */
    clocks: jsonb('clocks').$type<Record<string, string>>().notNull(),
    /** Sequence number of the last change applied to this row; pull pages are ordered by it. */
    seq: bigint('seq', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tbl, t.id] }),
    index('records_seq_idx').on(t.seq),
    index('records_village_seq_idx').on(t.villageId, t.seq),
  ],
);

export const changes = pgTable(
  'changes',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    changeId: uuid('change_id').notNull().unique(),
    tbl: text('tbl').notNull(),
    rowId: uuid('row_id').notNull(),
    villageId: uuid('village_id').notNull(),
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull(),
    hlc: text('hlc').notNull(),
    userId: uuid('user_id').notNull(),
    deviceId: text('device_id').notNull(),
    receivedAt: at('received_at').notNull().defaultNow(),
  },
  // A resident's erasure scrubs the logged changes of their rows, and an officer exports them
  // (issue 14, kind 8): found by row, not by reading the whole log inside the push's transaction.
  (t) => [index('changes_row_id_idx').on(t.rowId)],
);

export const conflicts = pgTable(
  'conflicts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tbl: text('tbl').notNull(),
    rowId: uuid('row_id').notNull(),
    villageId: uuid('village_id').notNull(),
    field: text('field').notNull(),
    winnerValue: jsonb('winner_value'),
    winnerHlc: text('winner_hlc').notNull(),
    loserValue: jsonb('loser_value'),
    loserHlc: text('loser_hlc').notNull(),
    loserChangeId: uuid('loser_change_id'),
    createdAt: at('created_at').notNull().defaultNow(),
    resolvedAt: at('resolved_at'),
    resolvedBy: uuid('resolved_by'),
    resolution: text('resolution', { enum: RESOLUTIONS }),
  },
  (t) => [
    index('conflicts_village_resolved_idx').on(t.villageId, t.resolvedAt),
    check(
      'conflicts_resolution_check',
      sql`${t.resolution} is null or ${t.resolution} in ('kept', 'restored')`,
    ),
  ],
);

/**
 * A single row (id = 1) holding the last sequence number handed out. Writers bump it with
 * `update … returning` inside their transaction: the row lock queues them, so a number is never
 * visible while a smaller one may still commit (a bare sequence cannot promise that).
 */
export const syncState = pgTable(
  'sync_state',
  {
    id: integer('id').primaryKey(),
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
    /**
     * The server's last HLC (core/hlc.ts), read and written under the same row lock as lastSeq, so
     * every process sharing the database continues one clock instead of each starting its own.
     */
    serverHlc: text('server_hlc'),
    /**
     * The identity of this copy of the data. A restore gives it a new one: a phone whose cursor was
     * taken from another copy must pull again from the start (issue 16).
     */
    epoch: uuid('epoch').notNull().defaultRandom(),
  },
  (t) => [check('sync_state_single_row', sql`${t.id} = 1`)],
);

/**
 * Data repairs that have run (db/repairs.ts), by name. A repair rewrites stored rows once, with new
 * clocks and sequence numbers so every phone pulls the repaired values; this table keeps a restart
 * from scanning the whole register again.
 */
export const maintenance = pgTable('maintenance', {
  name: text('name').primaryKey(),
  doneAt: at('done_at').notNull().defaultNow(),
  detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
});

export type UserRow = typeof users.$inferSelect;
export type TokenRow = typeof tokens.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type KnownDeviceRow = typeof knownDevices.$inferSelect;
