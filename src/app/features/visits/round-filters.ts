import { type PlanFilter, PRIORITY_GROUPS, type RoundCounts } from '../../../core/round-planner';
import type { Translate } from '../../i18n/i18n';

/**
 * The planner's lists in the order a team works them: promises first, then new doors, then the doors
 * where nobody was home, then old ones.
 */
export const ROUND_FILTERS: readonly PlanFilter[] = [
  'follow_up',
  'never_visited',
  'not_met',
  'stale',
  ...PRIORITY_GROUPS.map((g) => `priority:${g}` as const),
];

export function filterCount(counts: RoundCounts, filter: PlanFilter): number {
  switch (filter) {
    case 'follow_up':
      return counts.followUpDue + counts.followUpOverdue;
    case 'follow_up_due':
      return counts.followUpDue;
    case 'follow_up_overdue':
      return counts.followUpOverdue;
    case 'never_visited':
      return counts.neverVisited;
    case 'stale':
      return counts.stale;
    case 'not_met':
      return counts.notMet;
    default:
      return counts.priorityNotReached[
        filter.slice('priority:'.length) as keyof RoundCounts['priorityNotReached']
      ];
  }
}

export function filterLabel(t: Translate, filter: PlanFilter, staleDays: number): string {
  switch (filter) {
    case 'follow_up':
    case 'follow_up_due':
    case 'follow_up_overdue':
      return t('round.filter.follow_up');
    case 'never_visited':
      return t('round.filter.never_visited');
    case 'stale':
      return t('round.count.stale', { days: staleDays });
    case 'not_met':
      return t('round.filter.not_met');
    default: {
      const group = filter.slice('priority:'.length) as (typeof PRIORITY_GROUPS)[number];
      return t('round.filter.priority', { group: t(`round.group.${group}`) });
    }
  }
}

/** The list opened first: the first one with any households in it. */
export function defaultFilter(counts: RoundCounts): PlanFilter {
  return ROUND_FILTERS.find((f) => filterCount(counts, f) > 0) ?? 'follow_up';
}

export function isRoundFilter(value: string): value is PlanFilter {
  return (ROUND_FILTERS as readonly string[]).includes(value);
}
