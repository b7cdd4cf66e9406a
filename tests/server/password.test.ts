import { describe, expect, it } from 'vitest';
import { lockDurationMs, UnknownUserThrottle } from '../../src/server/auth/lockout.js';
import { hashPassword, verifyPassword } from '../../src/server/auth/password.js';
import { hashToken, newToken } from '../../src/server/auth/tokens.js';

describe('password hashing', () => {
  it('encodes scrypt$N$r$p$salt$hash and verifies only the right password', async () => {
    const encoded = await hashPassword('mật khẩu dài', 10);
    expect(encoded).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
    expect(await verifyPassword('mật khẩu dài', encoded)).toBe(true);
    expect(await verifyPassword('mật khẩu dàI', encoded)).toBe(false);
    expect(await verifyPassword('', encoded)).toBe(false);
  });

  it('uses the default cost of 2^15', async () => {
    expect(await hashPassword('x'.repeat(8))).toMatch(/^scrypt\$32768\$8\$1\$/);
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('same password', 10)).not.toBe(await hashPassword('same password', 10));
  });

  it('accepts a password typed with decomposed Vietnamese diacritics', async () => {
    const composed = 'Thượng Quan 2025';
    const encoded = await hashPassword(composed, 10);
    expect(await verifyPassword(composed.normalize('NFD'), encoded)).toBe(true);
  });

  it.each([
    '',
    'bcrypt$10$abc',
    'scrypt$1024$8$1$c2FsdA==',
    'scrypt$1000$8$1$c2FsdA==$aGFzaA==',
    'scrypt$2097152$8$1$c2FsdA==$aGFzaA==',
    'scrypt$1024$8$1$c2FsdA==$',
  ])('rejects the malformed hash %j without throwing', async (encoded) => {
    expect(await verifyPassword('whatever', encoded)).toBe(false);
  });
});

describe('tokens', () => {
  it('are 32 random bytes in base64url, stored as their SHA-256', () => {
    const token = newToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toContain(token);
    expect(newToken()).not.toBe(token);
  });
});

describe('lockout policy', () => {
  const policy = { threshold: 5, baseMs: 30_000, maxMs: 15 * 60_000 };
  it.each([
    [0, 0],
    [4, 0],
    [5, 30_000],
    [6, 60_000],
    [7, 120_000],
    [9, 480_000],
    [10, 900_000],
    [50, 900_000],
    [10_000, 900_000],
  ])('%i failures lock for %i ms', (failures, ms) => {
    expect(lockDurationMs(policy, failures)).toBe(ms);
  });

  it('throttles unknown usernames like real ones', () => {
    const throttle = new UnknownUserThrottle(policy);
    const now = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 4; i++) throttle.fail('ghost', now);
    expect(throttle.lockedUntil('ghost', now)).toBeUndefined();
    throttle.fail('ghost', now);
    expect(throttle.lockedUntil('ghost', now)?.getTime()).toBe(now.getTime() + 30_000);
    expect(throttle.lockedUntil('ghost', new Date(now.getTime() + 30_000))).toBeUndefined();
    expect(throttle.lockedUntil('other', now)).toBeUndefined();
  });
});
