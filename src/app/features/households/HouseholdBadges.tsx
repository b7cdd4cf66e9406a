import type { Household } from '../../../core/schemas';
import { useT } from '../../i18n/i18n';

export function HouseholdBadges({ household }: { household: Household }) {
  const t = useT();
  if (!household.poor && !household.ethnicMinority) return null;
  return (
    <span className="badges">
      {household.poor && <span className="badge">{t('households.poor')}</span>}
      {household.ethnicMinority && <span className="badge">{t('households.ethnic')}</span>}
    </span>
  );
}
