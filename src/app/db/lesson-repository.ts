/**
 * The commune's lesson cards (issue 20, part 6; DESIGN §2 "Lesson card"): commune rows
 * (COMMUNE_VILLAGE_ID) that commune officers write and every phone reads, one per card key (id
 * `lessonCardId(key)`), so two officers editing one card edit one row and merge field by field.
 * The bundled cards are never written: an officer's first edit of one copies it whole into a row
 * (`basedOn` its version), and removing the row brings the bundled card back.
 */

import { sameValue } from '../../core/changes';
import { lessonCardId } from '../../core/ids';
import {
  type LessonCard,
  type LessonCardFields,
  lessonCardFields,
  lessonCardSchema,
} from '../../core/lessons/card';
import { COMMUNE_VILLAGE_ID } from '../../core/sync/scope';
import { nowIso } from '../state/commune-clock';
import { getDb, type LessonCardRow } from './database';
import { writeRow } from './record-writer';
import { mayWriteUnits, ReportingWriteForbiddenError } from './reporting-access';
import { parseOrThrow } from './repository-errors';
import { restoreRow } from './row-lifecycle';

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
   * Saves a card as the officer typed it, version + 1 over what the form showed. Only the fields that
   * differ from the card the form opened with are written, on top of the commune's row as it is now:
   * an edit of a bundled card is a row of its key with just those fields (`basedOn` its version), so
   * two officers changing different fields of one card both keep their change, first edit or not.
   *
   * @param fields the whole card from the form (its key decides the row)
   * @param shown the card the form opened with (bundled or commune), undefined for a new card
   * @throws ValidationError naming the fields that do not make a valid card; nothing is written
   * @throws ReportingWriteForbiddenError unless the account on this phone is a commune officer
   */
  async save(fields: LessonCardFields, shown?: LessonCard): Promise<{ row: LessonCardRow }> {
    requireEditor();
    const card = parseOrThrow(lessonCardFields, { ...fields, version: (shown?.version ?? 0) + 1 });
    const id = lessonCardId(card.key);
    const stored = await getDb().lessonCards.get(id);
    const live = stored && !stored.deletedAt ? stored : undefined;
    const changed: Record<string, unknown> = {};
    const before = (shown ?? {}) as Record<string, unknown>;
    for (const [field, value] of Object.entries(card)) {
      if (field === 'basedOn') continue;
      if (!sameValue(before[field], value)) changed[field] = value;
    }
    if (shown && shown.hidden === true && card.hidden === undefined) changed.hidden = false;
    const now = nowIso();
    const base = live ?? {
      id,
      villageId: COMMUNE_VILLAGE_ID,
      key: card.key,
      createdAt: stored?.createdAt ?? now,
      ...(shown?.origin === 'bundled' ? { basedOn: shown.version } : {}),
    };
    const { deletedAt: _deleted, clocks, ...kept } = base as LessonCardRow;
    const row = parseOrThrow(lessonCardSchema, { ...kept, ...changed, updatedAt: now }) as LessonCardRow;
    await writeRow('lessonCards', clocks ? { ...row, clocks } : row);
    return { row };
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
