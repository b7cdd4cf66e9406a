/**
 * Erasure that really erases (issue 14, kind 8). A resident is written with distinctive strings in
 * several changes and edits, with a conflict, visits naming them, skill steps and class attendance;
 * then they are deleted by a phone, another withdraws consent, a third is erased by a commune officer.
 * Afterwards every table of the database, dumped whole as text, holds none of their strings — the rows,
 * the change log, the conflict log, the audit log and anything added later — and old edits arriving
 * late do not bring them back. The export endpoint answers a person's request to see their data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { foldForSearch } from '../../src/core/search';
import { WITHDRAWN_LABEL } from '../../src/core/sync/erasure';
import type { WireRow } from '../../src/core/sync/protocol-schemas';
import { REPAIRS } from '../../src/server/db/repairs.js';
import type { Database } from '../../src/server/db.js';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import {
  fieldWork,
  householdChange,
  pull,
  push,
  residentChange,
  rowChange,
  stamp,
  VILLAGE_A,
  VILLAGE_B,
} from './sync-fixtures.js';

const PHONE_A = 'aaaaaaaaaaaaaaaa';
const PHONE_B = 'bbbbbbbbbbbbbbbb';
const CREATED = '2026-11-25T08:00:00.000Z';

/** Every table of the current schema, each row as text: what a database dump would hold. */
async function dumpAll(db: Database): Promise<string> {
  const { rows: tables } = await db.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  expect(tables.map((t) => t.name)).toEqual(
    expect.arrayContaining(['records', 'changes', 'conflicts', 'audit_log', 'users']),
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    // In a fixed order: a row rewritten with the same values (a token's sync bookkeeping) moves.
    const { rows } = await db.query<{ row: string }>(`select t::text as row from "${name}" t order by 1`);
    parts.push(`${name}: ${rows.map((r) => r.row).join('\n')}`);
  }
  return parts.join('\n');
}

/** A string is found in any spelling a dump could hold it in: as typed, folded, or JSON-escaped. */
function expectAbsent(dump: string, strings: readonly string[]): void {
  const folded = foldForSearch(dump);
  for (const s of strings) {
    // The lines that hold it say where: the failure names the table and the row.
    const where = dump.split('\n').filter((line) => foldForSearch(line).includes(foldForSearch(s)));
    expect(where, s).toEqual([]);
    expect(dump, s).not.toContain(s);
    expect(folded, s).not.toContain(foldForSearch(s));
    expect(dump, s).not.toContain(JSON.stringify(s).slice(1, -1));
  }
}

describe.each(backendsForFile('erasure.test.ts'))('erasure on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'erasure');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'lead-b', role: 'lead', villageIds: [VILLAGE_B] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    for (const u of ['member-a', 'member-b', 'lead-a', 'lead-b', 'commune'])
      tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  async function ok(user: string, changes: Change[], device = PHONE_A) {
    const res = await push(h.app, token(user), changes, { deviceId: device });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /**
   * A household and one resident written as a team writes them: created, edited twice (once
   * concurrently, so the conflict log holds a losing value), visited twice, a skill step that failed
   * with a reason, a class attended. Every string of the person is returned.
   */
  async function writePerson(name: string, phone: string) {
    const household = householdChange(VILLAGE_A, {
      fields: {
        label: 'Hộ ông Tâm xóm Nà Pài',
        membersCount: 4,
        poor: false,
        notes: `Con dâu ${name} đi làm xa`,
        createdAt: CREATED,
      },
    });
    const create = residentChange(VILLAGE_A, household.rowId, {
      name,
      groups: ['trader'],
      phone,
      hasSmartphone: true,
      consent: {
        purposes: ['skills_support', 'phone_contact'],
        collectedBy: 'Lục Thị Hoa',
        collectedAt: CREATED,
      },
    });
    await ok('member-a', [household, create]);
    const rowId = create.rowId;
    const edited = `${name} (chị cả)`;
    const renamed = `${name} Mẩn`;
    // Phone A renames the person; phone B, which never saw that, renames them too, later: A's value
    // loses and is kept in the conflict log.
    await ok('member-a', [
      rowChange(
        'residents',
        VILLAGE_A,
        { name: edited },
        { rowId, hlc: stamp(PHONE_A), base: { name: create.hlc } },
      ),
    ]);
    await ok(
      'member-b',
      [
        rowChange(
          'residents',
          VILLAGE_A,
          { name: renamed },
          { rowId, hlc: stamp(PHONE_B), base: { name: create.hlc } },
        ),
      ],
      PHONE_B,
    );
    const visit = rowChange('visits', VILLAGE_A, {
      ...fieldWork.visit(household.rowId, rowId),
      notes: `Gặp ${name}, số ${phone}`,
    });
    const otherVisit = rowChange('visits', VILLAGE_A, {
      ...fieldWork.visit(household.rowId, rowId),
      residentIds: [],
      notes: `${name} hẹn tuần sau quay lại`,
    });
    const assist = rowChange('assists', VILLAGE_A, {
      ...fieldWork.assist(household.rowId, rowId, visit.rowId),
      status: 'failed',
      failReason: `${name} quên mật khẩu`,
    });
    const session = rowChange('classes', VILLAGE_A, fieldWork.classSession());
    const { attendanceId } = await import('../../src/core/ids');
    const attendance = rowChange('attendance', VILLAGE_A, fieldWork.attendance(session.rowId, rowId), {
      rowId: attendanceId(session.rowId, rowId),
    });
    await ok('member-a', [visit, otherVisit, assist, session, attendance]);
    const conflictsRes = await h.app.inject({
      method: 'GET',
      url: '/api/sync/conflicts',
      headers: bearer(token('lead-a')),
    });
    expect(JSON.stringify(conflictsRes.json())).toContain(edited);
    return {
      household,
      create,
      rowId,
      visit,
      otherVisit,
      assist,
      session,
      attendance,
      strings: [name, phone],
    };
  }

  it('a resident deleted by a phone leaves no value in any table, and an old edit does not bring it back', async () => {
    const person = await writePerson('Đinh Thị Xuyến', '0977123456');
    expect(await dumpAll(h.db)).toContain('Xuyến');
    await ok('member-a', [
      rowChange(
        'residents',
        VILLAGE_A,
        { deletedAt: new Date().toISOString() },
        { rowId: person.rowId, base: { deletedAt: null } },
      ),
    ]);
    expectAbsent(await dumpAll(h.db), person.strings);

    // Phone B was offline: its edit of the name and phone reaches the server after the deletion.
    await ok(
      'member-b',
      [
        rowChange(
          'residents',
          VILLAGE_A,
          { name: 'Đinh Thị Xuyến', phone: '0977123456' },
          { rowId: person.rowId, hlc: stamp(PHONE_B), base: { name: null, phone: null } },
        ),
        rowChange(
          'visits',
          VILLAGE_A,
          { ...fieldWork.visit(person.household.rowId, person.rowId), notes: 'Đinh Thị Xuyến vắng nhà' },
          { hlc: stamp(PHONE_B) },
        ),
      ],
      PHONE_B,
    );
    expectAbsent(await dumpAll(h.db), person.strings);

    // What the phones pull: the tombstone with its pointers, the step and attendance erased, the visits
    // without the person or their notes.
    const rows = (await pull(h.app, token('member-b'), 0, 5000)).json().rows as WireRow[];
    const resident = rows.find((r) => r.i === person.rowId);
    expect(
      Object.entries(resident?.d ?? {})
        .filter(([, v]) => v !== null)
        .map(([k]) => k)
        .sort(),
    ).toEqual(['createdAt', 'deletedAt', 'householdId']);
    expect(rows.find((r) => r.i === person.assist.rowId)?.d.deletedAt).toEqual(expect.any(String));
    expect(rows.find((r) => r.i === person.attendance.rowId)?.d.deletedAt).toEqual(expect.any(String));
    expect(rows.find((r) => r.i === person.visit.rowId)?.d).toMatchObject({
      residentIds: [],
      notes: null,
      outcome: 'met',
    });
    expect(rows.find((r) => r.i === person.otherVisit.rowId)?.d.notes).toBeNull();
    expect(rows.find((r) => r.i === person.household.rowId)?.d).toMatchObject({
      label: 'Hộ ông Tâm xóm Nà Pài',
      notes: null,
    });

    const auditRes = await h.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(token('commune')),
    });
    const purge = (
      auditRes.json().entries as Array<{ action: string; detail: Record<string, unknown> }>
    ).find((e) => e.action === 'resident.purge' && e.detail.residentId === person.rowId);
    expect(purge?.detail).toMatchObject({ reason: 'deleted', villageId: VILLAGE_A });
  });

  it('a withdrawal of consent leaves a label and birth year, and no name, phone or step', async () => {
    const person = await writePerson('Sầm Thị Nguyệt', '0966111222');
    const [current] = (
      await h.db.query<{ data: Record<string, unknown>; clocks: Record<string, string> }>(
        `select data, clocks from records where id = $1`,
        [person.rowId],
      )
    ).rows;
    const consent = current?.data.consent as Record<string, unknown>;
    await ok('member-a', [
      rowChange(
        'residents',
        VILLAGE_A,
        {
          consent: { ...consent, withdrawnAt: new Date().toISOString() },
          phone: null,
          groups: [],
          hasSmartphone: null,
        },
        { rowId: person.rowId, base: { consent: current?.clocks.consent ?? null } },
      ),
    ]);
    expectAbsent(await dumpAll(h.db), person.strings);
    const [after] = (
      await h.db.query<{ data: Record<string, unknown> }>(`select data from records where id = $1`, [
        person.rowId,
      ])
    ).rows;
    expect(after?.data).toMatchObject({ name: WITHDRAWN_LABEL, birthYear: 1980, phone: null, groups: [] });
    const [step] = (
      await h.db.query<{ data: Record<string, unknown> }>(`select data from records where id = $1`, [
        person.assist.rowId,
      ])
    ).rows;
    expect(step?.data.deletedAt).toEqual(expect.any(String));
    // An edit made before the withdrawal, arriving now, carries the full name: it is not taken.
    await ok(
      'member-b',
      [
        rowChange(
          'residents',
          VILLAGE_A,
          { name: 'Sầm Thị Nguyệt' },
          { rowId: person.rowId, hlc: stamp(PHONE_B), base: { name: person.create.hlc } },
        ),
      ],
      PHONE_B,
    );
    expectAbsent(await dumpAll(h.db), person.strings);
  });

  it('a lead or officer exports what is held about one resident, within their villages only', async () => {
    const person = await writePerson('Hà Thị Lụa', '0944555666');
    const get = (user: string, id = person.rowId) =>
      h.app.inject({ method: 'GET', url: `/api/admin/residents/${id}/export`, headers: bearer(token(user)) });

    const res = await get('lead-a');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.resident).toMatchObject({ id: person.rowId, villageId: VILLAGE_A, erasure: null });
    expect(body.resident.values.name).toBe('Hà Thị Lụa Mẩn');
    expect(body.consent).toMatchObject({ purposes: ['skills_support', 'phone_contact'] });
    expect(body.assists.map((a: { id: string }) => a.id)).toEqual([person.assist.rowId]);
    expect(body.attendance.map((a: { id: string }) => a.id)).toEqual([person.attendance.rowId]);
    expect(body.classes.map((c: { id: string }) => c.id)).toEqual([person.session.rowId]);
    expect(body.visits.map((v: { id: string }) => v.id)).toEqual([person.visit.rowId]);
    expect(body.changes.filter((c: { rowId: string }) => c.rowId === person.rowId)).toHaveLength(3);
    expect(body.conflicts.map((c: { loserValue: unknown }) => c.loserValue)).toContain('Hà Thị Lụa (chị cả)');

    expect((await get('lead-b')).statusCode).toBe(404);
    expect((await get('member-a')).statusCode).toBe(403);
    expect((await get('commune', '0191f5a0-0000-7000-8000-00000000ffff')).statusCode).toBe(404);
    expect((await get('commune')).statusCode).toBe(200);

    const auditRes = await h.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(token('commune')),
    });
    const exports = (
      auditRes.json().entries as Array<{ action: string; detail: Record<string, unknown> }>
    ).filter((e) => e.action === 'resident.export' && e.detail.residentId === person.rowId);
    expect(exports).toHaveLength(2);
    expect(JSON.stringify(exports)).not.toContain('Lụa');
  });

  it('an officer erases a resident: the same purge, audited without values, and again harmlessly', async () => {
    const person = await writePerson('Lường Văn Khiêm', '0933777888');
    const erase = (user: string) =>
      h.app.inject({
        method: 'POST',
        url: `/api/admin/residents/${person.rowId}/erase`,
        headers: bearer(token(user)),
      });

    const before = await dumpAll(h.db);
    expect((await erase('lead-b')).statusCode).toBe(404);
    expect((await erase('member-a')).statusCode).toBe(403);
    expect(await dumpAll(h.db)).toBe(before);

    const res = await erase('commune');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ erased: true, residentId: person.rowId });
    expect(res.json().purged.rows).toBeGreaterThanOrEqual(5);
    expectAbsent(await dumpAll(h.db), person.strings);
    expect((await erase('lead-a')).statusCode).toBe(200);

    const auditRes = await h.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(token('commune')),
    });
    const erased = (
      auditRes.json().entries as Array<{ action: string; userId: string; detail: Record<string, unknown> }>
    ).filter((e) => e.action === 'resident.erase' && e.detail.residentId === person.rowId);
    expect(erased.map((e) => e.detail.alreadyDeleted)).toEqual([true, false]);

    // The phones learn it on their next pull: the row is a tombstone with nothing of the person.
    const rows = (await pull(h.app, token('member-a'), 0, 5000)).json().rows as WireRow[];
    expect(rows.find((r) => r.i === person.rowId)?.d.deletedAt).toEqual(expect.any(String));
    expectAbsent(JSON.stringify(rows), person.strings);
  });

  /** The whole person, as a phone's undo resends them, stamped `hlc`. */
  const wholePerson = (person: Awaited<ReturnType<typeof writePerson>>, name: string, hlc: string) =>
    rowChange(
      'residents',
      VILLAGE_A,
      { ...person.create.fields, name, birthYear: 1960, groups: ['disability'], deletedAt: null },
      { rowId: person.rowId, hlc },
    );

  /** Pushes a change that must be refused as `erased`, and checks that nothing was stored. */
  async function refusedAsErased(user: string, change: Change, device: string, strings: readonly string[]) {
    const before = await dumpAll(h.db);
    const res = await push(h.app, token(user), [change], { deviceId: device });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'invalid_changes',
      details: [{ changeId: change.changeId, code: 'erased' }],
    });
    const after = await dumpAll(h.db);
    expect(after).toBe(before);
    expectAbsent(after, strings);
    const rows = (await pull(h.app, token(user), 0, 5000)).json().rows as WireRow[];
    expect(rows.find((r) => r.i === change.rowId)?.d.deletedAt).toEqual(expect.any(String));
  }

  it('the undo of a deletion, from the phone that deleted and soon after, brings the person back', async () => {
    const person = await writePerson('Vi Thị Dung', '0922333444');
    await ok('member-a', [
      rowChange(
        'residents',
        VILLAGE_A,
        { deletedAt: new Date().toISOString() },
        { rowId: person.rowId, hlc: stamp(PHONE_A), base: { deletedAt: null } },
      ),
    ]);
    await ok('member-a', [wholePerson(person, 'Vi Thị Dung', stamp(PHONE_A))]);
    const rows = (await pull(h.app, token('member-a'), 0, 5000)).json().rows as WireRow[];
    expect(rows.find((r) => r.i === person.rowId)?.d).toMatchObject({ name: 'Vi Thị Dung', deletedAt: null });
  });

  it('nobody brings back a person an officer erased at their request, from any device', async () => {
    const person = await writePerson('Nông Thị Bích', '0911222333');
    const erased = await h.app.inject({
      method: 'POST',
      url: `/api/admin/residents/${person.rowId}/erase`,
      headers: bearer(token('lead-a')),
    });
    expect(erased.statusCode, erased.body).toBe(200);
    const strings = person.strings;
    // A member's phone that never saw the person, and the phone that wrote them.
    await refusedAsErased('member-b', wholePerson(person, 'Nông Thị Bích', stamp(PHONE_B)), PHONE_B, strings);
    await refusedAsErased('member-a', wholePerson(person, 'Nông Thị Bích', stamp(PHONE_A)), PHONE_A, strings);
    await refusedAsErased(
      'lead-a',
      rowChange('residents', VILLAGE_A, { deletedAt: null }, { rowId: person.rowId, hlc: stamp(PHONE_A) }),
      PHONE_A,
      strings,
    );
  });

  it("a phone's deletion is undone only by that phone, within the undo window", async () => {
    const person = await writePerson('Lò Văn Pấng', '0900111222');
    // Deleted eleven minutes ago by phone A (the HLC is taken when the delete is tapped).
    await ok('member-a', [
      rowChange(
        'residents',
        VILLAGE_A,
        { deletedAt: new Date().toISOString() },
        { rowId: person.rowId, hlc: stamp(PHONE_A, -11 * 60_000), base: { deletedAt: null } },
      ),
    ]);
    const strings = person.strings;
    await refusedAsErased('member-b', wholePerson(person, 'Lò Văn Pấng', stamp(PHONE_B)), PHONE_B, strings);
    await refusedAsErased('member-a', wholePerson(person, 'Lò Văn Pấng', stamp(PHONE_A)), PHONE_A, strings);
    // Tapped within ten minutes of the delete, pushed only now: still that phone's undo.
    await ok('member-a', [wholePerson(person, 'Lò Văn Pấng', stamp(PHONE_A, -2 * 60_000))]);
    const rows = (await pull(h.app, token('member-a'), 0, 5000)).json().rows as WireRow[];
    expect(rows.find((r) => r.i === person.rowId)?.d).toMatchObject({ name: 'Lò Văn Pấng', deletedAt: null });
  });

  it('a withdrawal that writes a full name the server held keeps the default label instead', async () => {
    const person = await writePerson('Hoàng Thị Thơm', '0988777666');
    const withdrawWith = async (name: string) => {
      const [current] = (
        await h.db.query<{ data: Record<string, unknown>; clocks: Record<string, string> }>(
          'select data, clocks from records where id = $1',
          [person.rowId],
        )
      ).rows;
      const consent = current?.data.consent as Record<string, unknown>;
      await ok('member-a', [
        rowChange(
          'residents',
          VILLAGE_A,
          { consent: { ...consent, withdrawnAt: new Date().toISOString() }, name },
          { rowId: person.rowId, hlc: stamp(PHONE_A), base: { consent: current?.clocks.consent ?? null } },
        ),
      ]);
      const [after] = (
        await h.db.query<{ data: Record<string, unknown> }>('select data from records where id = $1', [
          person.rowId,
        ])
      ).rows;
      return after?.data;
    };
    // The name held now is the later rename (writePerson); the first name is known from the change
    // log only. Written in capitals without accents, it is still the full name.
    expect(await withdrawWith('HOANG THI THOM')).toMatchObject({ name: WITHDRAWN_LABEL });
    expectAbsent(await dumpAll(h.db), person.strings);
  });

  it('a withdrawal that writes the full name held now keeps the default label instead', async () => {
    const person = await writePerson('Chu Thị Nhung', '0977000111');
    const [current] = (
      await h.db.query<{ data: Record<string, unknown>; clocks: Record<string, string> }>(
        'select data, clocks from records where id = $1',
        [person.rowId],
      )
    ).rows;
    const held = current?.data.name as string;
    expect(held).toBe('Chu Thị Nhung Mẩn');
    await ok('member-a', [
      rowChange(
        'residents',
        VILLAGE_A,
        {
          consent: { ...(current?.data.consent as object), withdrawnAt: new Date().toISOString() },
          name: held,
        },
        { rowId: person.rowId, hlc: stamp(PHONE_A), base: { consent: current?.clocks.consent ?? null } },
      ),
    ]);
    const rows = (await pull(h.app, token('member-a'), 0, 5000)).json().rows as WireRow[];
    expect(rows.find((r) => r.i === person.rowId)?.d.name).toBe(WITHDRAWN_LABEL);
    expectAbsent(await dumpAll(h.db), [...person.strings, held]);
  });

  it('residents deleted or withdrawn before erasure existed are erased once, at start', async () => {
    // As an older server stored them: a tombstone still holding the person, a withdrawal keeping the
    // full name, both with their values in the change log.
    const deleted = residentChange(VILLAGE_A, householdChange(VILLAGE_A).rowId).rowId;
    const withdrawn = residentChange(VILLAGE_A, householdChange(VILLAGE_A).rowId).rowId;
    const household = householdChange(VILLAGE_A);
    await ok('member-a', [household]);
    const old = '001764000000000:00000:aaaaaaaaaaaaaaaa';
    const clocks = (fields: string[]) => JSON.stringify(Object.fromEntries(fields.map((f) => [f, old])));
    const [{ last } = { last: 0 }] = (
      await h.db.query<{ last: number }>('select last_seq::int as last from sync_state')
    ).rows;
    await h.db.query(
      `insert into records (tbl, id, village_id, data, clocks, seq) values
        ('residents', $1, $3, $4::jsonb, $6::jsonb, $8), ('residents', $2, $3, $5::jsonb, $7::jsonb, $9)`,
      [
        deleted,
        withdrawn,
        VILLAGE_A,
        JSON.stringify({
          householdId: household.rowId,
          name: 'Mã Thị Quế',
          birthYear: 1950,
          groups: [],
          phone: '0955000111',
          deletedAt: CREATED,
        }),
        JSON.stringify({
          householdId: household.rowId,
          name: 'Hứa Văn Chắn',
          birthYear: 1951,
          groups: [],
          consent: {
            purposes: ['skills_support'],
            collectedBy: 'Lục Thị Hoa',
            collectedAt: CREATED,
            withdrawnAt: CREATED,
          },
        }),
        clocks(['householdId', 'name', 'birthYear', 'groups', 'phone', 'deletedAt']),
        clocks(['householdId', 'name', 'birthYear', 'groups', 'consent']),
        last + 1,
        last + 2,
      ],
    );
    await h.db.query(
      `insert into changes (seq, change_id, tbl, row_id, village_id, fields, hlc, user_id, device_id)
       values ($1, $2, 'residents', $3, $4, $5::jsonb, $6, '00000000-0000-0000-0000-000000000000', 'x')`,
      [
        last + 1,
        residentChange(VILLAGE_A, household.rowId).changeId,
        deleted,
        VILLAGE_A,
        JSON.stringify({ name: 'Mã Thị Quế' }),
        old,
      ],
    );
    await h.db.query('update sync_state set last_seq = $1', [last + 2]);
    expect(await dumpAll(h.db)).toContain('Mã Thị Quế');

    const repair = REPAIRS.find((r) => r.name === '2026-12-erase-deleted-and-withdrawn-residents');
    if (!repair) throw new Error('no erasure repair');
    expect(await repair.run(h.db, Date.now)).toMatchObject({ erased: expect.any(Number) });
    expectAbsent(await dumpAll(h.db), ['Mã Thị Quế', '0955000111', 'Hứa Văn Chắn']);
    const [row] = (
      await h.db.query<{ data: Record<string, unknown> }>('select data from records where id = $1', [
        withdrawn,
      ])
    ).rows;
    expect(row?.data).toMatchObject({ name: WITHDRAWN_LABEL, birthYear: 1951 });
    // A second run finds nothing left to change in the rows.
    const [before] = (await h.db.query<{ last: number }>('select last_seq::int as last from sync_state'))
      .rows;
    await repair.run(h.db, Date.now);
    const [again] = (await h.db.query<{ last: number }>('select last_seq::int as last from sync_state')).rows;
    expect(again?.last).toBe(before?.last);
  });
});
