import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * A visit list made from a dashboard number (issue 18, item 4: "turn any gap into tomorrow's visit
 * list"): the households behind it, kept on this phone per village until cleared. The round planner
 * then lists only these households. Ids only, no names: what the list means is in its label.
 */
export interface RoundList {
  /** What the list is, as the dashboard named it ("Người từ 16 tuổi chưa có VNeID mức 2"). */
  label: string;
  householdIds: string[];
  /** When it was made (ISO instant). */
  createdAt: string;
}

const KEY_PREFIX = 'ngo-so.round.list.';
const listeners = new Set<() => void>();

function keyOf(villageId: string): string {
  return `${KEY_PREFIX}${villageId}`;
}

function notify(): void {
  for (const listener of listeners) listener();
}

/** Keeps a list as the village's round filter, replacing any earlier one. */
export function saveRoundList(villageId: string, list: RoundList): void {
  localStorage.setItem(keyOf(villageId), JSON.stringify(list));
  notify();
}

export function clearRoundList(villageId: string): void {
  localStorage.removeItem(keyOf(villageId));
  notify();
}

/** The village's list, or undefined when none is kept (or what is kept is not one: a hand edit). */
export function readRoundList(villageId: string): RoundList | undefined {
  const text = localStorage.getItem(keyOf(villageId));
  if (!text) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { label, householdIds, createdAt } = value as Record<string, unknown>;
    if (typeof label !== 'string' || typeof createdAt !== 'string' || !Array.isArray(householdIds)) {
      return undefined;
    }
    return { label, createdAt, householdIds: householdIds.filter((id) => typeof id === 'string') };
  } catch {
    return undefined;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  // Another tab's list (storage events fire in the other tabs only).
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** The village's kept list, live; the same list object until the stored text changes. */
export function useRoundList(villageId: string): RoundList | undefined {
  const text = useSyncExternalStore(
    subscribe,
    useCallback(() => localStorage.getItem(keyOf(villageId)), [villageId]),
  );
  // `text` is what readRoundList reads: a new list only when it changed.
  return useMemo(() => (text === null ? undefined : readRoundList(villageId)), [text, villageId]);
}
