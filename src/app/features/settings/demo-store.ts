import { create } from 'zustand';

/**
 * Demo seeding lives outside any component: the village list replaces its empty state as soon as the
 * first demo village is written, and the progress must stay visible until all thirteen are in.
 */
interface DemoState {
  progress: { done: number; total: number } | undefined;
  outcome: { ok: true; count: number } | { ok: false; error: unknown } | undefined;
  run: (collectedBy: string) => Promise<void>;
}

export const useDemoSeeding = create<DemoState>()((set, get) => ({
  progress: undefined,
  outcome: undefined,
  run: async (collectedBy) => {
    if (get().progress) return;
    set({ progress: { done: 0, total: 13 }, outcome: undefined });
    try {
      // Loaded on demand: the generator and its name lists are not needed on a normal day.
      const { seedDemoData } = await import('../../db/demo-seeder');
      const count = await seedDemoData(collectedBy, (done, total) => set({ progress: { done, total } }));
      set({ outcome: { ok: true, count } });
    } catch (error) {
      set({ outcome: { ok: false, error } });
    } finally {
      set({ progress: undefined });
    }
  },
}));
