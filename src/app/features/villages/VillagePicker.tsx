import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, Redirect } from 'wouter';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { DemoDataButton, DemoStatus } from '../settings/DemoDataButton';
import { useVillageVisibility } from './use-visible-villages';

const collator = new Intl.Collator('vi', { numeric: true });

export function VillagePicker() {
  const t = useT();
  const visible = useVillageVisibility();
  const signedIn = useSession((s) => s.session !== undefined);
  const role = useSession((s) => s.session?.user.role);
  const all = useLiveQuery(async () => {
    const db = getDb();
    const rows = (await db.villages.toArray()).filter((v) => !v.deletedAt);
    rows.sort((a, b) => collator.compare(a.name, b.name));
    return Promise.all(
      rows.map(async (v) => ({
        village: v,
        households:
          (await db.households.where('villageId').equals(v.id).count()) -
          (await db.households
            .where('[villageId+deletedAt]')
            .between([v.id, Dexie.minKey], [v.id, Dexie.maxKey])
            .count()),
      })),
    );
  }, []);
  const villages = all?.filter(({ village }) => visible(village));
  const hidden = (all?.length ?? 0) - (villages?.length ?? 0);
  const ownUnit = useSession((s) =>
    s.session?.user.role === 'unit' ? s.session.user.villageIds[0] : undefined,
  );

  // A reporting unit's account has no village: its home is its own unit's quarter (issue 19).
  if (ownUnit) return <Redirect to={`/units/${ownUnit}`} replace />;
  if (!villages) return <p>{t('app.loading')}</p>;
  return (
    <section>
      <h1>{t('villages.title')}</h1>
      {role === 'commune' && (
        <p>
          <Link href="/dashboard">{t('villages.communeDashboard')}</Link>
        </p>
      )}
      <p className="header-links">
        <Link href="/lessons">{t('lessons.title')}</Link>
      </p>
      <DemoStatus />
      {!signedIn && hidden > 0 && (
        <p className="notice">
          {t('account.loginToSee')} <Link href="/login">{t('nav.login')}</Link>
        </p>
      )}
      {villages.length === 0 ? (
        <div className="empty">
          <p>{t('villages.empty')}</p>
          <p className="hint">
            {/* Logged in, the list is empty because no village is given yet: say who can give one. */}
            {t(
              role === 'commune'
                ? 'villages.emptyCommune'
                : role
                  ? 'villages.emptyMember'
                  : 'villages.emptyHint',
            )}
          </p>
          <DemoDataButton />
        </div>
      ) : (
        <ul className="list">
          {villages.map(({ village, households }) => (
            <li key={village.id}>
              <Link href={`/v/${village.id}`} className="list-item">
                <span className="item-title">
                  {village.name}
                  {village.demo && <span className="badge demo">{t('app.demoBadge')}</span>}
                </span>
                <span className="item-meta">{t('villages.households', { count: households })}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
