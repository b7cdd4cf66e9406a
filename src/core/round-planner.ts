/**
 * The round planner ("đi từng ngõ, gõ từng nhà", plan task 20): which households of a village a team
 * should knock on next, and why. Pure: the app feeds it the village's rows from the phone's database.
 *
 * Rules:
 * - never visited: no visit at all;
 * - stale: last visit more than `staleDays` days before today;
 * - follow-up due today / overdue: the latest visit set a follow-up day (come back) that is today /
 *   already past, and no visit came after it;
 * - not met, come back (chưa gặp được – quay lại): the latest visit found nobody home, whatever its
 *   age: the 30-day rule would hide the house for a month (issue 15, kind 3). A refusal is not in it:
 *   the household said no, and knocking again every day is not respect; the stale rule brings it back.
 *   "Come back" is not either: it has its day, and the follow-up list brings it then;
 * - reached: at least one visit where the team met someone;
 * - priority groups (elderly 60+, person with disability, poor household, ethnic-minority household
 *   recorded with consent) count as "not yet reached" until a visit met someone there.
 */
import { daysBetween, localDay } from './dates';
import { isElderly, type ResidentGroup, type VisitOutcome } from './schemas';
import { groupingKey, normalizeLine } from './text';
import { commonestSpelling, compareInLane, laneComparator } from './walk-order';

export interface PlannerHousehold {
  id: string;
  label: string;
  lane?: string | undefined;
  address?: string | undefined;
  walkOrder?: number | undefined;
  poor: boolean;
  ethnicMinority?: boolean | undefined;
  ethnicMinorityConsentAt?: string | undefined;
  deletedAt?: string | undefined;
}
export interface PlannerResident {
  householdId: string;
  birthYear: number;
  groups: readonly ResidentGroup[];
  deletedAt?: string | undefined;
}
export interface PlannerVisit {
  householdId: string;
  visitedAt: string;
  outcome: VisitOutcome;
  followUpOn?: string | undefined;
  deletedAt?: string | undefined;
}

export const PRIORITY_GROUPS = ['elderly', 'disability', 'poor', 'ethnic_minority'] as const;
export type PriorityGroup = (typeof PRIORITY_GROUPS)[number];
export type PlanReason = 'never_visited' | 'stale' | 'follow_up_due' | 'follow_up_overdue' | 'not_met';

export interface PlannedHousehold {
  household: PlannerHousehold;
  /** Local day of the latest visit. */
  lastVisitDay?: string;
  lastOutcome?: VisitOutcome;
  daysSinceVisit?: number;
  followUpOn?: string;
  reasons: PlanReason[];
  /** Nobody-home visits in a row up to the latest (0 when the latest found someone or none was made). */
  tries: number;
  priority: PriorityGroup[];
  reached: boolean;
  visits: number;
}

export interface RoundCounts {
  households: number;
  visited: number;
  reached: number;
  neverVisited: number;
  stale: number;
  followUpDue: number;
  followUpOverdue: number;
  /** Households whose latest visit found nobody home; `notMetToday` of them were tried today. */
  notMet: number;
  notMetToday: number;
  /** Households in each priority group that no visit has reached yet. */
  priorityNotReached: Record<PriorityGroup, number>;
}

export interface RoundPlan {
  entries: PlannedHousehold[];
  counts: RoundCounts;
}

export interface PlanInput {
  households: Iterable<PlannerHousehold>;
  residents: Iterable<PlannerResident>;
  visits: Iterable<PlannerVisit>;
  /** Today in the commune, "YYYY-MM-DD". */
  today: string;
  /** A household last visited more than this many days ago is due again. */
  staleDays: number;
}

/** The priority groups a household belongs to. Ethnic minority counts only when recorded with consent. */
export function householdPriority(
  household: PlannerHousehold,
  residents: readonly PlannerResident[],
  year: number,
): PriorityGroup[] {
  const live = residents.filter((r) => !r.deletedAt);
  const out: PriorityGroup[] = [];
  if (live.some((r) => isElderly(r.birthYear, year))) out.push('elderly');
  if (live.some((r) => r.groups.includes('disability'))) out.push('disability');
  if (household.poor) out.push('poor');
  if (household.ethnicMinority === true && household.ethnicMinorityConsentAt !== undefined)
    out.push('ethnic_minority');
  return out;
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** How many of the latest visits in a row found nobody home. */
function nobodyHomeRun(visits: readonly PlannerVisit[]): number {
  const newestFirst = [...visits].sort((a, b) => b.visitedAt.localeCompare(a.visitedAt));
  const other = newestFirst.findIndex((v) => v.outcome !== 'nobody_home');
  return other === -1 ? newestFirst.length : other;
}

/**
 * Which households to knock on and why, with the village's counts (the rules in this file's header).
 * `today` is the commune's day ("YYYY-MM-DD"); visits' days are their commune days (dates.ts).
 */
export function planRound(input: PlanInput): RoundPlan {
  const year = Number(input.today.slice(0, 4));
  const residentsBy = groupBy(input.residents, (r) => r.householdId);
  const visitsBy = groupBy(
    [...input.visits].filter((v) => !v.deletedAt),
    (v) => v.householdId,
  );
  const entries: PlannedHousehold[] = [];
  const counts: RoundCounts = {
    households: 0,
    visited: 0,
    reached: 0,
    neverVisited: 0,
    stale: 0,
    followUpDue: 0,
    followUpOverdue: 0,
    notMet: 0,
    notMetToday: 0,
    priorityNotReached: { elderly: 0, disability: 0, poor: 0, ethnic_minority: 0 },
  };
  for (const household of input.households) {
    if (household.deletedAt) continue;
    const visits = visitsBy.get(household.id) ?? [];
    const priority = householdPriority(household, residentsBy.get(household.id) ?? [], year);
    const reached = visits.some((v) => v.outcome === 'met');
    const reasons: PlanReason[] = [];
    const entry: PlannedHousehold = {
      household,
      reasons,
      tries: 0,
      priority,
      reached,
      visits: visits.length,
    };
    const latest = visits.reduce<PlannerVisit | undefined>(
      (best, v) => (!best || v.visitedAt > best.visitedAt ? v : best),
      undefined,
    );
    if (!latest) {
      reasons.push('never_visited');
    } else {
      entry.lastVisitDay = localDay(latest.visitedAt);
      entry.lastOutcome = latest.outcome;
      entry.daysSinceVisit = daysBetween(entry.lastVisitDay, input.today);
      if (entry.daysSinceVisit > input.staleDays) reasons.push('stale');
      if (latest.followUpOn) {
        entry.followUpOn = latest.followUpOn;
        if (latest.followUpOn === input.today) reasons.push('follow_up_due');
        else if (latest.followUpOn < input.today) reasons.push('follow_up_overdue');
      }
      if (latest.outcome === 'nobody_home') {
        reasons.push('not_met');
        entry.tries = nobodyHomeRun(visits);
      }
    }
    counts.households += 1;
    if (visits.length > 0) counts.visited += 1;
    if (reached) counts.reached += 1;
    if (reasons.includes('never_visited')) counts.neverVisited += 1;
    if (reasons.includes('stale')) counts.stale += 1;
    if (reasons.includes('follow_up_due')) counts.followUpDue += 1;
    if (reasons.includes('follow_up_overdue')) counts.followUpOverdue += 1;
    if (reasons.includes('not_met')) {
      counts.notMet += 1;
      if (entry.lastVisitDay === input.today) counts.notMetToday += 1;
    }
    if (!reached) for (const group of priority) counts.priorityNotReached[group] += 1;
    entries.push(entry);
  }
  return { entries, counts };
}

export type PlanFilter = PlanReason | 'follow_up' | `priority:${PriorityGroup}`;

/** The households a filter selects: "follow_up" is due today or overdue; "priority:x" not yet reached. */
export function selectEntries(plan: RoundPlan, filter: PlanFilter): PlannedHousehold[] {
  return plan.entries.filter((e) => {
    if (filter === 'follow_up')
      return e.reasons.includes('follow_up_due') || e.reasons.includes('follow_up_overdue');
    if (filter.startsWith('priority:'))
      return !e.reached && e.priority.includes(filter.slice(9) as PriorityGroup);
    return e.reasons.includes(filter as PlanReason);
  });
}

export interface LaneGroup {
  /** The lane as most of its households write it; "" for households without one. */
  lane: string;
  /** The lane's grouping key (text.ts), what a village's `laneOrder` is matched by. */
  key: string;
  entries: PlannedHousehold[];
}

/**
 * Grouped by lane in the team's walking order (walk-order.ts: the village's `laneOrder`, then
 * alphabetical, no lane last; houses by `walkOrder`, then address and name). Lanes that look alike —
 * one typed composed and one decomposed, in another case or with extra spaces — are one lane
 * (text.ts groupingKey; issue 13, kind 7).
 */
export function groupByLane(
  entries: readonly PlannedHousehold[],
  laneOrder?: readonly string[],
): LaneGroup[] {
  const groups = groupBy(entries, (e) => groupingKey(e.household.lane));
  const lanes = laneComparator(laneOrder);
  return [...groups.entries()]
    .sort(([a], [b]) => lanes(a, b))
    .map(([key, list]) => ({
      lane: key === '' ? '' : commonestSpelling(list.map((e) => normalizeLine(e.household.lane ?? ''))),
      key,
      entries: list.sort((x, y) => compareInLane(x.household, y.household)),
    }));
}

/**
 * The next door of a round (issue 15, kind 3): the first household of `lanes` (the list on screen)
 * that comes after `householdId` in the village's walking order (`village`: every household, grouped
 * as groupByLane does). The household just visited may have left the list (a never-visited house
 * once visited), so its place is taken from the whole village, not from the list. Undefined at the
 * end of the list, or when the household is not in the village.
 */
export function nextDoor(
  lanes: readonly LaneGroup[],
  village: readonly LaneGroup[],
  householdId: string,
): PlannedHousehold | undefined {
  const position = new Map<string, number>();
  for (const group of village) for (const e of group.entries) position.set(e.household.id, position.size);
  const from = position.get(householdId);
  if (from === undefined) return undefined;
  for (const group of lanes)
    for (const e of group.entries) if ((position.get(e.household.id) ?? -1) > from) return e;
  return undefined;
}
