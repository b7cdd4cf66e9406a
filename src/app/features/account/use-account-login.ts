import { useState } from 'react';
import { useLocation } from 'wouter';
import { getDb } from '../../db/database';
import { type AccountSwitch, accountSwitch, adoptAccount } from '../../sync/account';
import { WIPE_NOTICE_KEY } from '../../sync/local-wipe';
import { type Session, useSession } from '../../sync/session';
import { syncEngine } from '../../sync/sync-engine';
import { useAppLock } from '../app-lock/lock-store';
import { logout } from './auth-api';

/**
 * Finishing a login on this phone (issue 13, kind 3): when the phone holds another account's data,
 * the person is asked first — their login hides the villages they may not see and leaves the other
 * account's unsent changes for it, unless they take them over on purpose. Nothing changes on the
 * phone until they say yes; saying no revokes the new session.
 */
export function useAccountLogin() {
  const [, navigate] = useLocation();
  const save = useSession((s) => s.save);
  const [pending, setPending] = useState<{ session: Session; change: AccountSwitch } | undefined>();

  async function finish(session: Session, takeOver = false): Promise<void> {
    setPending(undefined);
    await adoptAccount(session, { takeOver });
    // A login from the lock screen, or by another account, sets a new PIN (issue 14, kind 9).
    await useAppLock.getState().afterLogin(session.user.id);
    await getDb().meta.delete(WIPE_NOTICE_KEY);
    await save(session);
    navigate('/', { replace: true });
    void syncEngine.syncNow();
  }

  /** Logs in as `session`, or stops to ask when another account's data is on the phone. */
  async function start(session: Session): Promise<void> {
    const change = await accountSwitch(session.user);
    if (change.previous) setPending({ session, change });
    else await finish(session);
  }

  function cancel(): void {
    if (pending) void logout(pending.session.token).catch(() => {});
    setPending(undefined);
  }

  return { pending, start, finish, cancel };
}
