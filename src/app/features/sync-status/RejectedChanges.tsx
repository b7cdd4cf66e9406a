import { useLiveQuery } from 'dexie-react-hooks';
import { formatCommuneTime } from '../../../core/dates';
import { getDb } from '../../db/database';
import { type MessageKey, useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { refusalReason, typedValues } from './rejected-format';

/** Changes the server refused, kept on the phone with the reason, so nothing typed silently vanishes. */
export function RejectedChanges() {
  const t = useT();
  const userId = useSession((s) => s.session?.user.id);
  // Another account's refused changes are its own data: shown only to it (sync/account.ts).
  const rejected = useLiveQuery(
    () =>
      getDb()
        .rejected.reverse()
        .filter((r) => r.userId === undefined || r.userId === userId)
        .limit(100)
        .toArray(),
    [userId],
  );
  if (!rejected || rejected.length === 0) return null;
  return (
    <section id="rejected">
      <h2>{t('rejected.title')}</h2>
      <p className="hint">{t('rejected.explain')}</p>
      <ul className="list">
        {rejected.map((r) => {
          const typed = typedValues(t, r.change.table, r.change.fields);
          const name = r.change.fields.label ?? r.change.fields.name ?? r.change.fields.title;
          return (
            <li key={r.id} className="list-item" data-testid="rejected-change">
              <span className="item-title">
                {t(`table.${r.change.table}` as MessageKey)}
                {typeof name === 'string' ? `: ${name}` : ''}
              </span>
              <span className="item-meta has-error">{refusalReason(t, r.change.table, r)}</span>
              {typed.length > 0 ? (
                <span className="item-meta">
                  {t('rejected.typed')}: {typed.map(({ label, value }) => `${label}: ${value}`).join(' · ')}
                </span>
              ) : null}
              <span className="item-meta">{formatCommuneTime(r.rejectedAt, true)}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
