import { useEffect, useState } from 'react';
import type { LessonCard } from '../../../core/lessons/card';

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
