/**
 * Hostile requests against a real server with its production limits (issue 14, kinds 2 and 5): how
 * large an answer one client can make the server send, and how long it can hold up everyone else,
 * seen as the slowest `/api/health` answer while the hostile requests run (the measure:
 * 500 changes × 800 unknown fields once answered 53.9 MB and held health checks for 3.7 s; six in
 * parallel for 15 s).
 */
import { randomUUID } from 'node:crypto';
import { formatHlc } from '../../src/core/hlc';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { startServer } from '../../tests/e2e/global-setup';
import { createAccount, loginAccount, setupCommune } from '../lib/server-seed';
import { log, registerCleanup, sleep } from './util';

export interface HostileCase {
  name: string;
  requests: number;
  statuses: Record<string, number>;
  largestAnswerBytes: number;
  /** The slowest /api/health answer while the case ran, and the median before it started. */
  slowestHealthMs: number;
}

export interface HostileResult {
  baselineHealthMs: number;
  cases: HostileCase[];
}

const VILLAGE = '0191f5a0-0000-7000-8000-0000000000a1';

function change(fields: Record<string, unknown>) {
  return {
    changeId: randomUUID(),
    table: 'households',
    rowId: randomUUID(),
    villageId: VILLAGE,
    fields,
    hlc: formatHlc({ wall: Date.now(), counter: 0, node: 'aaaaaaaaaaaaaaaa' }),
  };
}

/** Sends `health` probes back to back until stopped; returns the slowest. */
function probeHealth(url: string): { stop: () => Promise<number> } {
  let running = true;
  let slowest = 0;
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${url}/api/health`).then((r) => r.arrayBuffer());
      slowest = Math.max(slowest, performance.now() - started);
      await sleep(20);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return slowest;
    },
  };
}

export async function benchHostile(): Promise<HostileResult> {
  // The server's own limits, not the generous ones the other benches and the e2e tests use.
  const server = await startServer({
    env: { RATE_LIMIT_PER_ADDRESS: '3000', RATE_LIMIT_LOGIN: '60', RATE_LIMIT_PER_ACCOUNT: '300' },
  });
  const unregister = registerCleanup(() => server.stop());
  try {
    const commune = await setupCommune(server.url);
    await createAccount(server.url, commune, { username: 'thu.pha', role: 'member', villageIds: [VILLAGE] });
    const token = await loginAccount(server.url, 'thu.pha');
    const headers = {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
    };

    const baseline: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
      baseline.push(performance.now() - started);
    }
    baseline.sort((a, b) => a - b);

    const unknownFields = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`f${i}`, 1]));
    const nested = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const cases: Array<{ name: string; parallel: number; body: () => string; url?: string }> = [
      {
        name: '500 changes × 800 unknown fields, ×6 in parallel',
        parallel: 6,
        body: () =>
          JSON.stringify({
            deviceId: 'aaaaaaaaaaaaaaaa',
            changes: Array.from({ length: 500 }, () => change(unknownFields)),
          }),
      },
      {
        name: 'a push with 100,000 unexpected keys, ×6',
        parallel: 6,
        body: () =>
          JSON.stringify({
            deviceId: 'aaaaaaaaaaaaaaaa',
            changes: [],
            ...Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i])),
          }),
      },
      {
        name: '500 valid-looking changes, one wrong, long notes (≈1 MB), ×6',
        parallel: 6,
        body: () =>
          JSON.stringify({
            deviceId: 'aaaaaaaaaaaaaaaa',
            changes: Array.from({ length: 500 }, (_, i) =>
              change({
                label: `Nhà số ${i}`,
                membersCount: i === 499 ? -1 : 3,
                notes: 'Ghi chú dài. '.repeat(150),
                createdAt: '2026-11-25T08:00:00.000Z',
              }),
            ),
          }),
      },
      {
        name: 'JSON nested 100,000 deep, ×6',
        parallel: 6,
        body: () => `{"deviceId":"aaaaaaaaaaaaaaaa","changes":${nested}}`,
      },
      {
        name: '400 requests as fast as one address can send',
        parallel: 400,
        url: '/api/me',
        body: () => '',
      },
    ];

    const out: HostileCase[] = [];
    for (const c of cases) {
      const bodies = Array.from({ length: c.parallel }, c.body);
      const probe = probeHealth(server.url);
      await sleep(50);
      const answers = await Promise.all(
        bodies.map(async (body) => {
          const res = await fetch(`${server.url}${c.url ?? '/api/sync/push'}`, {
            method: c.url ? 'GET' : 'POST',
            headers: c.url ? { authorization: headers.authorization } : headers,
            ...(c.url ? {} : { body }),
          });
          return { status: res.status, bytes: (await res.arrayBuffer()).byteLength };
        }),
      );
      const slowest = await probe.stop();
      const statuses: Record<string, number> = {};
      for (const a of answers) statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      const result = {
        name: c.name,
        requests: answers.length,
        statuses,
        largestAnswerBytes: Math.max(...answers.map((a) => a.bytes)),
        slowestHealthMs: Math.round(slowest),
      };
      log(
        `hostile: ${c.name}: ${JSON.stringify(statuses)}, largest answer ${result.largestAnswerBytes} B, slowest health ${result.slowestHealthMs} ms`,
      );
      out.push(result);
    }
    return { baselineHealthMs: Math.round(baseline[10] ?? 0), cases: out };
  } finally {
    unregister();
    await server.stop();
  }
}
