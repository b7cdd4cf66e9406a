import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useLocation } from 'wouter';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { eraseEverythingOnLogout } from '../../sync/local-wipe';
import { type Session, useSession } from '../../sync/session';
import { syncEngine } from '../../sync/sync-engine';
import { useSyncStatus } from '../../sync/sync-status';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useAppLock } from '../app-lock/lock-store';
import { logout } from './auth-api';

/** Unsent changes on the phone (any account's; demo villages never sync), and how many are another's. */
async function countUnsent(userId: string): Promise<{ total: number; others: number }> {
  const db = getDb();
  const demo = new Set((await db.villages.toArray()).filter((v) => v.demo).map((v) => v.id));
  const entries = await db.outbox.filter((e) => !demo.has(e.villageId)).toArray();
  return {
    total: entries.length,
    others: entries.filter((e) => e.userId !== undefined && e.userId !== userId).length,
  };
}

/**
 * Logging out of a shared phone (issue 14, kind 9): it erases everything personal from the phone
 * (sync/local-wipe.ts), so it says first how many changes are unsent, offers to sync them, and
 * refuses to erase them unless the person chooses to discard them and confirms a second time with
 * their number. The count is taken again just before erasing: a change saved meanwhile in another
 * tab is never discarded without being named.
 */
export function LogoutDialog({
  session,
  open,
  onClose,
}: {
  session: Session;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const [, navigate] = useLocation();
  const unsent = useLiveQuery(() => countUnsent(session.user.id), [session.user.id]);
  const syncing = useSyncStatus((s) => s.phase !== 'idle');
  const lastError = useSyncStatus((s) => s.lastError);
  const [discarding, setDiscarding] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const total = unsent?.total ?? 0;

  /** Erases the phone when no more than `allowed` changes are unsent; otherwise leaves the dialog up. */
  async function logOutAndErase(allowed: number): Promise<void> {
    setBusy(true);
    try {
      if ((await countUnsent(session.user.id)).total > allowed) {
        setDiscarding(undefined);
        return;
      }
      // No new sync may start, and the one under way must end before the erasure, or a pulled page
      // could write rows back after it.
      useSession.setState({ session: undefined });
      await syncEngine.settled();
      await logout(session.token).catch(() => {
        // Offline: the token is erased from the phone with the rest, and expires on the server.
      });
      await eraseEverythingOnLogout();
      useAppLock.getState().forget();
      onClose();
      navigate('/', { replace: true });
    } finally {
      setBusy(false);
    }
  }

  const body = [
    t('logout.body'),
    total === 0 ? t('logout.nothingPending') : t('logout.pending', { count: total }),
    unsent && unsent.others > 0 ? t('logout.pendingOthers', { count: unsent.others }) : '',
    total > 0 && lastError && !syncing ? `(${lastError.code})` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <>
      <ConfirmDialog
        open={open && discarding === undefined && unsent !== undefined}
        title={t('logout.title')}
        body={body}
        danger={total === 0}
        confirmLabel={
          busy
            ? t('logout.working')
            : total === 0
              ? t('login.logout')
              : syncing
                ? t('logout.syncing')
                : t('logout.syncFirst')
        }
        onConfirm={() => {
          if (busy) return;
          if (total === 0) void logOutAndErase(0);
          else if (!syncing) void syncEngine.syncNow();
        }}
        onCancel={onClose}
        alternative={
          total > 0
            ? { label: t('logout.discard', { count: total }), onChoose: () => setDiscarding(total) }
            : undefined
        }
      />
      <ConfirmDialog
        open={open && discarding !== undefined}
        title={t('logout.discardTitle', { count: discarding ?? 0 })}
        body={t('logout.discardBody', { count: discarding ?? 0 })}
        danger
        confirmLabel={busy ? t('logout.working') : t('logout.discardConfirm', { count: discarding ?? 0 })}
        onConfirm={() => {
          if (!busy && discarding !== undefined) void logOutAndErase(discarding);
        }}
        onCancel={() => setDiscarding(undefined)}
      />
    </>
  );
}
