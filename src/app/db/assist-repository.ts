import { newId } from '../../core/ids';
import { type Assist, type AssistFields, assistSchema, hasActiveConsent } from '../../core/schemas';
import type { AssistLike } from '../../core/skills/status';
import { nowIso } from '../state/commune-clock';
import { type AssistRow, getDb } from './database';
import { writeRow } from './record-writer';
import { parseOrThrow, RecordNotFoundError, ValidationError } from './repository-errors';
import { removeRow, restoreRow } from './row-lifecycle';

/**
 * An assist as the status derivation sees it: ranked by the clock of its creation (assists are never
 * edited, only recorded and sometimes removed, so the kind field's clock is when it was recorded).
 */
export function toAssistLike(row: AssistRow): AssistLike & AssistRow {
  return { ...row, hlc: row.clocks?.kind ?? '' };
}

/**
 * Skill steps are personal data about a resident: recorded only while the resident's consent stands
 * and covers skills support (DESIGN §7). History is kept: a new step is a new row, never an overwrite.
 */
export const assistRepository = {
  async record(villageId: string, fields: AssistFields): Promise<Assist> {
    const resident = await getDb().residents.get(fields.residentId);
    if (!resident || resident.deletedAt) throw new RecordNotFoundError('residents', fields.residentId);
    if (!hasActiveConsent(resident) || !resident.consent?.purposes.includes('skills_support')) {
      throw new ValidationError({ residentId: 'err.needsConsent' });
    }
    const now = nowIso();
    const assist = parseOrThrow(assistSchema, {
      ...fields,
      householdId: resident.householdId,
      id: newId(),
      villageId,
      createdAt: now,
      updatedAt: now,
    });
    await writeRow('assists', assist);
    return assist;
  },

  /** Removes a step recorded by mistake (undo); the resident's status falls back to the steps before. */
  remove(id: string): Promise<void> {
    return removeRow('assists', id);
  },

  restore(id: string): Promise<void> {
    return restoreRow('assists', id);
  },
};
