import { useLiveQuery } from 'dexie-react-hooks';
import type { ClassSession } from '../../../core/schemas';
import { getDb } from '../../db/database';
import { compareClassesNewestFirst } from './class-format';

export interface ClassWithCount {
  session: ClassSession;
  /** Residents marked present (not counting walk-ins). */
  present: number;
  /** Ids of the class's attendance rows, so an unsynced tick marks its class "not synced". */
  attendanceIds: string[];
}

/** A village's live classes, newest first, each with its head count; undefined while loading. */
export function useVillageClasses(villageId: string): ClassWithCount[] | undefined {
  return useLiveQuery(async () => {
    const db = getDb();
    const [classes, attendance] = await Promise.all([
      db.classes.where('villageId').equals(villageId).toArray(),
      db.attendance.where('villageId').equals(villageId).toArray(),
    ]);
    const byClass = new Map<string, string[]>();
    for (const a of attendance) {
      if (a.deletedAt) continue;
      const ids = byClass.get(a.classId) ?? [];
      ids.push(a.id);
      byClass.set(a.classId, ids);
    }
    return classes
      .filter((c) => !c.deletedAt)
      .sort(compareClassesNewestFirst)
      .map((session) => {
        const attendanceIds = byClass.get(session.id) ?? [];
        return { session, present: attendanceIds.length, attendanceIds };
      });
  }, [villageId]);
}
