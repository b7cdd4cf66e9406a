import { Link, useLocation } from 'wouter';
import { type MessageKey, useT } from '../../i18n/i18n';

const TABS: ReadonlyArray<{ suffix: string; label: MessageKey }> = [
  { suffix: '', label: 'villageTabs.households' },
  { suffix: '/round', label: 'villageTabs.round' },
  { suffix: '/classes', label: 'villageTabs.classes' },
];

/** The three things a team does in a village: its register, the round of visits, its classes. */
export function VillageTabs({ villageId }: { villageId: string }) {
  const t = useT();
  const [location] = useLocation();
  const base = `/v/${villageId}`;
  return (
    <nav className="village-tabs" aria-label={t('villageTabs.label')}>
      {TABS.map(({ suffix, label }) => {
        const href = `${base}${suffix}`;
        const current = suffix === '' ? location === base : location.startsWith(href);
        return (
          <Link key={suffix} href={href} aria-current={current ? 'page' : undefined}>
            {t(label)}
          </Link>
        );
      })}
    </nav>
  );
}
