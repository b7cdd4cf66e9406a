import { Link } from 'wouter';
import { formatCommuneTime } from '../../../core/dates';
import { type MessageKey, useT } from '../../i18n/i18n';
import type { OfflineReadiness } from '../../pwa/offline-readiness';
import { canSync, useSession } from '../../sync/session';
import { syncEngine } from '../../sync/sync-engine';
import { useSyncStatus } from '../../sync/sync-status';
import { useStorageStatus } from '../settings/use-storage-status';

export interface SyncPanelProps {
  readiness: OfflineReadiness | undefined;
  /** Demo villages have changes on the phone: they are practice data and never sync. */
  demoPending: boolean;
}

/**
 * The sync status opened (a tap on SyncBar): what offline readiness has and lacks, one line each,
 * with whether the browser keeps the data for good; the last successful sync; and "Đồng bộ ngay".
 * Loaded on the first tap, so the first load does not carry it.
 */
export function SyncPanel({ readiness, demoPending }: SyncPanelProps) {
  const t = useT();
  const session = useSession((s) => s.session);
  const { phase, lastSuccessAt } = useSyncStatus();
  const { status: storage } = useStorageStatus();
  const parts: Array<{ key: string; done: boolean; text: string }> = [];
  if (readiness) {
    parts.push({
      key: 'app',
      done: readiness.app,
      text: t(readiness.app ? 'shell.part.app.done' : 'shell.part.app.missing'),
    });
    parts.push({
      key: 'data',
      done: readiness.data === 'done',
      text:
        readiness.data === 'pulling' && readiness.pull
          ? t('shell.part.data.pulling', { received: readiness.pull.received, total: readiness.pull.total })
          : t(`shell.part.data.${readiness.data}` as MessageKey),
    });
  }
  if (storage)
    parts.push({
      key: 'storage',
      done: storage.persisted,
      text: t(storage.persisted ? 'shell.part.storage.kept' : 'shell.part.storage.notKept'),
    });

  return (
    <section aria-label={t('shell.panelTitle')}>
      <ul className="readiness-parts" data-testid="readiness-parts">
        {parts.map((part) => (
          <li key={part.key} data-part={part.key} data-done={String(part.done)}>
            <span aria-hidden="true">{part.done ? '✓' : part.key === 'storage' ? '⚠' : '…'}</span> {part.text}
          </li>
        ))}
      </ul>
      <p className="sync-note" data-testid="last-sync">
        {lastSuccessAt ? t('sync.lastSuccess', { time: formatCommuneTime(lastSuccessAt) }) : t('sync.never')}
      </p>
      {demoPending && <p className="sync-note">{t('sync.demoNotSynced')}</p>}
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
    </section>
  );
}
