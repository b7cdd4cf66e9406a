/**
 * The server refuses data DESIGN §7 never stores, in every form it comes in (issue 14, kind 6): in any
 * pushed record text, and in account names. A refusal is a 4xx naming the rule, and stores nothing;
 * a failed login keeps no ID number typed as a username in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import {
  type AuthHarness,
  bearer,
  createUser,
  login,
  loginToken,
  startAuthHarness,
  tableCounts,
} from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import {
  fieldWork,
  householdChange,
  push,
  residentChange,
  rowChange,
  storedCounts,
  VILLAGE_A,
} from './sync-fixtures.js';

/** The forms the issue found stored in notes, and more of each kind. */
const FORBIDDEN = [
  ['001-203-004567', 'err.idNumberInText'],
  ['0012 0300 4567', 'err.idNumberInText'],
  ['００１２０３００４５６７', 'err.idNumberInText'],
  ['001/203/004/567', 'err.idNumberInText'],
  ['٠٠١٢٠٣٠٠٤٥٦٧', 'err.idNumberInText'],
  ['CMND 1 2 3 4 5 6 7 8 9', 'err.idNumberInText'],
  ['Mã OTP: 482913', 'err.otpInText'],
  ['ma OTP la 482913', 'err.otpInText'],
  ['mật khẩu VNeID: abc123', 'err.passwordInText'],
  ['mat khau ngan hang la 246810', 'err.passwordInText'],
] as const;

describe.each(backendsForFile('forbidden-data.test.ts'))('forbidden data on $kind', (backend) => {
  let h: AuthHarness;
  let member: string;
  let commune: string;
  const household = householdChange(VILLAGE_A);
  const resident = residentChange(VILLAGE_A, household.rowId);

  async function auditRows(): Promise<Array<{ action: string; detail: Record<string, unknown> }>> {
    const { rows } = await h.db.query<{ action: string; detail: Record<string, unknown> }>(
      'select action, detail from audit_log order by id',
    );
    return rows;
  }

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'forbidden_data');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'commune', role: 'commune' });
    member = await loginToken(h.app, 'member-a');
    commune = await loginToken(h.app, 'commune');
    expect((await push(h.app, member, [household, resident])).statusCode).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('a push with forbidden data in any record text is refused whole and stores nothing', () => {
    const where: ReadonlyArray<readonly [string, (text: string) => Change]> = [
      [
        'a household note',
        (t) => householdChange(VILLAGE_A, { rowId: household.rowId, fields: { notes: t } }),
      ],
      ['a resident name', (t) => residentChange(VILLAGE_A, household.rowId, { name: `Lò Thị Xuân ${t}` })],
      [
        'a visit note',
        (t) =>
          rowChange('visits', VILLAGE_A, { ...fieldWork.visit(household.rowId, resident.rowId), notes: t }),
      ],
    ];
    const cases = where.flatMap(([name, make]) =>
      FORBIDDEN.map(([text, code]) => [name, text, code, make] as const),
    );

    it.each(cases)('%s holding %j → 400 %s', async (_name, text, code, make) => {
      const before = await storedCounts(h);
      const bad = make(text);
      // A valid change in the same push is not stored either: a push is taken whole or not at all.
      const fine = householdChange(VILLAGE_A);
      const res = await push(h.app, member, [fine, bad]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('invalid_changes');
      expect(res.json().error.details).toEqual([
        expect.objectContaining({
          changeId: bad.changeId,
          code: 'invalid_value',
          message: expect.stringContaining(code),
        }),
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('the same texts without the secret are stored', async () => {
      const change = householdChange(VILLAGE_A, {
        fields: {
          ...householdChange(VILLAGE_A).fields,
          notes: 'Con sinh 2010 2012 2015, gọi 0912 345 678. Đã đổi mật khẩu VNeID.',
        },
      });
      expect((await push(h.app, member, [change])).statusCode).toBe(200);
    });
  });

  describe('account names', () => {
    const createAccount = (fields: Record<string, unknown>) =>
      h.app.inject({
        method: 'POST',
        url: '/api/admin/users',
        headers: bearer(commune),
        payload: {
          username: 'lan.ht',
          password: 'mat-khau-dai',
          displayName: 'Hoàng Thị Lan',
          role: 'member',
          villageIds: [VILLAGE_A],
          ...fields,
        },
      });

    it.each([
      ['displayName', 'Lan 001 203 004 567', 'err.idNumberInText'],
      ['displayName', 'Hoàng Thị Lan (mk: lan12345)', 'err.passwordInText'],
      ['username', '001203004567', 'err.idNumberInText'],
      ['username', 'lan.123456789', 'err.idNumberInText'],
    ])(
      'an admin creating an account with %s %j gets 400 %s, and nothing is stored',
      async (field, value, code) => {
        const before = await tableCounts(h.db);
        const res = await createAccount({ [field]: value });
        expect(res.statusCode).toBe(400);
        expect(res.json().error).toMatchObject({
          code: 'invalid_request',
          details: [expect.objectContaining({ path: field, message: code })],
        });
        expect(await tableCounts(h.db)).toEqual(before);
      },
    );

    it('renaming an account to a name holding an OTP is a 400', async () => {
      const created = await createAccount({ username: 'hoa.lt', displayName: 'Lục Thị Hoa' });
      expect(created.statusCode).toBe(201);
      const res = await h.app.inject({
        method: 'PATCH',
        url: `/api/admin/users/${created.json().id}`,
        headers: bearer(commune),
        payload: { displayName: 'Hoa, mã OTP 482913' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ path: 'displayName', message: 'err.otpInText' }),
      ]);
    });

    it('setup refuses a display name holding an ID number before anything else (400, not 409)', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { username: 'canbo.xa', password: 'mat-khau-dai', displayName: 'CCCD 001203004567' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ path: 'displayName', message: 'err.idNumberInText' }),
      ]);
    });

    it('logging in with an ID number as the device name is a 400, with no token and no audit row', async () => {
      const before = await tableCounts(h.db);
      const res = await login(h.app, 'member-a', undefined, 'Máy của bà 001203004567');
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toMatchObject({
        code: 'invalid_request',
        details: [expect.objectContaining({ path: 'deviceName', message: 'err.idNumberInText' })],
      });
      expect(await tableCounts(h.db)).toEqual(before);
    });
  });

  describe('the audit log of failed logins', () => {
    it('keeps an ID number typed as a username only as "[unknown account]"', async () => {
      const res = await login(h.app, '001203004567', 'sai mat khau');
      expect(res.statusCode).toBe(401);
      const last = (await auditRows()).at(-1);
      expect(last).toEqual({
        action: 'login.failure',
        detail: expect.objectContaining({ username: '[unknown account]', reason: 'unknown_user' }),
      });
      const dump = await h.db.query('select a::text as row from audit_log a');
      expect(JSON.stringify(dump.rows)).not.toContain('001203004567');
    });

    it('keeps no unknown username (a password typed into the wrong box looks like one), and the account’s own on a wrong password', async () => {
      expect((await login(h.app, 'passw0rd-lan', 'sai mat khau')).statusCode).toBe(401);
      expect((await auditRows()).at(-1)?.detail).toMatchObject({
        username: '[unknown account]',
        reason: 'unknown_user',
      });
      const dump = await h.db.query('select a::text as row from audit_log a');
      expect(JSON.stringify(dump.rows)).not.toContain('passw0rd-lan');
      expect((await login(h.app, ' Member-A ', 'sai mat khau')).statusCode).toBe(401);
      expect((await auditRows()).at(-1)?.detail).toMatchObject({
        username: 'member-a',
        reason: 'bad_password',
      });
    });

    it('an old account whose username is an ID number still logs in (only new ones are refused)', async () => {
      await createUser(h.db, { username: '123456789', role: 'member', villageIds: [VILLAGE_A] });
      expect((await login(h.app, '123456789')).statusCode).toBe(200);
    });
  });
});
