import { DEFAULT_SCRYPT_LOG_N } from './password.js';

export interface LockoutPolicy {
  /** Consecutive failures that lock a username. */
  threshold: number;
  /** Length of the first lock; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
}

export interface AuthOptions {
  /** The clock for expiry, locks and last use; tests move it instead of sleeping. */
  now: () => Date;
  tokenTtlMs: number;
  lockout: LockoutPolicy;
  /** log2 of scrypt's N for new password hashes (tests lower it for speed). */
  scryptLogN: number;
  /** `tokens.last_used_at` is written at most this often, so reads do not become writes. */
  lastUsedResolutionMs: number;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

export const DEFAULT_AUTH_OPTIONS: AuthOptions = {
  now: () => new Date(),
  tokenTtlMs: 30 * DAY_MS,
  lockout: { threshold: 5, baseMs: 30_000, maxMs: 15 * 60_000 },
  scryptLogN: DEFAULT_SCRYPT_LOG_N,
  lastUsedResolutionMs: 60_000,
};

export function resolveAuthOptions(overrides: Partial<AuthOptions> = {}): AuthOptions {
  return { ...DEFAULT_AUTH_OPTIONS, ...overrides };
}
