/**
 * Issue 16, part 5: two server processes behind one address share one PostgreSQL. Pushers write
 * through both at once while a puller follows; the puller must end with every row at its last
 * number (nothing skipped), every acknowledged change is logged exactly once, numbers run 1..N
 * without a gap or a repeat, and the server's own timestamps (an officer's erasures, through both
 * processes) rise with the numbers. PostgreSQL only: a PGlite data directory has one process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { formatHlc } from '../../src/core/hlc';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullResponse } from '../../src/core/sync/protocol';
import { SERVER_NODE } from '../../src/core/sync/server-merge';
import { projectRoot } from '../../src/server/project.js';
import { createUser, PASSWORD } from './auth-harness.js';
import { availableBackends, openTestDatabase, type TestDatabase } from './helpers.js';
import { householdChange, residentChange, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

const PUSHERS = 4;
const BATCHES = 15;
const HOUSEHOLDS_PER_BATCH = 10;
const ERASURES = 12;

/** Starts one API process on the database and resolves with its port. */
function startProcess(databaseUrl: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join('tests', 'server', 'fixtures', 'server-process.ts')],
    {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      const port = line.startsWith('{"port"') ? (JSON.parse(line) as { port: number }).port : 0;
      if (port > 0) resolve({ child, port });
    });
  });
}

/** One address in front of several processes, taking them in turn (what a load balancer does). */
function roundRobin(ports: readonly number[]): Promise<Server> {
  let next = 0;
  const proxy = createServer((incoming, outgoing) => {
    const port = ports[next++ % ports.length];
    const forwarded = httpRequest(
      { host: '127.0.0.1', port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forwarded.on('error', () => outgoing.writeHead(502).end());
    incoming.pipe(forwarded);
  });
  return new Promise((resolve) => proxy.listen(0, '127.0.0.1', () => resolve(proxy)));
}

describe.each(availableBackends().filter((b) => b.kind === 'postgres'))(
  'two server processes on one $kind',
  (backend) => {
    let database: TestDatabase;
    const processes: ChildProcess[] = [];
    let proxy: Server;
    let base: string;

    beforeAll(async () => {
      database = await openTestDatabase(backend, 'processes');
      await createUser(database.db, { username: 'can-bo-xa', role: 'commune' });
      const url = database.databaseUrl as string;
      const started = await Promise.all([startProcess(url), startProcess(url)]);
      processes.push(...started.map((s) => s.child));
      proxy = await roundRobin(started.map((s) => s.port));
      base = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/api`;
    });
    afterAll(async () => {
      await new Promise((resolve) => proxy?.close(resolve));
      await Promise.all(
        processes.map(
          (child) =>
            new Promise((resolve) => {
              child.once('exit', resolve);
              child.kill('SIGTERM');
            }),
        ),
      );
      await database?.dispose();
    });

    async function call<T>(path: string, token: string | undefined, body?: unknown): Promise<T> {
      const res = await fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as T;
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    }

    const logIn = (deviceName: string) =>
      call<{ token: string }>('/auth/login', undefined, {
        username: 'can-bo-xa',
        password: PASSWORD,
        deviceName,
      }).then((r) => r.token);

    it('hand out every number once, in commit order, and the puller misses nothing', async () => {
      const acknowledged: string[] = [];
      const residents: Array<{ id: string; villageId: string }> = [];
      let pushing = true;
      let residentsStored: () => void = () => {};
      const enoughResidents = new Promise<void>((resolve) => {
        residentsStored = resolve;
      });

      async function pusher(index: number): Promise<void> {
        const token = await logIn(`Máy ${index}`);
        const deviceId = `${index}`.padStart(16, 'c');
        for (let batch = 0; batch < BATCHES; batch++) {
          const changes: Change[] = [];
          const made: typeof residents = [];
          for (let h = 0; h < HOUSEHOLDS_PER_BATCH; h++) {
            const village = (index + h) % 2 === 0 ? VILLAGE_A : VILLAGE_B;
            const hlc = () => formatHlc({ wall: Date.now(), counter: changes.length, node: deviceId });
            const household = householdChange(village, { hlc: hlc() });
            const resident = { ...residentChange(village, household.rowId), hlc: hlc() };
            changes.push(household, resident);
            made.push({ id: resident.rowId, villageId: village });
          }
          const { results } = await call<{ results: Array<{ changeId: string; status: string }> }>(
            '/sync/push',
            token,
            { deviceId, changes },
          );
          for (const r of results) {
            expect(r.status).toBe('applied');
            acknowledged.push(r.changeId);
          }
          residents.push(...made);
          if (residents.length >= ERASURES) residentsStored();
        }
      }

      const seen = new Map<string, number>();
      let pages = 0;
      async function puller(): Promise<void> {
        const token = await logIn('Máy theo dõi');
        let cursor = 0;
        let scope: string | undefined;
        for (;;) {
          const finished = !pushing;
          const query = `since=${cursor}&limit=50${scope ? `&scope=${scope}` : ''}`;
          const page = await call<PullResponse>(`/sync/pull?${query}`, token);
          pages++;
          scope = page.scope;
          let previous = cursor;
          for (const row of page.rows) {
            // Pages come in number order, each after the cursor it was asked from.
            expect(row.s).toBeGreaterThan(previous);
            previous = row.s;
            seen.set(`${row.t}:${row.i}`, row.s);
          }
          cursor = page.cursor;
          if (finished && !page.hasMore) return;
        }
      }

      async function eraser(): Promise<void> {
        const token = await logIn('Máy cán bộ');
        // Erasures through both processes at once, while the pushers go on.
        await enoughResidents;
        const chosen = residents.slice(0, ERASURES);
        await Promise.all(chosen.map((r) => call(`/admin/residents/${r.id}/erase`, token, {})));
      }

      const following = puller();
      await Promise.all([...Array.from({ length: PUSHERS }, (_, i) => pusher(i + 1)), eraser()]);
      pushing = false;
      await following;

      const db = database.db;
      const logged = await db.query<{ seq: string; change_id: string; device_id: string; hlc: string }>(
        'select seq, change_id, device_id, hlc from changes order by seq',
      );
      const numbers = logged.rows.map((r) => Number(r.seq));
      expect(numbers).toEqual(numbers.map((_, i) => i + 1));
      const { rows: state } = await db.query<{ last_seq: string }>('select last_seq from sync_state');
      expect(Number(state[0]?.last_seq)).toBe(numbers.length);

      const loggedIds = logged.rows.map((r) => r.change_id);
      expect(new Set(loggedIds).size).toBe(loggedIds.length);
      expect(acknowledged).toHaveLength(PUSHERS * BATCHES * HOUSEHOLDS_PER_BATCH * 2);
      const loggedSet = new Set(loggedIds);
      expect(acknowledged.filter((id) => !loggedSet.has(id))).toEqual([]);

      const stored = await db.query<{ tbl: string; id: string; seq: string }>(
        'select tbl, id, seq from records',
      );
      expect(new Map(stored.rows.map((r) => [`${r.tbl}:${r.id}`, Number(r.seq)]))).toEqual(seen);
      expect(pages).toBeGreaterThan(1);

      // The server's stamps: one clock for both processes, rising with the numbers it gave them.
      const serverStamps = logged.rows.filter((r) => r.device_id === SERVER_NODE).map((r) => r.hlc);
      expect(serverStamps.length).toBeGreaterThanOrEqual(ERASURES);
      expect(serverStamps).toEqual([...serverStamps].sort());
      expect(new Set(serverStamps).size).toBe(serverStamps.length);
    });
  },
);
