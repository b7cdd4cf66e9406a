import { useT } from '../../i18n/i18n';

/** Placeholder replaced by the admin screen (villages, accounts). */
export default function AdminPage() {
  const t = useT();
  return <h1>{t('admin.title')}</h1>;
}
