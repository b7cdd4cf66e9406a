import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { seedDemoData } from '../../src/app/db/demo-seeder';

describe('demo data seeding', () => {
  it('writes 13 demo villages with their households and residents, each row queued in the outbox', async () => {
    const progress: number[] = [];
    const count = await seedDemoData('Tổ viên demo', (done) => progress.push(done));
    const db = getDb();
    expect(count).toBe(13);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const villages = await db.villages.toArray();
    expect(villages.every((v) => v.demo === true)).toBe(true);
    expect(await db.households.count()).toBe(13 * 150);
    const rows = 13 + (await db.households.count()) + (await db.residents.count());
    expect(await db.outbox.count()).toBe(rows);
    const hlcs = (await db.outbox.orderBy('seq').toArray()).map((e) => e.hlc);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    expect([...hlcs].sort()).toEqual(hlcs);
  }, 60_000);
});
