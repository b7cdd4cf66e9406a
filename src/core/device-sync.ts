/**
 * A device's sync as commune officers and leads see it (GET /api/admin/devices, issue 16, item 4):
 * the shape the server answers and the admin screen reads.
 */
export interface DeviceSyncStatus {
  /** The session's id (`tokens.id`), as in `/api/admin/users/:id/devices`. */
  id: string;
  userId: string;
  username: string;
  displayName: string;
  deviceName: string;
  /** An expired session cannot sync until someone logs in again on the phone. */
  status: 'active' | 'expired';
  createdAt: string;
  lastUsedAt: string;
  /** Last successful push or pull; null when the device never synced. */
  lastSyncAt: string | null;
  /** Changes waiting on the phone, as it said at its last push or pull; null when it never said. */
  pendingChanges: number | null;
  /** Not synced for more than `staleAfterDays` days (counted from its login when it never synced). */
  stale: boolean;
}

export interface DeviceSyncList {
  /** The server's clock when it answered: "3 days ago" is counted from it, not from the reader's. */
  serverTime: string;
  staleAfterDays: number;
  /** The stale ones first, longest silent first; then the others, most recently synced first. */
  devices: DeviceSyncStatus[];
}
