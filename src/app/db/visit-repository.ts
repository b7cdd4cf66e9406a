import { newId } from '../../core/ids';
import { type Visit, type VisitFields, visitSchema } from '../../core/schemas';
import { getDb, type VisitRow } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow, RecordNotFoundError } from './repository-errors';

/** User Timing name the benchmark reads: validation + the record-and-outbox transaction of one visit. */
export const VISIT_SAVE_MEASURE = 'ngoso:visit-save';

async function load(id: string): Promise<VisitRow> {
  const row = await getDb().visits.get(id);
  if (!row) throw new RecordNotFoundError('visits', id);
  return row;
}

export const visitRepository = {
  async create(villageId: string, fields: VisitFields): Promise<Visit> {
    const start = performance.now();
    const now = new Date().toISOString();
    const visit = parseOrThrow(visitSchema, {
      ...fields,
      id: newId(),
      villageId,
      createdAt: now,
      updatedAt: now,
    });
    await writeRow('visits', visit);
    performance.measure(VISIT_SAVE_MEASURE, { start, end: performance.now() });
    return visit;
  },

  /** Visits are append-mostly: an edit replaces the editable fields (e.g. notes added later). */
  async update(id: string, fields: VisitFields): Promise<Visit> {
    const current = await load(id);
    const visit = parseOrThrow(visitSchema, {
      ...fields,
      id,
      villageId: current.villageId,
      householdId: current.householdId,
      createdAt: current.createdAt,
      deletedAt: current.deletedAt,
      updatedAt: new Date().toISOString(),
    });
    await writeRow('visits', visit);
    return visit;
  },

  async remove(id: string): Promise<void> {
    const row = await load(id);
    const now = new Date().toISOString();
    await writeRow('visits', { ...row, deletedAt: now, updatedAt: now });
  },

  async restore(id: string): Promise<void> {
    const { deletedAt: _deleted, ...row } = await load(id);
    await writeRow('visits', { ...row, updatedAt: new Date().toISOString() });
  },
};
