/**
 * The commune's lesson cards (issue 20, part 6; DESIGN §2 "Lesson card"): commune rows
 * (COMMUNE_VILLAGE_ID) that commune officers write and every phone reads, one per card key (id
 * `lessonCardId(key)`), so two officers editing one card edit one row and merge field by field.
 * The bundled cards are never written: an officer's first edit of one copies it whole into a row
 * (`basedOn` its version), and removing the row brings the bundled card back.
 */
import { lessonCardId } from '../../core/ids';
import { type LessonCard, type LessonCardFields, lessonCardSchema } from '../../core/lessons/card';
import { COMMUNE_VILLAGE_ID } from '../../core/sync/scope';
import { nowIso } from '../state/commune-clock';
import { getDb, type LessonCardRow } from './database';
import { writeRow } from './record-writer';
import { mayWriteUnits, ReportingWriteForbiddenError } from './reporting-access';
import { parseOrThrow } from './repository-errors';
import { type EditResult, editRow, restoreRow } from './row-lifecycle';

/** Commune officers keep the cards, as they keep the commune's other rows (scope.ts COMMUNE_TABLES). */
export function mayEditLessonCards(): boolean {
  return mayWriteUnits();
}

function requireEditor(): void {
  if (!mayEditLessonCards()) throw new ReportingWriteForbiddenError('lesson cards');
}

export const lessonCardRepository = {
  /** Every commune row on this phone, tombstones included (effectiveCards skips them). */
  rows(): Promise<LessonCardRow[]> {
    return getDb().lessonCards.toArray();
  },

  /**
   * Saves a card as the officer typed it, version + 1 over what the form showed. A first edit of a
   * bundled card (or a new card) creates the row whole; later saves write only the changed fields on
   * top of the row as it is now (a colleague's edit of another field stays), as editRow.
   *
   * @param fields the card's fields from the form (its key decides the row)
   * @param shown the card the form opened with (bundled or commune), undefined for a new card
   * @throws ValidationError naming the fields that do not pass the card schema; nothing is written
   * @throws ReportingWriteForbiddenError unless the account on this phone is a commune officer
   */
  async save(fields: LessonCardFields, shown?: LessonCard): Promise<EditResult<LessonCardRow>> {
    requireEditor();
    const id = lessonCardId(fields.key);
    const version = (shown?.version ?? 0) + 1;
    const db = getDb();
    const stored = await db.lessonCards.get(id);
    const basedOn = shown?.origin === 'bundled' ? { basedOn: shown.version } : {};
    if (stored && !stored.deletedAt && shown?.origin === 'commune') {
      const { basedOn: _ignored, ...typed } = fields;
      const result = await editRow(
        'lessonCards',
        lessonCardSchema,
        id,
        { ...typed, version },
        {
          kept: (row: LessonCardRow) => (row.basedOn === undefined ? {} : { basedOn: row.basedOn }),
        },
      );
      return result as EditResult<LessonCardRow>;
    }
    const now = nowIso();
    const row = parseOrThrow(lessonCardSchema, {
      ...fields,
      ...basedOn,
      version,
      id,
      villageId: COMMUNE_VILLAGE_ID,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    }) as LessonCardRow;
    // A whole row: a bundled card's first edit, a new card, or one brought back after its removal
    // carries every field (the server creates a card whole), and clears a tombstone.
    await writeRow('lessonCards', row, { resend: true });
    return { row, overwritten: [] };
  },

  /**
   * Removes the commune's row of a card: a bundled card shows as the app brings it again; a commune's
   * own card is gone (a tombstone, synced; undone with `restore`).
   */
  async remove(key: string): Promise<void> {
    requireEditor();
    const id = lessonCardId(key);
    const row = await getDb().lessonCards.get(id);
    if (!row || row.deletedAt) return;
    const now = nowIso();
    await writeRow('lessonCards', { ...row, deletedAt: now, updatedAt: now });
  },

  async restore(key: string): Promise<void> {
    requireEditor();
    await restoreRow('lessonCards', lessonCardId(key), { resend: true });
  },
};
