import { eq, sql } from 'drizzle-orm';
import { audit } from '../audit.js';
import { type UserRow, users } from '../db/schema.js';
import type { Database, Orm } from '../db.js';
import { ApiError } from '../errors.js';
import { auditedUsername } from '../validation.js';
import { lockDurationMs, retryAfterSeconds, type UnknownUserThrottle } from './lockout.js';
import type { AuthOptions } from './options.js';
import { dummyHash, verifyPassword } from './password.js';
import { issueToken } from './tokens.js';
import { findUserByUsername, type PublicUser, toPublicUser } from './users.js';

/** What login and setup answer: the device keeps `token` and sends it as a bearer token. */
export interface SessionResponse {
  token: string;
  expiresAt: string;
  user: PublicUser;
}

export interface LoginInput {
  username: string;
  password: string;
  deviceName: string;
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
 * Checks the password and opens a session for one device. Every outcome is audited; the
 * answers for an unknown username and a wrong password are the same, and take as long.
 */
export async function login(
  db: Database,
  options: AuthOptions,
  throttle: UnknownUserThrottle,
  input: LoginInput,
): Promise<SessionResponse> {
  const now = options.now();
  const user = await findUserByUsername(db.orm, input.username);
  // Never the typed text as such: an ID number or password typed into the wrong box is redacted.
  const username = auditedUsername(input.username, user);
  const failure = (userId: string | null, reason: string) =>
    audit(db.orm, { userId, action: 'login.failure', detail: { username, reason } });

  if (!user) {
    const lockedUntil = throttle.lockedUntil(input.username, now);
    if (lockedUntil) {
      await failure(null, 'locked');
      throw tooManyAttempts(lockedUntil, now);
    }
    await verifyPassword(input.password, await dummyHash(options.scryptLogN));
    throttle.fail(input.username, now);
    await failure(null, 'unknown_user');
    throw new ApiError(401, 'bad_credentials', BAD_CREDENTIALS);
  }

  // A locked account is not even checked: guessing must not continue during the lock.
  if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) {
    await failure(user.id, 'locked');
    throw tooManyAttempts(user.lockedUntil, now);
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    await recordFailure(db.orm, options, user, now);
    await failure(user.id, 'bad_password');
    throw new ApiError(401, 'bad_credentials', BAD_CREDENTIALS);
  }
  // Only after the password: otherwise anyone could learn which accounts are disabled.
  if (user.disabled) {
    await failure(user.id, 'disabled');
    throw new ApiError(403, 'account_disabled', 'This account has been disabled.');
  }

  return db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    const session = await openSession(tx, options, user, input.deviceName, now);
    await audit(tx, {
      userId: user.id,
      action: 'login.success',
      detail: { deviceName: input.deviceName, tokenId: session.tokenId },
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

export async function openSession(
  orm: Orm,
  options: AuthOptions,
  user: UserRow,
  deviceName: string,
  now: Date,
): Promise<{ tokenId: string; response: SessionResponse }> {
  const issued = await issueToken(orm, { userId: user.id, deviceName, now, ttlMs: options.tokenTtlMs });
  return {
    tokenId: issued.tokenId,
    response: { token: issued.token, expiresAt: issued.expiresAt.toISOString(), user: toPublicUser(user) },
  };
}
