/**
 * Rate limits (issue 14, kinds 2 and 5), with small numbers so the tests reach them: per address on
 * every request, lower on login, per account across addresses; 429 with Retry-After in the API's
 * error shape, and nothing written for a request that was limited.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRateLimits } from '../../src/server/rate-limits.js';
import {
  type AuthHarness,
  bearer,
  createUser,
  GENEROUS_RATE_LIMITS,
  login,
  loginToken,
  PASSWORD,
  startAuthHarness,
  tableCounts,
} from './auth-harness.js';
import { backendsForFile } from './helpers.js';

const WINDOW = 60_000;
const ADDRESS_A = '203.0.113.10';
const ADDRESS_B = '198.51.100.20';

function expectLimited(res: LightMyRequestResponse): void {
  expect(res.statusCode).toBe(429);
  const seconds = Number(res.headers['retry-after']);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(60);
  expect(res.json()).toEqual({
    error: { code: 'too_many_requests', message: expect.any(String), retryAfterSeconds: seconds },
  });
}

describe.each(backendsForFile('rate-limits.test.ts'))('rate limits on $kind', (backend) => {
  let h: AuthHarness;

  async function start(limits: Partial<typeof GENEROUS_RATE_LIMITS>) {
    h = await startAuthHarness(backend, 'rate_limits', {}, { rateLimits: limits });
    await createUser(h.db, { username: 'canbo', role: 'commune' });
  }
  afterEach(async () => {
    await h?.close();
  });

  describe('per address', () => {
    beforeEach(() => start({ perAddress: { max: 5, windowMs: WINDOW } }));

    it('answers 429 with Retry-After once one address is over, and other addresses go on', async () => {
      const health = (remoteAddress: string) =>
        h.app.inject({ method: 'GET', url: '/api/health', remoteAddress });
      for (let i = 0; i < 5; i++) expect((await health(ADDRESS_A)).statusCode).toBe(200);
      expectLimited(await health(ADDRESS_A));
      expect((await health(ADDRESS_B)).statusCode).toBe(200);
    });

    it('counts unknown paths too, which reach no route', async () => {
      for (let i = 0; i < 5; i++) {
        const res = await h.app.inject({ method: 'GET', url: `/api/nothing-${i}`, remoteAddress: ADDRESS_A });
        expect(res.statusCode).toBe(404);
      }
      expectLimited(await h.app.inject({ method: 'GET', url: '/api/nothing', remoteAddress: ADDRESS_A }));
    });
  });

  describe('login, before the account’s own lock', () => {
    beforeEach(() => start({ ...GENEROUS_RATE_LIMITS, login: { max: 3, windowMs: WINDOW } }));

    it('an address guessing passwords is stopped by its own limit before it writes anything more', async () => {
      const guess = (remoteAddress: string, password = 'sai-mật-khẩu') =>
        h.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress,
          payload: { username: 'canbo', password, deviceName: 'Máy lạ' },
        });
      for (let i = 0; i < 3; i++) expect((await guess(ADDRESS_A)).statusCode).toBe(401);
      const before = await tableCounts(h.db);
      const failures = await h.db.query<{ n: number }>(
        `select failed_logins as n from users where username = 'canbo'`,
      );
      expectLimited(await guess(ADDRESS_A));
      expectLimited(await guess(ADDRESS_A, PASSWORD));
      // Refused before the password is looked at: no audit row, no failure counted, no lock moved.
      expect(await tableCounts(h.db)).toEqual(before);
      const after = await h.db.query<{ n: number }>(
        `select failed_logins as n from users where username = 'canbo'`,
      );
      expect(after.rows).toEqual(failures.rows);
      // The officer, from the commune office's address, still logs in.
      expect((await guess(ADDRESS_B, PASSWORD)).statusCode).toBe(200);
    });

    it('setup shares the login limit', async () => {
      for (let i = 0; i < 3; i++) {
        const res = await h.app.inject({
          method: 'POST',
          url: '/api/setup',
          remoteAddress: ADDRESS_A,
          payload: {},
        });
        expect(res.statusCode).toBe(400);
      }
      expectLimited(
        await h.app.inject({ method: 'POST', url: '/api/setup', remoteAddress: ADDRESS_A, payload: {} }),
      );
    });
  });

  describe('per account', () => {
    beforeEach(() => start({ ...GENEROUS_RATE_LIMITS, perAccount: { max: 4, windowMs: WINDOW } }));

    it('one account is limited across addresses, and another account is not', async () => {
      const token = await loginToken(h.app, 'canbo');
      const me = (remoteAddress: string, t = token) =>
        h.app.inject({ method: 'GET', url: '/api/me', headers: bearer(t), remoteAddress });
      expect((await me(ADDRESS_A)).statusCode).toBe(200);
      expect((await me(ADDRESS_B)).statusCode).toBe(200);
      expect((await me(ADDRESS_A)).statusCode).toBe(200);
      expect((await me(ADDRESS_B)).statusCode).toBe(200);
      expectLimited(await me(ADDRESS_A));
      expectLimited(await me('192.0.2.30'));

      await createUser(h.db, { username: 'thanhvien', role: 'member' });
      const res = await login(h.app, 'thanhvien');
      expect((await me(ADDRESS_A, res.json().token)).statusCode).toBe(200);
    });
  });
});

describe('rate limits from the environment', () => {
  it('reads requests per minute and keeps the defaults for what is not set', () => {
    const limits = readRateLimits({ RATE_LIMIT_LOGIN: '10' });
    expect(limits.login).toEqual({ max: 10, windowMs: 60_000 });
    expect(limits.perAddress.max).toBeGreaterThan(limits.login.max);
  });

  it.each(['0', '-3', '1.5', 'nhiều'])('refuses RATE_LIMIT_PER_ACCOUNT=%s, naming the variable', (value) => {
    expect(() => readRateLimits({ RATE_LIMIT_PER_ACCOUNT: value })).toThrow(/RATE_LIMIT_PER_ACCOUNT/);
  });
});
