/**
 * No secret and no personal value reaches the log (issue 14, kind 4). The server is made to fail for
 * real — queries against a table that refuses them — while it handles a password, a token and a
 * resident's name, and the whole log is then searched for each of them.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../src/server/auth/tokens.js';
import { serializeError } from '../../src/server/logging.js';
import {
  type AuthHarness,
  bearer,
  createUser,
  loginToken,
  PASSWORD,
  startAuthHarness,
} from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, push, residentChange, VILLAGE_A } from './sync-fixtures.js';

const RESIDENT_NAME = 'Lò Thị Xuânlogtest';
const NEW_PASSWORD = 'mật-khẩu-mới-bí-mật-123';

describe.each(backendsForFile('logging.test.ts'))('the log of a failing run on $kind', (backend) => {
  let h: AuthHarness;
  const lines: string[] = [];
  let token = '';

  beforeAll(async () => {
    h = await startAuthHarness(
      backend,
      'logging',
      {},
      {
        logStream: {
          write: (line: string) => {
            lines.push(line);
          },
        },
      },
    );
    await createUser(h.db, { username: 'canbo', role: 'commune' });
    token = await loginToken(h.app, 'canbo');

    // A constraint no new row meets: inserting an account fails with its password hash bound to SQL.
    await h.db.query(`alter table users add constraint refuse_new check (username <> 'victim') not valid`);
    const created = await h.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: bearer(token),
      payload: {
        username: 'victim',
        displayName: 'Nạn nhân',
        password: NEW_PASSWORD,
        role: 'commune',
        villageIds: [],
      },
    });
    expect(created.statusCode).toBe(500);

    // The change log refuses every insert: the push fails with a resident's data bound to SQL.
    await h.db.query('alter table changes add constraint refuse_all check (seq < 0) not valid');
    const household = householdChange(VILLAGE_A);
    const resident = residentChange(VILLAGE_A, household.rowId, { name: RESIDENT_NAME });
    const pushed = await push(h.app, token, [household, resident]);
    expect(pushed.statusCode).toBe(500);

    // What people type also reaches the server in addresses.
    await h.app.inject({ method: 'GET', url: '/api/health?cccd=001203004567&mk=hunter2' });
    await h.app.inject({ method: 'GET', url: '/api/Nguyen-Thi-A-001203004567' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('logged both failures, with the SQL that failed', () => {
    const failures = lines.filter((line) => line.includes('request failed'));
    expect(failures).toHaveLength(2);
    expect(failures.join('\n')).toMatch(/insert into/i);
  });

  it('holds no password, password hash, token or token hash', () => {
    const log = lines.join('\n');
    expect(log).not.toContain(NEW_PASSWORD);
    expect(log).not.toContain(PASSWORD);
    expect(log).not.toMatch(/scrypt\$/);
    expect(log).not.toContain(token);
    expect(log).not.toContain(hashToken(token));
  });

  it('writes one line per request, with its route, status and time', () => {
    const health = lines.filter((line) => line.includes('"route":"/api/health"'));
    expect(health).toHaveLength(1);
    expect(JSON.parse(health[0] as string)).toMatchObject({
      msg: 'request',
      status: 200,
      ms: expect.any(Number),
    });
  });

  it('names the account and the device by their ids, with the sizes, and nothing sent', async () => {
    const [line] = lines
      .map((text) => JSON.parse(text))
      .filter((entry) => entry.msg === 'request' && entry.req?.route === '/api/sync/push');
    const { rows } = await h.db.query<{ user_id: string; id: string }>(
      `select user_id::text, id::text from tokens where token_hash = $1`,
      [hashToken(token)],
    );
    expect(line).toMatchObject({
      req: { method: 'POST', route: '/api/sync/push' },
      status: 500,
      ms: expect.any(Number),
      userId: rows[0]?.user_id,
      deviceId: rows[0]?.id,
      reqBytes: expect.any(Number),
      resBytes: expect.any(Number),
    });
    expect(line.reqBytes).toBeGreaterThan(RESIDENT_NAME.length);
    // What a request line may hold, and nothing else: no header, body, username or address.
    const allowed = ['level', 'time', 'pid', 'hostname', 'reqId', 'msg', 'req', 'status', 'ms'];
    const optional = ['userId', 'deviceId', 'reqBytes', 'resBytes'];
    for (const entry of lines.map((text) => JSON.parse(text)).filter((e) => e.msg === 'request')) {
      expect(Object.keys(entry).filter((k) => !allowed.includes(k) && !optional.includes(k))).toEqual([]);
      expect(Object.keys(entry.req).sort()).toEqual(['method', 'route']);
      expect(JSON.stringify(entry)).not.toContain('canbo');
    }
  });

  it('counts the bytes written to a real connection, compressed as sent', async () => {
    const before = lines.length;
    const address = await h.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${address}/api/setup`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    await res.text();
    let entry: { resBytes?: number } | undefined;
    // The line is written once the answer has left: wait for it, not for a time.
    await vi.waitFor(() => {
      entry = lines
        .slice(before)
        .map((text) => JSON.parse(text))
        .find((e) => e.msg === 'request' && e.req?.route === '/api/setup');
      expect(entry).toBeDefined();
    });
    // Status line and headers included: more than the JSON body alone.
    expect(entry?.resBytes).toBeGreaterThan('{"needed":false}'.length);
  });

  it('names routes, never the path or query string as sent', () => {
    const log = lines.join('\n');
    expect(log).toContain('"route":"/api/health"');
    expect(log).not.toContain('001203004567');
    expect(log).not.toContain('hunter2');
  });

  it('holds no resident’s value', () => {
    expect(lines.join('\n')).not.toContain(RESIDENT_NAME);
  });

  it('keeps no bound values of any error, however deep the cause', () => {
    const inner = Object.assign(new Error('duplicate key'), {
      detail: 'Key (username)=(bí mật) already exists.',
    });
    const outer = new Error('Failed query: insert into users values ($1)\nparams: bí mật,scrypt$…', {
      cause: inner,
    });
    const text = JSON.stringify(serializeError(outer));
    expect(text).not.toContain('bí mật');
    expect(text).toContain('insert into users');
  });
});
