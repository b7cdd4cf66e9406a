import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { useOnline } from './use-online';

/** Always visible: whether there is a connection and how many changes still wait to be sent. */
export function SyncBar() {
  const t = useT();
  const online = useOnline();
  const pending = useLiveQuery(() => getDb().outbox.count(), []);
  return (
    <div className="sync-bar" data-testid="sync-bar">
      <span className={online ? 'dot online' : 'dot offline'} aria-hidden="true" />
      <span className="sync-connection">{online ? t('sync.online') : t('sync.offline')}</span>
      <span data-testid="pending-count" data-count={pending ?? ''}>
        {pending === undefined
          ? t('app.loading')
          : pending > 0
            ? t('sync.pending', { count: pending })
            : t('sync.nothingPending')}
      </span>
    </div>
  );
}
