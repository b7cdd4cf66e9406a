/**
 * An edit that lands on a row deleted concurrently (phone A deletes a household offline, phone B edits
 * it offline, both sync): the delete stands, B's values are kept in the row, and the conflict log says
 * so on `deletedAt`, so a lead can restore the row. The merge is the server's (mergeBatch), called
 * directly.
 */
import { describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { initialHlc } from '../../src/core/hlc';
import { mergeChange } from '../../src/core/sync/row-state';
import {
  type BatchOutcome,
  type ConflictEntry,
  editOfUnseenDelete,
  mergeBatch,
  rowKey,
  SERVER_NODE,
  type StoredRow,
} from '../../src/core/sync/server-merge';
import { householdChanges } from './fixtures';

const VILLAGE = '0191f5a0-0000-7000-8000-0000000000a1';
const ROW = '0191f5a0-0000-7000-8000-000000000101';
const NOW = 1_764_000_100_000;
const C = '001764000000000:00000:cccccccccccccccc'; // the phone that created the household
const A = '001764000010000:00000:aaaaaaaaaaaaaaaa'; // phone A's delete
const B = '001764000020000:00000:bbbbbbbbbbbbbbbb'; // phone B's edit, made later in real time
const B_EARLY = '001764000005000:00000:bbbbbbbbbbbbbbbb'; // … or earlier than the delete
const DELETED_AT = '2025-11-24T16:00:10.000Z';

const change = householdChanges(ROW, VILLAGE);

const create = change(
  { label: 'Hộ Lục Văn Páo', membersCount: 4, poor: false, createdAt: '2025-11-24T16:00:00.000Z' },
  C,
);
const del = () => change({ deletedAt: DELETED_AT }, A, { deletedAt: null });
const edit = (hlc = B) =>
  change({ membersCount: 6, notes: 'Cụ bà mới chuyển về ở cùng' }, hlc, { membersCount: C, notes: null });

interface Server {
  rows: Map<string, StoredRow>;
  known: Set<string>;
  lastSeq: number;
  conflicts: ConflictEntry[];
}

function newServer(): Server {
  return { rows: new Map(), known: new Set(), lastSeq: 0, conflicts: [] };
}

/** One push, as push.ts stores its outcome. */
function push(server: Server, changes: Change[]): BatchOutcome {
  const out = mergeBatch({
    changes,
    rows: server.rows,
    known: server.known,
    lastSeq: server.lastSeq,
    serverClock: initialHlc(SERVER_NODE),
    now: NOW,
  });
  for (const row of out.rows) server.rows.set(rowKey(row.table, row.id), row);
  for (const { change } of out.applied) server.known.add(change.changeId);
  server.conflicts.push(...out.conflicts);
  server.lastSeq = out.lastSeq;
  return out;
}

function row(server: Server) {
  return server.rows.get(rowKey('households', ROW))?.state;
}

describe('an edit of a row deleted concurrently (the delete arrives first)', () => {
  it('keeps the delete and the edit, and logs one conflict on deletedAt that restore undoes', () => {
    const server = newServer();
    push(server, [create]);
    const a = del();
    const b = edit();
    push(server, [a]);
    const out = push(server, [b]);

    // Its phone is told the edit landed on a deleted row (issue 15).
    expect(out.results).toEqual([{ changeId: b.changeId, status: 'applied', lost: ['deletedAt'] }]);
    expect(row(server)?.values).toMatchObject({
      deletedAt: DELETED_AT,
      membersCount: 6,
      notes: 'Cụ bà mới chuyển về ở cùng',
      label: 'Hộ Lục Văn Páo',
    });
    expect(out.conflicts).toEqual([
      {
        table: 'households',
        rowId: ROW,
        villageId: VILLAGE,
        field: 'deletedAt',
        value: null,
        hlc: B,
        winnerValue: DELETED_AT,
        winnerHlc: A,
        loser: 'incoming',
        loserChangeId: b.changeId,
      },
    ]);

    // "Restore" on the lead's phone writes the lost value (null) over the delete it pulled.
    const lead = '001764000030000:00000:dddddddddddddddd';
    const restore = change({ deletedAt: null }, lead, { deletedAt: A });
    const restored = push(server, [restore]);
    expect(restored.conflicts).toEqual([]);
    expect(row(server)?.values).toMatchObject({ deletedAt: null, membersCount: 6 });
  });

  it('is logged when the edit was stamped before the delete too (its phone had not heard of it)', () => {
    const server = newServer();
    push(server, [create, del()]);
    const out = push(server, [edit(B_EARLY)]);
    expect(out.conflicts.map((c) => [c.field, c.winnerHlc, c.hlc])).toEqual([['deletedAt', A, B_EARLY]]);
    expect(row(server)?.values.deletedAt).toBe(DELETED_AT);
  });

  it('is logged once: a duplicate in the same push and a retry later add nothing', () => {
    const server = newServer();
    push(server, [create, del()]);
    const b = edit();
    const first = push(server, [b, b]);
    expect(first.results.map((r) => r.status)).toEqual(['applied', 'duplicate']);
    expect(first.conflicts).toHaveLength(1);
    const retry = push(server, [b]);
    expect(retry.results).toEqual([{ changeId: b.changeId, status: 'duplicate' }]);
    expect(retry.conflicts).toEqual([]);
    expect(server.conflicts).toHaveLength(1);
  });

  it('gives each distinct edit made on the deleted row its own entry, naming its change', () => {
    const server = newServer();
    push(server, [create, del()]);
    const b1 = edit('001764000020000:00000:bbbbbbbbbbbbbbbb');
    const b2 = change({ label: 'Hộ ông Páo' }, '001764000021000:00000:bbbbbbbbbbbbbbbb', { label: C });
    push(server, [b1, b2]);
    expect(server.conflicts.map((c) => c.loserChangeId)).toEqual([b1.changeId, b2.changeId]);
  });

  it('is not logged when the edit saw the delete (its base names the delete clock)', () => {
    const server = newServer();
    push(server, [create, del()]);
    const out = push(server, [change({ membersCount: 6 }, B, { membersCount: C, deletedAt: A })]);
    expect(out.conflicts).toEqual([]);
  });

  it('is not logged for the deleting phone itself, nor for a restore or a second delete', () => {
    const server = newServer();
    push(server, [create, del()]);
    // Phone A's own edit made before its delete, delivered after it (out of order).
    const own = change({ membersCount: 5 }, '001764000009000:00000:aaaaaaaaaaaaaaaa', { membersCount: C });
    expect(push(server, [own]).conflicts).toEqual([]);
    // …and after it: A knows its own delete.
    const later = change({ label: 'x' }, '001764000011000:00000:aaaaaaaaaaaaaaaa', { label: C });
    expect(push(server, [later]).conflicts).toEqual([]);
    // A restore writes deletedAt itself; it saw the delete, so nothing is logged.
    const restore = change({ deletedAt: null }, B, { deletedAt: A });
    expect(push(server, [restore]).conflicts).toEqual([]);
    // An edit of a row that is no longer deleted is an ordinary edit.
    const ordinary = change({ poor: true }, '001764000040000:00000:eeeeeeeeeeeeeeee', { poor: C });
    expect(push(server, [ordinary]).conflicts).toEqual([]);
  });

  it('is not logged on a row that was never deleted, nor for a create arriving after its delete', () => {
    const server = newServer();
    push(server, [create]);
    expect(push(server, [edit()]).conflicts).toEqual([]);

    // The creating phone deleted its own row; the create reaches the server last (replayed out of order).
    const other = newServer();
    const ownDelete = change({ deletedAt: DELETED_AT }, '001764000010000:00000:cccccccccccccccc', {
      deletedAt: null,
    });
    push(other, [ownDelete]);
    expect(push(other, [create]).conflicts).toEqual([]);
  });
});

describe('the other order: the edit is stored first, the delete arrives after it', () => {
  it('keeps both (the delete stands) and logs nothing: the delete cannot show whether it saw the edit', () => {
    const server = newServer();
    push(server, [create]);
    push(server, [edit()]);
    const out = push(server, [del()]);
    expect(out.conflicts).toEqual([]);
    expect(row(server)?.values).toMatchObject({ deletedAt: DELETED_AT, membersCount: 6 });
  });
});

describe('delivery order', () => {
  it('gives the same row for every order of create, delete and edit; the delete always stands', () => {
    const changes = [create, del(), edit()];
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    const states = orders.map((order) => {
      const server = newServer();
      for (const i of order) push(server, [changes[i] as Change]);
      return row(server);
    });
    for (const state of states) {
      expect(state).toEqual(states[0]);
      expect(state?.values.deletedAt).toBe(DELETED_AT);
    }
  });

  it('matches mergeChange: the conflict is only a log entry, the row is the field-by-field merge', () => {
    const server = newServer();
    push(server, [create, del()]);
    const before = row(server);
    const b = edit();
    push(server, [b]);
    expect(row(server)).toEqual(mergeChange(before, b).state);
    expect(editOfUnseenDelete(before, b)).toMatchObject({ field: 'deletedAt', value: null });
  });
});
