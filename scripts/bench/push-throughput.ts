/**
 * DESIGN §6: pushed changes per second the server applies, on PGlite and on PostgreSQL.
 *
 * A fresh server (PGlite in a temporary data dir, or PostgreSQL in a throwaway database) gets one
 * village and one member account per client. Each client logs in (its own device token), then pushes,
 * back to back, batches of 500 NEW household creates — distinct change and row ids, its own device id,
 * HLC timestamps increasing from its own clock — for a warm-up and then a measured window. Only
 * requests that finish inside the window count: changes/s = applied changes / window length.
 * Latency is per push request, seen by the client (request sent → reply read).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { generateDemoData } from '../../src/core/demo-data';
import { formatHlc, type Hlc, initialHlc, tickHlc } from '../../src/core/hlc';
import { newDeviceId, newId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type ServerHandle, startServer } from '../../tests/e2e/global-setup';
import { createAccount, loginAccount, seedVillage, setupCommune } from '../lib/server-seed';
import { cpuSeconds, cpuSnapshot } from './cpu';
import { type ProfileSummary, profilerEnv, profileWhile } from './cpu-profile';
import { log, median, percentile, registerCleanup, round, sum } from './util';

export type Backend = 'pglite' | 'postgres';

export interface PushOptions {
  clients: number;
  batch: number;
  warmupMs: number;
  durationMs: number;
  runs: number;
  /** Admin connection used to create and drop the throwaway database. */
  postgresAdminUrl: string;
  /** Extra environment for the server process (e.g. NODE_OPTIONS=--cpu-prof for a diagnosis). */
  serverEnv?: Record<string, string>;
}

export interface PushRun {
  changesPerSecond: number;
  requests: number;
  changes: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  errors: number;
  /** Rows in `records` before the run started (the table grows from run to run). */
  rowsBefore: number;
  /** CPU seconds used during the measured window, per 1,000 applied changes. */
  cpuMsPer1000: {
    server: number;
    postgresBackends: number;
    postgresBackground: number;
    loadGenerator: number;
  };
}

export interface PushResult {
  backend: Backend;
  clients: number;
  batch: number;
  warmupMs: number;
  durationMs: number;
  changesPerSecondMedian: number;
  p50MsMedian: number;
  p95MsMedian: number;
  runs: PushRun[];
  serverStartMs: number;
}

interface Client {
  token: string;
  deviceId: string;
  clock: Hlc;
}

/** Household field sets as JSON text, so a 500-change body is built by concatenation (cheap). */
function householdTemplates(count: number): string[] {
  const [village] = generateDemoData({
    now: new Date(),
    newId,
    collectedBy: 'Tổ viên',
    villageCount: 1,
    householdsPerVillage: count,
    seed: 5,
  });
  if (!village) throw new Error('no demo village');
  return village.households.map((h) => {
    const { id: _id, villageId: _v, updatedAt: _u, ...fields } = h as unknown as Record<string, unknown>;
    return JSON.stringify(fields);
  });
}

function pushBody(client: Client, villageId: string, templates: string[], batch: number): string {
  const parts: string[] = [];
  for (let i = 0; i < batch; i++) {
    client.clock = tickHlc(client.clock, Date.now());
    parts.push(
      `{"changeId":"${newId()}","table":"households","rowId":"${newId()}","villageId":"${villageId}",` +
        `"fields":${templates[i % templates.length]},"hlc":"${formatHlc(client.clock)}"}`,
    );
  }
  return `{"deviceId":"${client.deviceId}","changes":[${parts.join(',')}]}`;
}

interface Sample {
  end: number;
  ms: number;
  applied: number;
  ok: boolean;
}

async function clientLoop(
  url: string,
  client: Client,
  villageId: string,
  templates: string[],
  batch: number,
  stopAt: number,
  samples: Sample[],
): Promise<void> {
  while (performance.now() < stopAt) {
    const body = pushBody(client, villageId, templates, batch);
    const start = performance.now();
    let ok = false;
    let applied = 0;
    try {
      const response = await fetch(`${url}/api/sync/push`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${client.token}`,
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
        },
        body,
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      if (response.ok) {
        const reply = JSON.parse(text) as { results: Array<{ status: string }> };
        applied = reply.results.filter((r) => r.status === 'applied').length;
        ok = applied === batch;
      } else if (samples.filter((s) => !s.ok).length < 3) {
        log(`push ${response.status}: ${text.slice(0, 200)}`);
      }
    } catch (error) {
      log(`push failed: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const end = performance.now();
    samples.push({ end, ms: end - start, applied, ok });
  }
}

async function countRecords(url: string, token: string): Promise<number> {
  // Cheap enough and needs no database access: the commune's pull reports how many rows follow.
  const response = await fetch(`${url}/api/sync/pull?since=0&limit=1`, {
    headers: { authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
  const page = (await response.json()) as { rows: unknown[]; remaining: number };
  return page.rows.length + page.remaining;
}

async function oneRun(
  server: ServerHandle,
  clients: Client[],
  communeToken: string,
  villageId: string,
  templates: string[],
  options: PushOptions,
  database: string | undefined,
): Promise<PushRun> {
  const rowsBefore = await countRecords(server.url, communeToken);
  const samples: Sample[] = [];
  const t0 = performance.now();
  const measureFrom = t0 + options.warmupMs;
  const stopAt = measureFrom + options.durationMs;
  let before: ReturnType<typeof cpuSnapshot> | undefined;
  const snapshotTimer = setTimeout(() => {
    before = cpuSnapshot(server.child.pid, database);
  }, options.warmupMs);
  let after: ReturnType<typeof cpuSnapshot> | undefined;
  const endTimer = setTimeout(() => {
    after = cpuSnapshot(server.child.pid, database);
  }, options.warmupMs + options.durationMs);
  await Promise.all(
    clients.map((c) => clientLoop(server.url, c, villageId, templates, options.batch, stopAt, samples)),
  );
  clearTimeout(snapshotTimer);
  clearTimeout(endTimer);
  const inWindow = samples.filter((s) => s.end >= measureFrom && s.end <= stopAt);
  const changes = sum(inWindow.map((s) => s.applied));
  const latencies = inWindow.filter((s) => s.ok).map((s) => s.ms);
  const cpu = before && after ? cpuSeconds(before, after) : undefined;
  const per1000 = (seconds: number) => (changes ? round((seconds * 1000 * 1000) / changes, 1) : 0);
  return {
    changesPerSecond: round(changes / (options.durationMs / 1000)),
    requests: inWindow.length,
    changes,
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    maxMs: round(Math.max(0, ...latencies)),
    errors: samples.filter((s) => !s.ok).length,
    rowsBefore,
    cpuMsPer1000: {
      server: per1000(cpu?.server ?? 0),
      postgresBackends: per1000(cpu?.postgresBackends ?? 0),
      postgresBackground: per1000(cpu?.postgresBackground ?? 0),
      loadGenerator: per1000(cpu?.loadGenerator ?? 0),
    },
  };
}

/** Creates `bench_<random>` on the PostgreSQL server; returns its URL and a function dropping it. */
export async function throwawayDatabase(
  adminUrl: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

interface Prepared {
  server: ServerHandle;
  clients: Client[];
  communeToken: string;
  villageId: string;
  templates: string[];
  database: string | undefined;
  serverStartMs: number;
}

/** Starts a fresh server on `backend`, with one village and a logged-in member per client. */
async function prepare(
  backend: Backend,
  options: PushOptions,
  serverEnv: Record<string, string>,
  fn: (p: Prepared) => Promise<void>,
): Promise<void> {
  const db = backend === 'postgres' ? await throwawayDatabase(options.postgresAdminUrl) : undefined;
  let server: ServerHandle | undefined;
  const unregister = registerCleanup(async () => {
    await server?.stop();
    await db?.drop();
  });
  try {
    const started = Date.now();
    server = await startServer({ env: { ...(db ? { DATABASE_URL: db.url } : {}), ...serverEnv } });
    const serverStartMs = Date.now() - started;
    log(`push ${backend}: server at ${server.url}${db ? ` on database ${db.name}` : ''}`);
    const communeToken = await setupCommune(server.url);
    const village = await seedVillage(server.url, communeToken, {
      name: 'Thôn Đẩy Thử',
      households: 2,
      seed: 3,
    });
    const clients: Client[] = [];
    for (let i = 0; i < options.clients; i++) {
      const username = `day.thu.${i}`;
      await createAccount(server.url, communeToken, {
        username,
        role: 'member',
        villageIds: [village.villageId],
      });
      const deviceId = newDeviceId();
      clients.push({
        token: await loginAccount(server.url, username),
        deviceId,
        clock: initialHlc(deviceId),
      });
    }
    await fn({
      server,
      clients,
      communeToken,
      villageId: village.villageId,
      templates: householdTemplates(options.batch),
      database: db?.name,
      serverStartMs,
    });
  } finally {
    unregister();
    await server?.stop();
    await db?.drop().catch((error: Error) => log(`could not drop ${db.name}: ${error.message}`));
  }
}

export async function benchPush(backend: Backend, options: PushOptions): Promise<PushResult> {
  const runs: PushRun[] = [];
  let serverStartMs = 0;
  await prepare(backend, options, {}, async (p) => {
    serverStartMs = p.serverStartMs;
    for (let i = 0; i < options.runs; i++) {
      const run = await oneRun(
        p.server,
        p.clients,
        p.communeToken,
        p.villageId,
        p.templates,
        options,
        p.database,
      );
      log(
        `push ${backend} run ${i + 1}: ${run.changesPerSecond} changes/s, p50 ${run.p50Ms} ms, p95 ${run.p95Ms} ms, ` +
          `${run.requests} requests, ${run.errors} errors (table had ${run.rowsBefore} rows)`,
      );
      runs.push(run);
    }
  });
  return {
    backend,
    clients: options.clients,
    batch: options.batch,
    warmupMs: options.warmupMs,
    durationMs: options.durationMs,
    changesPerSecondMedian: median(runs.map((r) => r.changesPerSecond)),
    p50MsMedian: median(runs.map((r) => r.p50Ms)),
    p95MsMedian: median(runs.map((r) => r.p95Ms)),
    runs,
    serverStartMs,
  };
}

export interface PushDiagnosis {
  backend: Backend;
  /** The profiled run (the profiler slows the server somewhat; its rate is not the result). */
  run: PushRun;
  profile: ProfileSummary;
}

/**
 * One shorter run with the server under `node --cpu-prof`, summarised over the measured window only:
 * where the server's own process spends its time per push (PostgreSQL's CPU is in `run.cpuMsPer1000`).
 */
export async function diagnosePush(backend: Backend, options: PushOptions): Promise<PushDiagnosis> {
  const dir = await mkdtemp(join(tmpdir(), 'ngo-so-cpuprof-'));
  const file = join(dir, 'server.cpuprofile');
  try {
    let result: PushDiagnosis | undefined;
    await prepare(backend, options, profilerEnv(file), async (p) => {
      const short = { ...options, warmupMs: 1_000, durationMs: 6_000 };
      // Warm up unprofiled, then profile one measured run.
      await oneRun(
        p.server,
        p.clients,
        p.communeToken,
        p.villageId,
        p.templates,
        { ...short, durationMs: 0 },
        p.database,
      );
      const { value: run, profile } = await profileWhile(p.server.child.pid as number, file, () =>
        oneRun(
          p.server,
          p.clients,
          p.communeToken,
          p.villageId,
          p.templates,
          { ...short, warmupMs: 0 },
          p.database,
        ),
      );
      result = { backend, run, profile };
    });
    if (!result) throw new Error('no profiled run');
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
