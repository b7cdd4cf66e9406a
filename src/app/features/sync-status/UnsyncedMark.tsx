import { useT } from '../../i18n/i18n';

/** Marks a record whose latest change has not reached the server yet (text, not colour alone). */
export function UnsyncedMark() {
  const t = useT();
  return <span className="badge unsynced">⟳ {t('sync.unsynced')}</span>;
}
