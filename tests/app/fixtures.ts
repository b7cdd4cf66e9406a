import { getDb } from '../../src/app/db/database';
import { type Session, type SessionUser, useSession } from '../../src/app/sync/session';
import type { HouseholdFields, ResidentFields } from '../../src/core/schemas';

export const VILLAGE_ID = '0191f5a0-0000-7000-8000-000000000001';

export function householdInput(overrides: Partial<HouseholdFields> = {}): HouseholdFields {
  return {
    label: 'Nông Văn Tâm',
    lane: 'Xóm Nà Pài',
    address: 'Số 12',
    membersCount: 4,
    poor: false,
    ...overrides,
  };
}

export function residentInput(householdId: string, overrides: Partial<ResidentFields> = {}): ResidentFields {
  return {
    householdId,
    name: 'Hoàng Thị Lan',
    birthYear: 1956,
    groups: [],
    sex: 'female',
    hasChipId: true,
    consent: {
      purposes: ['skills_support'],
      collectedBy: 'Tổ viên A',
      collectedAt: '2026-11-20T08:00:00.000Z',
    },
    ...overrides,
  };
}

/** A session on this phone, as after a login (the store only: no server). */
export function sessionFor(user: Partial<SessionUser> & Pick<SessionUser, 'id'>): Session {
  return {
    token: `tok-${user.id}`,
    expiresAt: '2999-01-01T00:00:00.000Z',
    user: {
      username: user.username ?? `user-${user.id.slice(-4)}`,
      displayName: user.displayName ?? 'Tổ viên',
      role: 'member',
      villageIds: [VILLAGE_ID],
      ...user,
    },
  };
}

export function signIn(user: Partial<SessionUser> & Pick<SessionUser, 'id'>): Session {
  const session = sessionFor(user);
  useSession.setState({ session, loaded: true });
  return session;
}

/** A village row on the phone, as a pull stores it. */
export async function putVillage(id: string, name: string, extra: { demo?: boolean } = {}): Promise<void> {
  const now = '2026-11-25T08:00:00.000Z';
  await getDb().villages.put({
    id,
    villageId: id,
    name,
    code: name.slice(0, 4),
    createdAt: now,
    updatedAt: now,
    ...extra,
  });
}

/**
 * What a fake server answers to GET /api/sync/lost, which the sync engine asks after every pull
 * (issue 15): nothing of this device's lost, or `lost` when given.
 */
export function lostAnswer(lost: unknown[] = [], cursor = 0): Response {
  return new Response(JSON.stringify({ lost, cursor, hasMore: false, serverTime: Date.now() }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  });
}
