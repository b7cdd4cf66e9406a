import { useT } from '../../i18n/i18n';

/** Placeholder until its feature lands (issue 4). */
export default function ClassFormPage() {
  const t = useT();
  return <p>{t('app.loading')}</p>;
}
