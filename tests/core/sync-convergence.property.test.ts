/**
 * Property: 3–5 phones make random creates, edits and deletes while a hostile network delivers their
 * pushes in random order, twice, or not at all, and loses acknowledgements; after everyone retries and
 * pulls, every phone equals the server, and every acknowledged change is in the final state, in the
 * conflict log, or was knowingly overwritten by a later edit made on top of it.
 * fast-check prints the failing seed; replay with `fc.assert(..., { seed, path })`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Change, type FieldValue, type SyncedTable, sameValue } from '../../src/core/changes';
import { formatHlc, type Hlc, initialHlc, receiveHlc, tickHlc } from '../../src/core/hlc';
import { mergeChange, mergeStates, type RowState } from '../../src/core/sync/row-state';
import {
  type ConflictEntry,
  mergeBatch,
  rowKey,
  SERVER_NODE,
  type StoredRow,
} from '../../src/core/sync/server-merge';

const VILLAGE = '0191f5a0-0000-7000-8000-00000000000a';

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Server {
  rows: Map<string, StoredRow>;
  known: Set<string>;
  lastSeq: number;
  clock: Hlc;
  conflicts: ConflictEntry[];
  log: Change[];
}

interface Phone {
  node: string;
  clock: Hlc;
  rows: Map<string, { table: SyncedTable; id: string; state: RowState }>;
  outbox: Change[];
  acked: Change[];
  cursor: number;
}

let idCounter = 0;
function uuid(): string {
  idCounter++;
  return `0191f5a0-0000-7000-8000-${String(idCounter).padStart(12, '0')}`;
}

function push(server: Server, changes: Change[], now: number): Array<{ changeId: string; status: string }> {
  const rows = new Map<string, StoredRow>();
  for (const c of changes) {
    const existing = server.rows.get(rowKey(c.table, c.rowId));
    if (existing) rows.set(rowKey(c.table, c.rowId), existing);
  }
  const out = mergeBatch({
    changes,
    rows,
    known: server.known,
    lastSeq: server.lastSeq,
    serverClock: server.clock,
    now,
  });
  for (const row of out.rows) server.rows.set(rowKey(row.table, row.id), row);
  for (const { change } of out.applied) {
    server.known.add(change.changeId);
    server.log.push(change);
  }
  server.conflicts.push(...out.conflicts);
  server.lastSeq = out.lastSeq;
  server.clock = out.serverClock;
  return out.results;
}

function pull(server: Server, phone: Phone, now: number) {
  const page = [...server.rows.values()].filter((r) => r.seq > phone.cursor).sort((a, b) => a.seq - b.seq);
  for (const row of page) {
    const key = rowKey(row.table, row.id);
    const local = phone.rows.get(key);
    phone.rows.set(key, { table: row.table, id: row.id, state: mergeStates(local?.state, row.state) });
    for (const c of Object.values(row.state.clocks)) {
      phone.clock = receiveHlc(
        phone.clock,
        { wall: Number(c.slice(0, 15)), counter: 0, node: SERVER_NODE },
        now,
        1e12,
      );
    }
    phone.cursor = Math.max(phone.cursor, row.seq);
  }
}

function randomEdit(phone: Phone, random: () => number, now: number): void {
  const existing = [...phone.rows.values()].filter(
    (r) => r.state.values.deletedAt == null && r.state.values.createdAt,
  );
  const roll = random();
  let table: SyncedTable;
  let id: string;
  let fields: Record<string, FieldValue>;
  if (existing.length === 0 || roll < 0.25) {
    table = random() < 0.5 ? 'households' : 'residents';
    id = uuid();
    fields =
      table === 'households'
        ? { createdAt: '2026-11-25T08:00:00.000Z', label: `Hộ ${id.slice(-3)}`, membersCount: 3, poor: false }
        : {
            createdAt: '2026-11-25T08:00:00.000Z',
            name: `Người ${id.slice(-3)}`,
            birthYear: 1960,
            groups: [],
          };
  } else {
    const target = existing[Math.floor(random() * existing.length)] as (typeof existing)[number];
    table = target.table;
    id = target.id;
    const pick = random();
    if (pick < 0.1) fields = { deletedAt: '2026-11-25T09:00:00.000Z' };
    else if (table === 'households') {
      fields =
        pick < 0.55
          ? { label: `Hộ ${Math.floor(random() * 100)}` }
          : pick < 0.8
            ? { membersCount: 1 + Math.floor(random() * 9) }
            : { poor: random() < 0.5, notes: random() < 0.5 ? null : `ghi chú ${Math.floor(random() * 10)}` };
    } else if (pick < 0.4) {
      fields = {
        consent: {
          purposes: ['skills_support', 'phone_contact'],
          collectedBy: 'A',
          collectedAt: '2026-11-25T08:00:00.000Z',
        },
      };
    } else if (pick < 0.6) {
      fields = { consent: null, phone: null, groups: [] };
    } else if (pick < 0.8 && target.state.values.consent != null) {
      fields = { phone: `09${String(Math.floor(random() * 1e8)).padStart(8, '0')}` };
    } else {
      fields = { name: `Người ${Math.floor(random() * 100)}` };
    }
  }
  const key = rowKey(table, id);
  const local = phone.rows.get(key);
  phone.clock = tickHlc(phone.clock, now);
  const hlc = formatHlc(phone.clock);
  const base: Record<string, string | null> = {};
  for (const f of Object.keys(fields)) base[f] = local?.state.clocks[f] ?? null;
  const change: Change = { changeId: uuid(), table, rowId: id, villageId: VILLAGE, fields, hlc, base };
  phone.rows.set(key, { table, id, state: mergeChange(local?.state, change).state });
  phone.outbox.push(change);
}

function sendSome(server: Server, phone: Phone, random: () => number, now: number, hostile: boolean) {
  if (phone.outbox.length === 0) return;
  let batch = phone.outbox.slice(0, 1 + Math.floor(random() * Math.min(phone.outbox.length, 6)));
  if (hostile) {
    batch = [...batch].sort(() => random() - 0.5);
    if (random() < 0.3) batch.push(batch[0] as Change); // duplicate in flight
    if (random() < 0.2) return; // request lost
  }
  const results = push(server, batch, now);
  if (hostile && random() < 0.2) return; // acknowledgement lost: the phone will resend
  const acked = new Set(results.map((r) => r.changeId));
  phone.acked.push(...phone.outbox.filter((c) => acked.has(c.changeId)));
  phone.outbox = phone.outbox.filter((c) => !acked.has(c.changeId));
}

function simulate(seed: number, phoneCount: number, steps: number) {
  const random = prng(seed);
  const server: Server = {
    rows: new Map(),
    known: new Set(),
    lastSeq: 0,
    clock: initialHlc(SERVER_NODE),
    conflicts: [],
    log: [],
  };
  const phones: Phone[] = Array.from({ length: phoneCount }, (_, i) => ({
    node: `${String(i + 1).padStart(16, 'a')}`.slice(-16),
    clock: initialHlc(`${String(i + 1).padStart(16, 'a')}`.slice(-16)),
    rows: new Map(),
    outbox: [],
    acked: [],
    cursor: 0,
  }));
  let now = 1_764_000_000_000;
  for (let step = 0; step < steps; step++) {
    now += Math.floor(random() * 3); // clocks often share a millisecond
    const phone = phones[Math.floor(random() * phones.length)] as Phone;
    const roll = random();
    if (roll < 0.5) randomEdit(phone, random, now - Math.floor(random() * 5));
    else if (roll < 0.8) sendSome(server, phone, random, now, true);
    else pull(server, phone, now);
  }
  // The network heals: everyone sends everything, then pulls.
  for (const phone of phones) while (phone.outbox.length > 0) sendSome(server, phone, random, now, false);
  for (const phone of phones) pull(server, phone, now);
  return { server, phones };
}

function assertConverged(server: Server, phones: Phone[]) {
  for (const phone of phones) {
    expect(phone.outbox).toEqual([]);
    expect(new Set(phone.rows.keys())).toEqual(new Set(server.rows.keys()));
    for (const [key, row] of server.rows) expect(phone.rows.get(key)?.state).toEqual(row.state);
  }
}

/**
 * The server's own writes to a field: privacy clears (consent withdrawn on one phone, a phone number
 * added on another), each logged as a conflict the server won with its own clock. A phone's change can
 * lose to such a clear of the same value, and the clear can then be overwritten by an edit on top of it.
 */
function privacyClears(server: Server, change: Change, field: string): Change[] {
  return server.conflicts
    .filter((c) => c.rowId === change.rowId && c.field === field && c.winnerHlc.endsWith(SERVER_NODE))
    .map((c) => ({
      changeId: `server-clear-${c.winnerHlc}`,
      table: c.table,
      rowId: c.rowId,
      villageId: c.villageId,
      fields: { [field]: c.winnerValue },
      hlc: c.winnerHlc,
    }));
}

/**
 * A change's value for a field survives when it is the current value, is in the conflict log, was
 * overwritten by an edit made on top of it (base = its clock), or lost to an equal value with a
 * higher clock that itself survives (nothing to log: the same value won) — the server's privacy clears
 * included.
 */
function survives(server: Server, change: Change, field: string, depth = 0): boolean {
  const row = server.rows.get(rowKey(change.table, change.rowId));
  const value = change.fields[field] ?? null;
  if (row?.state.clocks[field] === change.hlc || sameValue(row?.state.values[field] ?? null, value))
    return true;
  if (server.conflicts.some((c) => c.rowId === change.rowId && c.field === field && c.hlc === change.hlc))
    return true;
  const later = [
    ...server.log.filter((l) => l.rowId === change.rowId && Object.hasOwn(l.fields, field)),
    ...privacyClears(server, change, field),
  ];
  if (later.some((l) => l.base?.[field] === change.hlc)) return true;
  return (
    depth < 50 &&
    later.some(
      (l) =>
        l.hlc > change.hlc &&
        sameValue(l.fields[field] ?? null, value) &&
        survives(server, l, field, depth + 1),
    )
  );
}

function assertNoAcknowledgedWriteLost(server: Server, phones: Phone[]) {
  for (const phone of phones) {
    for (const change of phone.acked) {
      for (const field of Object.keys(change.fields)) {
        if (!survives(server, change, field)) {
          throw new Error(
            `acknowledged ${change.table}.${field} of ${change.changeId} (${change.hlc}) was lost`,
          );
        }
      }
    }
  }
}

describe('sync convergence (property-based)', () => {
  it('replicas converge to the server and no acknowledged change is silently lost', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 3, max: 5 }),
        (seed, phoneCount) => {
          const { server, phones } = simulate(seed, phoneCount, 150);
          assertConverged(server, phones);
          assertNoAcknowledgedWriteLost(server, phones);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the same changes delivered in any order produce the same server state', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const { server } = simulate(seed, 3, 80);
        const random = prng(seed ^ 0x5bd1e995);
        const shuffled = [...server.log].sort(() => random() - 0.5);
        const replay: Server = {
          rows: new Map(),
          known: new Set(),
          lastSeq: 0,
          clock: initialHlc(SERVER_NODE),
          conflicts: [],
          log: [],
        };
        for (const change of shuffled) push(replay, [change, change], 1_764_000_100_000);
        // A privacy clear depends on what the server saw when (consent withdrawn, then a phone number
        // from a phone that had not heard): those rows are checked by the convergence property instead.
        const cleared = new Set(
          [...server.conflicts, ...replay.conflicts]
            .filter((c) => c.winnerHlc.endsWith(SERVER_NODE))
            .map((c) => c.rowId),
        );
        let compared = 0;
        for (const [key, row] of server.rows) {
          if (cleared.has(row.id)) continue;
          compared++;
          expect(replay.rows.get(key)?.state).toEqual(row.state);
        }
        expect(compared).toBeGreaterThan(0);
      }),
      { numRuns: 100 },
    );
  });
});
