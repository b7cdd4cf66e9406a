import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../src/server/db';
import { keepStatistics } from '../../src/server/sync/statistics';
import { availableBackends, openTestDatabase } from './helpers.js';

function fakeDatabase(records: () => number) {
  const queries: string[] = [];
  const db = {
    async query(sql: string) {
      queries.push(sql);
      return { rows: sql.startsWith('select count') ? [{ n: String(records()) }] : [] };
    },
  } as unknown as Database;
  return { db, queries };
}

const log = { info() {}, warn() {} } as unknown as FastifyBaseLogger;

describe('planner statistics on the sync tables', () => {
  it('are refreshed after 5,000 written rows, then each time the records have doubled', async () => {
    let size = 6_000;
    const { db, queries } = fakeDatabase(() => size);
    const keeper = keepStatistics(db, log);
    keeper.wrote(4_999);
    await keeper.idle();
    expect(queries).toEqual([]);
    keeper.wrote(1);
    await keeper.idle();
    expect(queries).toEqual(['analyze records, changes', 'select count(*) as n from records']);

    size = 12_000;
    keeper.wrote(5_999);
    await keeper.idle();
    expect(queries).toHaveLength(2);
    keeper.wrote(1);
    await keeper.idle();
    expect(queries).toHaveLength(4);
  });

  it('run one at a time, and a failed run is retried by the next push', async () => {
    const queries: string[] = [];
    let fail = true;
    const db = {
      async query(sql: string) {
        queries.push(sql);
        if (fail && sql.startsWith('analyze')) throw new Error('canceling statement due to lock timeout');
        return { rows: [{ n: '5000' }] };
      },
    } as unknown as Database;
    const keeper = keepStatistics(db, log);
    keeper.wrote(5_000);
    keeper.wrote(5_000); // while the first runs: counted, not started
    await keeper.idle();
    expect(queries).toEqual(['analyze records, changes']);
    fail = false;
    keeper.wrote(1);
    await keeper.idle();
    expect(queries.filter((q) => q.startsWith('analyze'))).toHaveLength(2);
  });
});

// Several processes on one PostgreSQL (issue 16, part 5): two pools stand for two server processes.
const postgresBackends = availableBackends().filter((b) => b.kind === 'postgres');
describe.each(postgresBackends)('planner statistics shared by two processes on $kind', (backend) => {
  it('are refreshed once, by one process, from the writes both made', async () => {
    const database = await openTestDatabase(backend, 'stats-shared');
    const other = await openDatabase({ dataDir: 'unused', databaseUrl: database.databaseUrl });
    try {
      await database.db.withConnection(async (orm) => {
        await orm.execute(sql`
          insert into records (tbl, id, village_id, data, clocks, seq)
          select 'households', gen_random_uuid(), gen_random_uuid(), '{}', '{}', n
          from generate_series(1, 6000) as n`);
        await orm.execute(sql`select pg_stat_force_next_flush()`);
      });
      await vi.waitFor(
        async () => {
          const { rows } = await database.db.query<{ mods: string }>(
            `select n_mod_since_analyze as mods from pg_stat_user_tables
              where schemaname = current_schema() and relname = 'records'`,
          );
          expect(Number(rows[0]?.mods)).toBeGreaterThanOrEqual(6000);
        },
        { timeout: 60_000, interval: 100 },
      );
      const analyzed: unknown[] = [];
      const counting = {
        info: (detail: unknown, message: string) => {
          if (message === 'sync tables analyzed') analyzed.push(detail);
        },
        warn() {},
      } as unknown as FastifyBaseLogger;
      const first = keepStatistics(database.db, counting);
      const second = keepStatistics(other, counting);
      // Each process wrote half: neither count alone would have reached the threshold before.
      first.wrote(5_000);
      second.wrote(5_000);
      await Promise.all([first.idle(), second.idle()]);
      expect(analyzed).toEqual([expect.objectContaining({ records: 6000 })]);

      const { rows } = await database.db.query<{ at: Date | null }>(
        `select last_analyze as at from pg_stat_user_tables
          where schemaname = current_schema() and relname = 'records'`,
      );
      expect(rows[0]?.at).toBeInstanceOf(Date);
    } finally {
      await other.close();
      await database.dispose();
    }
  });
});
