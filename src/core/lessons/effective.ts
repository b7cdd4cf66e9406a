/**
 * The cards a phone shows (issue 20, part 6): the bundled set with the commune's synced rows laid over
 * it. A commune row of a bundled card's key holds the fields the commune changed, laid over that card
 * (the commune's edit wins: it knows its own platforms and hotline); a row of a new key is a card of
 * the commune's own; a tombstone lets the bundled card show again. The bundled set is the fallback: a
 * phone that never synced still has every card, and a row that does not make a whole, valid card
 * (a partial push, a card of a newer app) is not shown rather than shown broken.
 */
import { type LessonCard, type LessonCardFields, lessonCardFields } from './card';

/** A commune row as stored: the key, what the commune set, perhaps a tombstone. */
export type CommuneCardRow = Partial<LessonCardFields> & { key: string; deletedAt?: string | undefined };

const RECORD_KEYS = new Set(['id', 'villageId', 'createdAt', 'updatedAt', 'deletedAt', 'clocks', 'search']);

/** The card fields a row sets (identity, lifecycle and local bookkeeping left out). */
export function rowCardFields(row: CommuneCardRow): Partial<LessonCardFields> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row)) if (!RECORD_KEYS.has(field)) out[field] = value;
  return out as Partial<LessonCardFields>;
}

/**
 * Bundled cards in their order, each with the commune's row of its key laid over it when there is one;
 * then the commune's own cards, by key. Hidden cards stay in the list (an officer can show them again);
 * screens and the next step skip them.
 */
export function effectiveCards(
  bundled: readonly LessonCard[],
  rows: readonly CommuneCardRow[],
): LessonCard[] {
  const byKey = new Map(bundled.map((card) => [card.key, card]));
  const commune = new Map<string, LessonCard>();
  for (const row of rows) {
    if (row.deletedAt) continue;
    const base = byKey.get(row.key);
    const { origin: _origin, ...baseFields } = base ?? { origin: 'bundled' };
    const parsed = lessonCardFields.safeParse({ ...baseFields, ...rowCardFields(row) });
    if (parsed.success) commune.set(row.key, { ...parsed.data, origin: 'commune' });
  }
  const out = bundled.map((card) => commune.get(card.key) ?? card);
  const own = [...commune.values()].filter((c) => !byKey.has(c.key));
  own.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return [...out, ...own];
}

/**
 * Whether the app brings a newer bundled card than the commune's edit of it (an app update changed
 * the text after the commune edited its copy): the editor offers to compare and go back to it.
 */
export function bundledIsNewer(card: LessonCard, bundled: readonly LessonCard[]): boolean {
  if (card.origin !== 'commune') return false;
  const original = bundled.find((b) => b.key === card.key);
  return original !== undefined && original.version > (card.basedOn ?? card.version);
}
