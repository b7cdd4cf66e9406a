/**
 * Known devices (issue 14, kind 5), after OWASP's "Slow Down Online Guessing Attacks with Device
 * Cookies". Anyone who knows a username can keep that account locked by guessing its password; the
 * lock must not also lock out its owner. A phone that logged in before holds a random key for that
 * account: with it, the account's lock does not apply, only the device's own, which wrong passwords
 * typed on that phone set. Strangers' guesses never touch it.
 *
 * The key is never stored, only its SHA-256 (like tokens). An officer revoking a device, or all of an
 * account's devices (a lost phone), forgets its key, so a thief cannot use it to get around the lock.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { type KnownDeviceRow, knownDevices, tokens } from '../db/schema.js';
import type { Orm } from '../db.js';
import { lockDurationMs } from './lockout.js';
import type { AuthOptions } from './options.js';
import { hashToken, newToken } from './tokens.js';

/** The shape a phone sends back: 32 random bytes, base64url (43 characters). */
export const DEVICE_KEY_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The live known device of `userId` that `key` names, if any. */
export async function findKnownDevice(
  orm: Orm,
  userId: string,
  key: string | undefined,
): Promise<KnownDeviceRow | undefined> {
  if (!key || !DEVICE_KEY_PATTERN.test(key)) return undefined;
  const [row] = await orm
    .select()
    .from(knownDevices)
    .where(
      and(
        eq(knownDevices.keyHash, hashToken(key)),
        eq(knownDevices.userId, userId),
        isNull(knownDevices.forgottenAt),
      ),
    );
  return row;
}

/** A new known device for `userId`; returns its id and the key the phone keeps. */
export async function rememberDevice(
  orm: Orm,
  userId: string,
  now: Date,
): Promise<{ id: string; key: string }> {
  const key = newToken();
  const [row] = await orm
    .insert(knownDevices)
    .values({ userId, keyHash: hashToken(key), createdAt: now })
    .returning({ id: knownDevices.id });
  if (!row) throw new Error('inserting a known device returned no row');
  return { id: row.id, key };
}

/** One more wrong password typed on this device; locks the device (not the account) past the threshold. */
export async function recordDeviceFailure(
  orm: Orm,
  options: AuthOptions,
  device: KnownDeviceRow,
  now: Date,
): Promise<void> {
  const [row] = await orm
    .update(knownDevices)
    .set({ failedLogins: sql`${knownDevices.failedLogins} + 1` })
    .where(eq(knownDevices.id, device.id))
    .returning({ failedLogins: knownDevices.failedLogins });
  const lockMs = lockDurationMs(options.lockout, row?.failedLogins ?? 0);
  if (lockMs > 0) {
    await orm
      .update(knownDevices)
      .set({ lockedUntil: new Date(now.getTime() + lockMs) })
      .where(eq(knownDevices.id, device.id));
  }
}

export async function clearDeviceFailures(orm: Orm, deviceId: string): Promise<void> {
  await orm
    .update(knownDevices)
    .set({ failedLogins: 0, lockedUntil: null })
    .where(eq(knownDevices.id, deviceId));
}

/**
 * Forgets the known devices behind the given sessions (an officer revoking them), or every known
 * device of the account when `tokenIds` is omitted.
 */
export async function forgetKnownDevices(
  orm: Orm,
  userId: string,
  now: Date,
  tokenIds?: string[],
): Promise<void> {
  if (tokenIds === undefined) {
    await orm
      .update(knownDevices)
      .set({ forgottenAt: now })
      .where(and(eq(knownDevices.userId, userId), isNull(knownDevices.forgottenAt)));
    return;
  }
  if (tokenIds.length === 0) return;
  const linked = await orm
    .select({ id: tokens.knownDeviceId })
    .from(tokens)
    .where(and(eq(tokens.userId, userId), inArray(tokens.id, tokenIds)));
  const ids = linked.map((r) => r.id).filter((id): id is string => id !== null);
  if (ids.length === 0) return;
  await orm
    .update(knownDevices)
    .set({ forgottenAt: now })
    .where(and(eq(knownDevices.userId, userId), inArray(knownDevices.id, ids)));
}
