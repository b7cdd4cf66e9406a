import { attendanceId, newId } from '../../core/ids';
import {
  type Assist,
  assistSchema,
  attendanceSchema,
  type ClassFields,
  type ClassSession,
  classSchema,
  hasActiveConsent,
} from '../../core/schemas';
import { nowIso } from '../state/commune-clock';
import { type ClassRow, getDb } from './database';
import { writeNewRows, writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { type EditResult, editRow, loadRow, newRow, removeRow, restoreRow } from './row-lifecycle';

function load(id: string): Promise<ClassRow> {
  return loadRow<ClassRow>('classes', id);
}

export interface TopicRecordResult {
  /** Attendees who got an observed assist for the class topic. */
  recorded: number;
  /** Attendees skipped because their consent does not cover skills support. */
  withoutConsent: number;
  /** Attendees who already had one from this class (tapping the button twice records nothing twice). */
  alreadyRecorded: number;
}

export const classRepository = {
  async create(villageId: string, fields: ClassFields): Promise<ClassSession> {
    const session = newRow(classSchema, villageId, fields);
    await writeRow('classes', session);
    return session;
  },

  /** Saves a form's fields against the class as the form showed it (`seen`), as editRow. */
  update(id: string, fields: ClassFields, seen?: ClassRow): Promise<EditResult<ClassSession>> {
    return editRow('classes', classSchema, id, fields, { seen });
  },

  async setWalkIns(id: string, walkIns: number): Promise<void> {
    const { clocks: _clocks, ...current } = await load(id);
    const session = parseOrThrow(classSchema, { ...current, walkIns, updatedAt: nowIso() });
    await writeRow('classes', session);
  },

  remove(id: string): Promise<void> {
    return removeRow('classes', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('classes', id);
  },

  /**
   * Marks a resident present or absent. The row's id comes from the class and the resident, so a
   * second phone ticking the same person converges on one row; absent is a tombstone, present again
   * clears it. The read and the write share one transaction, so a double tap queues one change.
   */
  async setPresent(classId: string, residentId: string, present: boolean): Promise<void> {
    const db = getDb();
    await db.transaction('rw', [db.classes, db.attendance, db.villages, db.outbox, db.meta], async () => {
      const session = await load(classId);
      const id = attendanceId(classId, residentId);
      const current = await db.attendance.get(id);
      const now = nowIso();
      if (present) {
        if (current && !current.deletedAt) return;
        const { deletedAt: _deleted, ...kept } = current ?? {
          id,
          villageId: session.villageId,
          classId,
          residentId,
          createdAt: now,
        };
        const row = parseOrThrow(attendanceSchema, { ...kept, updatedAt: now });
        await writeRow('attendance', row);
      } else if (current && !current.deletedAt) {
        await writeRow('attendance', { ...current, deletedAt: now, updatedAt: now });
      }
    });
  },

  /**
   * Records the class topic as observed for every attendee whose consent covers skills support, all
   * in one transaction. Attendees who already have an assist from this class are left alone; the
   * check runs inside the same transaction as the write, so two taps at once cannot both record.
   */
  async recordTopicForPresent(
    classId: string,
    by: string,
    status: Assist['status'] = 'done',
  ): Promise<TopicRecordResult> {
    const db = getDb();
    const tables = [db.classes, db.attendance, db.residents, db.assists, db.villages, db.outbox, db.meta];
    return db.transaction('rw', tables, async () => {
      const session = await load(classId);
      const present = (await db.attendance.where('classId').equals(classId).toArray()).filter(
        (a) => !a.deletedAt,
      );
      const residents = await db.residents.bulkGet(present.map((a) => a.residentId));
      const existing = await db.assists
        .where('residentId')
        .anyOf(present.map((a) => a.residentId))
        .toArray();
      const done = new Set(
        existing
          .filter((a) => a.classId === classId && !a.deletedAt && a.kind === session.topic)
          .map((a) => a.residentId),
      );
      const now = nowIso();
      const rows: Assist[] = [];
      let withoutConsent = 0;
      for (const resident of residents) {
        if (!resident || resident.deletedAt) continue;
        if (done.has(resident.id)) continue;
        if (!hasActiveConsent(resident) || !resident.consent?.purposes.includes('skills_support')) {
          withoutConsent += 1;
          continue;
        }
        rows.push(
          parseOrThrow(assistSchema, {
            id: newId(),
            villageId: session.villageId,
            createdAt: now,
            updatedAt: now,
            residentId: resident.id,
            householdId: resident.householdId,
            kind: session.topic,
            status,
            howKnown: 'observed',
            on: session.date,
            by,
            classId,
          }),
        );
      }
      if (rows.length > 0) await writeNewRows(db, [{ table: 'assists', rows }]);
      return { recorded: rows.length, withoutConsent, alreadyRecorded: done.size };
    });
  },
};
