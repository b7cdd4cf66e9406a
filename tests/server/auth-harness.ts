import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildServer } from '../../src/server/app.js';
import type { AuthOptions } from '../../src/server/auth/options.js';
import { hashPassword } from '../../src/server/auth/password.js';
import { insertUser } from '../../src/server/auth/users.js';
import { type Role, type UserRow, users } from '../../src/server/db/schema.js';
import type { Database } from '../../src/server/db.js';
import type { RateLimits } from '../../src/server/rate-limits.js';
import { type Backend, openTestDatabase, type TestDatabase } from './helpers.js';

/** Cheap hashing and a short lock, so tests neither burn CPU nor sleep. */
export const TEST_SCRYPT_LOG_N = 10;
export const TEST_LOCKOUT = { threshold: 5, baseMs: 30_000, maxMs: 15 * 60_000 };
export const PASSWORD = 'mật-khẩu-đủ-dài';
/**
 * Limits no test file reaches: these files send hundreds of requests a minute from one address on
 * purpose. The limits themselves are tested in rate-limits.test.ts with small numbers.
 */
export const GENEROUS_RATE_LIMITS: RateLimits = {
  perAddress: { max: 1_000_000, windowMs: 60_000 },
  login: { max: 1_000_000, windowMs: 60_000 },
  perAccount: { max: 1_000_000, windowMs: 60_000 },
};

/** A clock the tests move by hand; tokens and locks are judged against it. */
export class TestClock {
  constructor(public current = new Date('2026-03-02T01:00:00Z')) {}
  readonly now = (): Date => this.current;
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface AuthHarness {
  app: FastifyInstance;
  db: Database;
  database: TestDatabase;
  clock: TestClock;
  close(): Promise<void>;
}

export async function startAuthHarness(
  backend: Backend,
  label: string,
  overrides: Partial<AuthOptions> = {},
  server: {
    syncNow?: () => number;
    rateLimits?: Partial<RateLimits>;
    logStream?: DestinationStream;
    metricsToken?: string;
  } = {},
): Promise<AuthHarness> {
  const database = await openTestDatabase(backend, label);
  const clock = new TestClock();
  const app = buildServer({
    db: database.db,
    distDir: '/nonexistent',
    auth: { now: clock.now, scryptLogN: TEST_SCRYPT_LOG_N, lockout: TEST_LOCKOUT, ...overrides },
    ...server,
    rateLimits: { ...GENEROUS_RATE_LIMITS, ...server.rateLimits },
  });
  await app.ready();
  return {
    app,
    db: database.db,
    database,
    clock,
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

export interface TestUser {
  username: string;
  role: Role;
  villageIds?: string[];
  password?: string;
  displayName?: string;
  disabled?: boolean;
}

/** Straight into the table: fixtures should not depend on the endpoints under test. */
export async function createUser(db: Database, user: TestUser): Promise<UserRow> {
  const passwordHash = await hashPassword(user.password ?? PASSWORD, TEST_SCRYPT_LOG_N);
  const row = await insertUser(
    db.orm,
    {
      username: user.username,
      displayName: user.displayName ?? user.username,
      passwordHash,
      role: user.role,
      villageIds: user.villageIds ?? [],
    },
    new Date(),
  );
  if (!row) throw new Error(`test user ${user.username} already exists`);
  if (!user.disabled) return row;
  const [disabled] = await db.orm
    .update(users)
    .set({ disabled: true })
    .where(eq(users.id, row.id))
    .returning();
  return disabled ?? row;
}

export function login(
  app: FastifyInstance,
  username: string,
  password = PASSWORD,
  deviceName = 'Điện thoại thử',
): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, deviceName } });
}

export async function loginToken(
  app: FastifyInstance,
  username: string,
  password = PASSWORD,
): Promise<string> {
  const res = await login(app, username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  return res.json().token;
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

/** Row counts of the tables a rejected request must not touch. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const { rows } = await db.query<{ users: number; tokens: number; audit: number }>(
    `select (select count(*)::int from users) as users,
            (select count(*)::int from tokens) as tokens,
            (select count(*)::int from audit_log) as audit`,
  );
  return { ...rows[0] };
}
