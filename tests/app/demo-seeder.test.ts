import { describe, expect, it } from 'vitest';
import { getDb } from '../../src/app/db/database';
import { seedDemoData } from '../../src/app/db/demo-seeder';

describe('demo data seeding', () => {
  it('writes 13 demo villages with their register and field work, each row queued in the outbox', async () => {
    const progress: number[] = [];
    const count = await seedDemoData('Tổ viên demo', (done) => progress.push(done));
    const db = getDb();
    expect(count).toBe(13);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const villages = await db.villages.toArray();
    expect(villages.every((v) => v.demo === true)).toBe(true);
    expect(await db.households.count()).toBe(13 * 150);
    const tables = [db.households, db.residents, db.visits, db.assists, db.classes, db.attendance];
    const counts = await Promise.all(tables.map((t) => t.count()));
    const [households, residents, visits, assists, classes, attendance] = counts as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    expect(visits + assists).toBeGreaterThan(4 * households);
    expect(classes).toBe(13 * 3);
    expect(attendance).toBeGreaterThan(13 * 20);
    expect(await db.outbox.count()).toBe(
      13 + households + residents + visits + assists + classes + attendance,
    );
    const hlcs = (await db.outbox.orderBy('seq').toArray()).map((e) => e.hlc);
    expect(new Set(hlcs).size).toBe(hlcs.length);
    expect([...hlcs].sort()).toEqual(hlcs);
    // Field-work rows keep their field clocks like the register, so a later edit knows its base.
    const visit = await db.visits.toCollection().first();
    expect(Object.keys(visit?.clocks ?? {})).toEqual(expect.arrayContaining(['householdId', 'outcome']));
    // The visits of a household are found by its index, as the household page reads them.
    const household = visit?.householdId as string;
    expect(await db.visits.where('householdId').equals(household).count()).toBeGreaterThan(0);
  }, 120_000);

  it('a village whose write fails leaves none of its rows; the villages before it stay whole', async () => {
    const db = getDb();
    let written = 0;
    const failSecondVillage = () => {
      written++;
      if (written > 1) throw new Error('quota exceeded');
    };
    db.villages.hook('creating', failSecondVillage);
    try {
      await expect(seedDemoData('Tổ viên demo')).rejects.toThrow('quota exceeded');
    } finally {
      db.villages.hook('creating').unsubscribe(failSecondVillage);
    }
    const [village] = await db.villages.toArray();
    expect(await db.villages.count()).toBe(1);
    for (const table of [db.households, db.residents, db.visits, db.assists, db.classes, db.attendance]) {
      const rows = await table.toArray();
      expect(rows.length, table.name).toBeGreaterThan(0);
      expect(rows.every((r) => r.villageId === village?.id)).toBe(true);
    }
    expect(
      await db.outbox
        .where('villageId')
        .notEqual(village?.id as string)
        .count(),
    ).toBe(0);
  }, 60_000);
});
