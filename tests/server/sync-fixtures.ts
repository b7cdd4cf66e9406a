import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Change } from '../../src/core/changes';
import { formatHlc } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { type AuthHarness, bearer } from './auth-harness.js';

export const DEVICE = 'aaaaaaaaaaaaaaaa';
export const VILLAGE_A = '0191f5a0-0000-7000-8000-0000000000a1';
export const VILLAGE_B = '0191f5a0-0000-7000-8000-0000000000b2';

/** Rows, logged changes and conflicts stored: a refused push must leave all three as they were. */
export async function storedCounts(h: AuthHarness) {
  const { rows } = await h.db.query<{ records: number; changes: number; conflicts: number }>(
    `select (select count(*)::int from records) as records, (select count(*)::int from changes) as changes,
            (select count(*)::int from conflicts) as conflicts`,
  );
  return rows[0];
}

let counter = 0;
/** Increasing HLCs near real time (the server refuses stamps far in the future). */
export function stamp(node = DEVICE, offsetMs = 0): string {
  counter++;
  return formatHlc({ wall: Date.now() + offsetMs, counter: counter % 99_999, node });
}

export function householdChange(villageId: string, overrides: Partial<Change> = {}): Change {
  return {
    changeId: newId(),
    table: 'households',
    rowId: newId(),
    villageId,
    fields: { label: 'Nông Văn Tâm', membersCount: 4, poor: false, createdAt: '2026-11-25T08:00:00.000Z' },
    hlc: stamp(),
    ...overrides,
  };
}

export function push(
  app: FastifyInstance,
  token: string,
  changes: unknown[],
  extra: Record<string, unknown> = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/sync/push',
    headers: { ...bearer(token), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
    payload: { deviceId: DEVICE, changes, ...extra },
  });
}

/** A pull page; a cursor past 0 goes with the scope it was pulled under (the `scope` of a reply). */
export function pull(
  app: FastifyInstance,
  token: string,
  since: number,
  limit?: number,
  scope?: string,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET',
    url: `/api/sync/pull?since=${since}${limit ? `&limit=${limit}` : ''}${scope ? `&scope=${scope}` : ''}`,
    headers: { ...bearer(token), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
}

/** A change carrying `fields` for a new or existing row of a field-work table (or any table). */
export function rowChange(
  table: Change['table'],
  villageId: string,
  fields: Change['fields'],
  overrides: Partial<Change> = {},
): Change {
  return { ...householdChange(villageId, { table, fields }), ...overrides };
}

const CREATED = '2026-11-25T08:00:00.000Z';

/** A new resident of `householdId` (a row the server must already have, or get earlier in the push). */
export function residentChange(
  villageId: string,
  householdId: string,
  fields: Partial<Change['fields']> = {},
): Change {
  return rowChange('residents', villageId, {
    householdId,
    name: 'Lò Thị Xuân',
    birthYear: 1980,
    groups: [],
    createdAt: CREATED,
    ...fields,
  } as Change['fields']);
}

/** The fields a phone sends when it creates one row of each field-work table. */
export const fieldWork = {
  visit(householdId: string, residentId: string): Change['fields'] {
    return {
      householdId,
      visitedAt: '2026-11-25T09:30:00.000+07:00',
      members: ['Lục Thị Hoa'],
      outcome: 'met',
      followUpOn: '2026-12-02',
      residentIds: [residentId],
      topics: ['vneid_installed', 'vneid_level1'],
      notes: 'Bà cụ cần con cháu nhắc mật khẩu',
      createdAt: CREATED,
    };
  },
  assist(householdId: string, residentId: string, visitId: string): Change['fields'] {
    return {
      residentId,
      householdId,
      kind: 'vneid_level1',
      status: 'done',
      howKnown: 'observed',
      on: '2026-11-25',
      by: 'Lục Thị Hoa',
      visitId,
      createdAt: CREATED,
    };
  },
  classSession(): Change['fields'] {
    return {
      date: '2026-11-28',
      startTime: '19:30',
      topic: 'online_safety',
      audience: 'elderly',
      venue: 'Nhà văn hoá thôn',
      trainer: 'Hoàng Văn Sơn',
      walkIns: 2,
      createdAt: CREATED,
    };
  },
  attendance(classId: string, residentId: string): Change['fields'] {
    return { classId, residentId, createdAt: CREATED };
  },
};
