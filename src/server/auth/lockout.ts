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
