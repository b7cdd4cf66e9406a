import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { PlanFilter } from '../../../core/round-planner';
import { isRoundFilter } from './round-filters';

/** How long since the last visit counts as "lâu chưa ghé"; the team picks one and it stays picked. */
export const STALE_DAY_CHOICES = [30, 60, 90] as const;
export type StaleDays = (typeof STALE_DAY_CHOICES)[number];

/** The household a round last opened in a village, on a commune day ("YYYY-MM-DD"). */
export interface RoundPlace {
  householdId: string;
  day: string;
}

interface RoundSettingsState {
  /** @default 30 */
  staleDays: StaleDays;
  setStaleDays: (days: StaleDays) => void;
  /**
   * The list chosen per village, kept on the phone (issue 15, kind 3): Android closing the tab
   * mid-round must not drop the walker back on another list.
   */
  chosen: Record<string, PlanFilter>;
  choose: (villageId: string, filter: PlanFilter) => void;
  /**
   * Where the round is, per village: the round reopens at the door after this one (issue 15, kind 3).
   * Only a place of today counts: tomorrow's round starts from the top.
   */
  places: Record<string, RoundPlace>;
  remember: (villageId: string, place: RoundPlace) => void;
}

function isStaleDays(value: unknown): value is StaleDays {
  return (STALE_DAY_CHOICES as readonly unknown[]).includes(value);
}

function isPlace(value: unknown): value is RoundPlace {
  const place = value as Partial<RoundPlace> | null;
  return typeof place?.householdId === 'string' && typeof place.day === 'string';
}

/** Keeps the entries of a stored record that pass `keep`: a hand-edited value is dropped, not trusted. */
function validEntries<T>(stored: unknown, keep: (value: unknown) => value is T): Record<string, T> {
  if (typeof stored !== 'object' || stored === null) return {};
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, T] => keep(entry[1])));
}

export const useRoundSettings = create<RoundSettingsState>()(
  persist(
    (set) => ({
      staleDays: 30,
      setStaleDays: (staleDays) => set({ staleDays }),
      chosen: {},
      choose: (villageId, filter) => set((s) => ({ chosen: { ...s.chosen, [villageId]: filter } })),
      places: {},
      remember: (villageId, place) => set((s) => ({ places: { ...s.places, [villageId]: place } })),
    }),
    {
      name: 'ngo-so.round',
      partialize: (s) => ({ staleDays: s.staleDays, chosen: s.chosen, places: s.places }),
      // A hand-edited or future value must not leave the planner without a threshold or a list.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as Partial<Record<keyof RoundSettingsState, unknown>>;
        return {
          ...current,
          staleDays: isStaleDays(stored.staleDays) ? stored.staleDays : current.staleDays,
          chosen: validEntries(
            stored.chosen,
            (v): v is PlanFilter => typeof v === 'string' && isRoundFilter(v),
          ),
          places: validEntries(stored.places, isPlace),
        };
      },
    },
  ),
);
