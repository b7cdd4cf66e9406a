import { Link, useParams } from 'wouter';
import { useT } from '../../i18n/i18n';
import { HeadingWithAdd } from '../../ui/HeadingWithAdd';
import { UnsyncedMark } from '../sync-status/UnsyncedMark';
import { usePendingRowIds } from '../sync-status/use-pending';
import { VillageTabs } from '../villages/VillageTabs';
import { VillageTitle } from '../villages/VillageTitle';
import { attendeesLabel, classWhen } from './class-format';
import { useVillageClasses } from './use-village-classes';
import './classes.css';

/** A village's classes, newest first, with how many came to each. */
export default function ClassListPage() {
  const t = useT();
  const { villageId = '' } = useParams<{ villageId: string }>();
  const classes = useVillageClasses(villageId);
  const pendingIds = usePendingRowIds(villageId);
  const participations = classes?.reduce((n, c) => n + c.present + c.session.walkIns, 0) ?? 0;

  return (
    <section>
      <VillageTitle villageId={villageId} />
      <VillageTabs villageId={villageId} />
      <HeadingWithAdd
        title={t('classes.title')}
        addLabel={t('classes.add')}
        href={`/v/${villageId}/classes/new`}
      />
      <p className="header-links">
        <Link href={`/activities/${villageId}`}>{t('activities.villageLink')}</Link>
      </p>
      {!classes ? (
        <p>{t('app.loading')}</p>
      ) : classes.length === 0 ? (
        <p className="empty">{t('classes.empty')}</p>
      ) : (
        <>
          <p className="class-totals" data-testid="class-totals">
            {t('classes.totals', { classes: classes.length, participations })}
          </p>
          <ul className="list" data-testid="class-list">
            {classes.map(({ session, present, attendanceIds }) => (
              <li key={session.id}>
                <Link href={`/v/${villageId}/classes/${session.id}`} className="list-item">
                  <span className="item-meta">{classWhen(t, session)}</span>
                  <span className="item-title">{t(`skill.${session.topic}`)}</span>
                  <span className="item-meta">
                    {t(`class.audience.${session.audience}`)} · {session.venue}
                  </span>
                  <span className="class-count">{attendeesLabel(t, present, session.walkIns)}</span>
                  {(pendingIds?.has(session.id) || attendanceIds.some((id) => pendingIds?.has(id))) && (
                    <span className="badges">
                      <UnsyncedMark />
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
