/**
 * Telling storage problems from the rest (issue 13, kind 10). IndexedDB refuses a write when the
 * phone's storage is full (QuotaExceededError, which Dexie may hand on as the inner error of an
 * aborted transaction) or when the browser cannot open the database at all (another tab holding an
 * older version, a corrupted store, private browsing). Neither is the server's fault nor the
 * network's, and each needs its own words and its own remedy.
 */
import { ApiFailure } from '../sync/api-client';

export type ErrorCause = 'storage_full' | 'storage_unavailable' | 'network' | 'server' | 'app';

const UNAVAILABLE = new Set([
  'DatabaseClosedError',
  'OpenFailedError',
  'MissingAPIError',
  'InvalidStateError',
  'UnknownError',
  'VersionError',
  'InvalidAccessError',
  'UpgradeError',
  'SecurityError',
]);

function names(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const e = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof e.name === 'string') out.push(e.name);
    current = e.inner ?? e.cause;
  }
  return out;
}

export function errorCause(error: unknown): ErrorCause {
  if (error instanceof ApiFailure)
    return ['network', 'timeout', 'not_our_server'].includes(error.code) ? 'network' : 'server';
  const found = names(error);
  if (found.includes('QuotaExceededError')) return 'storage_full';
  if (found.some((n) => UNAVAILABLE.has(n))) return 'storage_unavailable';
  return 'app';
}

export function isStorageError(error: unknown): boolean {
  const cause = errorCause(error);
  return cause === 'storage_full' || cause === 'storage_unavailable';
}
