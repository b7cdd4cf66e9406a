import { eq, sql } from 'drizzle-orm';
import { auditLog } from '../db/schema.js';
import type { Orm } from '../db.js';
import type { LockoutPolicy } from './options.js';

/** How long to lock after the given number of consecutive failures (0: not locked). */
export function lockDurationMs(policy: LockoutPolicy, failures: number): number {
  if (failures < policy.threshold) return 0;
  const doublings = failures - policy.threshold;
  // Capped before exponentiating so a long attack cannot overflow to Infinity.
  if (doublings >= 30) return policy.maxMs;
  return Math.min(policy.baseMs * 2 ** doublings, policy.maxMs);
}

export function retryAfterSeconds(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 1000));
}

const MAX_TRACKED = 10_000;

/**
 * Failure counts for usernames that have no account. Without it an unknown username would never
 * answer 429 and the difference would reveal which usernames exist. Kept in memory (bounded): it
 * is only there to look like the real lock, which lives in the users table.
 */
export class UnknownUserThrottle {
  private readonly entries = new Map<string, { failures: number; lockedUntil: number }>();

  constructor(private readonly policy: LockoutPolicy) {}

  lockedUntil(username: string, now: Date): Date | undefined {
    const entry = this.entries.get(username);
    return entry && entry.lockedUntil > now.getTime() ? new Date(entry.lockedUntil) : undefined;
  }

  fail(username: string, now: Date): void {
    const failures = (this.entries.get(username)?.failures ?? 0) + 1;
    // Re-inserting moves the key to the end, so the oldest entries are evicted first.
    this.entries.delete(username);
    if (this.entries.size >= MAX_TRACKED) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    const lockedUntil = now.getTime() + lockDurationMs(this.policy, failures);
    this.entries.set(username, { failures, lockedUntil });
  }
}

/** Failures of one username for one reason closer together than this share one audit entry. */
export const FAILURE_AUDIT_WINDOW_MS = 15 * 60_000;

/**
 * Audits failed logins without letting them flood the audit log (issue 14, kind 5): once locked, each
 * further attempt used to add a row at no cost to the attacker (≈190 rows/s from one client).
 * Repeated failures of one username for one reason update their latest entry's `count` and `lastAt`
 * instead, while they come less than FAILURE_AUDIT_WINDOW_MS apart. Which entry is the latest is kept
 * in memory (bounded), so finding it never scans the log; after a restart a new entry starts.
 */
export class FailureAudit {
  private readonly latest = new Map<string, { id: number; lastAt: number }>();

  /** @param onFailure told each failure's reason as it is recorded (the login failures metric). */
  constructor(private readonly onFailure: (reason: string) => void = () => undefined) {}

  async record(
    orm: Orm,
    failure: { userId: string | null; username: string; reason: string },
    now: Date,
  ): Promise<void> {
    this.onFailure(failure.reason);
    const key = `${failure.reason}\u0000${failure.username}`;
    const previous = this.latest.get(key);
    const at = now.toISOString();
    if (previous && now.getTime() - previous.lastAt < FAILURE_AUDIT_WINDOW_MS) {
      const updated = await orm
        .update(auditLog)
        .set({
          detail: sql`${auditLog.detail} || jsonb_build_object('count', coalesce((${auditLog.detail}->>'count')::int, 1) + 1, 'lastAt', ${at}::text)`,
        })
        .where(eq(auditLog.id, previous.id))
        .returning({ id: auditLog.id });
      if (updated.length > 0) {
        this.latest.set(key, { id: previous.id, lastAt: now.getTime() });
        return;
      }
    }
    const [row] = await orm
      .insert(auditLog)
      .values({
        userId: failure.userId,
        action: 'login.failure',
        detail: { username: failure.username, reason: failure.reason, count: 1, lastAt: at },
      })
      .returning({ id: auditLog.id });
    if (!row) return;
    this.latest.delete(key);
    if (this.latest.size >= MAX_TRACKED) {
      const oldest = this.latest.keys().next();
      if (!oldest.done) this.latest.delete(oldest.value);
    }
    this.latest.set(key, { id: row.id, lastAt: now.getTime() });
  }
}
