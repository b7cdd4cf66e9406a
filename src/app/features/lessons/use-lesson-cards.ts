import { useEffect, useState } from 'react';
import type { LessonCard } from '../../../core/lessons/card';
// Not used yet, on purpose: every other lazy screen reaches the session (and through it the database
// and the commune clock), and the bundler (rolldown) groups shared modules by the screens that reach
// them. Screens that reach React but not the session split React out of its shared chunk into a
// first-load chunk of its own: about +900 B gzip, over the 150 kB budget (measured with
// scripts/first-load-size.ts: 150,188 B without this line, 149,815 B with it). The lessons
// repository (the commune's synced cards) will reach the session by itself; then this line can go.
import '../../sync/session';

/**
 * The cards this phone shows: the bundled set (loaded lazily, so cards stay out of the first load).
 * Undefined while loading. The commune's synced edits are merged in by the lessons repository.
 */
export function useLessonCards(): readonly LessonCard[] | undefined {
  const [cards, setCards] = useState<readonly LessonCard[]>();
  useEffect(() => {
    let live = true;
    void import('../../../content/lessons').then(({ BUNDLED_CARDS }) => {
      if (live) setCards(BUNDLED_CARDS);
    });
    return () => {
      live = false;
    };
  }, []);
  return cards;
}

/** One card by key, or null when no card has that key; undefined while loading. */
export function useLessonCard(key: string): LessonCard | null | undefined {
  const cards = useLessonCards();
  if (cards === undefined) return undefined;
  return cards.find((c) => c.key === key && !c.hidden) ?? null;
}
