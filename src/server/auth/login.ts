import { eq, sql } from 'drizzle-orm';
import { audit } from '../audit.js';
import { type UserRow, users } from '../db/schema.js';
import type { Database, Orm } from '../db.js';
import { ApiError } from '../errors.js';
import {
  clearDeviceFailures,
  findKnownDevice,
  recordDeviceFailure,
  rememberDevice,
} from './known-devices.js';
import { type FailureAudit, lockDurationMs, retryAfterSeconds, type UnknownUserThrottle } from './lockout.js';
import type { AuthOptions } from './options.js';
import { dummyHash, verifyPassword } from './password.js';
import { issueToken } from './tokens.js';
import { findUserByUsername, type PublicUser, toPublicUser } from './users.js';

/** What login and setup answer: the device keeps `token` and sends it as a bearer token. */
export interface SessionResponse {
  token: string;
  expiresAt: string;
  user: PublicUser;
  /** This phone's key for this account (known-devices.ts): kept, and sent with the next login. */
  deviceKey: string;
}

export interface LoginInput {
  username: string;
  password: string;
  deviceName: string;
  /** The key this phone got at an earlier login of the same account, if it has one. */
  deviceKey?: string | undefined;
}

const BAD_CREDENTIALS = 'The username or password is wrong.';

function tooManyAttempts(lockedUntil: Date, now: Date): ApiError {
  const seconds = retryAfterSeconds(lockedUntil, now);
  return new ApiError(429, 'too_many_attempts', `Too many failed attempts. Try again in ${seconds} s.`, {
    extra: { retryAfterSeconds: seconds },
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * Checks the password and opens a session for one device. The answers for an unknown username and a
 * wrong password are the same, and take as long. Failures are audited, repeated ones as one entry
 * with a count (FailureAudit).
 *
 * A phone that presents its key for this account (known-devices.ts) is judged by its own lock, not
 * the account's: a stranger guessing can keep the account locked for everyone else, never for its
 * owner's phone (issue 14, kind 5).
 *
 * @throws ApiError 401 `bad_credentials`, 403 `account_disabled`, 429 `too_many_attempts` with
 *   Retry-After
 */
export async function login(
  db: Database,
  options: AuthOptions,
  guards: { throttle: UnknownUserThrottle; failures: FailureAudit },
  input: LoginInput,
): Promise<SessionResponse> {
  const now = options.now();
  const user = await findUserByUsername(db.orm, input.username);
  const failure = (userId: string | null, reason: string) =>
    guards.failures.record(db.orm, { userId, username: input.username, reason }, now);

  if (!user) {
    const lockedUntil = guards.throttle.lockedUntil(input.username, now);
    if (lockedUntil) {
      await failure(null, 'locked');
      throw tooManyAttempts(lockedUntil, now);
    }
    await verifyPassword(input.password, await dummyHash(options.scryptLogN));
    guards.throttle.fail(input.username, now);
    await failure(null, 'unknown_user');
    throw new ApiError(401, 'bad_credentials', BAD_CREDENTIALS);
  }

  const device = await findKnownDevice(db.orm, user.id, input.deviceKey);
  const lockedUntil = device ? device.lockedUntil : user.lockedUntil;
  // A locked account (or device) is not even checked: guessing must not continue during the lock.
  if (lockedUntil && lockedUntil.getTime() > now.getTime()) {
    await failure(user.id, device ? 'device_locked' : 'locked');
    throw tooManyAttempts(lockedUntil, now);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    if (device) await recordDeviceFailure(db.orm, options, device, now);
    else await recordFailure(db.orm, options, user, now);
    await failure(user.id, 'bad_password');
    throw new ApiError(401, 'bad_credentials', BAD_CREDENTIALS);
  }
  // Only after the password: otherwise anyone could learn which accounts are disabled.
  if (user.disabled) {
    await failure(user.id, 'disabled');
    throw new ApiError(403, 'account_disabled', 'This account has been disabled.');
  }

  return db.transaction(async (tx) => {
    // The owner's phone clears its own lock; the account's stays while strangers may still be at it.
    if (device) await clearDeviceFailures(tx, device.id);
    else await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const known = device && input.deviceKey ? { id: device.id, key: input.deviceKey } : undefined;
    const session = await openSession(tx, options, user, input.deviceName, now, known);
    await audit(tx, {
      userId: user.id,
      action: 'login.success',
      detail: { deviceName: input.deviceName, tokenId: session.tokenId, knownDevice: known !== undefined },
    });
    return session.response;
  });
}

async function recordFailure(orm: Orm, options: AuthOptions, user: UserRow, now: Date): Promise<void> {
  // Incremented in SQL: concurrent guesses must each count.
  const [row] = await orm
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, user.id))
    .returning({ failedLogins: users.failedLogins });
  const lockMs = lockDurationMs(options.lockout, row?.failedLogins ?? 0);
  if (lockMs > 0) {
    await orm
      .update(users)
      .set({ lockedUntil: new Date(now.getTime() + lockMs) })
      .where(eq(users.id, user.id));
  }
}

/**
 * Issues a token for `user` on one device. Without `known`, the device becomes a known device of the
 * account and gets its key.
 */
export async function openSession(
  orm: Orm,
  options: AuthOptions,
  user: UserRow,
  deviceName: string,
  now: Date,
  known?: { id: string; key: string },
): Promise<{ tokenId: string; response: SessionResponse }> {
  const device = known ?? (await rememberDevice(orm, user.id, now));
  const issued = await issueToken(orm, {
    userId: user.id,
    deviceName,
    now,
    ttlMs: options.tokenTtlMs,
    knownDeviceId: device.id,
  });
  return {
    tokenId: issued.tokenId,
    response: {
      token: issued.token,
      expiresAt: issued.expiresAt.toISOString(),
      user: toPublicUser(user),
      deviceKey: device.key,
    },
  };
}
