import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { formatHlc, parseHlc } from '../../src/core/hlc';
import { restampFuture } from '../../src/core/sync/restamp';
import { mergeBatch, rowKey, SERVER_NODE, type StoredRow } from '../../src/core/sync/server-merge';
import { householdChanges } from './fixtures';

const DAY = 86_400_000;
const T0 = 1_764_000_000_000;
const PHONE = 'aaaaaaaaaaaaaaaa';
const TEAMMATE = 'bbbbbbbbbbbbbbbb';
const VILLAGE = '0191f5a0-0000-7000-8000-00000000000a';
const ROW = '0191f5a0-0000-7000-8000-0000000000f1';
const MAX_AHEAD = 10 * 60_000;

const stamp = (wall: number, counter = 0, node = PHONE) => formatHlc({ wall, counter, node });
const change = householdChanges(ROW, VILLAGE);

describe('re-stamping changes made with a clock that ran ahead (issue 13, kind 5)', () => {
  const created = stamp(T0 - 60_000, 0, TEAMMATE);

  it('(a) an edit made a day ahead gets its real time back, so a teammate’s later edit still wins', () => {
    const mine = change({ label: 'Tên của tôi' }, stamp(T0 + DAY), { label: created });
    const theirs = change({ label: 'Tên của bạn' }, stamp(T0 + 1_500, 0, TEAMMATE), { label: created });
    const serverTime = T0 + 2_000;
    const { changes } = restampFuture({
      changes: [mine],
      serverTime,
      localNow: serverTime + DAY,
      maxAheadMs: MAX_AHEAD,
      node: PHONE,
    });
    const repaired = changes[0] as Change;
    expect(Math.abs(parseHlc(repaired.hlc).wall - T0)).toBeLessThan(10);
    expect(repaired.hlc < theirs.hlc).toBe(true);

    // On the server: whatever order they arrive in, the later edit wins and mine is kept as a conflict.
    const row: StoredRow = {
      table: 'households',
      id: ROW,
      villageId: VILLAGE,
      state: { values: { label: 'Cũ' }, clocks: { label: created } },
      seq: 1,
    };
    for (const order of [
      [theirs, repaired],
      [repaired, theirs],
    ]) {
      let rows = new Map([[rowKey('households', ROW), row]]);
      const conflicts = [];
      for (const c of order) {
        const out = mergeBatch({
          changes: [c],
          rows,
          known: new Set(),
          lastSeq: 1,
          serverClock: { wall: 0, counter: 0, node: SERVER_NODE },
          now: serverTime,
        });
        rows = new Map(out.rows.map((r) => [rowKey(r.table, r.id), r]));
        conflicts.push(...out.conflicts);
      }
      expect(rows.get(rowKey('households', ROW))?.state.values.label).toBe('Tên của bạn');
      expect(conflicts.map((c) => c.value)).toContain('Tên của tôi');
    }
  });

  it('(b) stays above the value it overwrote and what the phone had seen, and keeps the queue’s order', () => {
    // The phone pulled a teammate's value stamped T0 + 5 s, then edited on top of it, a day ahead.
    const pulled = stamp(T0 + 5_000, 3, TEAMMATE);
    const first = change({ label: 'A' }, stamp(T0 + DAY - 10_000), { label: pulled });
    const second = change({ membersCount: 5 }, stamp(T0 + DAY - 10_000, 1), { membersCount: created });
    const serverTime = T0 + 6_000;
    // The phone's clock is a day ahead, so shifting alone would put `first` at T0 - 10 s, below `pulled`.
    const { changes } = restampFuture({
      changes: [first, second],
      serverTime,
      localNow: serverTime + DAY,
      maxAheadMs: MAX_AHEAD,
      seen: pulled,
      node: PHONE,
    });
    const [a, b] = changes as [Change, Change];
    expect(a.hlc > pulled).toBe(true);
    expect(b.hlc > a.hlc).toBe(true);
    expect(parseHlc(b.hlc).wall).toBeLessThanOrEqual(serverTime + MAX_AHEAD);
  });

  it('(b) a queued edit made on top of a repaired one names the repaired stamp as its base', () => {
    const first = change({ notes: 'một' }, stamp(T0 + DAY), { notes: null });
    const second = change({ notes: 'hai' }, stamp(T0 + DAY + 1_000), { notes: first.hlc });
    const { changes, stamps } = restampFuture({
      changes: [first, second],
      serverTime: T0,
      localNow: T0 + DAY,
      maxAheadMs: MAX_AHEAD,
      node: PHONE,
    });
    const [a, b] = changes as [Change, Change];
    expect(stamps.get(first.hlc)).toBe(a.hlc);
    expect(b.base).toEqual({ notes: a.hlc });
  });

  it('never touches a change the server could already hold (not in the future)', () => {
    const fine = change({ notes: 'đã gửi?' }, stamp(T0 - 1_000));
    const future = change({ notes: 'sau' }, stamp(T0 + DAY), { notes: fine.hlc });
    const { changes, restamped } = restampFuture({
      changes: [fine, future],
      serverTime: T0,
      localNow: T0 + DAY,
      maxAheadMs: MAX_AHEAD,
      node: PHONE,
    });
    expect(restamped).toBe(1);
    expect(changes[0]).toBe(fine);
    expect((changes[1] as Change).hlc > fine.hlc).toBe(true);
  });

  it('moves the dates the wrong clock wrote with the stamp, and leaves chosen days alone', () => {
    const wrongNow = new Date(T0 + DAY).toISOString();
    const visit = change(
      {
        createdAt: wrongNow,
        visitedAt: wrongNow,
        followUpOn: '2026-12-20',
        consent: { purposes: ['skills_support'], collectedBy: 'Hà', collectedAt: wrongNow },
      },
      stamp(T0 + DAY),
    );
    const step = change(
      { createdAt: wrongNow, on: new Date(T0 + DAY).toISOString().slice(0, 10) },
      stamp(T0 + DAY, 1),
    );
    const { changes, movedDates } = restampFuture({
      changes: [visit, step],
      serverTime: T0,
      localNow: T0 + DAY,
      maxAheadMs: MAX_AHEAD,
      node: PHONE,
    });
    const [v, s] = changes as [Change, Change];
    expect(Math.abs(Date.parse(v.fields.visitedAt as string) - T0)).toBeLessThan(10);
    expect(v.fields.createdAt).toBe(v.fields.visitedAt);
    expect(v.fields.followUpOn).toBe('2026-12-20');
    expect((v.fields.consent as { collectedAt: string }).collectedAt).toBe(v.fields.visitedAt);
    expect(s.fields.on).toBe(new Date(T0 + 7 * 3_600_000).toISOString().slice(0, 10));
    expect(movedDates.get(visit.changeId)).toMatchObject({ visitedAt: v.fields.visitedAt });
  });

  it('a base or a seen clock still beyond the limit that it does not repair (a refused change set aside) is no floor: the repair is accepted', () => {
    const setAside = stamp(T0 + DAY);
    const onTop = change({ notes: 'sau' }, stamp(T0 + DAY + 5_000), { notes: setAside });
    const { changes, restamped, clock } = restampFuture({
      changes: [onTop],
      serverTime: T0,
      localNow: T0 + DAY + 6_000,
      maxAheadMs: MAX_AHEAD,
      seen: stamp(T0 + 2 * DAY, 0, TEAMMATE),
      node: PHONE,
    });
    expect(restamped).toBe(1);
    const repaired = changes[0] as Change;
    expect(parseHlc(repaired.hlc).wall).toBeLessThanOrEqual(T0 + MAX_AHEAD);
    expect(repaired.base).toEqual({ notes: setAside });
    expect(clock.wall).toBeLessThanOrEqual(T0 + MAX_AHEAD);
  });

  it('a teammate’s edit pulled after this one was made (its push still waiting) stays the later one', () => {
    const base = stamp(T0 - 60_000, 0, TEAMMATE);
    const mine = change({ label: 'Sớm hơn' }, stamp(T0 + DAY), { label: base });
    const theirs = stamp(T0 + 1_500, 0, TEAMMATE);
    const serverTime = T0 + 3_000;
    const { changes, clock } = restampFuture({
      changes: [mine],
      serverTime,
      localNow: serverTime + DAY,
      maxAheadMs: MAX_AHEAD,
      seen: theirs,
      node: PHONE,
    });
    const repaired = changes[0] as Change;
    expect(repaired.hlc < theirs).toBe(true);
    expect(parseHlc(repaired.hlc).wall).toBe(T0);
    // The clock goes on above both, under this phone's own node.
    expect(formatHlc(clock) >= theirs.replace(TEAMMATE, PHONE)).toBe(true);
    expect(clock.node).toBe(PHONE);
  });
});
