import { useLiveQuery } from 'dexie-react-hooks';
import { getDb, type VillageRow } from '../../db/database';

/** undefined while loading, null when this phone has no such village. */
export function useVillage(villageId: string): VillageRow | null | undefined {
  return useLiveQuery(async () => (await getDb().villages.get(villageId)) ?? null, [villageId]);
}
