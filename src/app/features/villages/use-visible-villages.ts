import { inScope } from '../../../core/sync/scope';
import { scopeOf } from '../../sync/account';
import { useSession } from '../../sync/session';

/**
 * Whether this phone may show a village to whoever is logged in (issue 13, kind 3): demo villages
 * always (practice data on this phone only); real ones only within the logged-in account's villages
 * (all of them for the commune). Logged out, the phone keeps its data but shows none of it.
 */
export function useVillageVisibility(): (village: { id: string; demo?: boolean | undefined }) => boolean {
  const user = useSession((s) => s.session?.user);
  return (village) => village.demo === true || (user !== undefined && inScope(scopeOf(user), village.id));
}
