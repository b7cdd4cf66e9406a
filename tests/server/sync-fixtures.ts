import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Change } from '../../src/core/changes';
import { formatHlc } from '../../src/core/hlc';
import { newId } from '../../src/core/ids';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../src/core/sync/protocol';
import { bearer } from './auth-harness.js';

export const DEVICE = 'aaaaaaaaaaaaaaaa';
export const VILLAGE_A = '0191f5a0-0000-7000-8000-0000000000a1';
export const VILLAGE_B = '0191f5a0-0000-7000-8000-0000000000b2';

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

export function pull(
  app: FastifyInstance,
  token: string,
  since: number,
  limit?: number,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'GET',
    url: `/api/sync/pull?since=${since}${limit ? `&limit=${limit}` : ''}`,
    headers: { ...bearer(token), [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) },
  });
}
