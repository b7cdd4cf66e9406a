import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db';
import { keepStatistics } from '../../src/server/sync/statistics';

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
