import type { Household } from '../../../core/schemas';
import { useT } from '../../i18n/i18n';

/**
 * A household's marks: poor, ethnic minority, and its register status when it has left (moved out,
 * merged; issue 18). First-load words only: the household list shows these before the later words.
 */
export function HouseholdBadges({ household }: { household: Household }) {
  const t = useT();
  const status =
    household.status === 'moved_out' || household.status === 'merged' ? household.status : undefined;
  if (!household.poor && !household.ethnicMinority && !status) return null;
  return (
    <span className="badges">
      {status && <span className="badge gone-badge">{t(`households.status.${status}`)}</span>}
      {household.poor && <span className="badge">{t('households.poor')}</span>}
      {household.ethnicMinority && <span className="badge">{t('households.ethnic')}</span>}
    </span>
  );
}
