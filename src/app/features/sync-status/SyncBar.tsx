import { type ComponentType, useId, useState } from 'react';
import { Link } from 'wouter';
import { SYNC_ERROR_CODES } from '../../../core/sync/protocol';
import { type MessageKey, type Translate, useT } from '../../i18n/i18n';
import { type OfflineReadiness, useOfflineReadiness } from '../../pwa/offline-readiness';
import { dismissRestoreNote } from '../../sync/resync';
import { canSync, useSession } from '../../sync/session';
import { type SyncStatus, useSyncStatus } from '../../sync/sync-status';
import type { SyncPanelProps } from './SyncPanel';
import { useOnline } from './use-online';
import {
  useKnownAccounts,
  useLostEditsCount,
  usePendingCounts,
  useRejectedCount,
  useRestoreNote,
} from './use-pending';

const KNOWN_ERRORS = new Set<string>(SYNC_ERROR_CODES);

/**
 * The sync status in two short lines that open, on a tap, the full panel (SyncPanel: the last sync,
 * "Đồng bộ ngay", what readiness lacks). Always in words: the connection, how many changes wait,
 * and then the one thing that matters most — an error, the first download's progress, or whether
 * the phone is ready to go out of signal (issue 15, kinds 4 and 5). At normal text it is one tap
 * target high (≤ 48 px), so the list below has room; its height does not change when a sync starts
 * or ends (the progress is a line drawn inside it), so nothing moves under a finger (kind 1).
 */
export function SyncBar() {
  const t = useT();
  const online = useOnline();
  const session = useSession((s) => s.session);
  const pending = usePendingCounts(session?.user.id);
  const rejected = useRejectedCount(session?.user.id);
  const lost = useLostEditsCount();
  const restored = useRestoreNote();
  const accounts = useKnownAccounts();
  const sync = useSyncStatus();
  const readiness = useOfflineReadiness();
  const [open, setOpen] = useState(false);
  const [Panel, setPanel] = useState<ComponentType<SyncPanelProps> | 'failed'>();
  const panelId = useId();
  const othersTotal = pending?.others.reduce((n, o) => n + o.count, 0) ?? 0;
  const syncable = pending ? pending.total - pending.demo - othersTotal : undefined;
  // Offline, a failed request is expected rather than news (the line above already says "Không có
  // mạng"): showing it in red on every screen of a day in the field would teach people to ignore red.
  const { lastError, pull } = sync;
  const unreachable = lastError?.code === 'network' || lastError?.code === 'timeout';
  const error = lastError && !(unreachable && !online) ? lastError : undefined;

  const toggle = () => {
    setOpen(!open);
    // The panel's code loads on the first tap (from the precache when offline), not with the app.
    if (!Panel || Panel === 'failed')
      import('./SyncPanel').then(
        (m) => setPanel(() => m.SyncPanel),
        () => setPanel('failed'),
      );
  };

  return (
    <div
      className="sync-bar"
      data-testid="sync-bar"
      data-phase={sync.phase}
      data-last-success={sync.lastSuccessAt ?? ''}
      data-error={error?.code ?? ''}
      data-ready={readiness ? String(readiness.ready) : ''}
    >
      <button
        type="button"
        className="sync-summary"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={toggle}
      >
        <span className="sync-summary-text">
          <span className="sync-summary-line">
            <span className={online ? 'dot online' : 'dot offline'} aria-hidden="true" />{' '}
            <span className="sync-connection">{online ? t('sync.online') : t('sync.offline')}</span>
            {' · '}
            <span
              data-testid="pending-count"
              data-count={pending?.total ?? ''}
              data-sync-count={syncable ?? ''}
            >
              {syncable === undefined
                ? t('app.loading')
                : syncable > 0
                  ? t('shell.pendingShort', { count: syncable })
                  : t('shell.nothingWaiting')}
            </span>
          </span>
          <span
            className={error ? 'sync-status has-error' : 'sync-status'}
            role="status"
            data-testid="sync-status"
          >
            {statusText(t, session, sync, error, readiness)}
          </span>
        </span>
        <span className="sync-chevron" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {pull && (
        <progress
          className="sync-progress"
          max={pull.received + pull.remaining}
          value={pull.received}
          aria-label={t('sync.syncing')}
        />
      )}
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
      {lost !== undefined && lost > 0 && (
        // A value of hers that a teammate's later edit replaced: not an error, but never silent.
        <Link href="/settings#lost-edits" className="sync-note" data-testid="lost-edits-note">
          {t('sync.lostEdits', { count: lost })}
        </Link>
      )}
      {restored && (
        // Not an error: the person learns why the phone downloaded everything again, once.
        <p className="sync-note" data-testid="restore-note">
          {t('sync.restored', { count: restored.resent })}{' '}
          <button type="button" className="button small" onClick={() => void dismissRestoreNote()}>
            {t('sync.restoredOk')}
          </button>
        </p>
      )}
      {open && (
        <div id={panelId} className="sync-panel">
          {Panel === 'failed' ? (
            <p className="sync-note has-error">{t('shell.panelFailed')}</p>
          ) : Panel ? (
            <Panel readiness={readiness} demoPending={(pending?.demo ?? 0) > 0} />
          ) : (
            <p className="sync-note">{t('app.loading')}</p>
          )}
        </div>
      )}
    </div>
  );
}

/** The compact line's second half: an error first, then the download, then offline readiness. */
function statusText(
  t: Translate,
  session: ReturnType<typeof useSession.getState>['session'],
  sync: SyncStatus,
  error: SyncStatus['lastError'],
  readiness: OfflineReadiness | undefined,
): string {
  if (!session) return t('shell.signedOut');
  // A disabled account is not an expired session: logging in again would not help.
  if (!canSync(session))
    return t(error?.code === 'account_disabled' ? 'sync.error.account_disabled' : 'sync.sessionExpired');
  if (error)
    return KNOWN_ERRORS.has(error.code)
      ? t(`sync.error.${error.code}` as MessageKey)
      : t('sync.error.unknown', { code: error.code });
  if (readiness?.pull && readiness.data === 'pulling')
    return t('shell.notReady.pulling', { received: readiness.pull.received, total: readiness.pull.total });
  if (sync.phase === 'pulling' && sync.pull)
    return t('sync.pulling', {
      received: sync.pull.received,
      total: sync.pull.received + sync.pull.remaining,
    });
  if (sync.phase === 'pushing') return t('sync.pushing');
  if (!readiness) return t('app.loading');
  if (!readiness.app) return t('shell.notReady.app');
  if (!readiness.ready) return t('shell.notReady.data');
  return t('shell.ready');
}
