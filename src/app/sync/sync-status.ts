import { create } from 'zustand';

export type SyncPhase = 'idle' | 'pushing' | 'pulling';

export interface SyncStatus {
  phase: SyncPhase;
  lastSuccessAt: string | undefined;
  lastError: { code: string; message: string; at: string } | undefined;
  /** During a pull: rows applied so far in this sync, and rows still to come. */
  pull: { received: number; remaining: number } | undefined;
}

export const useSyncStatus = create<SyncStatus>()(() => ({
  phase: 'idle',
  lastSuccessAt: undefined,
  lastError: undefined,
  pull: undefined,
}));
