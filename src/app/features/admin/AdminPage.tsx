import { Link } from 'wouter';
import { COMMUNE_OFFICE_ID } from '../../../core/sync/scope';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { CommuneExport } from './CommuneExport';
import { DeviceSync } from './DeviceSync';
import { UserAdmin } from './UserAdmin';
import { VillageAdmin } from './VillageAdmin';

/**
 * Administration for leads (their members, conflict review) and commune officers (also villages and
 * every account). Hiding parts here is for clarity only: the server enforces every permission.
 */
export default function AdminPage() {
  const t = useT();
  const session = useSession((s) => s.session);
  const loaded = useSession((s) => s.loaded);

  if (!loaded) return <p>{t('app.loading')}</p>;
  if (!session) {
    return (
      <section>
        <h1>{t('admin.title')}</h1>
        <p className="notice">{t('admin.needsLogin')}</p>
        <Link href="/login" className="button wide">
          {t('nav.login')}
        </Link>
      </section>
    );
  }
  const role = session.user.role;
  if (role !== 'lead' && role !== 'commune') {
    return (
      <section>
        <h1>{t('admin.title')}</h1>
        <p className="notice">{t('admin.noPermission')}</p>
        <Link href="/" className="button wide">
          {t('app.goHome')}
        </Link>
      </section>
    );
  }
  return (
    <section className="admin">
      <h1>{t('admin.title')}</h1>
      <Link href="/conflicts" className="button wide">
        {t('nav.conflicts')}
      </Link>
      {role === 'commune' && (
        <>
          <Link href="/dashboard" className="button wide">
            {t('villages.communeDashboard')}
          </Link>
          <Link href="/units" className="button wide">
            {t('units.title')}
          </Link>
          <Link href={`/activities/${COMMUNE_OFFICE_ID}`} className="button wide">
            {t('units.officeActivities')}
          </Link>
        </>
      )}
      {/* First: a phone that stopped syncing holds work no one else has. */}
      <DeviceSync token={session.token} />
      {role === 'commune' && <VillageAdmin />}
      {role === 'commune' && <CommuneExport />}
      <UserAdmin session={session} />
    </section>
  );
}
