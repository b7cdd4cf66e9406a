import { type RoundCounts as Counts, type PlanFilter, PRIORITY_GROUPS } from '../../../core/round-planner';
import { useT } from '../../i18n/i18n';

interface Props {
  counts: Counts;
  staleDays: number;
  selected: PlanFilter;
  onSelect: (filter: PlanFilter) => void;
}

/** The numbers at the top of the round; each one opens its list. */
export function RoundCounts({ counts, staleDays, selected, onSelect }: Props) {
  const t = useT();
  const button = (key: string, label: string, count: number, filter: PlanFilter) => (
    <li key={key}>
      <button
        type="button"
        className="count-button"
        aria-pressed={selected === filter}
        onClick={() => onSelect(filter)}
      >
        <span className="count-number">{count}</span>
        <span className="count-label">
          {selected === filter && '✓ '}
          {label}
        </span>
      </button>
    </li>
  );
  return (
    <>
      <p className="round-summary" data-testid="round-summary">
        {t('round.summary', {
          households: counts.households,
          visited: counts.visited,
          reached: counts.reached,
        })}
      </p>
      <h2 id="round-need">{t('round.needLabel')}</h2>
      <p className="hint">{t('round.countHint')}</p>
      <ul className="count-grid" aria-labelledby="round-need">
        {button('due', t('round.count.followUpDue'), counts.followUpDue, 'follow_up')}
        {button('overdue', t('round.count.followUpOverdue'), counts.followUpOverdue, 'follow_up')}
        {button('never', t('round.count.neverVisited'), counts.neverVisited, 'never_visited')}
        {button('notMet', t('round.count.notMet'), counts.notMet, 'not_met')}
        {button('stale', t('round.count.stale', { days: staleDays }), counts.stale, 'stale')}
      </ul>
      <h2 id="round-priority">{t('round.priorityLabel')}</h2>
      <ul className="count-grid" aria-labelledby="round-priority">
        {PRIORITY_GROUPS.map((g) =>
          button(g, t(`round.group.${g}`), counts.priorityNotReached[g], `priority:${g}`),
        )}
      </ul>
    </>
  );
}
