import { useState } from 'react';
import { Link } from 'wouter';
import { type MessageKey, useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { useAppLock } from '../app-lock/lock-store';
import { LogoutDialog } from './LogoutDialog';

/** Who is logged in on this phone; locking the app now, and logging out (which erases the phone). */
export function AccountSection() {
  const t = useT();
  const session = useSession((s) => s.session);
  const lock = useAppLock((s) => s.lock);
  const [confirming, setConfirming] = useState(false);
  if (!session) {
    return (
      <Link href="/login" className="button">
        {t('nav.login')}
      </Link>
    );
  }
  return (
    <div data-testid="account">
      <p>
        {t('login.loggedInAs', {
          name: session.user.displayName,
          role: t(`role.${session.user.role}` as MessageKey),
        })}
      </p>
      <button type="button" className="button" onClick={lock}>
        {t('lock.lockNow')}
      </button>{' '}
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        {t('login.logout')}
      </button>
      {confirming && <LogoutDialog session={session} open onClose={() => setConfirming(false)} />}
    </div>
  );
}
