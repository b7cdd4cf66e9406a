import { useMemo } from 'react';
import {
  groupByLane,
  type LaneGroup,
  nextDoor,
  type PlanFilter,
  type PlannedHousehold,
  planRound,
  type RoundPlan,
  selectEntries,
} from '../../../core/round-planner';
import { communeToday } from '../../state/commune-clock';
import { useVillage } from '../villages/use-village';
import { useVillageRows } from '../villages/use-village-rows';
import { defaultFilter } from './round-filters';
import { type RoundList, useRoundList } from './round-list';
import { useRoundSettings } from './round-settings';

export interface RoundView {
  plan: RoundPlan;
  /** The list chosen (or the first with anyone in it). */
  filter: PlanFilter;
  /** The chosen list, lane by lane in walking order. */
  lanes: LaneGroup[];
  /** A list made from a dashboard number: when kept, `lanes` holds its households only. */
  list: RoundList | undefined;
  /** Every household of the village, lane by lane in walking order: where each one's place is. */
  village: LaneGroup[];
  /** The village's lane order as the team set it. */
  laneOrder: readonly string[] | undefined;
  today: string;
  staleDays: number;
}

/**
 * A village's round as the planner shows it, kept live: the plan, the chosen list and the village in
 * walking order. Undefined while the rows load. Recomputed once per change of the rows, the day, the
 * threshold or the list, never per render.
 */
export function useRound(villageId: string): RoundView | undefined {
  const staleDays = useRoundSettings((s) => s.staleDays);
  const chosen = useRoundSettings((s) => s.chosen[villageId]);
  const today = communeToday();
  const households = useVillageRows('households', villageId);
  const residents = useVillageRows('residents', villageId);
  const visits = useVillageRows('visits', villageId);
  const village = useVillage(villageId);
  const laneOrder = village?.laneOrder;

  const plan = useMemo(
    () =>
      households && residents && visits
        ? planRound({ households, residents, visits, today, staleDays })
        : undefined,
    [households, residents, visits, today, staleDays],
  );
  const list = useRoundList(villageId);
  const filter = chosen ?? (plan ? defaultFilter(plan.counts) : 'follow_up');
  const lanes = useMemo(() => {
    if (!plan) return [];
    if (!list) return groupByLane(selectEntries(plan, filter), laneOrder);
    // The dashboard's list replaces the planner's own lists: it is the day's plan, whatever each
    // household's visit status says.
    const ids = new Set(list.householdIds);
    return groupByLane(
      plan.entries.filter((e) => ids.has(e.household.id)),
      laneOrder,
    );
  }, [plan, filter, laneOrder, list]);
  const walk = useMemo(() => (plan ? groupByLane(plan.entries, laneOrder) : []), [plan, laneOrder]);
  const loaded = village !== undefined;
  return useMemo(
    () =>
      plan && loaded ? { plan, filter, lanes, list, village: walk, laneOrder, today, staleDays } : undefined,
    [plan, loaded, filter, lanes, list, walk, laneOrder, today, staleDays],
  );
}

/**
 * The door after the round's place (the household last opened from it today), in the chosen list;
 * undefined without a place of today or at the end of the list.
 */
export function useNextDoor(villageId: string, round: RoundView | undefined): PlannedHousehold | undefined {
  const place = useRoundSettings((s) => s.places[villageId]);
  return useMemo(
    () =>
      round && place && place.day === round.today
        ? nextDoor(round.lanes, round.village, place.householdId)
        : undefined,
    [round, place],
  );
}
