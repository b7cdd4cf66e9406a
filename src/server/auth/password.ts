import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** log2 of scrypt's N. 2^15 with r=8 costs ~32 MiB and ~100 ms: slow for guessing, fine for a login. */
export const DEFAULT_SCRYPT_LOG_N = 15;

const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
// Stored hashes choose their own N; bounding it keeps a tampered row from exhausting memory.
const MAX_LOG_N = 20;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node's default maxmem (32 MiB) is exactly 128·N·r at N=2^15, which scrypt rejects.
    const maxmem = 256 * n * r + 1024 * 1024;
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: n, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64. */
export async function hashPassword(password: string, logN = DEFAULT_SCRYPT_LOG_N): Promise<string> {
  const n = 2 ** logN;
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, n, R, P);
  return ['scrypt', n, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (!n || !r || !p || n > 2 ** MAX_LOG_N || (n & (n - 1)) !== 0 || expected.length === 0) return false;
  const actual = await derive(password, salt, n, r, p).catch(() => undefined);
  if (!actual || actual.length !== expected.length) return false;
  return timingSafeEqual(actual, expected);
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * A hash to verify against when the username is unknown, so that answer takes as long as a wrong
 * password and does not reveal which usernames exist.
 */
export function dummyHash(logN = DEFAULT_SCRYPT_LOG_N): Promise<string> {
  let hash = dummyHashes.get(logN);
  if (!hash) {
    hash = hashPassword(randomBytes(12).toString('base64'), logN);
    dummyHashes.set(logN, hash);
  }
  return hash;
}
