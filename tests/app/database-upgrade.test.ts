import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { NgoSoDatabase, normaliseStoredIfNeeded } from '../../src/app/db/database';

const CURRENT_VERSION = 11;

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
    expect(current.verno).toBe(CURRENT_VERSION);
    current.close();
  });

  it('a v4 phone keeps its register and queued changes at v5 and gets empty, indexed field-work tables', async () => {
    const name = `upgrade-v4-${Math.random()}`;
    const v4 = new Dexie(name);
    v4.version(4).stores({
      villages: 'id, code',
      households: 'id, villageId, [villageId+deletedAt]',
      residents: 'id, householdId, villageId',
      outbox: '++seq, &changeId, rowId, villageId',
      meta: 'key',
      rejected: '++id, &change.changeId',
    });
    await v4
      .table('households')
      .add({ id: 'h1', villageId: 'v1', label: 'Nông Văn Tâm', clocks: { label: 'H1' } });
    await v4
      .table('outbox')
      .add({ changeId: 'c1', rowId: 'h1', villageId: 'v1', hlc: 'H1', fields: { label: 'x' } });
    await v4.table('meta').add({ key: 'pullCursor', value: 420 });
    v4.close();

    const current = new NgoSoDatabase(name);
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.households.get('h1')).toMatchObject({
      label: 'Nông Văn Tâm',
      clocks: { label: 'H1' },
    });
    expect(await current.outbox.where('villageId').equals('v1').count()).toBe(1);
    expect((await current.meta.get('pullCursor'))?.value).toBe(420);
    for (const table of [current.visits, current.assists, current.classes, current.attendance])
      expect(await table.count()).toBe(0);

    // The new indexes answer the queries the field-work screens make (rows cut down to their keys).
    await current.table('visits').add({ id: 'vi1', villageId: 'v1', householdId: 'h1' });
    await current.table('assists').add({ id: 'a1', villageId: 'v1', householdId: 'h1', residentId: 'r1' });
    await current.table('attendance').add({ id: 't1', villageId: 'v1', classId: 'c1', residentId: 'r1' });
    expect(await current.visits.where('householdId').equals('h1').count()).toBe(1);
    expect(await current.assists.where('residentId').equals('r1').count()).toBe(1);
    expect(await current.assists.where('householdId').equals('h1').count()).toBe(1);
    expect(await current.attendance.where('classId').equals('c1').count()).toBe(1);
    expect(await current.attendance.where('residentId').equals('r1').count()).toBe(1);
    current.close();
  });

  it('v6 stores a v5 phone’s text in NFC and ids in lower case, and gives its queued changes an owner (issue 13)', async () => {
    const name = `upgrade-v5-${Math.random()}`;
    const v5 = new Dexie(name);
    v5.version(5).stores({
      villages: 'id, code',
      households: 'id, villageId, [villageId+deletedAt]',
      residents: 'id, householdId, villageId',
      outbox: '++seq, &changeId, rowId, villageId',
      meta: 'key',
      rejected: '++id, &change.changeId',
      visits: 'id, villageId, householdId',
      assists: 'id, villageId, householdId, residentId',
      classes: 'id, villageId',
      attendance: 'id, villageId, classId, residentId',
    });
    const householdId = '0191f5a0-0000-7000-8000-00000000ab01';
    const lane = 'Xóm Nà Pài';
    await v5.table('households').add({
      id: householdId,
      villageId: 'v1',
      label: 'Lò  Văn Pằng'.normalize('NFD'),
      lane: lane.normalize('NFD'),
      membersCount: 3,
      poor: false,
      search: 'stale',
      clocks: { label: 'H1', lane: 'H1' },
    });
    await v5.table('residents').add({
      id: 'r1',
      villageId: 'v1',
      householdId: householdId.toUpperCase(),
      name: 'Lò Thị Xuân',
      birthYear: 1980,
      groups: [],
      clocks: { householdId: 'H1' },
    });
    await v5
      .table('outbox')
      .add({ changeId: 'c1', rowId: 'r1', villageId: 'v1', hlc: 'H1', fields: { name: 'x' } });
    await v5.table('meta').add({
      key: 'session',
      value: { token: 't', user: { id: 'u-ha', username: 'to.vien.ha', displayName: 'Lường Thị Hà' } },
    });
    v5.close();

    const current = new NgoSoDatabase(name);
    // The upgrade marks the rewrite; the app runs it after start, off the first load.
    expect((await current.meta.get('normaliseStored'))?.value).toBe(true);
    await normaliseStoredIfNeeded(current);
    expect(await current.meta.get('normaliseStored')).toBeUndefined();
    const household = await current.households.get(householdId);
    expect(household).toMatchObject({ label: 'Lò Văn Pằng', lane, search: 'lo van pang xom na pai' });
    expect(household?.lane).toBe(lane.normalize('NFC'));
    expect(household?.clocks).toEqual({ label: 'H1', lane: 'H1' });
    expect((await current.residents.get('r1'))?.householdId).toBe(householdId);
    // Queued changes belong to the account logged in when the phone upgraded, now its owner.
    expect((await current.outbox.toArray()).map((e) => e.userId)).toEqual(['u-ha']);
    expect(await current.outbox.where('userId').equals('u-ha').count()).toBe(1);
    expect((await current.meta.get('owner'))?.value).toEqual({
      id: 'u-ha',
      username: 'to.vien.ha',
      displayName: 'Lường Thị Hà',
    });
    current.close();
  });

  it('v7 keeps a v6 phone’s register, outbox and cursors, and adds an empty notice table read by account, row and village (issue 15)', async () => {
    const name = `upgrade-v6-${Math.random()}`;
    const v6 = new Dexie(name);
    v6.version(6).stores({
      villages: 'id, code',
      households: 'id, villageId, [villageId+deletedAt]',
      residents: 'id, householdId, villageId',
      outbox: '++seq, &changeId, rowId, villageId, userId',
      meta: 'key',
      rejected: '++id, &change.changeId',
      visits: 'id, villageId, householdId',
      assists: 'id, villageId, householdId, residentId',
      classes: 'id, villageId',
      attendance: 'id, villageId, classId, residentId',
      drafts: 'key',
    });
    await v6
      .table('households')
      .add({ id: 'h1', villageId: 'v1', label: 'Lò Văn Pằng', clocks: { label: 'H1' } });
    await v6
      .table('outbox')
      .add({ changeId: 'c1', rowId: 'h1', villageId: 'v1', userId: 'u', hlc: 'H2', fields: { notes: 'x' } });
    await v6.table('meta').add({ key: 'pullCursor', value: 420 });
    v6.close();

    const current = new NgoSoDatabase(name);
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.households.get('h1')).toMatchObject({ label: 'Lò Văn Pằng' });
    expect(await current.outbox.where('userId').equals('u').count()).toBe(1);
    expect((await current.meta.get('pullCursor'))?.value).toBe(420);
    expect(await current.lostEdits.count()).toBe(0);
    await current.lostEdits.add({
      key: 'c1:notes',
      userId: 'u',
      changeId: 'c1',
      table: 'households',
      rowId: 'h1',
      villageId: 'v1',
      field: 'notes',
      value: 'x',
      hlc: 'H2',
    });
    expect(await current.lostEdits.where('userId').equals('u').count()).toBe(1);
    expect(await current.lostEdits.where('rowId').equals('h1').count()).toBe(1);
    expect(await current.lostEdits.where('villageId').equals('v1').count()).toBe(1);
    current.close();
  });

  it('v8 and v9 keep a v7 phone’s rows and add the empty targets, stamps and snapshot tables (issue 18)', async () => {
    const name = `upgrade-v7-${Math.random()}`;
    const v7 = new Dexie(name);
    v7.version(7).stores({
      villages: 'id, code',
      households: 'id, villageId, [villageId+deletedAt]',
      residents: 'id, householdId, villageId',
      outbox: '++seq, &changeId, rowId, villageId, userId',
      meta: 'key',
      rejected: '++id, &change.changeId',
      visits: 'id, villageId, householdId',
      assists: 'id, villageId, householdId, residentId',
      classes: 'id, villageId',
      attendance: 'id, villageId, classId, residentId',
      drafts: 'key',
      lostEdits: 'key, userId, rowId, villageId',
    });
    await v7
      .table('households')
      .add({ id: 'h1', villageId: 'v1', label: 'Lò Văn Pằng', clocks: { label: 'H1' } });
    await v7.table('meta').add({ key: 'pullCursor', value: 420 });
    v7.close();

    const current = new NgoSoDatabase(name);
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.households.get('h1')).toMatchObject({ label: 'Lò Văn Pằng' });
    expect((await current.meta.get('pullCursor'))?.value).toBe(420);
    // The upgrade's own opening writes nothing: no stamps, no snapshots yet.
    expect([await current.targets.count(), await current.dataVersions.count()]).toEqual([0, 0]);
    expect(await current.indicatorSnapshots.count()).toBe(0);
    // The first write after the upgrade stamps its village.
    await current.households.put({ id: 'h2', villageId: 'v1', label: 'Hà Văn Tài', clocks: {} } as never);
    expect((await current.dataVersions.get('v1'))?.stamp).toMatch(/^[0-9a-f-]{36}$/);
    expect(await current.targets.where('year').equals(2026).count()).toBe(0);
    current.close();
  });

  it('a v9 phone keeps its register, targets and outbox at v10 and gets the empty, indexed reporting tables', async () => {
    const name = `upgrade-v9-${Math.random()}`;
    const v9 = new Dexie(name);
    v9.version(9).stores({
      villages: 'id, code',
      households: 'id, villageId, [villageId+deletedAt]',
      residents: 'id, householdId, villageId',
      outbox: '++seq, &changeId, rowId, villageId, userId',
      meta: 'key',
      targets: 'id, villageId, year',
      dataVersions: 'villageId',
      indicatorSnapshots: 'villageId',
    });
    await v9.table('households').add({ id: 'h1', villageId: 'v1', label: 'Hoàng Thị Mai', clocks: {} });
    await v9
      .table('targets')
      .add({ id: 't1', villageId: 'c', year: 2026, code: 'd', percent: 92, clocks: {} });
    await v9
      .table('outbox')
      .add({ changeId: 'c1', rowId: 'h1', villageId: 'v1', hlc: 'H1', fields: { label: 'x' } });
    v9.close();

    const current = new NgoSoDatabase(name);
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.households.get('h1')).toMatchObject({ label: 'Hoàng Thị Mai' });
    expect(await current.targets.where('year').equals(2026).count()).toBe(1);
    expect(await current.outbox.count()).toBe(1);
    const counts = await Promise.all([
      current.reportingUnits.count(),
      current.unitFigures.where('period').equals('2025-Q4').count(),
      current.activities.where('date').between('2025-10-01', '2025-12-31', true, true).count(),
      current.reports.where('period').equals('2025-Q4').count(),
    ]);
    expect(counts).toEqual([0, 0, 0, 0]);
    current.close();
  });

  it('a v10 phone keeps its reports and outbox at v11 and gets the empty lesson-card table', async () => {
    const name = `upgrade-v10-${Math.random()}`;
    const v10 = new Dexie(name);
    v10.version(10).stores({
      villages: 'id, code',
      outbox: '++seq, &changeId, rowId, villageId, userId',
      meta: 'key',
      reports: 'id, villageId, period',
    });
    await v10.table('reports').add({ id: 'r1', villageId: 'v1', period: '2025-Q4', version: 1, clocks: {} });
    await v10
      .table('outbox')
      .add({ changeId: 'c1', rowId: 'r1', villageId: 'v1', hlc: 'H1', fields: { results: 'x' } });
    v10.close();

    const current = new NgoSoDatabase(name);
    expect(current.verno).toBe(CURRENT_VERSION);
    expect(await current.reports.where('period').equals('2025-Q4').count()).toBe(1);
    expect(await current.outbox.count()).toBe(1);
    expect(await current.lessonCards.where('villageId').equals('c').count()).toBe(0);
    current.close();
  });
});
