import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../src/server/auth/options.js';
import { hashToken } from '../../src/server/auth/tokens.js';
import {
  type AuthHarness,
  bearer,
  createUser,
  login,
  loginToken,
  PASSWORD,
  startAuthHarness,
} from './auth-harness.js';
import { backendsForFile } from './helpers.js';

const VILLAGE = '0190a3e4-0000-7000-8000-00000000000a';

describe.each(backendsForFile('auth'))('auth on $kind', (backend) => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'auth');
  });
  afterAll(async () => {
    await h?.close();
  });

  const get = (url: string, token?: string) =>
    h.app.inject({ method: 'GET', url, headers: token ? bearer(token) : {} });

  async function auditActions(): Promise<{ action: string; user_id: string | null; detail: unknown }[]> {
    const { rows } = await h.db.query<{ action: string; user_id: string | null; detail: unknown }>(
      'select action, user_id, detail from audit_log order by id',
    );
    return rows;
  }

  describe('first-run setup', () => {
    it('is needed while no account exists', async () => {
      expect((await get('/api/setup')).json()).toEqual({ needed: true });
    });

    it('creates the first commune account and logs it in', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { username: 'CanBo.Xa', password: PASSWORD, displayName: 'Cán bộ xã' },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual({
        token: expect.any(String),
        expiresAt: new Date(h.clock.current.getTime() + 30 * DAY_MS).toISOString(),
        user: {
          id: expect.any(String),
          username: 'canbo.xa',
          displayName: 'Cán bộ xã',
          role: 'commune',
          villageIds: [],
        },
        deviceKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      });
      expect((await get('/api/me', body.token)).statusCode).toBe(200);
      expect((await get('/api/setup')).json()).toEqual({ needed: false });
      expect((await auditActions()).map((e) => e.action)).toContain('setup');
    });

    it('refuses a second setup with 409 setup_done and creates nothing', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { username: 'intruder', password: PASSWORD, displayName: 'X' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('setup_done');
      const { rows } = await h.db.query('select 1 from users where username = $1', ['intruder']);
      expect(rows).toHaveLength(0);
    });
  });

  describe('login', () => {
    beforeAll(async () => {
      await createUser(h.db, {
        username: 'lan',
        role: 'member',
        villageIds: [VILLAGE],
        displayName: 'Chị Lan',
      });
      await createUser(h.db, { username: 'off', role: 'member', villageIds: [VILLAGE], disabled: true });
      await createUser(h.db, { username: 'locky', role: 'member', villageIds: [VILLAGE] });
    });

    it('answers a token, its expiry and the user', async () => {
      const res = await login(h.app, 'lan');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        user: { username: 'lan', displayName: 'Chị Lan', role: 'member', villageIds: [VILLAGE] },
      });
    });

    it('is case-insensitive in the username', async () => {
      expect((await login(h.app, '  LAN ')).statusCode).toBe(200);
    });

    it('answers the same 401 bad_credentials for a wrong password and an unknown user', async () => {
      const wrong = await login(h.app, 'lan', 'not the password');
      const unknown = await login(h.app, 'nobody', PASSWORD);
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json().error.code).toBe('bad_credentials');
      }
      expect(wrong.json()).toEqual(unknown.json());
      await loginToken(h.app, 'lan'); // resets lan's failure count for the tests below
    });

    it('answers 403 account_disabled only after the right password', async () => {
      expect((await login(h.app, 'off', 'wrong password')).statusCode).toBe(401);
      const res = await login(h.app, 'off');
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('account_disabled');
    });

    it('locks a username for 30 s after 5 failures, doubling per further failure', async () => {
      for (let i = 0; i < 5; i++)
        expect((await login(h.app, 'locky', 'wrong password')).statusCode).toBe(401);
      // Even the right password is not checked while locked.
      const locked = await login(h.app, 'locky');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().error).toMatchObject({ code: 'too_many_attempts', retryAfterSeconds: 30 });
      expect(locked.headers['retry-after']).toBe('30');

      h.clock.advance(30_000);
      expect((await login(h.app, 'locky', 'wrong password')).statusCode).toBe(401);
      const relocked = await login(h.app, 'locky');
      expect(relocked.json().error.retryAfterSeconds).toBe(60);

      h.clock.advance(60_000);
      expect((await login(h.app, 'locky')).statusCode).toBe(200);
      // Success resets the count: four new failures do not lock.
      for (let i = 0; i < 4; i++) await login(h.app, 'locky', 'wrong password');
      expect((await login(h.app, 'locky')).statusCode).toBe(200);
    });

    it('locks unknown usernames too, so a 429 does not reveal that an account exists', async () => {
      for (let i = 0; i < 5; i++)
        expect((await login(h.app, 'ghost', 'wrong password')).statusCode).toBe(401);
      expect((await login(h.app, 'ghost')).statusCode).toBe(429);
    });

    it('audits failures without the password', async () => {
      const entries = await auditActions();
      const failures = entries.filter((e) => e.action === 'login.failure');
      expect(failures.map((e) => (e.detail as { reason: string }).reason)).toEqual(
        expect.arrayContaining(['bad_password', 'unknown_user', 'disabled', 'locked']),
      );
      expect(JSON.stringify(entries)).not.toContain('wrong password');
      expect(JSON.stringify(entries)).not.toContain(PASSWORD);
    });
  });

  describe('tokens', () => {
    it('are stored only as their SHA-256', async () => {
      const token = await loginToken(h.app, 'lan');
      const { rows } = await h.db.query<{ token_hash: string }>('select token_hash from tokens');
      expect(rows.map((r) => r.token_hash)).toContain(hashToken(token));
      const dump = await h.db.query(
        `select t::text as row from tokens t union all select a::text from audit_log a`,
      );
      expect(JSON.stringify(dump.rows)).not.toContain(token);
    });

    it('GET /api/me answers the user and this device', async () => {
      const token = await loginToken(h.app, 'lan');
      const res = await get('/api/me', token);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        user: {
          id: expect.any(String),
          username: 'lan',
          displayName: 'Chị Lan',
          role: 'member',
          villageIds: [VILLAGE],
        },
        device: {
          tokenId: expect.any(String),
          deviceName: 'Điện thoại thử',
          createdAt: h.clock.current.toISOString(),
          lastUsedAt: h.clock.current.toISOString(),
          expiresAt: new Date(h.clock.current.getTime() + 30 * DAY_MS).toISOString(),
        },
      });
    });

    it('records the last use at most once a minute', async () => {
      const token = await loginToken(h.app, 'lan');
      const loggedInAt = h.clock.current.toISOString();
      h.clock.advance(59_000);
      expect((await get('/api/me', token)).json().device.lastUsedAt).toBe(loggedInAt);
      h.clock.advance(1_000);
      await get('/api/me', token);
      expect((await get('/api/me', token)).json().device.lastUsedAt).toBe(h.clock.current.toISOString());
    });

    it.each([
      ['no header', undefined, 'auth_required'],
      ['another scheme', 'Basic bGFuOnBhc3M=', 'auth_required'],
      ['an empty bearer', 'Bearer ', 'auth_required'],
      ['an unknown token', 'Bearer not-a-real-token', 'token_invalid'],
    ])('%s → 401 %s', async (_name, authorization, code) => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: authorization === undefined ? {} : { authorization },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe(code);
    });

    it('logout revokes the calling token only', async () => {
      const phone = await loginToken(h.app, 'lan');
      const laptop = await loginToken(h.app, 'lan');
      const res = await h.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(phone) });
      expect(res.statusCode).toBe(204);
      expect((await get('/api/me', phone)).json().error.code).toBe('token_invalid');
      expect((await get('/api/me', laptop)).statusCode).toBe(200);
      expect((await auditActions()).at(-1)?.action).toBe('logout');
    });

    it('expires after the token lifetime with 401 token_expired', async () => {
      const token = await loginToken(h.app, 'lan');
      h.clock.advance(30 * DAY_MS - 1);
      expect((await get('/api/me', token)).statusCode).toBe(200);
      h.clock.advance(1);
      const res = await get('/api/me', token);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('token_expired');
    });

    it('a disabled account loses its sessions with 401 account_disabled', async () => {
      await createUser(h.db, { username: 'soon.off', role: 'member', villageIds: [VILLAGE] });
      const token = await loginToken(h.app, 'soon.off');
      await h.db.query(`update users set disabled = true where username = 'soon.off'`);
      const res = await get('/api/me', token);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('account_disabled');
    });
  });
});

describe.each(backendsForFile('auth-ttl'))('configurable token lifetime on $kind', (backend) => {
  it('honours tokenTtlMs', async () => {
    const h = await startAuthHarness(backend, 'ttl', { tokenTtlMs: 60_000 });
    try {
      await createUser(h.db, { username: 'short', role: 'commune' });
      const res = await login(h.app, 'short');
      expect(res.json().expiresAt).toBe(new Date(h.clock.current.getTime() + 60_000).toISOString());
      h.clock.advance(60_000);
      const me = await h.app.inject({ method: 'GET', url: '/api/me', headers: bearer(res.json().token) });
      expect(me.json().error.code).toBe('token_expired');
    } finally {
      await h.close();
    }
  });
});
