import { Link } from 'wouter';
import { formatCommuneTime } from '../../../core/dates';
import { SYNC_ERROR_CODES } from '../../../core/sync/protocol';
import { type MessageKey, useT } from '../../i18n/i18n';
import { canSync, useSession } from '../../sync/session';
import { syncEngine } from '../../sync/sync-engine';
import { useSyncStatus } from '../../sync/sync-status';
import { useOnline } from './use-online';
import { useKnownAccounts, usePendingCounts, useRejectedCount } from './use-pending';

const KNOWN_ERRORS = new Set<string>(SYNC_ERROR_CODES);

/**
 * Always visible: the connection, how many changes wait, when the last sync succeeded, and the last
 * error in plain words, with a button to sync now.
 */
export function SyncBar() {
  const t = useT();
  const online = useOnline();
  const session = useSession((s) => s.session);
  const pending = usePendingCounts(session?.user.id);
  const rejected = useRejectedCount(session?.user.id);
  const accounts = useKnownAccounts();
  const { phase, lastSuccessAt, lastError, pull } = useSyncStatus();
  const othersTotal = pending?.others.reduce((n, o) => n + o.count, 0) ?? 0;
  const syncable = pending ? pending.total - pending.demo - othersTotal : undefined;
  // Offline, a failed request is expected rather than news (the line above already says "Không có
  // mạng"): showing it in red on every screen of a day in the field would teach people to ignore red.
  const unreachable = lastError?.code === 'network' || lastError?.code === 'timeout';
  const error = lastError && !(unreachable && !online) ? lastError : undefined;

  let status: string;
  if (!session) status = t('sync.signedOut');
  // A disabled account is not an expired session: logging in again would not help.
  else if (!canSync(session))
    status = t(error?.code === 'account_disabled' ? 'sync.error.account_disabled' : 'sync.sessionExpired');
  else if (phase === 'pulling' && pull)
    status = t('sync.pulling', { received: pull.received, total: pull.received + pull.remaining });
  else if (phase === 'pushing') status = t('sync.pushing');
  else if (error) {
    status = KNOWN_ERRORS.has(error.code)
      ? t(`sync.error.${error.code}` as MessageKey)
      : t('sync.error.unknown', { code: error.code });
  } else
    status = lastSuccessAt
      ? t('sync.lastSuccess', { time: formatCommuneTime(lastSuccessAt) })
      : t('sync.never');

  return (
    <div
      className="sync-bar"
      data-testid="sync-bar"
      data-phase={phase}
      data-last-success={lastSuccessAt ?? ''}
    >
      <div className="sync-line">
        <span className={online ? 'dot online' : 'dot offline'} aria-hidden="true" />
        <span className="sync-connection">{online ? t('sync.online') : t('sync.offline')}</span>
        <span data-testid="pending-count" data-count={pending?.total ?? ''} data-sync-count={syncable ?? ''}>
          {syncable === undefined
            ? t('app.loading')
            : syncable > 0
              ? t('sync.pending', { count: syncable })
              : t('sync.nothingPending')}
        </span>
      </div>
      <div className="sync-line">
        <span
          className={error ? 'sync-status has-error' : 'sync-status'}
          role="status"
          data-testid="sync-status"
        >
          {status}
        </span>
        {session && canSync(session) ? (
          <button
            type="button"
            className="button small"
            disabled={phase !== 'idle'}
            onClick={() => void syncEngine.syncNow()}
          >
            {phase === 'idle' ? t('sync.now') : t('sync.syncing')}
          </button>
        ) : (
          <Link href="/login" className="button small">
            {t('sync.loginToSync')}
          </Link>
        )}
      </div>
      {pull && (
        <progress
          className="sync-progress"
          max={pull.received + pull.remaining}
          value={pull.received}
          aria-label={t('sync.syncing')}
        />
      )}
      {pending && pending.demo > 0 && <p className="sync-note">{t('sync.demoNotSynced')}</p>}
      {pending?.others.map((o) => (
        <p key={o.userId} className="sync-note" data-testid="others-pending">
          {t('sync.othersPending', { count: o.count, name: accounts?.[o.userId]?.displayName ?? '?' })}
        </p>
      ))}
      {rejected !== undefined && rejected > 0 && (
        <Link href="/settings#rejected" className="sync-note has-error">
          {t('sync.rejected', { count: rejected })}
        </Link>
      )}
    </div>
  );
}
