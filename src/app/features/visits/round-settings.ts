import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { PlanFilter } from '../../../core/round-planner';

/** How long since the last visit counts as "lâu chưa ghé"; the team picks one and it stays picked. */
export const STALE_DAY_CHOICES = [30, 60, 90] as const;
export type StaleDays = (typeof STALE_DAY_CHOICES)[number];

interface RoundSettingsState {
  /** @default 30 */
  staleDays: StaleDays;
  setStaleDays: (days: StaleDays) => void;
  /** The list chosen per village, kept while the app is open so a round comes back to it after each door. */
  chosen: Record<string, PlanFilter>;
  choose: (villageId: string, filter: PlanFilter) => void;
}

function isStaleDays(value: unknown): value is StaleDays {
  return (STALE_DAY_CHOICES as readonly unknown[]).includes(value);
}

export const useRoundSettings = create<RoundSettingsState>()(
  persist(
    (set) => ({
      staleDays: 30,
      setStaleDays: (staleDays) => set({ staleDays }),
      chosen: {},
      choose: (villageId, filter) => set((s) => ({ chosen: { ...s.chosen, [villageId]: filter } })),
    }),
    {
      name: 'ngo-so.round',
      partialize: (s) => ({ staleDays: s.staleDays }),
      // A hand-edited or future value must not leave the planner without a threshold.
      merge: (persisted, current) => {
        const stored = (persisted ?? {}) as Partial<RoundSettingsState>;
        return {
          ...current,
          staleDays: isStaleDays(stored.staleDays) ? stored.staleDays : current.staleDays,
        };
      },
    },
  ),
);
