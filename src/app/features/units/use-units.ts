import { useLiveQuery } from 'dexie-react-hooks';
import { inScope } from '../../../core/sync/scope';
import { getDb, type ReportingUnitRow } from '../../db/database';
import { scopeOf } from '../../sync/account';
import type { SessionUser } from '../../sync/session';

const collator = new Intl.Collator('vi', { numeric: true });

/** The commune's reporting units on this phone, by name (tombstones left out); undefined while loading. */
export function useUnits(): ReportingUnitRow[] | undefined {
  return useLiveQuery(async () => {
    const rows = (await getDb().reportingUnits.toArray()).filter((u) => !u.deletedAt);
    return rows.sort((a, b) => collator.compare(a.name, b.name));
  }, []);
}

/**
 * Whether an account sees a unit's own rows (its figures, activities): commune officers all units, a
 * unit's account its own (its id is the account's one scope, core/sync/scope.ts), teams none.
 */
export function seesUnit(
  user: Pick<SessionUser, 'role' | 'villageIds'> | undefined,
  unitId: string,
): boolean {
  if (!user) return false;
  return user.role === 'commune' || (user.role === 'unit' && inScope(scopeOf(user), unitId));
}
