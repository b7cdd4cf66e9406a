/**
 * The activity log of the communication tasks (issue 19 item 2; appendix tasks 1–3, 17, 18): one row
 * per event, kept under the scope it happened in — a village's id (its team logs it), a reporting
 * unit's id (the unit's account or an officer), or COMMUNE_OFFICE_ID (the commune office's own,
 * officers only). Rows sync through the record writer like any other; a delete is a tombstone.
 */
import type { Activity, ActivityFields } from '../../core/schemas';
import { activitySchema, memberNameSchema } from '../../core/schemas';
import { useSession } from '../sync/session';
import { type ActivityRow, getDb } from './database';
import { writeRow } from './record-writer';
import { mayWriteActivities, ReportingWriteForbiddenError } from './reporting-access';
import { type EditResult, editRow, loadRow, newRow, removeRow, restoreRow } from './row-lifecycle';

/** What the activity form gives; who recorded it is the repository's to stamp. */
export type ActivityInput = Omit<ActivityFields, 'recordedBy'>;

async function requireWriter(scopeId: string): Promise<void> {
  const demo = (await getDb().villages.get(scopeId))?.demo === true;
  if (!mayWriteActivities(scopeId, demo)) throw new ReportingWriteForbiddenError('activities here');
}

/** Newest first: by day, then by when it was entered. */
export function compareActivitiesNewestFirst(a: Activity, b: Activity): number {
  return b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

export const activityRepository = {
  /** A scope's activities on this phone, newest first, tombstones left out. */
  async forScope(scopeId: string): Promise<ActivityRow[]> {
    const rows = await getDb().activities.where('villageId').equals(scopeId.toLowerCase()).toArray();
    return rows.filter((r) => !r.deletedAt).sort(compareActivitiesNewestFirst);
  },

  /**
   * Logs an activity in `scopeId`, stamped with who recorded it (`by`, else the account's display name).
   * @throws ValidationError for a missing day or kind, a negative reach…; nothing is written
   * @throws ReportingWriteForbiddenError for a scope this account may not write (scope.ts)
   */
  async add(scopeId: string, fields: ActivityInput, by?: string): Promise<Activity> {
    const scope = scopeId.toLowerCase();
    await requireWriter(scope);
    const name = memberNameSchema.safeParse(by ?? useSession.getState().session?.user.displayName);
    const activity = newRow(activitySchema, scope, {
      ...fields,
      ...(name.success ? { recordedBy: name.data } : {}),
    });
    await writeRow('activities', activity);
    return activity;
  },

  /** Saves a form's fields against the activity as the form showed it (`seen`); the recorder stays. */
  async update(id: string, fields: ActivityInput, seen?: ActivityRow): Promise<EditResult<Activity>> {
    const row = await loadRow<ActivityRow>('activities', id);
    await requireWriter(row.villageId);
    return editRow('activities', activitySchema, id, fields, {
      seen,
      kept: (r: ActivityRow) => ({ recordedBy: r.recordedBy }),
    });
  },

  async remove(id: string): Promise<void> {
    await requireWriter((await loadRow<ActivityRow>('activities', id)).villageId);
    await removeRow('activities', id);
  },

  async restore(id: string): Promise<void> {
    await requireWriter((await loadRow<ActivityRow>('activities', id)).villageId);
    await restoreRow('activities', id);
  },
};
