/**
 * The cards a phone shows (issue 20, part 6): the bundled set with the commune's synced rows laid over
 * it. A commune row replaces the bundled card of the same key (the commune's edit wins: it knows its
 * own platforms and hotline), a row of a new key adds a card, and a tombstone lets the bundled card
 * show again. The bundled set is the fallback: a phone that never synced still has every card.
 */
import type { LessonCard, LessonCardFields } from './card';

/** A commune row as stored: the card's fields, perhaps a tombstone. */
export type CommuneCardRow = LessonCardFields & { deletedAt?: string | undefined };

/**
 * Bundled cards in their order, each replaced by the commune's row of its key when there is one;
 * then the commune's own cards, by key. Hidden cards stay in the list (an officer can show them again);
 * screens and the next step skip them.
 */
export function effectiveCards(
  bundled: readonly LessonCard[],
  rows: readonly CommuneCardRow[],
): LessonCard[] {
  const commune = new Map<string, LessonCard>();
  for (const row of rows) {
    if (row.deletedAt) continue;
    const { deletedAt: _deleted, ...fields } = row;
    commune.set(row.key, { ...fields, origin: 'commune' });
  }
  const out = bundled.map((card) => commune.get(card.key) ?? card);
  const bundledKeys = new Set(bundled.map((c) => c.key));
  const own = [...commune.values()].filter((c) => !bundledKeys.has(c.key));
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
