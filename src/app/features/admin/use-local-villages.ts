import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type VillageRow } from '../../db/database';

const collator = new Intl.Collator('vi', { numeric: true });

/**
 * The real villages on this phone, by name. Demo villages never reach the server, so they can be
 * neither administered nor assigned to an account.
 */
export function useLocalVillages(): VillageRow[] | undefined {
  return useLiveQuery(async () => {
    const rows = (await getDb().villages.toArray()).filter((v) => !v.demo && !v.deletedAt);
    return rows.sort((a, b) => collator.compare(a.name, b.name));
  }, []);
}
