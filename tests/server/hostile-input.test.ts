/**
 * Hostile input that once stopped or stalled the server (issue 14, kinds 1–3): each is refused with
 * a 4xx in the API's error shape, costs work in proportion to what could be valid, and changes
 * nothing.
 */

import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHlc, MAX_COUNTER } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { MAX_FIELDS_PER_CHANGE } from '../../src/core/sync/field-rules';
import { SERVER_NODE } from '../../src/core/sync/server-merge';
import { MAX_ERROR_DETAILS } from '../../src/server/errors.js';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { DEVICE, householdChange, push, stamp, storedCounts, VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

/** Sends raw bytes to a listening server and returns everything it answers before closing. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function bodyOf(raw: string): unknown {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
}

describe.each(backendsForFile('hostile-input.test.ts'))('hostile input on $kind', (backend) => {
  let h: AuthHarness;
  let member: string;
  let other: string;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'hostile_input');
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-b', role: 'member', villageIds: [VILLAGE_B] });
    member = await loginToken(h.app, 'member-a');
    other = await loginToken(h.app, 'member-b');
  });
  afterAll(async () => {
    await h?.close();
  });

  describe('kind 1: no pushed clock puts the server in a failing state', () => {
    it.each([3_000, 60_000, 9 * 60_000])(
      'a change %i ms ahead with counter 99,998 is taken, and everyone’s next push still works',
      async (aheadMs) => {
        const ahead = formatHlc({ wall: Date.now() + aheadMs, counter: 99_998, node: DEVICE });
        expect((await push(h.app, member, [householdChange(VILLAGE_A, { hlc: ahead })])).statusCode).toBe(
          200,
        );
        const again = formatHlc({ wall: Date.now() + aheadMs, counter: MAX_COUNTER, node: DEVICE });
        expect((await push(h.app, member, [householdChange(VILLAGE_A, { hlc: again })])).statusCode).toBe(
          200,
        );
        const next = await push(h.app, other, [
          householdChange(VILLAGE_B, { hlc: stamp('bbbbbbbbbbbbbbbb') }),
        ]);
        expect(next.statusCode).toBe(200);
      },
    );

    it('a change stamped beyond the limit is a 422 with the server’s time, and changes nothing', async () => {
      const before = await storedCounts(h);
      const far = formatHlc({ wall: Date.now() + 11 * 60_000, counter: 99_998, node: DEVICE });
      const res = await push(h.app, member, [householdChange(VILLAGE_A, { hlc: far })]);
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'clock_ahead', serverTime: expect.any(Number) });
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a phone cannot stamp as the server (whose stamps mark privacy clears)', async () => {
      const before = await storedCounts(h);
      const spoofed = householdChange(VILLAGE_A, { hlc: stamp(SERVER_NODE) });
      const res = await push(h.app, member, [spoofed]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ changeId: spoofed.changeId, code: 'reserved_node' }),
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a base clock from the far future moves no clock: later pushes still work', async () => {
      const created = householdChange(VILLAGE_A);
      expect((await push(h.app, member, [created])).statusCode).toBe(200);
      const edit = {
        ...householdChange(VILLAGE_A, { rowId: created.rowId }),
        fields: { membersCount: 5 },
        base: { membersCount: `999999999999999:${MAX_COUNTER}:ffffffffffffffff` },
      };
      const res = await push(h.app, member, [edit]);
      expect(res.statusCode).toBe(200);
      const next = await push(h.app, member, [householdChange(VILLAGE_A)]);
      expect(next.statusCode).toBe(200);
    });
  });

  describe('kind 2: what a request costs is bounded', () => {
    it('500 changes × 800 unknown fields: a 400 of bounded size, one detail per change, nothing stored', async () => {
      const before = await storedCounts(h);
      const junk = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`f${i}`, 1]));
      const changes = Array.from({ length: 500 }, () => householdChange(VILLAGE_A, { fields: junk }));
      const res = await push(h.app, member, changes);
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe('invalid_changes');
      expect(error.details).toHaveLength(500);
      expect(error.details[0]).toMatchObject({ changeId: changes[0]?.changeId, code: 'too_many_fields' });
      // 53.9 MB before the fix.
      expect(res.body.length).toBeLessThan(100_000);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('a change with as many unknown fields as the widest table has gets one detail, not one per field', async () => {
      const junk = Object.fromEntries(
        Array.from({ length: MAX_FIELDS_PER_CHANGE }, (_, i) => [`unknown_${i}`, 'x']),
      );
      const res = await push(h.app, member, [householdChange(VILLAGE_A, { fields: junk })]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toHaveLength(1);
      expect(res.json().error.details[0].code).toBe('unknown_field');
    });

    it('an answer never echoes more than a few hundred characters of what was sent', async () => {
      const name = 'n'.repeat(100_000);
      const res = await push(h.app, member, [householdChange(VILLAGE_A, { fields: { [name]: 1 } })]);
      expect(res.statusCode).toBe(400);
      expect(res.body.length).toBeLessThan(2_000);
    });

    it('a body with 100,000 unexpected keys is refused unread, in bounded size', async () => {
      const junk = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, 1]));
      const res = await push(h.app, member, [householdChange(VILLAGE_A)], junk);
      expect(res.statusCode).toBe(400);
      expect(res.body.length).toBeLessThan(5_000);
    });

    it('a body whose every change is malformed names at most MAX_ERROR_DETAILS of them', async () => {
      const res = await push(
        h.app,
        member,
        Array.from({ length: 500 }, () => ({
          changeId: 1,
          table: 2,
          rowId: 3,
          villageId: 4,
          fields: 5,
          hlc: 6,
        })),
      );
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.details.length).toBeLessThanOrEqual(MAX_ERROR_DETAILS);
      expect(error.detailsOmitted).toBeGreaterThan(0);
    });
  });

  describe('kind 3: no 5xx and one error shape for any client input', () => {
    it('two different changes under one change id in one push are refused, not one silently dropped', async () => {
      const before = await storedCounts(h);
      const one = householdChange(VILLAGE_A);
      const twin = { ...householdChange(VILLAGE_A), changeId: one.changeId };
      const res = await push(h.app, member, [one, twin]);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.details).toEqual([
        expect.objectContaining({ changeId: one.changeId, code: 'change_id_reused' }),
      ]);
      expect(await storedCounts(h)).toEqual(before);
    });

    it('the same change twice in one push (a retry) is applied once', async () => {
      const one = householdChange(VILLAGE_A);
      const res = await push(h.app, member, [one, { ...one }]);
      expect(res.statusCode).toBe(200);
      expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['applied', 'duplicate']);
    });

    it('a DELETE that names a JSON content type but sends no body is not a broken body', async () => {
      const res = await h.app.inject({
        method: 'DELETE',
        url: `/api/admin/users/${newId()}/devices`,
        headers: { ...bearer(member), 'content-type': 'application/json' },
      });
      // A member may not manage accounts: refused for who they are, not for the empty body.
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).not.toBe('bad_json');
    });

    it('a POST with a JSON content type and no body is still a 400 bad_json', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { ...bearer(member), 'content-type': 'application/json' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('bad_json');
    });

    it('a prototype-polluting body is refused as before', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/sync/push',
        headers: { ...bearer(member), 'content-type': 'application/json' },
        payload: '{"deviceId":"aaaaaaaaaaaaaaaa","changes":[],"__proto__":{"admin":true}}',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toEqual({ code: expect.any(String), message: expect.any(String) });
    });

    describe('errors raised before routing, on a listening server', () => {
      let port: number;
      beforeAll(async () => {
        await h.app.listen({ port: 0, host: '127.0.0.1' });
        port = (h.app.server.address() as AddressInfo).port;
      });

      it.each(['/api/%c0%ae', '/api/sync/%E0%A4%A', '/%ff'])(
        'a broken percent-encoding (%s) is a 400 bad_url',
        async (path) => {
          const raw = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
          expect(raw.startsWith('HTTP/1.1 400')).toBe(true);
          expect(bodyOf(raw)).toEqual({ error: { code: 'bad_url', message: expect.any(String) } });
        },
      );

      it('headers too large are a 431 in the same shape', async () => {
        const raw = await rawRequest(
          port,
          `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(40_000)}\r\nConnection: close\r\n\r\n`,
        );
        expect(raw.startsWith('HTTP/1.1 431')).toBe(true);
        expect(bodyOf(raw)).toEqual({ error: { code: 'headers_too_large', message: expect.any(String) } });
      });

      it('bytes that are not HTTP are a 400 in the same shape', async () => {
        const raw = await rawRequest(port, 'HELLO THERE\r\n\r\n');
        expect(raw.startsWith('HTTP/1.1 400')).toBe(true);
        expect(bodyOf(raw)).toEqual({ error: { code: 'bad_request', message: expect.any(String) } });
      });
    });
  });
});
