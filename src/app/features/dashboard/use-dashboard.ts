import { useLiveQuery } from 'dexie-react-hooks';
import { startTransition, useEffect, useState } from 'react';
import { create } from 'zustand';
import { periodKey, periodOfDay } from '../../../core/indicators/period';
import { getDb, type VillageRow } from '../../db/database';
import { communeToday } from '../../state/commune-clock';
import { useVillageVisibility } from '../villages/use-visible-villages';
import type { DashboardWorkerApi } from './dashboard-api';
import { dashboardWorker, useDashboardVersion } from './dashboard-client';

/**
 * The period the dashboard shows, shared by its pages (the village's, the commune's, the lists
 * behind the numbers) for the app's life; unset means the commune's current quarter.
 */
const usePeriodChoice = create<{ period: string | undefined }>()(() => ({ period: undefined }));

export function choosePeriod(period: string | undefined): void {
  usePeriodChoice.setState({ period });
}

/** The chosen period key ("2025-Q4", "2025"), by default the quarter of the commune's today. */
export function useDashboardPeriod(): string {
  const chosen = usePeriodChoice((s) => s.period);
  return chosen ?? periodKey(periodOfDay(communeToday(), 'quarter'));
}

export type Answer<T> =
  | { state: 'loading' }
  | { state: 'ready'; value: T }
  | { state: 'failed'; error: unknown };

/**
 * An answer of the dashboard's worker, asked again when `key` changes or the rows change
 * (dashboard-client.ts). While a new answer is on its way the last one stays on screen; an answer
 * to an older question never replaces a newer one.
 */
export function useWorkerAnswer<T>(key: string, ask: (api: DashboardWorkerApi) => Promise<T>): Answer<T> {
  const version = useDashboardVersion((s) => s.version);
  const [answer, setAnswer] = useState<{ key: string; answer: Answer<T> }>({
    key,
    answer: { state: 'loading' },
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for everything `ask` asks.
  useEffect(() => {
    let current = true;
    // A transition: React renders the figures' many sections in slices between which the page
    // answers taps, instead of one task that froze a phone at 4× CPU for ~430 ms (npm run bench).
    ask(dashboardWorker()).then(
      (value) => current && startTransition(() => setAnswer({ key, answer: { state: 'ready', value } })),
      (error: unknown) => current && setAnswer({ key, answer: { state: 'failed', error } }),
    );
    return () => {
      current = false;
    };
  }, [key, version]);
  // A different question (another period, another village): never show the other one's numbers.
  return answer.key === key ? answer.answer : { state: 'loading' };
}

const collator = new Intl.Collator('vi', { numeric: true });

/**
 * The villages of the commune's figures, by name: those the account sees, real ones only when there
 * are any (demo villages stay on one phone and are made up: never in a total with real ones).
 * Undefined while loading.
 */
export function useCommuneVillages(): VillageRow[] | undefined {
  const visible = useVillageVisibility();
  const villages = useLiveQuery(async () => {
    const rows = (await getDb().villages.toArray()).filter((v) => !v.deletedAt);
    const real = rows.filter((v) => !v.demo);
    return (real.length > 0 ? real : rows).sort((a, b) => collator.compare(a.name, b.name));
  }, []);
  return villages?.filter((v) => visible(v));
}
