import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { NgoSoDatabase } from '../../src/app/db/database';

describe('database schema upgrades', () => {
  it('v1 rows get search text (v2) and field clocks from their queued changes (v3)', async () => {
    const name = `upgrade-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({
      villages: 'id, code',
      households: 'id, villageId',
      residents: 'id, householdId, villageId',
      outbox: '++seq, &changeId, rowId',
      meta: 'key',
    });
    await v1
      .table('households')
      .add({ id: 'h1', villageId: 'v1', label: 'Đặng Thị Hường', lane: 'Xóm Nà Đon' });
    await v1.table('residents').add({ id: 'r1', householdId: 'h1', villageId: 'v1', name: 'Lục Văn Đạt' });
    await v1
      .table('outbox')
      .add({ changeId: 'c1', rowId: 'h1', hlc: 'H1', fields: { label: 'x', lane: 'y' } });
    await v1.table('outbox').add({ changeId: 'c2', rowId: 'h1', hlc: 'H2', fields: { lane: 'Xóm Nà Đon' } });
    v1.close();

    const current = new NgoSoDatabase(name);
    expect((await current.households.get('h1'))?.search).toBe('dang thi huong xom na don');
    expect((await current.residents.get('r1'))?.search).toBe('luc van dat');
    expect(await current.outbox.count()).toBe(2);
    expect((await current.households.get('h1'))?.clocks).toEqual({ label: 'H1', lane: 'H2' });
    expect((await current.residents.get('r1'))?.clocks).toEqual({});
    expect(current.verno).toBe(5);
    current.close();
  });
});
