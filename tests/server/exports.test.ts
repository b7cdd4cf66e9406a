/**
 * POST /api/exports (issue 17, item 6; DESIGN §7): an export of the register is written to the audit
 * log, by whom, of which villages, in which format and how big; only by those who may see every
 * village named; a refused request records nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AuthHarness, bearer, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { VILLAGE_A, VILLAGE_B } from './sync-fixtures.js';

type Who = 'commune' | 'leadA' | 'memberA';

interface AuditEntry {
  action: string;
  user_id: string | null;
  detail: Record<string, unknown>;
}

describe.each(backendsForFile('exports.test.ts'))('register exports on $kind', (backend) => {
  let h: AuthHarness;
  const tokens = {} as Record<Who, string>;
  const userIds = {} as Record<Who, string>;

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'exports');
    const users: [Who, 'commune' | 'lead' | 'member', string[]][] = [
      ['commune', 'commune', []],
      ['leadA', 'lead', [VILLAGE_A]],
      ['memberA', 'member', [VILLAGE_A]],
    ];
    for (const [who, role, villageIds] of users) {
      userIds[who] = (await createUser(h.db, { username: who.toLowerCase(), role, villageIds })).id;
      tokens[who] = await loginToken(h.app, who.toLowerCase());
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  async function exportsLogged(): Promise<AuditEntry[]> {
    const { rows } = await h.db.query<AuditEntry>(
      `select action, user_id, detail from audit_log where action = 'register.export' order by id`,
    );
    return rows;
  }

  function post(who: Who | undefined, body: unknown) {
    return h.app.inject({
      method: 'POST',
      url: '/api/exports',
      headers: who ? bearer(tokens[who]) : {},
      payload: body as Record<string, unknown>,
    });
  }

  /** Asks, and checks a refusal left the audit log as it was. */
  async function refused(who: Who | undefined, body: unknown, status: number, code: string) {
    const before = await exportsLogged();
    const res = await post(who, body);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json()).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
    expect(await exportsLogged()).toEqual(before);
    return res;
  }

  const communeExport = {
    scope: 'commune',
    villageIds: [VILLAGE_A, VILLAGE_B],
    format: 'xlsx',
    households: 120,
    residents: 431,
  };

  it('records a commune officer’s commune-wide export, with who, what and how much', async () => {
    const before = (await exportsLogged()).length;
    const res = await post('commune', communeExport);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ ok: true });
    const logged = await exportsLogged();
    expect(logged).toHaveLength(before + 1);
    expect(logged.at(-1)).toEqual({
      action: 'register.export',
      user_id: userIds.commune,
      detail: {
        scope: 'commune',
        villageIds: [VILLAGE_A, VILLAGE_B],
        format: 'xlsx',
        households: 120,
        residents: 431,
      },
    });
  });

  it('shows the export in the officers’ audit list', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/api/admin/audit',
      headers: bearer(tokens.commune),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().entries).toContainEqual(
      expect.objectContaining({ action: 'register.export', userId: userIds.commune, detail: communeExport }),
    );
  });

  it('records a lead’s export of their own village, ids in one spelling', async () => {
    const res = await post('leadA', {
      scope: 'village',
      villageIds: [VILLAGE_A.toUpperCase()],
      format: 'csv',
      households: 3,
      residents: 0,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect((await exportsLogged()).at(-1)).toMatchObject({
      user_id: userIds.leadA,
      detail: { scope: 'village', villageIds: [VILLAGE_A], format: 'csv', households: 3, residents: 0 },
    });
  });

  it('lets a commune officer export any one village', async () => {
    const res = await post('commune', { ...communeExport, scope: 'village', villageIds: [VILLAGE_B] });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('refuses a lead another village, or the whole commune, and records nothing', async () => {
    await refused('leadA', { ...communeExport, scope: 'village', villageIds: [VILLAGE_B] }, 403, 'forbidden');
    await refused('leadA', { ...communeExport, villageIds: [VILLAGE_A] }, 403, 'forbidden');
  });

  it('refuses members, even their own village', async () => {
    await refused(
      'memberA',
      { ...communeExport, scope: 'village', villageIds: [VILLAGE_A] },
      403,
      'forbidden',
    );
  });

  it.each([
    ['no body', undefined],
    ['an unknown scope', { ...communeExport, scope: 'province' }],
    ['an unknown format', { ...communeExport, format: 'pdf' }],
    ['no village', { ...communeExport, villageIds: [] }],
    ['a village id that is not a UUID', { ...communeExport, villageIds: ['thon-1'] }],
    ['a village export of two villages', { ...communeExport, scope: 'village' }],
    ['a negative count', { ...communeExport, residents: -1 }],
    ['a fractional count', { ...communeExport, households: 1.5 }],
    ['a count as text', { ...communeExport, households: '120' }],
    ['an unknown field', { ...communeExport, phone: '0912345678' }],
  ])('answers 400 to %s, listing the problem, and records nothing', async (_name, body) => {
    const res = await refused('commune', body, 400, 'invalid_request');
    if (body !== undefined) expect(res.json().error.details.length).toBeGreaterThan(0);
  });

  it('answers 401 without a login and records nothing', async () => {
    await refused(undefined, communeExport, 401, 'auth_required');
  });
});
