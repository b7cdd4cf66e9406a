import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import type { Household } from '../../../core/schemas';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { householdGone, statusDay } from './register-status';

/**
 * On a household that has left the rolls (issue 18): what happened and since when, and for a merge
 * a link to the household its people joined. Nothing for a household that lives here.
 */
export function HouseholdStatusLine({ household }: { household: Household }) {
  const t = useT();
  const intoId = household.status === 'merged' ? household.mergedInto : undefined;
  const into = useLiveQuery(
    async () => (intoId ? await getDb().households.get(intoId) : undefined),
    [intoId],
  );
  if (!householdGone(household) || !household.status) return null;
  const day = household.statusOn ? ` (${statusDay(household.statusOn)})` : '';
  return (
    <p className="notice" data-testid="household-status">
      {into && !into.deletedAt ? (
        <Link href={`/v/${into.villageId}/h/${into.id}`}>
          {t('status.mergedIntoLink', { label: into.label })}
        </Link>
      ) : (
        t(`status.household.${household.status}`)
      )}
      {day}
    </p>
  );
}
