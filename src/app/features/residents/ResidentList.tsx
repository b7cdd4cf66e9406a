import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { ageInYear, hasActiveConsent, isElderly } from '../../../core/schemas';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { UnsyncedMark } from '../sync-status/UnsyncedMark';

interface Props {
  villageId: string;
  householdId: string;
  pendingIds?: Set<string> | undefined;
}

export function ResidentList({ villageId, householdId, pendingIds }: Props) {
  const t = useT();
  const residents = useLiveQuery(
    async () =>
      (await getDb().residents.where('householdId').equals(householdId).toArray())
        .filter((r) => !r.deletedAt)
        .sort((a, b) => a.birthYear - b.birthYear),
    [householdId],
  );
  if (!residents) return <p>{t('app.loading')}</p>;
  if (residents.length === 0) return <p className="empty">{t('households.noResidents')}</p>;
  const year = new Date().getFullYear();
  return (
    <ul className="list" data-testid="resident-list">
      {residents.map((r) => (
        <li key={r.id}>
          <Link href={`/v/${villageId}/h/${householdId}/r/${r.id}`} className="list-item">
            <span className="item-title">{r.name}</span>
            <span className="item-meta">
              {r.birthYear} · {t('resident.age', { age: ageInYear(r.birthYear, year) })}
            </span>
            <span className="badges">
              {isElderly(r.birthYear, year) && <span className="badge">{t('resident.elderly')}</span>}
              {r.groups.map((g) => (
                <span key={g} className="badge">
                  {t(`resident.group.${g}`)}
                </span>
              ))}
              {!hasActiveConsent(r) && <span className="badge warn">{t('resident.noConsentBadge')}</span>}
              {pendingIds?.has(r.id) && <UnsyncedMark />}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
