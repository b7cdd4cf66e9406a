import { useLiveQuery } from 'dexie-react-hooks';
import {
  type AssistRow,
  type AttendanceRow,
  type ClassRow,
  getDb,
  type HouseholdRow,
  type ResidentRow,
  type VisitRow,
} from '../../db/database';

interface VillageRowTypes {
  households: HouseholdRow;
  residents: ResidentRow;
  visits: VisitRow;
  assists: AssistRow;
  classes: ClassRow;
  attendance: AttendanceRow;
}

/** Every row of one table in a village (deleted ones too: screens decide), kept live. */
export function useVillageRows<T extends keyof VillageRowTypes>(
  table: T,
  villageId: string,
): VillageRowTypes[T][] | undefined {
  return useLiveQuery(
    () => getDb().table<VillageRowTypes[T], string>(table).where('villageId').equals(villageId).toArray(),
    [table, villageId],
  );
}
