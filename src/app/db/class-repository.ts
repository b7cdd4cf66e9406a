import { attendanceId, newId } from '../../core/ids';
import {
  type Assist,
  assistSchema,
  attendanceSchema,
  type ClassFields,
  type ClassSession,
  classSchema,
} from '../../core/schemas';
import { mayRecordSkills } from '../../core/skills/visit-steps';
import { nowIso } from '../state/commune-clock';
import { type AssistRow, type ClassRow, getDb } from './database';
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
  /** Their names, so the screen says who was left out rather than only how many (issue 15, kind 2). */
  withoutConsentNames: string[];
  /** Attendees who already had one from this class (tapping the button twice records nothing twice). */
  alreadyRecorded: number;
}

/** A resident's steps recorded at a class, deleted ones included. */
async function classSteps(classId: string, residentId: string): Promise<AssistRow[]> {
  const mine = await getDb().assists.where('residentId').equals(residentId).toArray();
  return mine.filter((a) => a.classId === classId);
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
   * A step recorded for the person at this class goes with their attendance (issue 15, kind 2: the
   * class and the profile never disagree): unmarked, it is removed in the same transaction; marked
   * present again (the undo), the steps removed with the attendance come back.
   */
  async setPresent(classId: string, residentId: string, present: boolean): Promise<void> {
    const db = getDb();
    const tables = [db.classes, db.attendance, db.assists, db.villages, db.outbox, db.meta];
    await db.transaction('rw', tables, async () => {
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
        const removedWith = current?.deletedAt;
        for (const step of await classSteps(classId, residentId)) {
          if (removedWith && step.deletedAt === removedWith) {
            const { deletedAt: _d, ...restored } = step;
            await writeRow('assists', { ...restored, updatedAt: now });
          }
        }
      } else if (current && !current.deletedAt) {
        await writeRow('attendance', { ...current, deletedAt: now, updatedAt: now });
        for (const step of await classSteps(classId, residentId)) {
          if (!step.deletedAt) await writeRow('assists', { ...step, deletedAt: now, updatedAt: now });
        }
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
      const withoutConsentNames: string[] = [];
      for (const resident of residents) {
        if (!resident || resident.deletedAt) continue;
        if (done.has(resident.id)) continue;
        if (!mayRecordSkills(resident)) {
          // An erased person has no name left to show (issue 14, kind 8).
          withoutConsentNames.push(typeof resident.name === 'string' ? resident.name : '');
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
      return {
        recorded: rows.length,
        withoutConsent: withoutConsentNames.length,
        withoutConsentNames: withoutConsentNames.filter((n) => n !== ''),
        alreadyRecorded: done.size,
      };
    });
  },
};
