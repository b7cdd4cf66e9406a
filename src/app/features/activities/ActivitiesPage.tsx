import { useLiveQuery } from 'dexie-react-hooks';
import { Link, useParams } from 'wouter';
import { COMMUNE_OFFICE_ID, inScope } from '../../../core/sync/scope';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { scopeOf } from '../../sync/account';
import { useSession } from '../../sync/session';
import { VillageTitle } from '../villages/VillageTitle';
import { ActivityLog } from './ActivityLog';

type Place =
  | { kind: 'office' }
  | { kind: 'village'; demo: boolean }
  | { kind: 'unit'; name: string }
  | { kind: 'unknown' };

/**
 * "/activities/:scopeId" (issue 19 item 2): the activity log of a village (its team), a reporting unit
 * (its account, commune officers) or the commune office (COMMUNE_OFFICE_ID, commune officers). An
 * account shown a scope it does not hold is told so rather than shown an empty log.
 */
export default function ActivitiesPage() {
  const t = useT();
  const { scopeId = '' } = useParams<{ scopeId: string }>();
  const user = useSession((s) => s.session?.user);
  const place = useLiveQuery(async (): Promise<Place> => {
    if (scopeId === COMMUNE_OFFICE_ID) return { kind: 'office' };
    const village = await getDb().villages.get(scopeId);
    if (village && !village.deletedAt) return { kind: 'village', demo: village.demo === true };
    const unit = await getDb().reportingUnits.get(scopeId);
    if (unit && !unit.deletedAt) return { kind: 'unit', name: unit.name };
    return { kind: 'unknown' };
  }, [scopeId]);

  if (!place) return <p>{t('app.loading')}</p>;
  if (place.kind === 'unknown')
    return (
      <section>
        <p>{t('activities.notFound')}</p>
        <Link href="/" className="button">
          {t('app.goHome')}
        </Link>
      </section>
    );
  const visible =
    (place.kind === 'village' && place.demo) || (user !== undefined && inScope(scopeOf(user), scopeId));
  const back =
    place.kind === 'village'
      ? `/v/${scopeId}/classes`
      : place.kind === 'unit'
        ? `/units/${scopeId}`
        : '/units';

  return (
    <section className="activities-page">
      {place.kind === 'village' && <VillageTitle villageId={scopeId} />}
      <Link href={back} className="back-link">
        ← {t('app.back')}
      </Link>
      <h1>{place.kind === 'office' ? t('activities.officeTitle') : t('activities.pageTitle')}</h1>
      {place.kind === 'unit' && <p className="village-title">{place.name}</p>}
      {visible ? <ActivityLog scopeId={scopeId} /> : <p className="notice">{t('activities.noAccess')}</p>}
    </section>
  );
}
