/**
 * Which losses a push result names (issue 15): the fields of the incoming change whose value lost to a
 * concurrent one already stored — and not a privacy clear, nor a value the same push's erasure purged,
 * nor the current value that the incoming change beat (its writer learns that from the lost list).
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { initialHlc } from '../../src/core/hlc';
import {
  mergeBatch,
  rowKey,
  SERVER_NODE,
  type StoredRow,
  tellsLoser,
} from '../../src/core/sync/server-merge';
import { householdChanges } from './fixtures';

const VILLAGE = '0191f5a0-0000-7000-8000-0000000000a1';
const ROW = '0191f5a0-0000-7000-8000-000000000201';
const NOW = 1_764_000_100_000;
const C = '001764000000000:00000:cccccccccccccccc';
const A = '001764000010000:00000:aaaaaaaaaaaaaaaa';
const B = '001764000020000:00000:bbbbbbbbbbbbbbbb';
const change = householdChanges(ROW, VILLAGE);
const create = change({ label: 'Hộ Lò Văn Pằng', membersCount: 4, poor: false, notes: 'Hẹn gặp' }, C);

function pushed(first: Change[], then: Change[]) {
  const rows = new Map<string, StoredRow>();
  let lastSeq = 0;
  for (const batch of [first, then]) {
    const out = mergeBatch({
      changes: batch,
      rows,
      known: new Set(),
      lastSeq,
      serverClock: initialHlc(SERVER_NODE),
      now: NOW,
    });
    for (const row of out.rows) rows.set(rowKey(row.table, row.id), row);
    lastSeq = out.lastSeq;
    if (batch === then) return out;
  }
  throw new Error('unreachable');
}

describe('a push result names the fields that lost', () => {
  it('an older concurrent edit arriving second: its notes lost, its other field did not', () => {
    const mine = change({ notes: 'Hẹn chiều', membersCount: 5 }, A, { notes: C, membersCount: C });
    const theirs = change({ notes: 'Hẹn sáng mai' }, B, { notes: C });
    const out = pushed([create, theirs], [mine]);
    expect(out.results).toEqual([{ changeId: mine.changeId, status: 'applied', lost: ['notes'] }]);
  });

  it('a newer concurrent edit arriving second wins: nothing named for it (the loser is told by the lost list)', () => {
    const mine = change({ notes: 'Hẹn chiều' }, A, { notes: C });
    const theirs = change({ notes: 'Hẹn sáng mai' }, B, { notes: C });
    const out = pushed([create, mine], [theirs]);
    expect(out.results).toEqual([{ changeId: theirs.changeId, status: 'applied' }]);
    expect(out.conflicts).toMatchObject([{ field: 'notes', value: 'Hẹn chiều', hlc: A, loser: 'current' }]);
  });

  it('tells no one of a privacy clear, nor of two deletes', () => {
    const base = { field: 'phone', value: '0912345678', winnerValue: null };
    expect(tellsLoser({ ...base, winnerHlc: `001764000030000:00000:${SERVER_NODE}` })).toBe(false);
    expect(tellsLoser({ ...base, winnerHlc: B })).toBe(true);
    const deletes = { field: 'deletedAt', value: '2025-11-24T16:00:10.000Z', winnerHlc: B };
    expect(tellsLoser({ ...deletes, winnerValue: '2025-11-24T16:00:20.000Z' })).toBe(false);
    expect(tellsLoser({ ...deletes, value: null, winnerValue: '2025-11-24T16:00:20.000Z' })).toBe(true);
  });
});
