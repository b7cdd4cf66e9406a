/**
 * The hostile-input suite (issue 14, kind 11): fast-check sends FUZZ_RUNS malformed and hostile
 * requests across every endpoint, as nobody, as each role and with broken credentials, and asserts
 * that none answers 5xx, that every API error has the `{ error: { code, message } }` shape, and that
 * the register, accounts and sessions are exactly as before.
 *
 * Every generated request is meant to be refused or to only read: bodies carry at least one fault
 * the server must catch (a push is refused whole when one change is wrong), ids of rows that exist go
 * only with credentials that may not act on them, and state-changing requests without a body
 * (logout, revoking devices, unlocking) go only with broken credentials or unknown ids. So any change
 * of state is a bug. Failed-login counters and their audit entries, and tokens' last use, are the
 * state a refused request may legitimately move, and are left out of the comparison.
 *
 * fast-check prints the seed of a failing run; FUZZ_SEED=… replays it.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { formatHlc } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { PENDING_CHANGES_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { SERVER_NODE } from '../../src/core/sync/server-merge';
import { buildServer } from '../../src/server/app.js';
import type { Database } from '../../src/server/db.js';
import {
  createUser,
  GENEROUS_RATE_LIMITS,
  PASSWORD,
  TEST_LOCKOUT,
  TEST_SCRYPT_LOG_N,
  TestClock,
} from './auth-harness.js';
import { backendsForFile, openTestDatabase, type TestDatabase } from './helpers.js';
import { householdChange, residentChange, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

/** Requests per database; the issue asks for at least 10,000. */
const FUZZ_RUNS = 10_000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

type Method = 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE' | 'PUT' | 'OPTIONS';
interface FuzzRequest {
  method: Method;
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

/** The state a refused request must leave as it was. */
async function snapshot(db: Database): Promise<string> {
  const parts: string[] = [];
  const queries = [
    'select r::text from records r order by 1',
    'select c::text from changes c order by 1',
    'select c::text from conflicts c order by 1',
    'select s::text from sync_state s order by 1',
    'select m::text from maintenance m order by 1',
    `select id::text, username, display_name, role, village_ids::text, disabled, password_hash, updated_at
       from users order by username`,
    'select id::text, token_hash, revoked_at, expires_at from tokens order by id',
    'select id::text, key_hash, forgotten_at from known_devices order by id',
    `select id, action, detail::text from audit_log where action <> 'login.failure' order by id`,
  ];
  for (const sql of queries) parts.push(JSON.stringify((await db.query(sql)).rows));
  return parts.join('\n');
}

const uuid = fc.uuid().map((u) => u.toLowerCase());
const nasty = fc.constantFrom(
  '\u0000',
  '\ud800',
  'a\udfffb',
  '001-203-004-567',
  '<script>alert(1)</script>',
  "'; drop table records; --",
  '../../etc/passwd',
  '%00',
  '\u202e',
  'x'.repeat(5000),
  '',
  ' ',
  '🙂',
  'ｆｕｌｌｗｉｄｔｈ',
  '__proto__',
);
/** A query value as a client would send it; a lone surrogate as the bytes a broken client sends for it. */
function encodeQueryValue(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}
const junkValue: fc.Arbitrary<unknown> = fc.oneof(
  nasty,
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(null, true, -1, 0, 1e300, -1e300, 2 ** 53 + 1, [], {}, [[[[]]]], { __proto__: { a: 1 } }),
);
const pathSegment = fc.oneof(
  uuid,
  uuid.map((u) => u.toUpperCase()),
  fc.constantFrom(
    '%c0%ae',
    '%ff',
    '..%2f..%2f',
    '%00',
    'null',
    '-1',
    '0',
    '1',
    '9999999999999999999999',
    'ａ',
  ),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);
const query = fc
  .dictionary(
    fc.constantFrom('since', 'scope', 'limit', 'before', 'x', '__proto__', 'since[]'),
    fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('-1', 'NaN', '1e309', '0x10', 'all', 'v1-zz', '')),
    { maxKeys: 3 },
  )
  .map((q) => {
    const text = Object.entries(q)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
      .join('&');
    return text ? `?${text}` : '';
  });

interface Fixture {
  tokens: { member: string; lead: string; commune: string; memberB: string; disabled: string };
  userIds: { member: string; memberB: string; commune: string };
  householdA: string;
}

/** Credentials that authenticate nobody: every request with them must answer 401. */
const brokenAuth = fc.constantFrom<Record<string, string>>(
  {},
  { authorization: 'Bearer ' },
  { authorization: 'Bearer x' },
  { authorization: `Bearer ${'A'.repeat(43)}` },
  { authorization: 'Basic YWRtaW46YWRtaW4=' },
  { authorization: 'Bearer a b c' },
);

function anyAuth(f: Fixture) {
  const t = f.tokens;
  return fc.oneof(
    brokenAuth,
    fc.constantFrom(t.member, t.lead, t.commune, t.memberB, t.disabled).map((token) => ({
      authorization: `Bearer ${token}`,
    })),
  );
}

function bodyText(value: unknown): fc.Arbitrary<string | undefined> {
  if (value === undefined) return fc.constant(undefined);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant(JSON.stringify(value)) },
    fc.constant(undefined),
    fc.constant(''),
    fc.constant(JSON.stringify(value).slice(0, -3)),
    fc.string({ maxLength: 50 }),
    fc.constant('{"__proto__":{"admin":true}}'),
    fc.constant('{"constructor":{"prototype":{"admin":true}}}'),
  );
}

const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
);

/** One change made wrong in a way the server must catch, whoever pushes it. */
function brokenChange(f: Fixture): fc.Arbitrary<unknown> {
  const base = () => householdChange(VILLAGE_A);
  return fc.oneof(
    nasty.map((text) => ({
      ...base(),
      fields: { ...base().fields, label: text === ' ' ? '' : `x${text}\u0000` },
    })),
    fc.constant({ ...base(), hlc: formatHlc({ wall: Date.now(), counter: 1, node: SERVER_NODE }) }),
    fc.constant({
      ...base(),
      hlc: formatHlc({ wall: Date.now() + 3_600_000, counter: 1, node: 'cccccccccccccccc' }),
    }),
    fc.constant({ ...base(), hlc: 'not-a-clock' }),
    junkValue.map((value) => ({
      ...base(),
      // JSON, not String(): a generated object may have no prototype, hence no toString.
      fields: { ...base().fields, membersCount: value === 4 ? -4 : `${JSON.stringify(value)}x` },
    })),
    fc.constant({ ...base(), fields: { ...base().fields, createdAt: '2999-01-01T00:00:00.000Z' } }),
    fc.constant({
      ...base(),
      fields: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, i])),
    }),
    fc.constant({ ...base(), table: 'users' }),
    fc.constant({ ...base(), rowId: 'not-a-uuid' }),
    fc.constant({ ...base(), villageId: VILLAGE_B, rowId: f.householdA }),
    fc.constant(residentChange(VILLAGE_A, newId())),
    fc.constant({ ...base(), extra: 1 }),
    fc.constant({ ...base(), base: { label: 'nope' } }),
    fc.constant({ ...base(), fields: {} }),
    junkValue,
  );
}

function pushBody(f: Fixture): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc
      .tuple(fc.array(fc.constant(null), { maxLength: 3 }), brokenChange(f), fc.nat(3))
      .map(([valid, broken, at]) => {
        const changes: unknown[] = valid.map(() => householdChange(VILLAGE_A) as Change);
        changes.splice(Math.min(at, changes.length), 0, broken);
        return { deviceId: 'aaaaaaaaaaaaaaaa', changes };
      }),
    fc.constant({ deviceId: 'aaaaaaaaaaaaaaaa', changes: [] }),
    fc.constant({ deviceId: 'AAAA', changes: [householdChange(VILLAGE_A)] }),
    fc.constant({
      deviceId: 'aaaaaaaaaaaaaaaa',
      changes: Array.from({ length: 501 }, () => householdChange(VILLAGE_A)),
    }),
    fc.constant(
      (() => {
        const one = householdChange(VILLAGE_A);
        return {
          deviceId: 'aaaaaaaaaaaaaaaa',
          changes: [one, { ...householdChange(VILLAGE_A), changeId: one.changeId }],
        };
      })(),
    ),
    junkValue,
  );
}

/** A create-account body with at least one fault: each value below is wrong for its field. */
const WRONG_ACCOUNT_VALUES: Record<string, unknown[]> = {
  username: ['ab', 'x\u0000y', 'có dấu cách', 7, null, 'x'.repeat(33), ''],
  displayName: ['', ' ', 'x\u0000y', 7, null, 'x'.repeat(101), 'a\ud800'],
  password: ['short', 7, null, 'x'.repeat(129), ''],
  role: ['superadmin', 'Commune', 7, null, ''],
  villageIds: [['not-uuid'], 'abc', 7, [null], [VILLAGE_A, 1]],
};

function badAccount(): fc.Arbitrary<unknown> {
  const good = {
    username: 'moi.tao',
    displayName: 'Người mới',
    password: PASSWORD,
    role: 'member',
    villageIds: [VILLAGE_A],
  };
  return fc.oneof(
    fc
      .constantFrom(...Object.keys(WRONG_ACCOUNT_VALUES))
      .chain((field) =>
        fc.constantFrom(...(WRONG_ACCOUNT_VALUES[field] ?? [])).map((value) => ({ ...good, [field]: value })),
      ),
    fc.constant({ ...good, role: 'commune', extra: true }),
    junkValue.filter((value) => typeof value !== 'object' || value === null || !('password' in value)),
  );
}

/** A register export's audit request with at least one fault: each value below is wrong for its field. */
const WRONG_EXPORT_VALUES: Record<string, unknown[]> = {
  scope: ['province', 'Commune', 7, null, ''],
  villageIds: [[], ['not-uuid'], 'abc', [null], [VILLAGE_A, 1]],
  format: ['pdf', 'XLSX', 7, null, ''],
  households: [-1, 1.5, '3', null, 1e300],
  residents: [-1, 0.5, '0', null, 2 ** 53 + 1],
};
const GOOD_EXPORT = { scope: 'commune', villageIds: [VILLAGE_A], format: 'csv', households: 1, residents: 2 };

function badExport(): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc
      .constantFrom(...Object.keys(WRONG_EXPORT_VALUES))
      .chain((field) =>
        fc
          .constantFrom(...(WRONG_EXPORT_VALUES[field] ?? []))
          .map((value) => ({ ...GOOD_EXPORT, [field]: value })),
      ),
    fc.constant({ ...GOOD_EXPORT, scope: 'village', villageIds: [VILLAGE_A, VILLAGE_B] }),
    fc.constant({ ...GOOD_EXPORT, extra: true }),
    junkValue,
  );
}

function endpoints(f: Fixture): Record<string, fc.Arbitrary<FuzzRequest>> {
  const auth = anyAuth(f);
  const protocol = fc.constantFrom<Record<string, string>>(
    { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    {},
    { [PROTOCOL_HEADER]: '1' },
    { [PROTOCOL_HEADER]: 'x' },
  );
  const request = (
    method: fc.Arbitrary<Method>,
    url: fc.Arbitrary<string>,
    headers: fc.Arbitrary<Record<string, string>>,
    body: fc.Arbitrary<unknown> = fc.constant(undefined),
  ) =>
    fc
      .record({ method, url, headers, body: body.chain(bodyText), type: contentTypes })
      .map(({ method, url, headers, body, type }) => ({
        method,
        url,
        headers: body === undefined ? headers : { ...headers, 'content-type': type },
        ...(body === undefined ? {} : { payload: body }),
      }));
  const get = fc.constantFrom<Method>('GET', 'HEAD');
  // The phone's outbox count (issue 16): a courtesy header that must never break a sync.
  const pending = fc.oneof(
    fc.constant<Record<string, string>>({}),
    fc
      .oneof(
        fc.nat().map(String),
        fc.constantFrom('-1', '1.5', '99999999999', '', '0x10'),
        fc.stringMatching(/^[ -~]{0,40}$/),
      )
      .map((v) => ({
        [PENDING_CHANGES_HEADER]: v,
      })),
  );
  const syncHeaders = fc.tuple(auth, protocol, pending).map(([a, p, n]) => ({ ...a, ...p, ...n }));
  const post = fc.constant<Method>('POST');
  const known = fc.constantFrom(f.userIds.member, f.userIds.memberB, f.userIds.commune);
  // Existing accounts only with credentials that may not change them.
  const noRightsOver = fc.oneof(brokenAuth, fc.constant({ authorization: `Bearer ${f.tokens.member}` }));
  return {
    'GET /api/health': request(
      get,
      query.map((q) => `/api/health${q}`),
      auth,
    ),
    'GET /api/setup': request(get, fc.constant('/api/setup'), auth),
    'POST /api/setup': request(post, fc.constant('/api/setup'), auth, junkValue),
    'POST /api/auth/login': request(
      post,
      fc.constant('/api/auth/login'),
      auth,
      fc.oneof(
        fc.record({
          username: fc.oneof(fc.constantFrom('canbo', 'member-a', 'CANBO', '001203004567'), nasty),
          password: fc.oneof(fc.string({ maxLength: 30 }), nasty, junkValue),
          deviceName: fc.oneof(fc.constant('Máy'), nasty),
          deviceKey: fc.oneof(fc.constant(undefined), nasty),
        }),
        junkValue,
      ),
    ),
    'POST /api/auth/logout': request(post, fc.constant('/api/auth/logout'), brokenAuth, junkValue),
    'GET /api/me': request(get, fc.constant('/api/me'), auth),
    'POST /api/sync/push': request(post, fc.constant('/api/sync/push'), syncHeaders, pushBody(f)),
    'GET /api/sync/pull': request(
      get,
      query.map((q) => `/api/sync/pull${q}`),
      syncHeaders,
    ),
    // Figures are read-only: any answer is fine but a 5xx (a year that is no date once gave one).
    'GET /api/indicators': request(
      get,
      fc
        .tuple(
          fc.oneof(
            fc.string({ maxLength: 12 }),
            fc.constantFrom('9999', '9999-Q4', '0000', '2026-Q5', '2026-Q4', '2026', '+2026', '1e9'),
          ),
          fc.option(fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(VILLAGE_B, `${VILLAGE_B},x`))),
        )
        .map(
          ([period, villages]) =>
            `/api/indicators?period=${encodeURIComponent(period)}${villages === null ? '' : `&villageIds=${encodeURIComponent(villages)}`}`,
        ),
      auth,
    ),
    'POST /api/sync/rows': request(
      post,
      fc.constant('/api/sync/rows'),
      fc.tuple(auth, protocol).map(([a, p]) => ({ ...a, ...p })),
      fc.oneof(
        fc.record({
          rows: fc.array(
            fc.record({
              t: fc.oneof(fc.constantFrom('households', 'users', 'records'), nasty),
              i: fc.oneof(uuid, nasty),
            }),
            { maxLength: 5 },
          ),
        }),
        junkValue,
      ),
    ),
    'GET /api/sync/lost': request(
      get,
      fc
        .oneof(
          query,
          fc
            .tuple(
              fc.oneof(fc.nat().map(String), fc.constantFrom('-1', '1e309', '9007199254740993', '')),
              fc.oneof(fc.constantFrom('aaaaaaaaaaaaaaaa', 'AAAAAAAAAAAAAAAA', '0000000000000000'), nasty),
            )
            .map(([since, device]) => `?since=${since}&deviceId=${encodeQueryValue(device)}`),
        )
        .map((q) => `/api/sync/lost${q}`),
      fc.tuple(auth, protocol).map(([a, p]) => ({ ...a, ...p })),
    ),
    'GET /api/sync/conflicts': request(
      get,
      query.map((q) => `/api/sync/conflicts${q}`),
      auth,
    ),
    'POST /api/sync/conflicts/:id/resolve': request(
      post,
      pathSegment.map((id) => `/api/sync/conflicts/${id}/resolve`),
      auth,
      fc.oneof(fc.record({ resolution: fc.oneof(fc.constantFrom('kept', 'restored'), nasty) }), junkValue),
    ),
    'GET /metrics': request(
      get,
      query.map((q) => `/metrics${q}`),
      auth,
    ),
    'GET /api/admin/devices': request(
      get,
      fc.constantFrom('/api/admin/devices', '/api/admin/devices/', '/api/admin/devices?x=1'),
      auth,
    ),
    'GET /api/admin/users': request(get, fc.constantFrom('/api/admin/users', '/api/admin/users/'), auth),
    'POST /api/admin/users': request(
      post,
      fc.constantFrom('/api/admin/users', '/api/admin/users/'),
      auth,
      badAccount(),
    ),
    'GET /api/admin/users/:id': request(
      get,
      fc.oneof(known, pathSegment).map((id) => `/api/admin/users/${id}`),
      auth,
    ),
    'PATCH /api/admin/users/:id': fc.oneof(
      request(
        fc.constant('PATCH'),
        pathSegment.map((id) => `/api/admin/users/${id}`),
        auth,
        junkValue,
      ),
      request(
        fc.constant('PATCH'),
        known.map((id) => `/api/admin/users/${id}`),
        noRightsOver,
        junkValue,
      ),
    ),
    'POST /api/admin/users/:id/password': fc.oneof(
      request(
        post,
        pathSegment.map((id) => `/api/admin/users/${id}/password`),
        auth,
        junkValue,
      ),
      request(
        post,
        known.map((id) => `/api/admin/users/${id}/password`),
        auth,
        fc.oneof(fc.record({ password: fc.string({ maxLength: 7 }) }), junkValue),
      ),
    ),
    'POST /api/admin/users/:id/unlock': fc.oneof(
      request(
        post,
        pathSegment.map((id) => `/api/admin/users/${id}/unlock`),
        auth,
        junkValue,
      ),
      request(
        post,
        known.map((id) => `/api/admin/users/${id}/unlock`),
        noRightsOver,
        junkValue,
      ),
    ),
    'GET /api/admin/users/:id/devices': request(
      get,
      fc.oneof(known, pathSegment).map((id) => `/api/admin/users/${id}/devices`),
      auth,
    ),
    'DELETE /api/admin/users/:id/devices': fc.oneof(
      request(
        fc.constant('DELETE'),
        pathSegment.map((id) => `/api/admin/users/${id}/devices`),
        auth,
        junkValue,
      ),
      request(
        fc.constant('DELETE'),
        known.map((id) => `/api/admin/users/${id}/devices`),
        noRightsOver,
      ),
    ),
    'DELETE /api/admin/users/:id/devices/:tokenId': request(
      fc.constant('DELETE'),
      fc
        .tuple(fc.oneof(known, pathSegment), pathSegment)
        .map(([id, token]) => `/api/admin/users/${id}/devices/${token}`),
      auth,
    ),
    // No resident exists here: an export or erasure of a real one is audited (a change of state).
    'GET /api/admin/residents/:id/export': request(
      get,
      fc.oneof(pathSegment, fc.constant(f.householdA)).map((id) => `/api/admin/residents/${id}/export`),
      auth,
    ),
    'POST /api/admin/residents/:id/erase': request(
      post,
      fc.oneof(pathSegment, fc.constant(f.householdA)).map((id) => `/api/admin/residents/${id}/erase`),
      auth,
      junkValue,
    ),
    // A good export body goes only with credentials that may not export it: a recorded export is a change.
    'POST /api/exports': fc.oneof(
      request(post, fc.constant('/api/exports'), auth, badExport()),
      request(
        post,
        fc.constant('/api/exports'),
        fc.oneof(
          brokenAuth,
          fc
            .constantFrom(f.tokens.member, f.tokens.memberB, f.tokens.disabled, f.tokens.lead)
            .map((token) => ({
              authorization: `Bearer ${token}`,
            })),
        ),
        fc.constantFrom(GOOD_EXPORT, { ...GOOD_EXPORT, scope: 'village', villageIds: [VILLAGE_B] }),
      ),
    ),
    'GET /api/admin/audit': request(
      get,
      query.map((q) => `/api/admin/audit${q}`),
      auth,
    ),
    'GET /*': request(
      fc.constantFrom<Method>('GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'),
      fc.oneof(
        fc.array(pathSegment, { maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
        fc.array(pathSegment, { maxLength: 3 }).map((segments) => `/api/${segments.join('/')}`),
        fc.constantFrom(
          '/%c0%ae',
          '/api/%c0%ae',
          '/assets/../../package.json',
          '/sw.js',
          '/index.html',
          '//api//me',
        ),
      ),
      auth,
      junkValue,
    ),
  };
}

describe.each(backendsForFile('fuzz.test.ts'))('fuzzing every endpoint on $kind', (backend) => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const routes = new Set<string>();
  let fixture: Fixture;

  beforeAll(async () => {
    database = await openTestDatabase(backend, 'fuzz');
    const distDir = await mkdtemp(join(tmpdir(), 'ngo-so-fuzz-'));
    await writeFile(join(distDir, 'index.html'), '<!doctype html><title>Ngõ Số</title>');
    const clock = new TestClock(new Date());
    app = buildServer({
      db: database.db,
      distDir,
      auth: { now: clock.now, scryptLogN: TEST_SCRYPT_LOG_N, lockout: TEST_LOCKOUT },
      rateLimits: GENEROUS_RATE_LIMITS,
    });
    app.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') routes.add(`${method} ${route.url}`);
    });
    await app.ready();

    const users = {
      member: await createUser(database.db, {
        username: 'member-a',
        role: 'member',
        villageIds: [VILLAGE_A],
      }),
      lead: await createUser(database.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] }),
      commune: await createUser(database.db, { username: 'canbo', role: 'commune' }),
      memberB: await createUser(database.db, {
        username: 'member-b',
        role: 'member',
        villageIds: [VILLAGE_B],
      }),
      disabled: await createUser(database.db, {
        username: 'da-khoa',
        role: 'member',
        villageIds: [VILLAGE_A],
      }),
    };
    const token = async (username: string) => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: PASSWORD, deviceName: 'Máy thử' },
      });
      return res.json().token as string;
    };
    const tokens = {
      member: await token('member-a'),
      lead: await token('lead-a'),
      commune: await token('canbo'),
      memberB: await token('member-b'),
      disabled: await token('da-khoa'),
    };
    await database.db.query(`update users set disabled = true where username = 'da-khoa'`);
    const household = householdChange(VILLAGE_A);
    const seeded = await app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${tokens.member}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
      payload: { deviceId: 'aaaaaaaaaaaaaaaa', changes: [household, householdChange(VILLAGE_A)] },
    });
    expect(seeded.statusCode).toBe(200);
    fixture = {
      tokens,
      userIds: { member: users.member.id, memberB: users.memberB.id, commune: users.commune.id },
      householdA: household.rowId,
    };
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it('has a generator for every route the server declares', () => {
    const fuzzed = new Set(Object.keys(endpoints(fixture)));
    const missing = [...routes].filter((route) => {
      const normal = route.replace(/\/$/, '').replace(/\/\*$/, '/*');
      return !fuzzed.has(normal) && !fuzzed.has(normal.replace(/^HEAD /, 'GET ')) && !normal.endsWith('*');
    });
    expect(missing).toEqual([]);
  });

  it(`${FUZZ_RUNS} hostile requests: no 5xx, one error shape, and nothing changed`, async () => {
    const before = await snapshot(database.db);
    const all = Object.values(endpoints(fixture));
    let sent = 0;
    let largestBody = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(...all), async (req) => {
        sent++;
        const res = await app.inject({
          method: req.method,
          url: req.url,
          headers: req.headers,
          ...(req.payload === undefined ? {} : { payload: req.payload }),
        });
        largestBody = Math.max(largestBody, res.body.length);
        expect(res.statusCode, `${req.method} ${req.url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
        if (res.statusCode >= 400 && req.method !== 'HEAD') {
          expect(res.json(), `${req.method} ${req.url}`).toEqual({
            error: expect.objectContaining({ code: expect.any(String), message: expect.any(String) }),
          });
        }
      }),
      { numRuns: FUZZ_RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
    expect(sent).toBeGreaterThanOrEqual(FUZZ_RUNS);
    console.log(`fuzz on ${backend.kind}: ${sent} requests, largest answer ${largestBody} bytes`);
    expect(await snapshot(database.db)).toBe(before);
  }, 900_000);
});
