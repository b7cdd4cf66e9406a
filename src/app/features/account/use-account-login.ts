import { useState } from 'react';
import { useLocation } from 'wouter';
import { type AccountSwitch, accountSwitch, adoptAccount } from '../../sync/account';
import { type Session, useSession } from '../../sync/session';
import { syncEngine } from '../../sync/sync-engine';
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
