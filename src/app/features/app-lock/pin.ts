/**
 * The app lock's PIN (issue 14, kind 9; docs/SECURITY.md "Lost phone"). Only a salted PBKDF2 hash is
 * kept, in the meta table, never the PIN: people reuse their phone's or bank's PIN, and the phone's
 * storage is readable by anyone who can open Chrome's developer tools on it.
 *
 * Why 100,000 iterations of PBKDF2-SHA-256 and not OWASP's 600,000: a 4–6 digit PIN has at most a
 * million values, so no iteration count stops an offline search (a GPU tries them all in seconds to
 * minutes either way), and the register on the phone is not encrypted by the PIN anyway — the hash
 * only keeps the PIN itself from being read. What stops guessing is the attempt limit below. Each
 * unlock runs the hash once: 100,000 iterations take 0.1 s on the 2-core development server, an
 * estimated 0.3–0.5 s on a 1–2 GB Android phone (3–5× slower); 600,000 would take 2–3 s there,
 * many times a day, in a doorway.
 *
 * Wrong PINs: the third and later ones make the next attempt wait (30 s, 1 min, then 5 min each);
 * the tenth requires logging in again with the password (the data and the outbox stay). The count
 * and the wait are stored before the PIN is even checked, so reloading the page mid-check, or after,
 * resets nothing. The wait uses the phone's clock, which its holder can move; the limit of ten does
 * not depend on any clock.
 */
import { getDb } from '../../db/database';

/** Meta key of the stored lock. */
export const LOCK_KEY = 'appLock';
export const PIN_ITERATIONS = 100_000;
export const MIN_PIN_LENGTH = 4;
export const MAX_PIN_LENGTH = 6;
/** Wrong PINs in a row after which only a password login opens the app. */
export const MAX_PIN_FAILURES = 10;

export interface LockRecord {
  /** The account that set the PIN; another account logging in sets its own. */
  userId: string;
  /** base64 of 16 random bytes. */
  salt: string;
  /** base64 of the 32-byte PBKDF2-SHA-256 output. */
  hash: string;
  iterations: number;
  /** Wrong PINs in a row (the attempt being checked counts until it proves right). */
  failures: number;
  /** Epoch ms before which no PIN is checked; 0 for none. */
  waitUntil: number;
  /** Set at MAX_PIN_FAILURES: the PIN no longer opens the app. */
  loginRequired: boolean;
}

export type PinProblem = 'pinFormat' | 'pinTooSimple' | 'pinMismatch';

/**
 * Why a new PIN is refused, or undefined when it is fine: 4–6 ASCII digits, not one digit repeated
 * and not a run up or down (1234, 987654) — the first PINs anyone tries.
 */
export function newPinProblem(pin: string, repeated: string): PinProblem | undefined {
  if (!new RegExp(`^[0-9]{${MIN_PIN_LENGTH},${MAX_PIN_LENGTH}}$`).test(pin)) return 'pinFormat';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((d, i) => d - (digits[i] as number)));
  if (steps.size === 1 && [0, 1, -1].includes([...steps][0] as number)) return 'pinTooSimple';
  if (pin !== repeated) return 'pinMismatch';
  return undefined;
}

/** How long the next attempt waits after `failures` wrong PINs in a row (ms). */
export function waitAfter(failures: number): number {
  if (failures < 3) return 0;
  if (failures === 3) return 30_000;
  if (failures === 4) return 60_000;
  return 5 * 60_000;
}

function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}

export async function readLock(): Promise<LockRecord | undefined> {
  return (await getDb().meta.get(LOCK_KEY))?.value as LockRecord | undefined;
}

async function writeLock(record: LockRecord): Promise<void> {
  await getDb().meta.put({ key: LOCK_KEY, value: record });
}

/** Forgets the PIN (a new login sets another). */
export async function clearLock(): Promise<void> {
  await getDb().meta.delete(LOCK_KEY);
}

/** Stores a new PIN for `userId`, replacing any other; the caller has checked `newPinProblem`. */
export async function setPin(userId: string, pin: string): Promise<LockRecord> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(pin, salt, PIN_ITERATIONS);
  const record: LockRecord = {
    userId,
    salt: toBase64(salt),
    hash: toBase64(hash),
    iterations: PIN_ITERATIONS,
    failures: 0,
    waitUntil: 0,
    loginRequired: false,
  };
  await writeLock(record);
  return record;
}

export type PinCheck =
  | { kind: 'right' }
  | { kind: 'wrong'; failures: number; waitUntil: number; left: number }
  | { kind: 'wait'; waitUntil: number }
  | { kind: 'loginRequired' }
  | { kind: 'noPin' };

/**
 * Checks `pin` against the stored lock at `nowMs` (epoch ms). The attempt is recorded as wrong, with
 * the wait it would earn, before the hash runs, and cleared only when it proves right.
 */
export async function checkPin(pin: string, nowMs: number): Promise<PinCheck> {
  const record = await readLock();
  if (!record) return { kind: 'noPin' };
  if (record.loginRequired) return { kind: 'loginRequired' };
  if (nowMs < record.waitUntil) return { kind: 'wait', waitUntil: record.waitUntil };
  const failures = record.failures + 1;
  const pessimistic: LockRecord = {
    ...record,
    failures,
    waitUntil: waitAfter(failures) > 0 ? nowMs + waitAfter(failures) : 0,
    loginRequired: failures >= MAX_PIN_FAILURES,
  };
  await writeLock(pessimistic);
  if (sameBytes(await derive(pin, fromBase64(record.salt), record.iterations), fromBase64(record.hash))) {
    await writeLock({ ...record, failures: 0, waitUntil: 0, loginRequired: false });
    return { kind: 'right' };
  }
  if (pessimistic.loginRequired) return { kind: 'loginRequired' };
  return {
    kind: 'wrong',
    failures,
    waitUntil: pessimistic.waitUntil,
    left: MAX_PIN_FAILURES - failures,
  };
}
