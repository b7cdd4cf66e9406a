import { localDay } from '../../core/dates';
import { newId } from '../../core/ids';
import {
  type Assist,
  assistSchema,
  type HowKnown,
  type Visit,
  type VisitFields,
  visitSchema,
} from '../../core/schemas';
import {
  type PairChoice,
  planVisitSteps,
  type VisitStepPlan,
  visitAssists,
} from '../../core/skills/visit-steps';
import { nowIso } from '../state/commune-clock';
import { toAssistLike } from './assist-repository';
import { type AssistRow, getDb, type ResidentRow, type VisitRow } from './database';
import { writeNewRows, writeRow } from './record-writer';
import { parseOrThrow } from './repository-errors';
import { type EditResult, editRow, loadRow, newRow, restoreRow } from './row-lifecycle';

/** User Timing name the benchmark reads: validation + the record-and-outbox transaction of one visit. */
export const VISIT_SAVE_MEASURE = 'ngoso:visit-save';

/** What the helper said about each (person, topic) pair of a met visit (visit-steps.ts). */
export interface VisitStepChoices {
  /** Changes from the default result, by `pairKey`; a pair left out gets its step's default. */
  choices?: Readonly<Record<string, PairChoice>>;
  /** How the steps are known; seen by the helper unless they said otherwise. */
  howKnown?: HowKnown;
}

export interface SavedVisit {
  visit: Visit;
  /** The skill steps written with the visit, in the same transaction. */
  assists: Assist[];
  plan: VisitStepPlan;
}

/** The tables one visit save touches: the visit, its steps, the people read, and writeRow's own. */
function saveTables() {
  const db = getDb();
  return [db.visits, db.assists, db.residents, db.villages, db.outbox, db.meta];
}

/** The steps linked to a visit, deleted ones included (found through the household's index). */
async function stepsOf(visit: VisitRow): Promise<AssistRow[]> {
  const inHousehold = await getDb().assists.where('householdId').equals(visit.householdId).toArray();
  return inHousehold.filter((a) => a.visitId === visit.id);
}

export const visitRepository = {
  /**
   * Saves a visit and, for a met visit with people and topics ticked, those people's skill steps
   * (issue 15, kind 2) — all in one transaction, so the visit and the profiles never disagree: both
   * are stored, or neither. The steps are planned on the rows as stored inside that transaction
   * (a step done meanwhile on another phone is not recorded again). By the first member named.
   */
  async save(villageId: string, fields: VisitFields, steps: VisitStepChoices = {}): Promise<SavedVisit> {
    const start = performance.now();
    const visit = newRow(visitSchema, villageId, fields);
    const withSteps = visit.outcome === 'met' && visit.residentIds.length > 0 && visit.topics.length > 0;
    if (!withSteps) {
      await writeRow('visits', visit);
      performance.measure(VISIT_SAVE_MEASURE, { start, end: performance.now() });
      return { visit, assists: [], plan: { pairs: [], withoutConsent: [] } };
    }
    const db = getDb();
    const saved = await db.transaction('rw', saveTables(), async () => {
      const residents = (await db.residents.bulkGet(visit.residentIds)).filter(
        (r): r is ResidentRow => r !== undefined && !r.deletedAt,
      );
      const stored = await db.assists
        .where('residentId')
        .anyOf(residents.map((r) => r.id))
        .toArray();
      const people = residents.map((r) => ({
        id: r.id,
        householdId: r.householdId,
        consent: r.consent,
        assists: stored.filter((a) => a.residentId === r.id && !a.deletedAt).map(toAssistLike),
      }));
      const plan = planVisitSteps(people, visit.topics, steps.choices ?? {});
      const now = visit.createdAt;
      const assists = visitAssists(plan, people, {
        visitId: visit.id,
        on: localDay(visit.visitedAt),
        by: visit.members[0] ?? '',
        howKnown: steps.howKnown ?? 'observed',
      }).map((a) =>
        parseOrThrow(assistSchema, { ...a, id: newId(), villageId, createdAt: now, updatedAt: now }),
      );
      await writeRow('visits', visit);
      if (assists.length > 0) await writeNewRows(db, [{ table: 'assists', rows: assists }]);
      return { visit, assists, plan };
    });
    performance.measure(VISIT_SAVE_MEASURE, { start, end: performance.now() });
    return saved;
  },

  /** A visit alone (or with its steps, as `save`): the visit as stored. */
  async create(villageId: string, fields: VisitFields): Promise<Visit> {
    return (await visitRepository.save(villageId, fields)).visit;
  },

  /** Visits are append-mostly: an edit saves what changed (e.g. notes added later), as editRow. */
  update(id: string, fields: VisitFields, seen?: VisitRow): Promise<EditResult<Visit>> {
    return editRow('visits', visitSchema, id, fields, {
      seen,
      kept: (row) => ({ householdId: row.householdId }),
    });
  },

  /**
   * Removes a visit recorded by mistake (undo) with every skill step linked to it, in one
   * transaction: a visit that did not happen did not teach anyone anything. The steps get the
   * visit's own deletion time, which is how `restore` finds them again.
   */
  async remove(id: string): Promise<void> {
    const db = getDb();
    await db.transaction('rw', saveTables(), async () => {
      const visit = await loadRow<VisitRow>('visits', id);
      const now = nowIso();
      await writeRow('visits', { ...visit, deletedAt: now, updatedAt: now });
      for (const assist of await stepsOf(visit)) {
        if (!assist.deletedAt) await writeRow('assists', { ...assist, deletedAt: now, updatedAt: now });
      }
    });
  },

  /** Brings back a removed visit and the steps removed with it (not those deleted on their own). */
  async restore(id: string): Promise<void> {
    const db = getDb();
    await db.transaction('rw', saveTables(), async () => {
      const visit = await loadRow<VisitRow>('visits', id);
      const removedWith = visit.deletedAt;
      await restoreRow('visits', id);
      if (!removedWith) return;
      for (const assist of await stepsOf(visit)) {
        if (assist.deletedAt === removedWith) await restoreRow('assists', assist.id);
      }
    });
  },
};
