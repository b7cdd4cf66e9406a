import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { LessonCard } from '../../../core/lessons/card';
import { effectiveCards } from '../../../core/lessons/effective';
import { getDb } from '../../db/database';
import { useSession } from '../../sync/session';

let bundledLoad: Promise<readonly LessonCard[]> | undefined;

/** The bundled cards, loaded once (a chunk of their own, precached: they open offline). */
export function loadBundledCards(): Promise<readonly LessonCard[]> {
  bundledLoad ??= import('../../../content/lessons').then(
    (m) => m.BUNDLED_CARDS,
    (error: unknown) => {
      bundledLoad = undefined;
      throw error;
    },
  );
  return bundledLoad;
}

/** The bundled cards, undefined while their chunk loads. */
export function useBundledCards(): readonly LessonCard[] | undefined {
  const [cards, setCards] = useState<readonly LessonCard[]>();
  useEffect(() => {
    let live = true;
    void loadBundledCards().then((loaded) => {
      if (live) setCards(loaded);
    });
    return () => {
      live = false;
    };
  }, []);
  return cards;
}

/**
 * The cards this phone shows (issue 20): the bundled set with the commune's synced edits and own cards
 * laid over it (core/lessons/effective.ts), live: an officer's edit shows as soon as it is pulled.
 * Hidden cards are included (screens skip them). Undefined while loading.
 */
export function useLessonCards(): readonly LessonCard[] | undefined {
  const bundled = useBundledCards();
  const rows = useLiveQuery(() => getDb().lessonCards.toArray(), []);
  // One array per change of either side: screens key effects and the question box's index on it.
  return useMemo(
    () => (bundled === undefined || rows === undefined ? undefined : effectiveCards(bundled, rows)),
    [bundled, rows],
  );
}

/**
 * One card by key, or null when no card has that key; undefined while loading. A card hidden from
 * the teams is still found for the commune officers who keep the cards (to show it again).
 */
export function useLessonCard(key: string): LessonCard | null | undefined {
  const cards = useLessonCards();
  const officer = useSession((s) => s.session?.user.role === 'commune');
  if (cards === undefined) return undefined;
  return cards.find((c) => c.key === key && (officer || !c.hidden)) ?? null;
}
