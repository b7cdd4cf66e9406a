/**
 * Issue 16, part 6: a province's field day against PostgreSQL, scaled down and compressed.
 *
 * A province here is 100 communes × 10 villages × 3 phones, and a village of 200 households (~1,000
 * register rows). A phone's day is 10 syncs, each a push of 10 changes (its visits and skill steps)
 * followed by a pull of its village: 300,000 changes, 30,000 pushes and 30,000 pulls for the province.
 * This machine runs `communes` of those communes (default 5: 1/20 of the province), every phone at
 * once, back to back, with no think time: the day compressed into the time the server needs. Two server
 * processes share the database (part 5); the phones take them in turn, as behind a load balancer.
 *
 * Reports, per endpoint: requests/s and latency p50/p95/p99 (client side: request sent → answer read);
 * changes/s; and the database's size per 100,000 records (tables, indexes and the change log).
 */
import pg from 'pg';
import { formatHlc, type Hlc, initialHlc, tickHlc } from '../../src/core/hlc';
import { newDeviceId, newId } from '../../src/core/ids';
import { MAX_PUSH_CHANGES, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type ServerHandle, startServer } from '../../tests/e2e/global-setup';
import { createAccount, loginAccount, setupCommune, type VillageRows, villageRows } from '../lib/server-seed';
import { throwawayDatabase } from './push-throughput';
import { log, percentile, registerCleanup, round, sum } from './util';

export const PROVINCE = {
  communes: 100,
  villagesPerCommune: 10,
  phonesPerVillage: 3,
  householdsPerVillage: 200,
  syncsPerPhone: 10,
  changesPerSync: 10,
} as const;

export interface ProvinceDayOptions {
  communes: number;
  processes: number;
  postgresAdminUrl: string;
}

interface EndpointFigures {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ProvinceDayResult {
  scale: string;
  communes: number;
  villages: number;
  phones: number;
  processes: number;
  registerRecords: number;
  seedMs: number;
  dayMs: number;
  changes: number;
  changesPerSecond: number;
  push: EndpointFigures;
  pull: EndpointFigures;
  errors: number;
  /** Records at the end (register + the day's work) and the database they take. */
  records: number;
  databaseBytes: number;
  bytesPer100kRecords: number;
  /** The same day for the whole province (PROVINCE) at this throughput, and its share of 8 working hours. */
  provinceDayMinutes: number;
  provinceShareOfWorkday: number;
}

interface Phone {
  token: string;
  deviceId: string;
  clock: Hlc;
  villageId: string;
  work: VillageRows['fieldWork'];
  cursor: number;
  scope: string | undefined;
  server: string;
}

async function call(url: string, token: string, body?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
    signal: AbortSignal.timeout(120_000),
  });
  return { status: response.status, text: await response.text() };
}

function changesBody(
  deviceId: string,
  clockOf: () => string,
  villageId: string,
  rows: VillageRows['fieldWork'],
) {
  return JSON.stringify({
    deviceId,
    changes: rows.map((row) => ({
      changeId: newId(),
      table: row.table,
      rowId: row.id,
      villageId,
      fields: row.fields,
      hlc: clockOf(),
    })),
  });
}

/** Runs `tasks` with at most `limit` at once (logins hash passwords: the server has one core for it). */
async function pooled<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await task(items[next++] as T);
    }),
  );
}

function figures(latencies: number[], ms: number): EndpointFigures {
  return {
    requests: latencies.length,
    perSecond: round(latencies.length / (ms / 1000), 1),
    p50Ms: round(percentile(latencies, 50), 1),
    p95Ms: round(percentile(latencies, 95), 1),
    p99Ms: round(percentile(latencies, 99), 1),
    maxMs: round(Math.max(0, ...latencies), 1),
  };
}

export async function benchProvinceDay(options: ProvinceDayOptions): Promise<ProvinceDayResult> {
  const db = await throwawayDatabase(options.postgresAdminUrl);
  const servers: ServerHandle[] = [];
  const cleanup = async () => {
    for (const server of servers.splice(0)) await server.stop();
    await db.drop();
  };
  const unregister = registerCleanup(cleanup);
  try {
    for (let i = 0; i < options.processes; i++) {
      servers.push(await startServer({ env: { DATABASE_URL: db.url } }));
    }
    const first = servers[0] as ServerHandle;
    log(`province day: ${options.processes} server processes on database ${db.name}`);
    const officer = await setupCommune(first.url);

    // The register every commune already has, pushed by the officer (not measured as the day).
    const seedStarted = Date.now();
    const villages: VillageRows[] = [];
    const villageCount = options.communes * PROVINCE.villagesPerCommune;
    for (let v = 0; v < villageCount; v++) {
      const rows = villageRows({
        name: `Thôn ${v + 1}`,
        households: PROVINCE.householdsPerVillage,
        seed: v + 1,
      });
      villages.push(rows);
      const device = newDeviceId();
      let clock = initialHlc(device);
      const stamp = () => {
        clock = tickHlc(clock, Date.now());
        return formatHlc(clock);
      };
      const village = { table: 'villages', id: rows.villageId, fields: rows.village } as const;
      const all = [village, ...rows.register] as unknown as VillageRows['fieldWork'];
      for (let i = 0; i < all.length; i += MAX_PUSH_CHANGES) {
        const body = changesBody(device, stamp, rows.villageId, all.slice(i, i + MAX_PUSH_CHANGES));
        const res = await call(`${first.url}/api/sync/push`, officer, body);
        if (res.status !== 200) throw new Error(`seed push ${res.status}: ${res.text.slice(0, 200)}`);
      }
    }
    const registerRecords = sum(villages.map((v) => 1 + v.register.length));
    const seedMs = Date.now() - seedStarted;
    log(`province day: register of ${villageCount} villages (${registerRecords} records) in ${seedMs} ms`);

    // One account and one logged-in device per phone; each starts the day with its village pulled.
    const phones: Phone[] = [];
    const perPhone = PROVINCE.syncsPerPhone * PROVINCE.changesPerSync;
    const slots = villages.flatMap((village, v) =>
      Array.from({ length: PROVINCE.phonesPerVillage }, (_, p) => ({ village, v, p })),
    );
    await pooled(slots, 4, async ({ village, v, p }) => {
      const username = `to-vien-${v + 1}-${p + 1}`;
      await createAccount(first.url, officer, { username, role: 'member', villageIds: [village.villageId] });
      const deviceId = newDeviceId();
      const visitsAndAssists = village.fieldWork.filter((r) => r.table === 'visits' || r.table === 'assists');
      phones.push({
        token: await loginAccount(first.url, username),
        deviceId,
        clock: initialHlc(deviceId),
        villageId: village.villageId,
        work: visitsAndAssists.slice(p * perPhone, (p + 1) * perPhone),
        cursor: 0,
        scope: undefined,
        server: (servers[phones.length % servers.length] as ServerHandle).url,
      });
    });
    const short = phones.filter((phone) => phone.work.length < perPhone);
    if (short.length > 0) throw new Error(`${short.length} phones have less than a day's work to push`);
    await pooled(phones, 8, (phone) => pullAll(phone, []));

    // The day: every phone at once, its syncs back to back.
    const pushMs: number[] = [];
    const pullMs: number[] = [];
    let errors = 0;
    const dayStarted = performance.now();
    await Promise.all(
      phones.map(async (phone) => {
        for (let s = 0; s < PROVINCE.syncsPerPhone; s++) {
          const rows = phone.work.slice(s * PROVINCE.changesPerSync, (s + 1) * PROVINCE.changesPerSync);
          const stamp = () => {
            phone.clock = tickHlc(phone.clock, Date.now());
            return formatHlc(phone.clock);
          };
          const body = changesBody(phone.deviceId, stamp, phone.villageId, rows);
          const started = performance.now();
          const res = await call(`${phone.server}/api/sync/push`, phone.token, body);
          pushMs.push(performance.now() - started);
          const applied = res.status === 200 && !res.text.includes('"rejected"');
          if (!applied) {
            errors++;
            if (errors <= 3) log(`province day: push ${res.status} ${res.text.slice(0, 200)}`);
          }
          await pullAll(phone, pullMs);
        }
      }),
    );
    const dayMs = performance.now() - dayStarted;
    const changes = phones.length * perPhone;

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    let records = 0;
    let databaseBytes = 0;
    try {
      const counted = await client.query<{ n: string }>('select count(*) as n from records');
      records = Number(counted.rows[0]?.n ?? 0);
      const size = await client.query<{ bytes: string }>(
        `select sum(pg_total_relation_size(c.oid)) as bytes from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = 'r'`,
      );
      databaseBytes = Number(size.rows[0]?.bytes ?? 0);
    } finally {
      await client.end();
    }
    const changesPerSecond = changes / (dayMs / 1000);
    const provinceChanges =
      PROVINCE.communes * PROVINCE.villagesPerCommune * PROVINCE.phonesPerVillage * perPhone;
    const provinceDayMinutes = provinceChanges / changesPerSecond / 60;
    return {
      scale: `${options.communes} of ${PROVINCE.communes} communes (1/${round(PROVINCE.communes / options.communes, 1)})`,
      communes: options.communes,
      villages: villageCount,
      phones: phones.length,
      processes: options.processes,
      registerRecords,
      seedMs,
      dayMs: round(dayMs),
      changes,
      changesPerSecond: round(changesPerSecond),
      push: figures(pushMs, dayMs),
      pull: figures(pullMs, dayMs),
      errors,
      records,
      databaseBytes,
      bytesPer100kRecords: round((databaseBytes / records) * 100_000),
      provinceDayMinutes: round(provinceDayMinutes, 1),
      provinceShareOfWorkday: round(provinceDayMinutes / (8 * 60), 4),
    };
  } finally {
    unregister();
    await cleanup();
  }
}

/** Pulls the phone's village until nothing is left, timing each page into `latencies`. */
async function pullAll(phone: Phone, latencies: number[]): Promise<void> {
  for (;;) {
    const query = `since=${phone.cursor}${phone.scope ? `&scope=${phone.scope}` : ''}`;
    const started = performance.now();
    const res = await call(`${phone.server}/api/sync/pull?${query}`, phone.token);
    latencies.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`pull ${res.status}: ${res.text.slice(0, 200)}`);
    const page = JSON.parse(res.text) as { cursor: number; hasMore: boolean; scope: string };
    phone.cursor = page.cursor;
    phone.scope = page.scope;
    if (!page.hasMore) return;
  }
}
