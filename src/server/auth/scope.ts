/**
 * Who may see and change which village's data (DESIGN §4.8). The sync endpoints call these on every
 * push and pull, whatever the client claims.
 */
import type { Role } from '../db/schema.js';

export interface ScopeSubject {
  role: Role;
  villageIds: readonly string[];
}

export function canReadVillage(auth: ScopeSubject, villageId: string): boolean {
  return auth.role === 'commune' || auth.villageIds.includes(villageId.toLowerCase());
}

/** Commune officers read and write every village; members and leads only their own. */
export function canWriteVillage(auth: ScopeSubject, villageId: string): boolean {
  return auth.role === 'commune' || auth.villageIds.includes(villageId.toLowerCase());
}

/** The villages a pull may return: `'all'` means no village filter at all. */
export function visibleVillageIds(auth: ScopeSubject): string[] | 'all' {
  return auth.role === 'commune' ? 'all' : [...auth.villageIds];
}
