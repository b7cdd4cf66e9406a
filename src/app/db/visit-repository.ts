import { type Visit, type VisitFields, visitSchema } from '../../core/schemas';
import type { VisitRow } from './database';
import { writeRow } from './record-writer';
import { type EditResult, editRow, newRow, removeRow, restoreRow } from './row-lifecycle';

/** User Timing name the benchmark reads: validation + the record-and-outbox transaction of one visit. */
export const VISIT_SAVE_MEASURE = 'ngoso:visit-save';

export const visitRepository = {
  async create(villageId: string, fields: VisitFields): Promise<Visit> {
    const start = performance.now();
    const visit = newRow(visitSchema, villageId, fields);
    await writeRow('visits', visit);
    performance.measure(VISIT_SAVE_MEASURE, { start, end: performance.now() });
    return visit;
  },

  /** Visits are append-mostly: an edit saves what changed (e.g. notes added later), as editRow. */
  update(id: string, fields: VisitFields, seen?: VisitRow): Promise<EditResult<Visit>> {
    return editRow('visits', visitSchema, id, fields, {
      seen,
      kept: (row) => ({ householdId: row.householdId }),
    });
  },

  remove(id: string): Promise<void> {
    return removeRow('visits', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('visits', id);
  },
};
