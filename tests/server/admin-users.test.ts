import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const A = '0190a3e4-0000-7000-8000-00000000000a';
const B = '0190a3e4-0000-7000-8000-00000000000b';
const NEW_PASSWORD = 'một mật khẩu mới';

type Actor = 'commune' | 'lead' | 'member';
type Op = 'list' | 'create' | 'update' | 'reset' | 'revoke';
const ACTORS: Actor[] = ['commune', 'lead', 'member'];
const OPS: Op[] = ['list', 'create', 'update', 'reset', 'revoke'];
const VILLAGES = [
  ['own village', A],
  ['other village', B],
] as const;

// The lead and the member work village A; the commune officer sees every village.
function allowed(actor: Actor, village: string): boolean {
  return actor === 'commune' || (actor === 'lead' && village === A);
}

const MATRIX = ACTORS.flatMap((actor) =>
  VILLAGES.flatMap(([where, village]) => OPS.map((op) => ({ actor, where, village, op }))),
);

describe.each(backendsForFile('admin-users'))('user administration on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<Actor, string> = { commune: '', lead: '', member: '' };
  let counter = 0;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'admin');
    await createUser(h.db, { username: 'officer', role: 'commune' });
    await createUser(h.db, { username: 'lead.a', role: 'lead', villageIds: [A] });
    await createUser(h.db, { username: 'member.a', role: 'member', villageIds: [A] });
    tokens.commune = await loginToken(h.app, 'officer');
    tokens.lead = await loginToken(h.app, 'lead.a');
    tokens.member = await loginToken(h.app, 'member.a');
  });
  afterAll(async () => {
    await h?.close();
  });

  const call = (actor: Actor, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    h.app.inject({ method, url: `/api/admin/users${url}`, headers: bearer(tokens[actor]), payload });

  async function target(villageIds: string[], role: 'member' | 'lead' | 'commune' = 'member') {
    const username = `target-${++counter}`;
    const row = await createUser(h.db, { username, role, villageIds });
    const token = await loginToken(h.app, username);
    return { id: row.id, username, token };
  }

  const me = (token: string) => h.app.inject({ method: 'GET', url: '/api/me', headers: bearer(token) });

  describe.each(MATRIX)('$actor × $where × $op', ({ actor, village, op }) => {
    it(allowed(actor, village) ? 'is allowed' : 'is forbidden', async () => {
      const ok = allowed(actor, village);
      const t = await target([village]);
      let res: LightMyRequestResponse;
      switch (op) {
        case 'list': {
          res = await call(actor, 'GET', '');
          if (actor !== 'member') {
            expect(res.statusCode).toBe(200);
            const names = res.json().users.map((u: { username: string }) => u.username);
            expect(names.includes(t.username)).toBe(ok);
            return;
          }
          break;
        }
        case 'create': {
          const username = `created-${++counter}`;
          res = await call(actor, 'POST', '', {
            username,
            displayName: 'Anh Tùng',
            password: PASSWORD,
            role: 'member',
            villageIds: [village],
          });
          if (ok) {
            expect(res.statusCode).toBe(201);
            expect(res.json()).toMatchObject({
              username,
              role: 'member',
              villageIds: [village],
              disabled: false,
            });
            expect((await login(h.app, username)).statusCode).toBe(200);
            return;
          }
          const { rows } = await h.db.query('select 1 from users where username = $1', [username]);
          expect(rows).toHaveLength(0);
          break;
        }
        case 'update': {
          res = await call(actor, 'PATCH', `/${t.id}`, { displayName: 'Tên mới' });
          const { rows } = await h.db.query<{ display_name: string }>(
            'select display_name from users where id = $1',
            [t.id],
          );
          expect(rows[0]?.display_name).toBe(ok ? 'Tên mới' : t.username);
          break;
        }
        case 'reset': {
          res = await call(actor, 'POST', `/${t.id}/password`, { password: NEW_PASSWORD });
          expect((await login(h.app, t.username, NEW_PASSWORD)).statusCode).toBe(ok ? 200 : 401);
          // A reset signs the user out everywhere.
          expect((await me(t.token)).statusCode).toBe(ok ? 401 : 200);
          break;
        }
        case 'revoke': {
          res = await call(actor, 'DELETE', `/${t.id}/devices`);
          expect((await me(t.token)).statusCode).toBe(ok ? 401 : 200);
          break;
        }
      }
      if (ok) {
        expect(res.statusCode).toBeLessThan(300);
      } else if (actor === 'lead' && (op === 'update' || op === 'reset' || op === 'revoke')) {
        // An account a lead may not manage looks like no account: no probing which ids exist.
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('not_found');
      } else {
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('forbidden');
      }
    });
  });

  describe('what a lead may not do', () => {
    it.each([
      ['touch a lead', 'lead', [A], { displayName: 'x' }, 404],
      ['touch a commune officer', 'commune', [], { displayName: 'x' }, 404],
      ['touch a member who also works another village', 'member', [A, B], { displayName: 'x' }, 404],
      ['promote a member', 'member', [A], { role: 'lead' }, 403],
      ['move a member to another village', 'member', [A], { villageIds: [B] }, 403],
    ] as const)('%s', async (_name, role, villageIds, patch, status) => {
      const t = await target([...villageIds], role);
      const res = await call('lead', 'PATCH', `/${t.id}`, patch);
      // Accounts the lead may not manage are not found (issue 14, kind 10); a change the lead may not
      // make to one of theirs is forbidden.
      expect(res.statusCode).toBe(status);
      const missing = await call('lead', 'PATCH', '/0191f5a0-0000-7000-8000-0000000000fe', patch);
      if (status === 404) expect(missing.json().error).toEqual(res.json().error);
    });

    it.each([
      ['a lead', 'lead', [A]],
      ['a commune officer', 'commune', []],
      ['a member in two villages, one not theirs', 'member', [A, B]],
    ] as const)('create %s', async (_name, role, villageIds) => {
      const res = await call('lead', 'POST', '', {
        username: `nope-${++counter}`,
        displayName: 'x',
        password: PASSWORD,
        role,
        villageIds,
      });
      expect(res.statusCode).toBe(403);
    });

    it('read the audit log', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/admin/audit',
        headers: bearer(tokens.lead),
      });
      expect(res.statusCode).toBe(403);
    });
  });

  describe('commune officers', () => {
    it('promote a member to lead and move villages', async () => {
      const t = await target([A]);
      const res = await call('commune', 'PATCH', `/${t.id}`, { role: 'lead', villageIds: [A, B] });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ role: 'lead', villageIds: [A, B] });
    });

    it('cannot disable or demote themselves', async () => {
      const { rows } = await h.db.query<{ id: string }>(`select id from users where username = 'officer'`);
      const id = rows[0]?.id;
      for (const patch of [{ disabled: true }, { role: 'lead', villageIds: [A] }]) {
        const res = await call('commune', 'PATCH', `/${id}`, patch);
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('own_account');
      }
    });

    it('disabling revokes every device; enabling does not bring them back', async () => {
      const t = await target([A]);
      expect((await call('commune', 'PATCH', `/${t.id}`, { disabled: true })).json().disabled).toBe(true);
      // Disabling revoked the token too, yet the phone learns the account is disabled (issue 14, kind 9).
      expect([(await me(t.token)).statusCode, (await me(t.token)).json().error.code]).toEqual([
        401,
        'account_disabled',
      ]);
      expect((await login(h.app, t.username)).statusCode).toBe(403);
      await call('commune', 'PATCH', `/${t.id}`, { disabled: false });
      expect((await me(t.token)).json().error.code).toBe('device_revoked');
      expect((await login(h.app, t.username)).statusCode).toBe(200);
    });

    it('list devices and revoke one of them', async () => {
      const t = await target([A]);
      const second = await loginToken(h.app, t.username);
      const list = await call('commune', 'GET', `/${t.id}/devices`);
      expect(list.statusCode).toBe(200);
      const devices: { id: string; status: string }[] = list.json().devices;
      expect(devices).toHaveLength(2);
      expect(devices.every((d) => d.status === 'active')).toBe(true);

      const meRes = await me(t.token);
      const firstId = meRes.json().device.tokenId;
      const revoke = await call('commune', 'DELETE', `/${t.id}/devices/${firstId}`);
      expect(revoke.json()).toEqual({ revoked: 1 });
      expect([(await me(t.token)).statusCode, (await me(t.token)).json().error.code]).toEqual([
        401,
        'device_revoked',
      ]);
      expect((await me(second)).statusCode).toBe(200);
      expect((await call('commune', 'DELETE', `/${t.id}/devices/${firstId}`)).json()).toEqual({ revoked: 0 });
      const after = (await call('commune', 'GET', `/${t.id}/devices`)).json().devices;
      expect(after.map((d: { status: string }) => d.status).sort()).toEqual(['active', 'revoked']);
    });

    it('answer 404 for an unknown user or device and 409 for a taken username', async () => {
      const ghost = '0190a3e4-0000-7000-8000-0000000000ff';
      expect((await call('commune', 'PATCH', `/${ghost}`, { displayName: 'x' })).statusCode).toBe(404);
      const t = await target([A]);
      expect((await call('commune', 'DELETE', `/${t.id}/devices/${ghost}`)).statusCode).toBe(404);
      const taken = await call('commune', 'POST', '', {
        username: t.username.toUpperCase(),
        displayName: 'x',
        password: PASSWORD,
        role: 'member',
        villageIds: [A],
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('username_taken');
    });

    it('read the audit log, newest first, without secrets', async () => {
      const res = await h.app.inject({
        method: 'GET',
        url: '/api/admin/audit?limit=500',
        headers: bearer(tokens.commune),
      });
      expect(res.statusCode).toBe(200);
      const entries: { id: number; action: string }[] = res.json().entries;
      const actions = new Set(entries.map((e) => e.action));
      for (const action of [
        'login.success',
        'user.create',
        'user.update',
        'user.disable',
        'user.enable',
        'user.password_reset',
        'device.revoke',
      ]) {
        expect(actions).toContain(action);
      }
      expect(entries.map((e) => e.id)).toEqual([...entries.map((e) => e.id)].sort((x, y) => y - x));
      expect(res.body).not.toContain(PASSWORD);
      expect(res.body).not.toContain(NEW_PASSWORD);

      const page = await h.app.inject({
        method: 'GET',
        url: `/api/admin/audit?limit=2&before=${entries[0]?.id}`,
        headers: bearer(tokens.commune),
      });
      expect(page.json().entries.map((e: { id: number }) => e.id)).toEqual(
        entries.slice(1, 3).map((e) => e.id),
      );
    });
  });
});
