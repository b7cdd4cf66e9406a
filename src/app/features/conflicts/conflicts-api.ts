import type { SyncedTable } from '../../../core/changes';
import { apiRequest } from '../../sync/api-client';

export interface ConflictItem {
  id: number;
  table: SyncedTable;
  rowId: string;
  villageId: string;
  field: string;
  winnerValue: unknown;
  loserValue: unknown;
  /** The server cleared the field because consent was missing: restoring it is not offered. */
  privacy: boolean;
  createdAt: string;
}

export async function listConflicts(token: string): Promise<ConflictItem[]> {
  return (await apiRequest<{ conflicts: ConflictItem[] }>('/api/sync/conflicts', { token })).conflicts;
}

export async function resolveConflict(
  token: string,
  id: number,
  resolution: 'kept' | 'restored',
): Promise<void> {
  await apiRequest(`/api/sync/conflicts/${id}/resolve`, { token, body: { resolution } });
}
