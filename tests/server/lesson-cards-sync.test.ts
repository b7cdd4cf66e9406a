/**
 * The commune's lesson cards on the sync endpoints (issue 20, protocol v6): commune rows every account
 * reads and only officers write, one row per card key (id derived from it), created whole, edited field
 * by field, and held to the card schema (official links only to the stores and .gov.vn).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/core/changes';
import { lessonCardId } from '../../src/core/ids';
import { COMMUNE_VILLAGE_ID } from '../../src/core/sync/scope';
import { type AuthHarness, createUser, loginToken, startAuthHarness } from './auth-harness.js';
import { backendsForFile } from './helpers.js';
import { pull, push, rowChange, stamp, storedCounts, VILLAGE_A } from './sync-fixtures.js';

const CREATED = '2026-11-30T08:00:00.000Z';
type WireRow = { t: string; i: string; g: string; d: Record<string, unknown> };

/** The bundled VNeID card, as an officer's first edit copies it whole. */
const BUNDLED = JSON.parse(
  readFileSync(new URL('../../src/content/lessons/vneid-install.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const cardChange = (fields: Change['fields'], key = 'vneid-install', overrides: Partial<Change> = {}) =>
  rowChange('lessonCards', COMMUNE_VILLAGE_ID, fields, { rowId: lessonCardId(key), ...overrides });
const wholeCard = (overrides: Record<string, unknown> = {}) =>
  cardChange({ ...(BUNDLED as Change['fields']), createdAt: CREATED, ...overrides } as Change['fields']);
const HOTLINE = 'duong-day-nong-xa';
const hotline = {
  key: HOTLINE,
  version: 1,
  role: 'help',
  skill: 'online_safety',
  prerequisites: [],
  needsSmartphone: false,
  situations: [],
  reasonWords: [],
  title: { vi: 'Đường dây nóng của xã', en: "The commune's hotline" },
  summary: { vi: 'Gặp chuyện lạ, gọi ngay cho công an xã.', en: 'Anything odd: call the commune police.' },
  steps: [
    { vi: 'Lưu số của công an xã vào danh bạ.', en: "Save the commune police's number." },
    { vi: 'Ai gọi tự xưng công an, hãy cúp máy.', en: 'Hang up on callers claiming to be police.' },
    { vi: 'Gọi lại số đã lưu để hỏi.', en: 'Call the saved number back to ask.' },
  ],
  warnings: [],
  keywords: ['duong day nong', 'so dien thoai cong an xa'],
  sources: [{ title: 'Ủy ban nhân dân xã', url: 'https://thuongquan.thainguyen.gov.vn' }],
  officialLinks: [],
  createdAt: CREATED,
} as Change['fields'];

describe.each(backendsForFile('lesson-cards-sync.test.ts'))('lesson cards sync on $kind', (backend) => {
  let h: AuthHarness;
  const tokens: Record<string, string> = {};
  const token = (user: string) => tokens[user] as string;
  const cardsOf = async (user: string): Promise<WireRow[]> =>
    ((await pull(h.app, token(user), 0, 5000)).json().rows as WireRow[]).filter((r) => r.t === 'lessonCards');

  beforeAll(async () => {
    h = await startAuthHarness(backend, 'lesson_cards');
    await createUser(h.db, { username: 'lead-a', role: 'lead', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'member-a', role: 'member', villageIds: [VILLAGE_A] });
    await createUser(h.db, { username: 'canbo', role: 'commune' });
    await createUser(h.db, { username: 'canbo2', role: 'commune' });
    for (const u of ['lead-a', 'member-a', 'canbo', 'canbo2']) tokens[u] = await loginToken(h.app, u);
  });
  afterAll(async () => {
    await h?.close();
  });

  it("an officer's edit of a bundled card reaches every team's phone", async () => {
    const res = await push(h.app, token('canbo'), [wholeCard({ version: 2 }), cardChange(hotline, HOTLINE)]);
    expect(res.statusCode).toBe(200);
    for (const user of ['member-a', 'lead-a', 'canbo']) {
      const rows = await cardsOf(user);
      expect(rows.map((r) => r.d.key).sort(), user).toEqual(['duong-day-nong-xa', 'vneid-install']);
      expect(rows.every((r) => r.g === COMMUNE_VILLAGE_ID)).toBe(true);
    }
  });

  it('two officers editing different fields of one card both keep their edits', async () => {
    const steps = [
      { vi: 'Mở CH Play.', en: 'Open Google Play.' },
      { vi: 'Tìm VNeID.', en: 'Search for VNeID.' },
      { vi: 'Bấm Cài đặt.', en: 'Tap Install.' },
    ];
    const a = cardChange({ steps, version: 3 }, 'vneid-install', { hlc: stamp('bbbbbbbbbbbbbbbb') });
    const b = cardChange({ title: { vi: 'Cài VNeID thật', en: 'Install the real VNeID' } }, 'vneid-install', {
      hlc: stamp('cccccccccccccccc'),
    });
    expect((await push(h.app, token('canbo'), [a])).statusCode).toBe(200);
    expect((await push(h.app, token('canbo2'), [b])).statusCode).toBe(200);
    const row = (await cardsOf('member-a')).find((r) => r.d.key === 'vneid-install');
    expect(row?.d).toMatchObject({ steps, version: 3, title: { vi: 'Cài VNeID thật' } });
  });

  it("two officers' first edits of one bundled card both stay: each carries only what it changed", async () => {
    const key = 'scam-awareness';
    const a = cardChange(
      {
        key,
        version: 2,
        basedOn: 1,
        title: { vi: 'Cảnh giác lừa đảo', en: 'Beware of scams' },
        createdAt: CREATED,
      },
      key,
      { hlc: stamp('dddddddddddddddd') },
    );
    const b = cardChange(
      { key, version: 2, basedOn: 1, keywords: ['duong day nong 113'], createdAt: CREATED },
      key,
      { hlc: stamp('eeeeeeeeeeeeeeee') },
    );
    expect((await push(h.app, token('canbo'), [a])).statusCode).toBe(200);
    expect((await push(h.app, token('canbo2'), [b])).statusCode).toBe(200);
    const row = (await cardsOf('member-a')).find((r) => r.d.key === key);
    expect(row?.d).toMatchObject({ title: { vi: 'Cảnh giác lừa đảo' }, keywords: ['duong day nong 113'] });
  });

  it.each([
    ['a member', 'member-a'],
    ['a lead', 'lead-a'],
  ])('%s cannot write a card, and nothing is stored', async (_who, user) => {
    const before = await storedCounts(h);
    const res = await push(h.app, token(user), [cardChange({ version: 9 })]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('village_forbidden');
    expect(await storedCounts(h)).toEqual(before);
  });

  it("a member's card pushed under their own village is refused with the reason", async () => {
    const res = await push(h.app, token('member-a'), [
      cardChange(hotline, HOTLINE, { villageId: VILLAGE_A }),
    ]);
    expect(res.statusCode).toBe(403);
    expect(JSON.stringify(res.json())).toContain("Only commune officers edit the commune's lesson cards");
  });

  it.each<[string, () => Change, string]>([
    [
      'a QR leading off the official stores and state sites',
      () =>
        wholeCard({
          officialLinks: [
            { kind: 'android', url: 'https://vneid-app.top/tai.apk', label: { vi: 'Tải', en: 'Get' } },
          ],
        }),
      'officialLinks',
    ],
    [
      'two steps only',
      () =>
        wholeCard({
          steps: [
            { vi: 'Một', en: 'One' },
            { vi: 'Hai', en: 'Two' },
          ],
        }),
      'steps',
    ],
    ['no source', () => wholeCard({ sources: [] }), 'sources'],
    ['a key that is not a slug', () => cardChange({ key: 'Thẻ mới' }, 'the-moi'), 'key'],
    ['an id not derived from the key', () => wholeCard({ key: 'vneid-install-2' }), 'rowId'],
    [
      'a card under a village instead of the commune',
      () => cardChange(hotline, HOTLINE, { villageId: VILLAGE_A }),
      'villageId',
    ],
    [
      'a step telling the resident to read the OTP to the helper',
      () =>
        cardChange(
          {
            steps: [
              { vi: 'Mở VNeID.', en: 'Open VNeID.' },
              { vi: 'Đọc mã OTP cho tổ viên để tổ viên nhập giúp.', en: 'Read the OTP to the helper.' },
              { vi: 'Chờ kích hoạt.', en: 'Wait.' },
            ],
          },
          'vneid-install',
        ),
      'steps',
    ],
    [
      'an OTP value in a step',
      () =>
        cardChange(
          {
            steps: [
              { vi: 'Mã OTP: 482913', en: 'x' },
              { vi: 'b', en: 'b' },
              { vi: 'c', en: 'c' },
            ],
          },
          'vneid-install',
        ),
      'steps',
    ],
  ])('refuses %s with the field named, and stores nothing', async (_name, make, field) => {
    const before = await storedCounts(h);
    const change = make();
    const res = await push(h.app, token('canbo'), [change]);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await storedCounts(h)).toEqual(before);
  });

  it("removing the commune's card (back to the bundled one) is a tombstone every phone gets", async () => {
    const res = await push(h.app, token('canbo'), [
      cardChange({ deletedAt: '2026-11-30T09:00:00.000Z' }, HOTLINE),
    ]);
    expect(res.statusCode).toBe(200);
    const row = (await cardsOf('member-a')).find((r) => r.d.key === 'duong-day-nong-xa');
    expect(row?.d.deletedAt).toBe('2026-11-30T09:00:00.000Z');
  });

  it('a protocol v5 app, which cannot read lesson cards, is told to reload', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${token('member-a')}`, 'x-ngo-so-protocol': '5' },
      payload: { deviceId: 'aaaaaaaaaaaaaaaa', changes: [] },
    });
    expect(res.statusCode).toBe(426);
    expect(res.json().error.code).toBe('client_too_old');
  });
});
