/**
 * Forbidden data stored before the check (issue 14, kind 6) is hidden once wherever the server kept
 * it: the register (phones pull the hidden value), the change and conflict logs, the audit log,
 * display and device names. Ordinary numbers, ids and clocks are left as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { runRepairs } from '../../src/server/db/repairs.js';
import { type AuthHarness, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { pull, VILLAGE_A } from './sync-fixtures.js';

const OLD_CLOCK = '001764000000000:00000:aaaaaaaaaaaaaaaa';
/** What older servers let through, as the issue found it in notes. */
const SECRETS = ['0012 0300 4567', '００１２０３００４５６７', '482913', 'abc123', '001203004567'];

interface PulledRow {
  i: string;
  s: number;
  h: string;
  d: Record<string, unknown>;
  f?: Record<string, string>;
}

describe.each(backendsForFile('forbidden-repair.test.ts'))(
  'hiding stored forbidden data on $kind',
  (backend) => {
    let h: AuthHarness;
    let token: string;
    const householdId = newId();
    const residentId = newId();
    const changeId = newId();

    async function everything(): Promise<string> {
      const { rows } = await h.db.query<{ row: string }>(
        `select r::text as row from records r union all select c::text from changes c
       union all select c::text from conflicts c union all select a::text from audit_log a
       union all select u::text from users u union all select t::text from tokens t`,
      );
      return rows.map((r) => r.row).join('\n');
    }

    beforeAll(async () => {
      h = await startAuthHarness(backend, 'forbidden_repair');
      const member = await createUser(h.db, {
        username: 'member-a',
        role: 'member',
        villageIds: [VILLAGE_A],
        displayName: 'Lan CCCD 001203004567',
      });
      token = await loginToken(h.app, 'member-a');
      const household = {
        label: 'Lò Văn Pằng',
        notes: 'CCCD 0012 0300 4567, gọi 0912 345 678',
        membersCount: 3,
        poor: false,
      };
      const resident = {
        householdId,
        name: 'Lò Thị Xuân',
        birthYear: 1980,
        groups: [],
        consent: {
          purposes: ['skills_support'],
          collectedBy: 'Hoa, mã OTP 482913',
          collectedAt: '2026-01-05T08:00:00.000Z',
        },
      };
      const clocks = (values: object) =>
        JSON.stringify(Object.fromEntries(Object.keys(values).map((k) => [k, OLD_CLOCK])));
      // As an older server stored them.
      await h.db.query(
        `insert into records (tbl, id, village_id, data, clocks, seq) values
        ('households', $1, $3, $4::jsonb, $5::jsonb, 1), ('residents', $2, $3, $6::jsonb, $7::jsonb, 2)`,
        [
          householdId,
          residentId,
          VILLAGE_A,
          JSON.stringify(household),
          clocks(household),
          JSON.stringify(resident),
          clocks(resident),
        ],
      );
      await h.db.query(
        `insert into changes (seq, change_id, tbl, row_id, village_id, fields, hlc, user_id, device_id)
       values (1, $1, 'households', $2, $3, $4::jsonb, $5, $6, 'aaaaaaaaaaaaaaaa')`,
        [changeId, householdId, VILLAGE_A, JSON.stringify(household), OLD_CLOCK, member.id],
      );
      await h.db.query(
        `insert into conflicts (tbl, row_id, village_id, field, winner_value, winner_hlc, loser_value, loser_hlc)
       values ('households', $1, $2, 'notes', $3::jsonb, $4, $5::jsonb, $4)`,
        [
          householdId,
          VILLAGE_A,
          JSON.stringify('Đã gặp'),
          OLD_CLOCK,
          JSON.stringify('mật khẩu VNeID: abc123'),
        ],
      );
      await h.db.query(`insert into audit_log (action, detail) values ('login.failure', $1::jsonb)`, [
        JSON.stringify({ username: '００１２０３００４５６７', reason: 'unknown_user' }),
      ]);
      await h.db.query(`update tokens set device_name = 'Máy bà Lan 001203004567'`);
      await h.db.query(`update sync_state set last_seq = 2`);
      await h.db.query(`delete from maintenance where name = '2026-12-redact-forbidden-data'`);
    });
    afterAll(async () => {
      await h?.close();
    });

    it('hides every stored secret in every table, and nothing else', async () => {
      for (const secret of SECRETS) expect(await everything()).toContain(secret);
      await runRepairs(h.db);
      const kept = await everything();
      for (const secret of SECRETS) expect(kept).not.toContain(secret);

      const { rows } = await h.db.query<{ detail: Record<string, number> }>(
        `select detail from maintenance where name = '2026-12-redact-forbidden-data'`,
      );
      expect(rows[0]?.detail).toEqual({
        records: 2,
        changes: 1,
        conflicts: 1,
        audit: 1,
        devices: 1,
        displayNames: 1,
        usernames: 0,
      });
      const log = await h.db.query<{ fields: Record<string, unknown>; change_id: string }>(
        'select fields, change_id from changes where seq = 1',
      );
      // The logged change keeps its id (idempotency) and its other values.
      expect(log.rows[0]).toEqual({
        change_id: changeId,
        fields: { label: 'Lò Văn Pằng', notes: 'CCCD ***, gọi 0912 345 678', membersCount: 3, poor: false },
      });
      const audit = await h.db.query<{ detail: unknown }>(
        `select detail from audit_log where action = 'login.failure'`,
      );
      expect(audit.rows.map((r) => r.detail)).toContainEqual({
        username: '[redacted: id_number]',
        reason: 'unknown_user',
      });
    });

    it('phones pull the hidden values with newer clocks; untouched fields keep theirs', async () => {
      const rows: PulledRow[] = (await pull(h.app, token, 0, 5000)).json().rows;
      const household = rows.find((r) => r.i === householdId);
      const resident = rows.find((r) => r.i === residentId);
      expect(household?.d).toMatchObject({ label: 'Lò Văn Pằng', notes: 'CCCD ***, gọi 0912 345 678' });
      expect(resident?.d.consent).toMatchObject({ collectedBy: 'Hoa, ***' });
      expect(household?.s).toBeGreaterThan(2);
      expect((household?.f?.notes ?? household?.h ?? '') > OLD_CLOCK).toBe(true);
      expect(household?.f?.label ?? household?.h).toBe(OLD_CLOCK);
    });

    it('changes nothing when run again', async () => {
      const before = await everything();
      await h.db.query(`delete from maintenance where name = '2026-12-redact-forbidden-data'`);
      await runRepairs(h.db);
      const { rows } = await h.db.query<{ detail: Record<string, number> }>(
        `select detail from maintenance where name = '2026-12-redact-forbidden-data'`,
      );
      expect(rows[0]?.detail).toEqual({
        records: 0,
        changes: 0,
        conflicts: 0,
        audit: 0,
        devices: 0,
        displayNames: 0,
        usernames: 0,
      });
      expect(await everything()).toEqual(before);
    });
  },
);
