/**
 * The commune's targets on the sync endpoints (issue 18, item 3): rows of the commune's own scope
 * (COMMUNE_VILLAGE_ID), which every account pulls and only commune officers push; a target's id is
 * derived from its year and indicator; and nothing else may live in the commune's scope.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { targetId } from '../../src/core/ids';
import { COMMUNE_VILLAGE_ID } from '../../src/core/sync/scope';
import { type AuthHarness, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import {
  householdChange,
  pull,
  push,
  residentChange,
  rowChange,
  storedCounts,
  VILLAGE_A,
} from './sync-fixtures.js';

const CREATED = '2026-11-25T08:00:00.000Z';

function targetChange(year: number, code: string, overrides: Partial<Change> = {}): Change {
  return rowChange(
    'targets',
    COMMUNE_VILLAGE_ID,
    { year, code, percent: 97, above: false, createdAt: CREATED },
    { rowId: targetId(year, code), ...overrides },
  );
}

describe.each(backendsForFile('targets-sync.test.ts'))('commune targets on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'targets_sync');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'no-village', role: 'member', villageIds: [] });
    await createUser(h.db, { username: 'canbo', role: 'commune' });
    for (const u of ['member-a', 'lead-a', 'no-village', 'canbo']) tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("stores a commune officer's target, and every account's pull returns it", async () => {
    const change = targetChange(2025, 'c');
    const res = await push(h.app, token('canbo'), [change]);
    expect(res.statusCode).toBe(200);
    for (const user of ['member-a', 'lead-a', 'no-village']) {
      const rows: Array<{ t: string; i: string; g: string; d: Record<string, unknown> }> = (
        await pull(h.app, token(user), 0, 5000)
      ).json().rows;
      const target = rows.find((r) => r.t === 'targets');
      expect(target, user).toMatchObject({
        i: targetId(2025, 'c'),
        g: COMMUNE_VILLAGE_ID,
        d: { year: 2025, code: 'c', percent: 97 },
      });
    }
  });

  it.each(['member-a', 'lead-a'])(
    'refuses a target pushed by a team account (%s): village_forbidden',
    async (user) => {
      const before = await storedCounts(h);
      const change = targetChange(2026, 'id');
      const res = await push(h.app, token(user), [change]);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('village_forbidden');
      expect(res.json().error.details).toEqual([expect.objectContaining({ changeId: change.changeId })]);
      expect(await storedCounts(h)).toEqual(before);
    },
  );

  it('refuses a target whose id is not derived from its year and indicator', async () => {
    const before = await storedCounts(h);
    const change = targetChange(2026, 'a', { rowId: targetId(2026, 'b') });
    const res = await push(h.app, token('canbo'), [change]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ changeId: change.changeId, field: 'rowId' }),
    ]);
    expect(await storedCounts(h)).toEqual(before);
  });

  it("refuses a target outside the commune's scope", async () => {
    const before = await storedCounts(h);
    const change = targetChange(2026, 'dd', { villageId: VILLAGE_A });
    const res = await push(h.app, token('canbo'), [change]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ changeId: change.changeId, code: 'village_mismatch' }),
    ]);
    expect(await storedCounts(h)).toEqual(before);
  });

  it.each(['canbo', 'member-a'])(
    "refuses a household or resident in the commune's scope (pushed by %s)",
    async (user) => {
      const before = await storedCounts(h);
      const household = householdChange(COMMUNE_VILLAGE_ID);
      const res = await push(h.app, token(user), [household]);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      const resident = residentChange(COMMUNE_VILLAGE_ID, household.rowId);
      const res2 = await push(h.app, token(user), [resident]);
      expect(res2.statusCode).toBeGreaterThanOrEqual(400);
      expect(res2.statusCode).toBeLessThan(500);
      if (user === 'canbo') {
        expect(res.json().error.details).toEqual([
          expect.objectContaining({ changeId: household.changeId, code: 'village_mismatch' }),
        ]);
      }
      expect(await storedCounts(h)).toEqual(before);
    },
  );

  it('refuses a register status learned on a day not yet come (issue 18, date-rules)', async () => {
    const household = householdChange(VILLAGE_A);
    expect((await push(h.app, token('member-a'), [household])).statusCode).toBe(200);
    const before = await storedCounts(h);
    const moved = { ...householdChange(VILLAGE_A), rowId: household.rowId };
    moved.fields = { status: 'moved_out', statusOn: '2999-01-01' };
    const res = await push(h.app, token('member-a'), [moved]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      expect.objectContaining({ changeId: moved.changeId, code: 'implausible_date', field: 'statusOn' }),
    ]);
    expect(await storedCounts(h)).toEqual(before);
  });
});
