/**
 * Lockout and audit cannot be turned against users (issue 14, kind 5): repeated failures do not
 * flood the audit log, a stranger keeping an account locked does not lock out its owner's known
 * phone, and an officer can end a lock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAILURE_AUDIT_WINDOW_MS } from '../../src/server/auth/lockout.js';
import {
  type AuthHarness,
  bearer,
  createUser,
  loginToken,
  PASSWORD,
  startAuthHarness,
  TEST_LOCKOUT,
} from './auth-harness.js';
import { backendsForFile } from './helpers.js';

const WRONG = 'không-phải-mật-khẩu';

interface FailureDetail {
  username: string;
  reason: string;
  count: number;
}

describe.each(backendsForFile('lockout-abuse.test.ts'))('lockout abuse on $kind', (backend) => {
  let h: AuthHarness;
  let officer: string;

  const attempt = (username: string, password: string, deviceKey?: string) =>
    h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password, deviceName: 'Điện thoại', ...(deviceKey ? { deviceKey } : {}) },
    });

  async function lockByStranger(username: string): Promise<void> {
    for (let i = 0; i < TEST_LOCKOUT.threshold; i++)
      expect((await attempt(username, WRONG)).statusCode).toBe(401);
    expect((await attempt(username, PASSWORD)).statusCode).toBe(429);
  }

  async function failures(username: string): Promise<FailureDetail[]> {
    const { rows } = await h.db.query<{ detail: FailureDetail }>(
      `select detail from audit_log where action = 'login.failure' and detail->>'username' = $1 order by id`,
      [username],
    );
    return rows.map((r) => r.detail);
  }

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'lockout_abuse');
    await createUser(h.db, { username: 'canbo', role: 'commune' });
    for (const username of ['flood', 'owner', 'typo', 'lost', 'unlockme'])
      await createUser(h.db, { username, role: 'member' });
    officer = await loginToken(h.app, 'canbo');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a locked account’s further attempts update one audit entry instead of adding rows', async () => {
    await lockByStranger('flood');
    for (let i = 0; i < 50; i++) expect((await attempt('flood', WRONG)).statusCode).toBe(429);
    const entries = await failures('flood');
    expect(entries.map((e) => [e.reason, e.count])).toEqual([
      ['bad_password', TEST_LOCKOUT.threshold],
      ['locked', 51],
    ]);
    // Once the attempts stop for the window, the next one opens a new entry.
    h.clock.advance(FAILURE_AUDIT_WINDOW_MS + 1);
    await attempt('flood', WRONG);
    expect((await failures('flood')).length).toBe(3);
  });

  it('the owner’s known phone logs in while a stranger keeps the account locked', async () => {
    const first = await attempt('owner', PASSWORD);
    expect(first.statusCode).toBe(200);
    const deviceKey = first.json().deviceKey as string;
    await lockByStranger('owner');

    const again = await attempt('owner', PASSWORD, deviceKey);
    expect(again.statusCode).toBe(200);
    expect(again.json().deviceKey).toBe(deviceKey);
    // The stranger is still locked out.
    expect((await attempt('owner', PASSWORD)).statusCode).toBe(429);
  });

  it('a key of another account, or a made-up one, is no known device', async () => {
    const other = (await attempt('canbo', PASSWORD)).json().deviceKey as string;
    expect((await attempt('owner', PASSWORD, other)).statusCode).toBe(429);
    expect((await attempt('owner', PASSWORD, 'A'.repeat(43))).statusCode).toBe(429);
    expect((await attempt('owner', PASSWORD, 'không hợp lệ')).statusCode).toBe(429);
  });

  it('wrong passwords on a known phone lock that phone only', async () => {
    const deviceKey = (await attempt('typo', PASSWORD)).json().deviceKey as string;
    for (let i = 0; i < TEST_LOCKOUT.threshold; i++)
      expect((await attempt('typo', WRONG, deviceKey)).statusCode).toBe(401);
    const locked = await attempt('typo', PASSWORD, deviceKey);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // The account itself was not locked by its owner's typing.
    expect((await attempt('typo', PASSWORD)).statusCode).toBe(200);
  });

  it('revoking an account’s devices forgets their keys: a lost phone cannot get around the lock', async () => {
    const first = await attempt('lost', PASSWORD);
    const deviceKey = first.json().deviceKey as string;
    const { rows } = await h.db.query<{ id: string }>(`select id from users where username = 'lost'`);
    const id = rows[0]?.id as string;
    const revoked = await h.app.inject({
      method: 'DELETE',
      url: `/api/admin/users/${id}/devices`,
      headers: bearer(officer),
    });
    expect(revoked.statusCode).toBe(200);
    await lockByStranger('lost');
    expect((await attempt('lost', PASSWORD, deviceKey)).statusCode).toBe(429);
  });

  it('a commune officer can end a lock, and it is audited', async () => {
    await lockByStranger('unlockme');
    const { rows } = await h.db.query<{ id: string }>(`select id from users where username = 'unlockme'`);
    const id = rows[0]?.id as string;
    const unlocked = await h.app.inject({
      method: 'POST',
      url: `/api/admin/users/${id}/unlock`,
      headers: bearer(officer),
    });
    expect(unlocked.statusCode).toBe(204);
    expect((await attempt('unlockme', PASSWORD)).statusCode).toBe(200);
    const audit = await h.db.query<{ detail: { targetId: string } }>(
      `select detail from audit_log where action = 'user.unlock'`,
    );
    expect(audit.rows.map((r) => r.detail.targetId)).toContain(id);
  });

  it('a member cannot unlock anyone, and an unknown id is a 404', async () => {
    const member = await loginToken(h.app, 'typo');
    const { rows } = await h.db.query<{ id: string }>(`select id from users where username = 'flood'`);
    const asMember = await h.app.inject({
      method: 'POST',
      url: `/api/admin/users/${rows[0]?.id}/unlock`,
      headers: bearer(member),
    });
    expect(asMember.statusCode).toBe(403);
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/admin/users/0190a3e4-0000-7000-8000-00000000ffff/unlock',
      headers: bearer(officer),
    });
    expect(unknown.statusCode).toBe(404);
  });
});
