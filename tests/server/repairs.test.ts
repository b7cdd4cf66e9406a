/**
 * The data repair of issue 13 (kinds 1 and 7): rows stored before text was kept in NFC and ids in
 * lower case are rewritten once, with new clocks and sequence numbers so phones pull the repair.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/core/ids';
import { REPAIRS, runRepairs } from '../../src/server/db/repairs.js';
import { type AuthHarness, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { householdChange, pull, push, VILLAGE_A } from './sync-fixtures.js';

const NFD_LANE = 'Xóm Nà Pài'.normalize('NFD');
const OLD_CLOCK = '001764000000000:00000:aaaaaaaaaaaaaaaa';

interface PulledRow {
  i: string;
  s: number;
  h: string;
  d: Record<string, unknown>;
  f?: Record<string, string>;
}

describe.each(backendsForFile('repairs.test.ts'))('data repairs on $kind', (backend) => {
  let h: AuthHarness;
  let token: string;
  const householdId = newId();
  const residentId = newId();

  async function pulledRows(): Promise<PulledRow[]> {
    return (await pull(h.app, token, 0, 5000)).json().rows;
  }

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'repairs');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    token = await loginToken(h.app, 'member-a');
    // Written as an older server stored them: the repair already ran on this empty database, so it
    // is forgotten here to run again over these rows.
    await h.db.query(
      `insert into records (tbl, id, village_id, data, clocks, seq) values
        ('households', $1, $3, $4::jsonb, $6::jsonb, 1),
        ('residents', $2, $3, $5::jsonb, $7::jsonb, 2)`,
      [
        householdId,
        residentId,
        VILLAGE_A,
        JSON.stringify({ label: 'Lò  Văn Pằng ', lane: NFD_LANE, membersCount: 3, poor: false }),
        JSON.stringify({
          householdId: householdId.toUpperCase(),
          name: 'Lò Thị Xuân',
          birthYear: 1980,
          groups: [],
        }),
        JSON.stringify({ label: OLD_CLOCK, lane: OLD_CLOCK, membersCount: OLD_CLOCK, poor: OLD_CLOCK }),
        JSON.stringify({ householdId: OLD_CLOCK, name: OLD_CLOCK, birthYear: OLD_CLOCK, groups: OLD_CLOCK }),
      ],
    );
    await h.db.query(`update sync_state set last_seq = 2`);
    await h.db.query(`delete from maintenance`);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('rewrites decomposed text, stray spaces and upper-case ids once, with newer clocks and sequence numbers', async () => {
    await runRepairs(h.db);
    const rows = await pulledRows();
    const household = rows.find((r) => r.i === householdId);
    const resident = rows.find((r) => r.i === residentId);
    expect(household?.d.lane).toBe('Xóm Nà Pài'.normalize('NFC'));
    expect(household?.d.label).toBe('Lò Văn Pằng');
    expect(resident?.d.householdId).toBe(householdId);
    expect(household?.s).toBeGreaterThan(2);
    const laneClock = household?.f?.lane ?? household?.h ?? '';
    expect(laneClock > OLD_CLOCK).toBe(true);
    // Fields that needed nothing keep their clocks: a phone's concurrent edit of them is unaffected.
    expect(household?.f?.membersCount ?? household?.h).toBe(OLD_CLOCK);
    const { rows: done } = await h.db.query<{ name: string }>('select name from maintenance');
    expect(done.map((r) => r.name)).toEqual(REPAIRS.map((r) => r.name));
  });

  it('changes nothing when run again, and a recorded repair is not run at all', async () => {
    const before = await pulledRows();
    await h.db.query(`delete from maintenance`);
    await runRepairs(h.db);
    await runRepairs(h.db);
    expect(await pulledRows()).toEqual(before);
  });

  it('new pushes are stored in the same form, so no repair is needed again', async () => {
    const change = householdChange(VILLAGE_A, {
      fields: { ...householdChange(VILLAGE_A).fields, lane: `  ${NFD_LANE}\u200b ` },
    });
    expect((await push(h.app, token, [change])).statusCode).toBe(200);
    const row = (await pulledRows()).find((r) => r.i === change.rowId);
    expect(row?.d.lane).toBe('Xóm Nà Pài'.normalize('NFC'));
  });
});
