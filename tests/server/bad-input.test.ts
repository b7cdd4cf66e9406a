import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthHarness,
  bearer,
  createUser,
  loginToken,
  PASSWORD,
  startAuthHarness,
  tableCounts,
} from './auth-harness.js';
import { backendsForFile } from './helpers.js';

const A = '0190a3e4-0000-7000-8000-00000000000a';
const JSON_HEADERS = { 'content-type': 'application/json' };

interface BadRequest {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  /** A string is sent verbatim as JSON text; anything else is serialised. */
  body?: unknown;
  code?: string;
}

const setup = { username: 'canbo', password: PASSWORD, displayName: 'Cán bộ' };
const loginBody = { username: 'canbo', password: PASSWORD, deviceName: 'Máy' };
const newUser = {
  username: 'new.one',
  displayName: 'Mới',
  password: PASSWORD,
  role: 'member',
  villageIds: [A],
};

const WITHOUT_ACCOUNTS: BadRequest[] = [
  {
    name: 'setup: malformed JSON',
    method: 'POST',
    url: '/api/setup',
    body: '{"username": ',
    code: 'bad_json',
  },
  { name: 'setup: no body', method: 'POST', url: '/api/setup' },
  { name: 'setup: an array', method: 'POST', url: '/api/setup', body: [setup] },
  { name: 'setup: null', method: 'POST', url: '/api/setup', body: 'null' },
  { name: 'setup: username a number', method: 'POST', url: '/api/setup', body: { ...setup, username: 123 } },
  {
    name: 'setup: username too short',
    method: 'POST',
    url: '/api/setup',
    body: { ...setup, username: 'ab' },
  },
  {
    name: 'setup: username too long',
    method: 'POST',
    url: '/api/setup',
    body: { ...setup, username: 'a'.repeat(33) },
  },
  {
    name: 'setup: username with a space',
    method: 'POST',
    url: '/api/setup',
    body: { ...setup, username: 'chi lan' },
  },
  {
    name: 'setup: username with diacritics',
    method: 'POST',
    url: '/api/setup',
    body: { ...setup, username: 'lân' },
  },
  {
    name: 'setup: password too short',
    method: 'POST',
    url: '/api/setup',
    body: { ...setup, password: '1234567' },
  },
  {
    name: 'setup: password too long',
    method: 'POST',
    url: '/api/setup',
    body: { ...setup, password: 'x'.repeat(129) },
  },
  {
    name: 'setup: blank display name',
    method: 'POST',
    url: '/api/setup',
    body: { ...setup, displayName: '   ' },
  },
  { name: 'setup: unknown field', method: 'POST', url: '/api/setup', body: { ...setup, role: 'commune' } },
  { name: 'login: malformed JSON', method: 'POST', url: '/api/auth/login', body: '{', code: 'bad_json' },
  {
    name: 'login: no device name',
    method: 'POST',
    url: '/api/auth/login',
    body: { ...loginBody, deviceName: undefined },
  },
  {
    name: 'login: password a number',
    method: 'POST',
    url: '/api/auth/login',
    body: { ...loginBody, password: 12345678 },
  },
  {
    name: 'login: unknown field',
    method: 'POST',
    url: '/api/auth/login',
    body: { ...loginBody, remember: true },
  },
  {
    name: 'login: empty password',
    method: 'POST',
    url: '/api/auth/login',
    body: { ...loginBody, password: '' },
  },
];

const AS_OFFICER: BadRequest[] = [
  { name: 'create: malformed JSON', method: 'POST', url: '/api/admin/users', body: '[1,', code: 'bad_json' },
  {
    name: 'create: unknown role',
    method: 'POST',
    url: '/api/admin/users',
    body: { ...newUser, role: 'admin' },
  },
  {
    name: 'create: village not a UUID',
    method: 'POST',
    url: '/api/admin/users',
    body: { ...newUser, villageIds: ['x'] },
  },
  {
    name: 'create: villages not a list',
    method: 'POST',
    url: '/api/admin/users',
    body: { ...newUser, villageIds: A },
  },
  {
    name: 'create: member without village',
    method: 'POST',
    url: '/api/admin/users',
    body: { ...newUser, villageIds: [] },
  },
  {
    name: 'create: unknown field',
    method: 'POST',
    url: '/api/admin/users',
    body: { ...newUser, disabled: false },
  },
  {
    name: 'create: no password',
    method: 'POST',
    url: '/api/admin/users',
    body: { ...newUser, password: undefined },
  },
  { name: 'update: nothing to change', method: 'PATCH', url: '/api/admin/users/:member', body: {} },
  {
    name: 'update: disabled a string',
    method: 'PATCH',
    url: '/api/admin/users/:member',
    body: { disabled: 'yes' },
  },
  {
    name: 'update: unknown field',
    method: 'PATCH',
    url: '/api/admin/users/:member',
    body: { passwordHash: 'x' },
  },
  {
    name: 'update: member loses villages',
    method: 'PATCH',
    url: '/api/admin/users/:member',
    body: { villageIds: [] },
  },
  { name: 'update: id not a UUID', method: 'PATCH', url: '/api/admin/users/42', body: { displayName: 'x' } },
  {
    name: 'reset: short password',
    method: 'POST',
    url: '/api/admin/users/:member/password',
    body: { password: 'short' },
  },
  { name: 'reset: no body', method: 'POST', url: '/api/admin/users/:member/password' },
  { name: 'revoke: device id not a UUID', method: 'DELETE', url: '/api/admin/users/:member/devices/abc' },
  { name: 'audit: limit 0', method: 'GET', url: '/api/admin/audit?limit=0' },
  { name: 'audit: limit not a number', method: 'GET', url: '/api/admin/audit?limit=many' },
  { name: 'audit: limit too large', method: 'GET', url: '/api/admin/audit?limit=5000' },
  { name: 'audit: unknown parameter', method: 'GET', url: '/api/admin/audit?user=x' },
];

describe.each(backendsForFile('bad-input'))('bad input on $kind', (backend) => {
  let h: AuthHarness;
  let headers: Record<string, string> = {};
  let memberId = '';

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'bad_input');
  });
  afterAll(async () => {
    await h?.close();
  });

  async function expectRejected(request: BadRequest): Promise<void> {
    const before = await tableCounts(h.db);
    const raw = typeof request.body === 'string';
    const res = await h.app.inject({
      method: request.method,
      url: request.url.replace(':member', memberId),
      headers: { ...headers, ...(request.body === undefined ? {} : JSON_HEADERS) },
      ...(request.body === undefined
        ? {}
        : { payload: raw ? (request.body as string) : JSON.stringify(request.body) }),
    });
    expect(res.statusCode, res.body).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe(request.code ?? 'invalid_request');
    if (error.code === 'invalid_request') expect(error.details).toEqual(expect.any(Array));
    expect(res.body).not.toContain(PASSWORD);
    expect(await tableCounts(h.db)).toEqual(before);
  }

  describe('before any account exists', () => {
    it.each(WITHOUT_ACCOUNTS)('$name → 400, nothing written', expectRejected);

    it('left setup still needed', async () => {
      expect((await h.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
    });
  });

  describe('as a commune officer', () => {
    beforeAll(async () => {
      await createUser(h.db, { username: 'officer', role: 'commune' });
      memberId = (await createUser(h.db, { username: 'member', role: 'member', villageIds: [A] })).id;
      headers = bearer(await loginToken(h.app, 'officer'));
    });

    it.each(AS_OFFICER)('$name → 400, nothing written', expectRejected);

    it('left the member untouched', async () => {
      const res = await h.app.inject({ method: 'GET', url: `/api/admin/users/${memberId}`, headers });
      expect(res.json()).toMatchObject({
        username: 'member',
        displayName: 'member',
        villageIds: [A],
        disabled: false,
      });
    });
  });
});
