/**
 * The round planner ("đi từng ngõ, gõ từng nhà", plan task 20): which households of a village a team
 * should knock on next, and why. Pure: the app feeds it the village's rows from the phone's database.
 *
 * Rules:
 * - never visited: no visit at all;
 * - stale: last visit more than `staleDays` days before today;
 * - follow-up due today / overdue: the latest visit set a follow-up day (come back) that is today /
 *   already past, and no visit came after it;
 * - reached: at least one visit where the team met someone;
 * - priority groups (elderly 60+, person with disability, poor household, ethnic-minority household
 *   recorded with consent) count as "not yet reached" until a visit met someone there.
 */
import { daysBetween, localDay } from './dates';
import { isElderly, type ResidentGroup, type VisitOutcome } from './schemas';
import { groupingKey, normalizeLine } from './text';

export interface PlannerHousehold {
  id: string;
  label: string;
  lane?: string | undefined;
  address?: string | undefined;
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
export type PlanReason = 'never_visited' | 'stale' | 'follow_up_due' | 'follow_up_overdue';

export interface PlannedHousehold {
  household: PlannerHousehold;
  /** Local day of the latest visit. */
  lastVisitDay?: string;
  lastOutcome?: VisitOutcome;
  daysSinceVisit?: number;
  followUpOn?: string;
  reasons: PlanReason[];
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
    priorityNotReached: { elderly: 0, disability: 0, poor: 0, ethnic_minority: 0 },
  };
  for (const household of input.households) {
    if (household.deletedAt) continue;
    const visits = visitsBy.get(household.id) ?? [];
    const priority = householdPriority(household, residentsBy.get(household.id) ?? [], year);
    const reached = visits.some((v) => v.outcome === 'met');
    const reasons: PlanReason[] = [];
    const entry: PlannedHousehold = { household, reasons, priority, reached, visits: visits.length };
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
    }
    counts.households += 1;
    if (visits.length > 0) counts.visited += 1;
    if (reached) counts.reached += 1;
    if (reasons.includes('never_visited')) counts.neverVisited += 1;
    if (reasons.includes('stale')) counts.stale += 1;
    if (reasons.includes('follow_up_due')) counts.followUpDue += 1;
    if (reasons.includes('follow_up_overdue')) counts.followUpOverdue += 1;
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
  /** The lane as most of its households write it; "" for households without one (shown last). */
  lane: string;
  entries: PlannedHousehold[];
}

const walkingOrder = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
/** Lanes apart by their letters and marks ("Na Pai" is not "Nà Pài"), whatever their case. */
const laneOrder = new Intl.Collator('vi', { numeric: true, sensitivity: 'accent' });

/**
 * Grouped by lane in walking order, as the household list sorts (numeric-aware; no lane last).
 * Lanes that look alike — one typed composed and one decomposed, in another case or with extra
 * spaces — are one lane (text.ts groupingKey; issue 13, kind 7).
 */
export function groupByLane(entries: readonly PlannedHousehold[], collator = walkingOrder): LaneGroup[] {
  const groups = groupBy(entries, (e) => groupingKey(e.household.lane));
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : laneOrder.compare(a, b)))
    .map(([key, list]) => ({
      lane: key === '' ? '' : commonestSpelling(list.map((e) => normalizeLine(e.household.lane ?? ''))),
      entries: list.sort(
        (x, y) =>
          collator.compare(x.household.address ?? '', y.household.address ?? '') ||
          collator.compare(x.household.label, y.household.label),
      ),
    }));
}

/** The spelling most households use; on a tie, the first in walking order. */
export function commonestSpelling(spellings: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const s of spellings) counts.set(s, (counts.get(s) ?? 0) + 1);
  let best = '';
  let bestCount = 0;
  for (const [spelling, count] of counts) {
    if (count > bestCount || (count === bestCount && walkingOrder.compare(spelling, best) < 0)) {
      best = spelling;
      bestCount = count;
    }
  }
  return best;
}
