/**
 * Quarterly reporting on the sync endpoints (issue 19): reporting units are commune rows; a unit's
 * figures, activities and report live under the unit's id, which is the whole scope of a unit account
 * (role `unit`); the commune's report lives in the office scope no team sees; a submitted report is
 * immutable (409 report_submitted) and a correction is a new version; two officers editing one
 * draft's texts merge by field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { newId, reportId, unitFiguresId } from '../../src/core/ids';
import { composeReport } from '../../src/core/report/compose';
import { COMMUNE_OFFICE_ID, COMMUNE_VILLAGE_ID } from '../../src/core/sync/scope';
import { type AuthHarness, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, pull, push, rowChange, storedCounts, VILLAGE_A } from './sync-fixtures.js';

const CREATED = '2026-01-05T08:00:00.000Z';
const SCHOOL = newId();
const CLINIC = newId();
const PERIOD = '2025-Q4';

type WireRow = { t: string; i: string; g: string; d: Record<string, unknown> };

const unitChange = (id: string, name: string) =>
  rowChange(
    'reportingUnits',
    COMMUNE_VILLAGE_ID,
    { name, kind: 'school', codes: ['b'], createdAt: CREATED },
    { rowId: id },
  );
const figuresChange = (unitId: string, fields: Change['fields'], overrides: Partial<Change> = {}) =>
  rowChange(
    'unitFigures',
    unitId,
    { unitId, period: PERIOD, ...fields },
    { rowId: unitFiguresId(unitId, PERIOD), ...overrides },
  );
const reportChange = (scope: string, level: string, version: number, fields: Change['fields'] = {}) =>
  rowChange(
    'reports',
    scope,
    { level, period: PERIOD, version, createdAt: CREATED, ...fields },
    { rowId: reportId(scope, PERIOD, version) },
  );
const edit = (scope: string, version: number, fields: Change['fields'], hlc?: string) =>
  rowChange('reports', scope, fields, { rowId: reportId(scope, PERIOD, version), ...(hlc ? { hlc } : {}) });
const EMPTY_ROWS = {
  villages: [],
  households: [],
  residents: [],
  visits: [],
  assists: [],
  classes: [],
  attendance: [],
  targets: [],
};
/** A composed report of that very row (nothing in it: the server checks its shape and identity). */
const snapshotOf = (scope: string, level: 'village' | 'unit' | 'commune', version: number) =>
  composeReport({
    level,
    scopeId: scope,
    scopeName: 'x',
    period: PERIOD,
    today: '2026-01-06',
    composedAt: '2026-01-06T02:00:00.000Z',
    rows: EMPTY_ROWS,
    units: [],
    unitFigures: [],
    activities: [],
    reports: [],
    texts: {},
    status: 'draft',
    version,
  }) as unknown as Change['fields'][string];
const submission = (
  scope: string,
  version: number,
  level: 'village' | 'unit' | 'commune' = scope === COMMUNE_OFFICE_ID ? 'commune' : 'unit',
  by = 'Hoàng Văn Thắng',
) =>
  edit(scope, version, {
    status: 'submitted',
    submittedAt: '2026-01-06T02:00:00.000Z',
    submittedBy: by,
    snapshot: snapshotOf(scope, level, version),
  });

describe.each(backendsForFile('reports-sync.test.ts'))('quarterly reporting sync on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;
  const rowsOf = async (user: string): Promise<WireRow[]> =>
    (await pull(h.app, token(user), 0, 5000)).json().rows;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'reports_sync');
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, {
      username: 'school',
      role: 'unit',
      villageIds: [SCHOOL],
      displayName: 'Hoàng Văn Thắng',
    });
    await createUser(h.db, { username: 'canbo', role: 'commune', displayName: 'Hoàng Văn Thắng' });
    await createUser(h.db, { username: 'canbo2', role: 'commune', displayName: 'Lục Thị Hoa' });
    for (const u of ['lead-a', 'member-a', 'school', 'canbo', 'canbo2'])
      tokens[u] = await loginToken(h.app, u);
    const res = await push(h.app, token('canbo'), [
      unitChange(SCHOOL, 'Trường THCS Thượng Quan'),
      unitChange(CLINIC, 'Trạm Y tế xã'),
    ]);
    expect(res.statusCode).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a unit's account enters its figures; the commune sees them, no team does", async () => {
    const res = await push(h.app, token('school'), [
      figuresChange(SCHOOL, {
        lowerSecondary: 412,
        lowerSecondaryMeeting: 398,
        enteredBy: 'Hoàng Văn Thắng',
      }),
    ]);
    expect(res.statusCode).toBe(200);
    const commune = await rowsOf('canbo');
    expect(commune.find((r) => r.t === 'unitFigures')).toMatchObject({
      g: SCHOOL,
      d: { lowerSecondary: 412, lowerSecondaryMeeting: 398 },
    });
    for (const user of ['lead-a', 'member-a']) {
      const rows = await rowsOf(user);
      expect(
        rows.filter((r) => r.t === 'unitFigures'),
        user,
      ).toEqual([]);
      // The list of units is the commune's: every account reads it.
      expect(rows.filter((r) => r.t === 'reportingUnits').length, user).toBe(2);
    }
  });

  it('refuses figures whose "meeting the standard" would exceed the head count, also against what is stored', async () => {
    const before = await storedCounts(h);
    const both = figuresChange(SCHOOL, { lowerSecondary: 5, lowerSecondaryMeeting: 50 });
    const res = await push(h.app, token('school'), [both]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field: 'lowerSecondaryMeeting' })]);
    // 412 in scope, 398 meeting are stored: lowering the total to 310 would leave 398 > 310.
    const lowered = figuresChange(SCHOOL, { lowerSecondary: 310 });
    const res2 = await push(h.app, token('canbo'), [lowered]);
    expect(res2.statusCode).toBe(400);
    expect(res2.json().error.details).toEqual([
      expect.objectContaining({ changeId: lowered.changeId, field: 'lowerSecondaryMeeting' }),
    ]);
    expect(await storedCounts(h)).toEqual(before);
    // Both lowered together is fine.
    const both2 = figuresChange(SCHOOL, { lowerSecondary: 410, lowerSecondaryMeeting: 398 });
    expect((await push(h.app, token('school'), [both2])).statusCode).toBe(200);
  });

  it("a unit's account sees its own unit's rows and the commune's, never a village", async () => {
    const household = householdChange(VILLAGE_A);
    expect((await push(h.app, token('lead-a'), [household])).statusCode).toBe(200);
    const rows = await rowsOf('school');
    expect(new Set(rows.map((r) => r.g))).toEqual(new Set([SCHOOL, COMMUNE_VILLAGE_ID]));
  });

  it.each([
    ['a household in its scope', () => householdChange(SCHOOL)],
    ['the list of units', () => unitChange(newId(), 'Hợp tác xã chè Thượng Quan')],
    ["another unit's figures", () => figuresChange(CLINIC, { staff: 12 })],
    [
      "a village's activity",
      () =>
        rowChange('activities', VILLAGE_A, { date: '2025-11-02', kind: 'loudspeaker', createdAt: CREATED }),
    ],
  ])('refuses %s from a unit account, storing nothing', async (_what, make) => {
    const before = await storedCounts(h);
    const res = await push(h.app, token('school'), [make()]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('village_forbidden');
    expect(await storedCounts(h)).toEqual(before);
  });

  it.each([
    ['its figures', () => figuresChange(SCHOOL, { trainings: 1, enteredBy: 'Hoàng Văn Xã' }), 'enteredBy'],
    [
      'an activity',
      () =>
        rowChange('activities', SCHOOL, {
          date: '2025-11-02',
          kind: 'dai_su_so',
          recordedBy: 'Chủ tịch xã',
          createdAt: CREATED,
        }),
      'recordedBy',
    ],
  ])("refuses %s entered in another person's name (400), storing nothing", async (_what, make, field) => {
    const before = await storedCounts(h);
    const res = await push(h.app, token('school'), [make()]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([expect.objectContaining({ field })]);
    expect(await storedCounts(h)).toEqual(before);
  });

  it.each([
    ['lead-a', () => figuresChange(VILLAGE_A, { staff: 3 })],
    ['member-a', () => reportChange(VILLAGE_A, 'village', 1)],
    ['lead-a', () => unitChange(newId(), 'Công ty chè Tân Cương')],
  ])('refuses from %s what its role may not write', async (user, make) => {
    const before = await storedCounts(h);
    const res = await push(h.app, token(user), [make()]);
    expect(res.statusCode).toBe(403);
    expect(await storedCounts(h)).toEqual(before);
  });

  it.each([
    ['a unit account given a village', 'unit', () => [VILLAGE_A], 400],
    ['a unit account given a unit the server does not have', 'unit', () => [newId()], 400],
    ['a member given a unit', 'member', () => [SCHOOL], 400],
    ['a lead given the commune office', 'lead', () => [COMMUNE_OFFICE_ID], 400],
    ['a unit account given its unit', 'unit', () => [CLINIC], 201],
  ] as const)('account administration: %s → %i', async (_what, role, ids, status) => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/admin/users',
      headers: { authorization: `Bearer ${token('canbo')}` },
      payload: {
        username: `acc-${newId().slice(-8)}`,
        displayName: 'Tài khoản thử',
        password: 'mat-khau-dai-du-12',
        role,
        villageIds: ids(),
      },
    });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 400)
      expect(res.json().error.details).toEqual([expect.objectContaining({ path: 'villageIds' })]);
  });

  it("keeps the commune's report in the office scope, out of every team's pull", async () => {
    const res = await push(h.app, token('canbo'), [
      reportChange(COMMUNE_OFFICE_ID, 'commune', 1, { task1: 'Phát 24 tin' }),
    ]);
    expect(res.statusCode).toBe(200);
    expect((await rowsOf('canbo')).some((r) => r.t === 'reports' && r.g === COMMUNE_OFFICE_ID)).toBe(true);
    for (const user of ['lead-a', 'member-a', 'school']) {
      expect(
        (await rowsOf(user)).filter((r) => r.g === COMMUNE_OFFICE_ID),
        user,
      ).toEqual([]);
    }
    // A lead cannot write into it either.
    const before = await storedCounts(h);
    const lead = await push(h.app, token('lead-a'), [edit(COMMUNE_OFFICE_ID, 1, { task2: 'x' })]);
    expect(lead.statusCode).toBe(403);
    expect(await storedCounts(h)).toEqual(before);
  });

  it.each([
    ['a commune-level report outside the office scope', () => reportChange(VILLAGE_A, 'commune', 1)],
    ['a village-level report in the office scope', () => reportChange(COMMUNE_OFFICE_ID, 'village', 2)],
    [
      'a report whose id is not derived from scope, quarter and version',
      () => ({ ...reportChange(VILLAGE_A, 'village', 1), rowId: newId() }),
    ],
    ["figures outside their unit's scope", () => figuresChange(SCHOOL, {}, { villageId: CLINIC })],
    ['a household in the office scope', () => householdChange(COMMUNE_OFFICE_ID)],
    ['a draft that sets its own status', () => reportChange(VILLAGE_A, 'village', 3, { status: 'draft' })],
    [
      'a submission without its frozen figures',
      () =>
        edit(COMMUNE_OFFICE_ID, 1, {
          status: 'submitted',
          submittedBy: 'Hoàng Văn Thắng',
          submittedAt: CREATED,
        }),
    ],
    [
      'a submission whose snapshot is not a report',
      () =>
        edit(COMMUNE_OFFICE_ID, 1, {
          status: 'submitted',
          submittedBy: 'Hoàng Văn Thắng',
          submittedAt: CREATED,
          snapshot: { a: 1 },
        }),
    ],
    [
      "a submission whose snapshot is another version's",
      () =>
        edit(COMMUNE_OFFICE_ID, 1, {
          status: 'submitted',
          submittedBy: 'Hoàng Văn Thắng',
          submittedAt: CREATED,
          snapshot: snapshotOf(COMMUNE_OFFICE_ID, 'commune', 2),
        }),
    ],
    [
      'a submission signed in another name',
      () => submission(COMMUNE_OFFICE_ID, 1, 'commune', 'Chủ tịch UBND xã'),
    ],
  ])('refuses %s (400), storing nothing', async (_what, make) => {
    const before = await storedCounts(h);
    const res = await push(h.app, token('canbo'), [make()]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('invalid_changes');
    expect(await storedCounts(h)).toEqual(before);
  });

  it("merges two officers' edits of one draft's texts by field", async () => {
    const draft = reportChange(VILLAGE_A, 'village', 1);
    expect((await push(h.app, token('lead-a'), [draft])).statusCode).toBe(200);
    const one = edit(VILLAGE_A, 1, {
      task15: 'Mở 6 lớp cho người cao tuổi',
      difficulties: 'Sóng yếu ở xóm Nà Đon',
    });
    const two = edit(VILLAGE_A, 1, {
      task19: 'Kích hoạt mức 2 cho 120 người',
      proposals: 'Thêm 2 điện thoại',
    });
    expect((await push(h.app, token('canbo'), [one])).statusCode).toBe(200);
    expect((await push(h.app, token('canbo2'), [two])).statusCode).toBe(200);
    const row = (await rowsOf('lead-a')).find((r) => r.t === 'reports' && r.g === VILLAGE_A);
    expect(row?.d).toMatchObject({
      task15: 'Mở 6 lớp cho người cao tuổi',
      difficulties: 'Sóng yếu ở xóm Nà Đon',
      task19: 'Kích hoạt mức 2 cho 120 người',
      proposals: 'Thêm 2 điện thoại',
    });
  });

  it('freezes a submitted report: every later change is refused with report_submitted', async () => {
    expect((await push(h.app, token('canbo'), [submission(COMMUNE_OFFICE_ID, 1)])).statusCode).toBe(200);
    const before = await storedCounts(h);
    for (const change of [
      edit(COMMUNE_OFFICE_ID, 1, { task1: 'Sửa sau khi nộp' }),
      edit(COMMUNE_OFFICE_ID, 1, { deletedAt: '2026-01-07T00:00:00.000Z' }),
      submission(COMMUNE_OFFICE_ID, 1),
    ]) {
      const res = await push(h.app, token('canbo2'), [change]);
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'report_submitted',
        details: [expect.objectContaining({ changeId: change.changeId, code: 'report_submitted' })],
      });
    }
    expect(await storedCounts(h)).toEqual(before);
    const row = (await rowsOf('canbo')).find(
      (r) => r.t === 'reports' && r.g === COMMUNE_OFFICE_ID && r.d.version === 1,
    );
    expect(row?.d).toMatchObject({
      status: 'submitted',
      task1: 'Phát 24 tin',
      submittedBy: 'Hoàng Văn Thắng',
    });
  });

  it('refuses an edit queued after a submission in the same push, and keeps the one before', async () => {
    const draft = reportChange(SCHOOL, 'unit', 1, { task13: 'Trước khi nộp' });
    const after = edit(SCHOOL, 1, { task13: 'Sau khi nộp' });
    const res = await push(h.app, token('school'), [draft, submission(SCHOOL, 1), after]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details).toEqual([expect.objectContaining({ changeId: after.changeId })]);
    // The phone sets the refused change aside and pushes the rest again (sync-engine quarantine).
    const again = await push(h.app, token('school'), [draft, submission(SCHOOL, 1)]);
    expect(again.statusCode).toBe(200);
    const row = (await rowsOf('school')).find((r) => r.t === 'reports');
    expect(row?.d).toMatchObject({ status: 'submitted', task13: 'Trước khi nộp' });
  });

  it("refuses a submission composed before a teammate's edit reached the server (report_stale)", async () => {
    const draft = reportChange(VILLAGE_A, 'village', 2);
    expect((await push(h.app, token('canbo'), [draft])).statusCode).toBe(200);
    // Another officer's text arrives first…
    const teammate = edit(VILLAGE_A, 2, { task4: 'Tập huấn cho 30 tiểu thương' });
    expect((await push(h.app, token('canbo2'), [teammate])).statusCode).toBe(200);
    // …then the submission of a copy that had only the draft: task4 was empty when it was composed.
    const stale = { ...submission(VILLAGE_A, 2, 'village'), base: { task4: null, task5: null } };
    const before = await storedCounts(h);
    const res = await push(h.app, token('canbo'), [stale]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'report_stale',
      details: [expect.objectContaining({ changeId: stale.changeId, field: 'task4' })],
    });
    expect(await storedCounts(h)).toEqual(before);
    // Composed again with the teammate's text (its clock in base), it goes through.
    const fresh = { ...submission(VILLAGE_A, 2, 'village'), base: { task4: teammate.hlc, task5: null } };
    expect((await push(h.app, token('canbo'), [fresh])).statusCode).toBe(200);
  });

  it('a correction is a new version that keeps the submitted one', async () => {
    const v2 = reportChange(COMMUNE_OFFICE_ID, 'commune', 2, { task1: 'Phát 26 tin (đính chính)' });
    expect((await push(h.app, token('canbo'), [v2])).statusCode).toBe(200);
    const versions = (await rowsOf('canbo'))
      .filter((r) => r.t === 'reports' && r.g === COMMUNE_OFFICE_ID)
      .map((r) => [r.d.version, r.d.status ?? 'draft', r.d.task1]);
    expect(versions).toEqual(
      expect.arrayContaining([
        [1, 'submitted', 'Phát 24 tin'],
        [2, 'draft', 'Phát 26 tin (đính chính)'],
      ]),
    );
  });
});
