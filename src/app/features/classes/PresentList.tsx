import { useT } from '../../i18n/i18n';
import type { AttendeeEntry } from './attendee-search';

/** Those marked present, newest first, each removable in one tap (with undo offered). */
export function PresentList({
  present,
  onRemove,
}: {
  present: readonly AttendeeEntry[];
  onRemove: (entry: AttendeeEntry) => void;
}) {
  const t = useT();
  if (present.length === 0) return <p className="empty">{t('classes.nobodyYet')}</p>;
  return (
    <ul className="list" data-testid="present-list">
      {present.map((entry) => (
        <li key={entry.resident.id} className="present-row">
          <span className="present-text">
            <span className="item-title">{entry.resident.name}</span>
            <span className="item-meta">
              {t('classes.bornIn', { year: String(entry.resident.birthYear) })} ·{' '}
              {t('classes.householdOf', { label: entry.householdLabel })}
            </span>
          </span>
          <button
            type="button"
            className="button"
            aria-label={t('classes.removeLabel', { name: entry.resident.name })}
            onClick={() => onRemove(entry)}
          >
            {t('classes.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}
