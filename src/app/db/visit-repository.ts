import { type Visit, type VisitFields, visitSchema } from '../../core/schemas';
import type { VisitRow } from './database';
import { writeRow } from './record-writer';
import { editedRow, loadRow, newRow, removeRow, restoreRow } from './row-lifecycle';

/** User Timing name the benchmark reads: validation + the record-and-outbox transaction of one visit. */
export const VISIT_SAVE_MEASURE = 'ngoso:visit-save';

function load(id: string): Promise<VisitRow> {
  return loadRow<VisitRow>('visits', id);
}

export const visitRepository = {
  async create(villageId: string, fields: VisitFields): Promise<Visit> {
    const start = performance.now();
    const visit = newRow(visitSchema, villageId, fields);
    await writeRow('visits', visit);
    performance.measure(VISIT_SAVE_MEASURE, { start, end: performance.now() });
    return visit;
  },

  /** Visits are append-mostly: an edit replaces the editable fields (e.g. notes added later). */
  async update(id: string, fields: VisitFields): Promise<Visit> {
    const current = await load(id);
    const visit = editedRow(visitSchema, current, fields, { householdId: current.householdId });
    await writeRow('visits', visit);
    return visit;
  },

  remove(id: string): Promise<void> {
    return removeRow('visits', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('visits', id);
  },
};
