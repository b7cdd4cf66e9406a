/**
 * The data epoch (issue 16): after the server's data is restored from an older backup, a phone whose
 * cursor came from the replaced data is told so (409 data_restored) by its next pull or push, instead of
 * an empty page or a push stored against rows the server no longer has. On PGlite, and on PostgreSQL
 * when DATABASE_URL is set.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { restoreBackup } from '../../src/server/backup/restore-backup.js';
import { writeBackup } from '../../src/server/backup/write-backup.js';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile, makeTempDir, removeDir } from './helpers.js';
import { DEVICE, householdChange, storedCounts, VILLAGE_A } from './sync-fixtures.js';

describe.each(backendsForFile('data-restored'))(
  'a cursor of another copy of the data, on $kind',
  (backend) => {
    let h: AuthHarness;
    let token: string;
    let dir: string;

    beforeAll(async () => {
      h = await startAuthHarness(backend, 'data_restored');
      await createUser(h.db, { username: 'can.bo', role: 'commune' });
      token = await loginToken(h.app, 'can.bo');
      dir = await makeTempDir('data-restored');
    });
    afterAll(async () => {
      await h.close();
      await removeDir(dir);
    });

    const headers = () => ({ ...bearer(token), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });
    const pull = (query: string) =>
      h.app.inject({ method: 'GET', url: `/api/sync/pull?${query}`, headers: headers() });
    const push = (changes: Change[], query = '') =>
      h.app.inject({
        method: 'POST',
        url: `/api/sync/push${query}`,
        headers: headers(),
        payload: { deviceId: DEVICE, changes },
      });
    const households = (n: number) => Array.from({ length: n }, () => householdChange(VILLAGE_A));

    it('pulls and pushes of the replaced data are answered data_restored; nothing of such a push is stored', async () => {
      expect((await push(households(5))).statusCode).toBe(200);
      const first = (await pull('since=0')).json();
      const oldEpoch: string = first.epoch;
      expect(oldEpoch).toMatch(/^[0-9a-f-]{36}$/);
      const { file } = await writeBackup(h.db, { dir });

      // The phone goes on after the backup: its cursor passes the backup's last number.
      expect((await push(households(5), `?epoch=${oldEpoch}`)).statusCode).toBe(200);
      const later = (await pull(`since=${first.cursor}&scope=all&epoch=${oldEpoch}`)).json();
      expect(later.cursor).toBeGreaterThan(first.cursor);
      expect(later.epoch).toBe(oldEpoch);

      const report = await restoreBackup(h.db, file, { force: true });
      const restored = { code: 'data_restored', epoch: report.epoch, lastSeq: first.cursor };
      for (const query of [
        `since=${later.cursor}&scope=all&epoch=${oldEpoch}`,
        // An older app sends no epoch: its cursor past the last number still tells.
        `since=${later.cursor}&scope=all`,
        // A cursor within the restored numbers, but from the other copy.
        `since=${first.cursor}&scope=all&epoch=${oldEpoch}`,
        `since=0&epoch=${oldEpoch}`,
      ]) {
        const res = await pull(query);
        expect(res.statusCode, query).toBe(409);
        expect(res.json().error).toMatchObject(restored);
      }

      const before = await storedCounts(h);
      const stale = await push(households(3), `?epoch=${oldEpoch}`);
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject(restored);
      expect(await storedCounts(h)).toEqual(before);

      // From the start, the phone learns the new epoch and goes on with it.
      const again = await pull('since=0');
      expect(again.statusCode).toBe(200);
      expect(again.json().epoch).toBe(report.epoch);
      expect((await push(households(1), `?epoch=${report.epoch}`)).statusCode).toBe(200);
      expect(
        (await pull(`since=${again.json().cursor}&scope=all&epoch=${report.epoch.toUpperCase()}`)).statusCode,
      ).toBe(200);
      const bad = await pull('since=0&epoch=not-an-epoch');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('invalid_request');
    });
  },
);
