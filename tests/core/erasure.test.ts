/**
 * Erasure in the server's merge (issue 14, kind 8): a deleted or withdrawn resident keeps only what the
 * model allows without them, whatever order the changes arrive in, and no later change, conflict entry
 * or change-log entry brings their values back. The merge is mergeBatch, called directly.
 */
import { describe, expect, it } from 'vitest';
import type { Change, FieldValue, SyncedTable } from '../../src/core/changes';
import { initialHlc } from '../../src/core/hlc';
import { CONSENT_ONLY_FIELDS } from '../../src/core/schemas';
import {
  eraseDependentState,
  isHeldName,
  mentions,
  residentErasure,
  scrubLoggedFields,
  UNDO_WINDOW_MS,
  undoesDelete,
  WITHDRAWN_FIELDS,
  WITHDRAWN_LABEL,
} from '../../src/core/sync/erasure';
import { decodeRow } from '../../src/core/sync/protocol';
import { mergeStates } from '../../src/core/sync/row-state';
import {
  type BatchOutcome,
  type ConflictEntry,
  ErasedRowError,
  mergeBatch,
  rowKey,
  SERVER_NODE,
  type StoredRow,
} from '../../src/core/sync/server-merge';

const VILLAGE = '0191f5a0-0000-7000-8000-0000000000a1';
const HOUSEHOLD = '0191f5a0-0000-7000-8000-000000000101';
const RESIDENT = '0191f5a0-0000-7000-8000-000000000102';
const ASSIST = '0191f5a0-0000-7000-8000-000000000103';
const VISIT = '0191f5a0-0000-7000-8000-000000000104';
const NOW = 1_764_000_100_000;
const NAME = 'Triệu Thị Mẩy';
const PHONE = '0987654321';
const hlc = (ms: number, node: string) => `${String(1_764_000_000_000 + ms).padStart(15, '0')}:00000:${node}`;
const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';

let n = 0;
function change(
  table: SyncedTable,
  rowId: string,
  fields: Record<string, FieldValue>,
  stamp: string,
  base?: Record<string, string | null>,
): Change {
  n++;
  return {
    changeId: `0191f5a0-0000-7000-8000-${String(n).padStart(12, '0')}`,
    table,
    rowId,
    villageId: VILLAGE,
    fields,
    hlc: stamp,
    ...(base ? { base } : {}),
  };
}

const consent = {
  purposes: ['skills_support', 'phone_contact'],
  collectedBy: 'Lục Thị Hoa',
  collectedAt: 'x',
};
const createResident = () =>
  change(
    'residents',
    RESIDENT,
    {
      householdId: HOUSEHOLD,
      name: NAME,
      birthYear: 1950,
      groups: ['trader'],
      phone: PHONE,
      hasSmartphone: true,
      consent,
      createdAt: '2025-11-24T16:00:00.000Z',
    },
    hlc(1_000, A),
  );
const createAssist = () =>
  change(
    'assists',
    ASSIST,
    {
      residentId: RESIDENT,
      householdId: HOUSEHOLD,
      kind: 'vneid_level1',
      status: 'failed',
      failReason: `${NAME} quên mật khẩu`,
      howKnown: 'observed',
      on: '2025-11-24',
      by: 'Lục Thị Hoa',
      createdAt: '2025-11-24T16:00:00.000Z',
    },
    hlc(2_000, A),
  );

interface Server {
  rows: Map<string, StoredRow>;
  known: Set<string>;
  lastSeq: number;
  conflicts: ConflictEntry[];
  log: Change[];
}

function newServer(): Server {
  return { rows: new Map(), known: new Set(), lastSeq: 0, conflicts: [], log: [] };
}

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
  for (const { change, logged } of out.applied) {
    server.known.add(change.changeId);
    server.log.push(logged ? { ...change, fields: logged } : change);
  }
  server.conflicts.push(...out.conflicts);
  server.lastSeq = out.lastSeq;
  // What push.ts has the database do with an erasure's earlier log entries (sync/erasure.ts).
  for (const event of out.erasures) {
    server.log = server.log.map((c) => {
      const own = c.table === 'residents' && c.rowId === event.residentId;
      const step =
        c.table === 'assists' &&
        server.rows.get(rowKey('assists', c.rowId))?.state.values.residentId === event.residentId;
      if (!own && !step) return c;
      const kind = own && event.reason === 'withdrawn' ? 'withdrawn' : 'rowErased';
      return { ...c, fields: scrubLoggedFields(c.table, c.fields, event, kind) };
    });
  }
  return out;
}

const state = (server: Server, table: SyncedTable, id: string) => server.rows.get(rowKey(table, id))?.state;

/** Everything the server holds after the pushes, as text: rows, clocks, log and conflicts. */
function dump(server: Server): string {
  return JSON.stringify([[...server.rows.values()], server.log, server.conflicts]);
}

describe('deleting a resident', () => {
  it('leaves only the pointers and lifecycle in the row, and says so once as an erasure', () => {
    const server = newServer();
    push(server, [createResident()]);
    const out = push(server, [
      change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A)),
    ]);
    const values = state(server, 'residents', RESIDENT)?.values ?? {};
    expect(Object.entries(values).filter(([, v]) => v !== null)).toEqual([
      ['householdId', HOUSEHOLD],
      ['createdAt', '2025-11-24T16:00:00.000Z'],
      ['deletedAt', '2025-11-24T17:00:00.000Z'],
    ]);
    expect(out.erasures).toEqual([
      {
        residentId: RESIDENT,
        villageId: VILLAGE,
        householdId: HOUSEHOLD,
        reason: 'deleted',
        names: [NAME, PHONE],
      },
    ]);
  });

  it('an old edit arriving after the delete does not bring the name back, and its phone is told', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A))]);
    // Phone B renamed the person offline, with a clock that even runs ahead of the delete.
    const late = change('residents', RESIDENT, { name: `${NAME} (bà Mẩy)`, phone: PHONE }, hlc(9_000, B), {
      name: hlc(1_000, A),
      phone: hlc(1_000, A),
    });
    const out = push(server, [late]);
    expect(out.results).toEqual([{ changeId: late.changeId, status: 'applied' }]);
    expect(dump(server)).not.toContain('Mẩy');
    expect(dump(server)).not.toContain(PHONE);
    // B still holds its edit at 9,000: the server's clear of those fields is stamped above it.
    const row = state(server, 'residents', RESIDENT);
    expect((row?.clocks.name ?? '') > late.hlc).toBe(true);
    const onB = mergeStates(
      { values: { name: 'x', phone: PHONE }, clocks: { name: late.hlc, phone: late.hlc } },
      {
        values: row?.values ?? {},
        clocks: row?.clocks ?? {},
      },
    );
    expect(onB.values.name).toBeNull();
    expect(onB.values.phone).toBeNull();
  });

  it('takes the same shape whether the create arrives before or after the delete', () => {
    const del = change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A));
    const create = createResident();
    const inOrder = newServer();
    push(inOrder, [create]);
    push(inOrder, [del]);
    const reversed = newServer();
    push(reversed, [del]);
    push(reversed, [create]);
    for (const server of [inOrder, reversed]) {
      expect(residentErasure(state(server, 'residents', RESIDENT)?.values)).toBe('deleted');
      expect(dump(server)).not.toContain('Mẩy');
    }
  });

  it('a restore made after the delete (an undo) carrying the whole person brings them back', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A))]);
    const undo = change(
      'residents',
      RESIDENT,
      { deletedAt: null, name: NAME, birthYear: 1950, groups: ['trader'], householdId: HOUSEHOLD, consent },
      hlc(6_000, A),
    );
    push(server, [undo]);
    expect(state(server, 'residents', RESIDENT)?.values).toMatchObject({
      name: NAME,
      deletedAt: null,
      groups: ['trader'],
    });
    expect(server.conflicts).toEqual([]);
  });

  it('a restore without the person (only deletedAt) is refused, and nothing changes', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A))]);
    const before = JSON.stringify(state(server, 'residents', RESIDENT));
    const bare = change('residents', RESIDENT, { deletedAt: null }, hlc(6_000, A));
    expect(() => push(server, [bare])).toThrow(ErasedRowError);
    expect(JSON.stringify(state(server, 'residents', RESIDENT))).toBe(before);
    expect(server.known.has(bare.changeId)).toBe(false);
  });

  describe('only the undo of the phone that deleted, made soon after, brings the person back', () => {
    const whole = { name: NAME, birthYear: 1950, groups: ['disability'], householdId: HOUSEHOLD };
    const deleted = (server: Server, stamp: string) => {
      push(server, [createResident()]);
      push(server, [change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, stamp)]);
    };
    const undo = (stamp: string) => change('residents', RESIDENT, { ...whole, deletedAt: null }, stamp);

    it('refuses the whole person sent by another device, even right after the delete', () => {
      const server = newServer();
      deleted(server, hlc(5_000, A));
      const attempt = undo(hlc(6_000, B));
      let refused: unknown;
      try {
        push(server, [attempt]);
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(ErasedRowError);
      expect(refused).toMatchObject({ changeId: attempt.changeId, code: 'erased' });
      expect(residentErasure(state(server, 'residents', RESIDENT)?.values)).toBe('deleted');
      expect(dump(server)).not.toContain('disability');
    });

    it('refuses the same phone once the undo window has passed, and takes it just within', () => {
      const late = newServer();
      deleted(late, hlc(5_000, A));
      expect(() => push(late, [undo(hlc(5_000 + UNDO_WINDOW_MS + 1, A))])).toThrow(ErasedRowError);
      const inTime = newServer();
      deleted(inTime, hlc(5_000, A));
      push(inTime, [undo(hlc(5_000 + UNDO_WINDOW_MS, A))]);
      expect(state(inTime, 'residents', RESIDENT)?.values).toMatchObject({ name: NAME, deletedAt: null });
    });

    it("refuses any undo of an officer's erasure (stamped by the server's node)", () => {
      const server = newServer();
      deleted(server, hlc(5_000, SERVER_NODE));
      expect(() => push(server, [undo(hlc(6_000, SERVER_NODE))])).toThrow(ErasedRowError);
      expect(() => push(server, [undo(hlc(6_000, A))])).toThrow(ErasedRowError);
    });

    it('takes a delete and its undo pushed together, and refuses an undo stamped before the delete', () => {
      const together = newServer();
      push(together, [createResident()]);
      push(together, [
        change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A)),
        undo(hlc(6_000, A)),
      ]);
      expect(state(together, 'residents', RESIDENT)?.values).toMatchObject({ name: NAME, deletedAt: null });
      const early = newServer();
      deleted(early, hlc(5_000, A));
      expect(() => push(early, [undo(hlc(4_000, A))])).toThrow(ErasedRowError);
    });

    it('still strips (and applies) a change of an erased resident that does not un-delete them', () => {
      const server = newServer();
      deleted(server, hlc(5_000, A));
      const rename = change('residents', RESIDENT, { name: NAME }, hlc(6_000, B));
      expect(push(server, [rename]).results).toEqual([{ changeId: rename.changeId, status: 'applied' }]);
      expect(state(server, 'residents', RESIDENT)?.values.name).toBeNull();
    });

    it('undoesDelete compares node, order and window', () => {
      const del = hlc(5_000, A);
      expect(undoesDelete(hlc(5_001, A), del)).toBe(true);
      expect(undoesDelete(del, del)).toBe(false);
      expect(undoesDelete(hlc(5_001, B), del)).toBe(false);
      expect(undoesDelete(hlc(5_001, A), undefined)).toBe(false);
      expect(undoesDelete(hlc(5_001, SERVER_NODE), hlc(5_000, SERVER_NODE))).toBe(false);
    });
  });

  it('a step recorded for the person, in the same push as the delete or after it, is erased too', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A))]);
    push(server, [createAssist()]);
    const assist = state(server, 'assists', ASSIST)?.values ?? {};
    expect(typeof assist.deletedAt).toBe('string');
    expect(assist.kind).toBeNull();
    expect(assist.failReason).toBeNull();
    expect(dump(server)).not.toContain('Mẩy');
  });

  it('a visit that lists the person drops them and its notes', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A))]);
    push(server, [
      change(
        'visits',
        VISIT,
        {
          householdId: HOUSEHOLD,
          visitedAt: '2025-11-24T09:00:00.000+07:00',
          members: ['Lục Thị Hoa'],
          outcome: 'met',
          residentIds: [RESIDENT],
          topics: [],
          notes: 'Bà Mẩy đã cài VNeID',
          createdAt: '2025-11-24T16:00:00.000Z',
        },
        hlc(3_000, B),
      ),
    ]);
    const visit = state(server, 'visits', VISIT)?.values ?? {};
    expect(visit.residentIds).toEqual([]);
    expect(visit.notes).toBeNull();
    expect(visit.outcome).toBe('met');
  });
});

describe('withdrawing consent', () => {
  it('clears every field the schemas keep only with consent', () => {
    expect([...WITHDRAWN_FIELDS].sort()).toEqual([...CONSENT_ONLY_FIELDS, 'groups'].sort());
  });

  const withdraw = (stamp: string, fields: Record<string, FieldValue> = {}) =>
    change('residents', RESIDENT, { consent: { ...consent, withdrawnAt: 'y' }, ...fields }, stamp, {
      consent: hlc(1_000, A),
    });

  it('replaces the full name with a label and clears what needed consent, logging no old value', () => {
    const server = newServer();
    push(server, [createResident()]);
    const out = push(server, [withdraw(hlc(5_000, A))]);
    const values = state(server, 'residents', RESIDENT)?.values ?? {};
    expect(values).toMatchObject({ name: WITHDRAWN_LABEL, birthYear: 1950, phone: null, groups: [] });
    expect(out.erasures.map((e) => [e.reason, e.names])).toEqual([['withdrawn', [NAME, PHONE]]]);
    expect(JSON.stringify(server.conflicts)).not.toContain(PHONE);
  });

  it('keeps the label the withdrawing change wrote, through later edits of other fields', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [withdraw(hlc(5_000, A), { name: 'Bà cụ nhà ông Tâm' })]);
    expect(state(server, 'residents', RESIDENT)?.values.name).toBe('Bà cụ nhà ông Tâm');
    push(server, [
      change('residents', RESIDENT, { birthYear: 1951 }, hlc(200_000, B), { birthYear: hlc(1_000, A) }),
    ]);
    expect(state(server, 'residents', RESIDENT)?.values).toMatchObject({
      name: 'Bà cụ nhà ông Tâm',
      birthYear: 1951,
    });
  });

  it('an old edit carrying the full name, stamped before or after, does not restore it', () => {
    for (const when of [3_000, 9_000]) {
      const server = newServer();
      push(server, [createResident()]);
      push(server, [withdraw(hlc(5_000, A))]);
      push(server, [
        change('residents', RESIDENT, { name: NAME, phone: PHONE }, hlc(when, B), {
          name: hlc(1_000, A),
          phone: hlc(1_000, A),
        }),
      ]);
      expect(state(server, 'residents', RESIDENT)?.values).toMatchObject({
        name: WITHDRAWN_LABEL,
        phone: null,
      });
      expect(JSON.stringify(server.conflicts)).not.toContain('Mẩy');
    }
  });

  it('a withdrawal writing the full name held (any case or accents) keeps the default label', () => {
    for (const written of [NAME, 'TRIEU thi  may', ' triệu Thị Mẩy ']) {
      const server = newServer();
      push(server, [createResident()]);
      push(server, [withdraw(hlc(5_000, A), { name: written })]);
      expect(state(server, 'residents', RESIDENT)?.values.name).toBe(WITHDRAWN_LABEL);
      expect(dump(server).toLowerCase()).not.toContain('may');
    }
  });

  it('a withdrawal writing the full name in the same push as the create keeps the default label', () => {
    const server = newServer();
    push(server, [createResident(), withdraw(hlc(5_000, A), { name: NAME })]);
    expect(state(server, 'residents', RESIDENT)?.values.name).toBe(WITHDRAWN_LABEL);
  });

  it('isHeldName compares folded, whole names only', () => {
    expect(isHeldName('nguyen VAN  an', ['Nguyễn Văn An'])).toBe(true);
    expect(isHeldName('Bà cụ nhà ông An', ['Nguyễn Văn An'])).toBe(false);
    expect(isHeldName(null, ['Nguyễn Văn An'])).toBe(false);
    expect(isHeldName('', [''])).toBe(false);
  });

  it('an edit of the label made after seeing it is kept', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [withdraw(hlc(5_000, A))]);
    const labelClock = state(server, 'residents', RESIDENT)?.clocks.name ?? null;
    push(server, [
      change('residents', RESIDENT, { name: 'Bà cụ xóm Nà Pài' }, hlc(200_000, B), { name: labelClock }),
    ]);
    expect(state(server, 'residents', RESIDENT)?.values.name).toBe('Bà cụ xóm Nà Pài');
  });

  it("erases the person's skill steps (they need consent for skills support)", () => {
    const server = newServer();
    push(server, [createResident(), createAssist()]);
    push(server, [withdraw(hlc(5_000, A))]);
    // Stored before the withdrawal: the caller purges it from the erasure event. After it:
    const late = change('assists', ASSIST, { status: 'done', failReason: null }, hlc(6_000, B), {
      status: hlc(2_000, A),
    });
    push(server, [late]);
    expect(state(server, 'assists', ASSIST)?.values.status).toBeNull();
    expect(typeof state(server, 'assists', ASSIST)?.values.deletedAt).toBe('string');
  });
});

describe('rows around an erased resident', () => {
  const event = {
    residentId: RESIDENT,
    villageId: VILLAGE,
    householdId: HOUSEHOLD,
    reason: 'deleted' as const,
    names: [NAME],
  };
  const stamp = hlc(50_000, SERVER_NODE);

  it('finds the name in notes without case or diacritics', () => {
    expect(mentions('Gặp TRIEU THI MAY ở chợ', [NAME])).toBe(true);
    expect(mentions('Gặp bà Triệu ở chợ', [NAME])).toBe(false);
  });

  it('clears household notes naming the person and leaves others', () => {
    const named = eraseDependentState(
      'households',
      { values: { label: 'Hộ ông Tâm', notes: `Con dâu ${NAME} hay đi vắng` }, clocks: { notes: hlc(1, A) } },
      event,
      stamp,
      'z',
    );
    expect(named?.values.notes).toBeNull();
    expect(named?.clocks.notes).toBe(stamp);
    expect(
      eraseDependentState(
        'households',
        { values: { notes: 'Nhà có chó dữ' }, clocks: {} },
        event,
        stamp,
        'z',
      ),
    ).toBeUndefined();
  });

  it('scrubs logged changes down to what identifies them', () => {
    const full = createResident().fields;
    expect(scrubLoggedFields('residents', full, event, 'rowErased')).toEqual({
      householdId: HOUSEHOLD,
      createdAt: '2025-11-24T16:00:00.000Z',
    });
    expect(
      scrubLoggedFields(
        'visits',
        { residentIds: [RESIDENT, ASSIST], notes: 'x', outcome: 'met' },
        event,
        'visit',
      ),
    ).toEqual({ residentIds: [ASSIST], outcome: 'met' });
  });

  it('a pulled erased row clears the values a phone holds', () => {
    const server = newServer();
    push(server, [createResident()]);
    push(server, [change('residents', RESIDENT, { deletedAt: '2025-11-24T17:00:00.000Z' }, hlc(5_000, A))]);
    const row = server.rows.get(rowKey('residents', RESIDENT)) as StoredRow;
    const phone = mergeStates(
      {
        values: createResident().fields,
        clocks: Object.fromEntries(Object.keys(createResident().fields).map((f) => [f, hlc(1_000, A)])),
      },
      decodeRow({
        t: 'residents',
        i: RESIDENT,
        g: VILLAGE,
        s: 1,
        d: row.state.values,
        h: '',
        f: row.state.clocks,
      }),
    );
    expect(JSON.stringify(phone.values)).not.toContain('Mẩy');
  });
});
