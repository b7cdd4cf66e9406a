import { useState } from 'react';
import { Link } from 'wouter';
import { type MessageKey, useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { logout } from './auth-api';

/** Who is logged in on this phone, and logging out without touching local data. */
export function AccountSection() {
  const t = useT();
  const { session, clear } = useSession();
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
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        {t('login.logout')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('login.logoutConfirmTitle')}
        body={t('login.logoutConfirmBody')}
        confirmLabel={t('login.logout')}
        onConfirm={async () => {
          setConfirming(false);
          // Revoking on the server is best effort: offline, the token simply expires.
          await logout(session.token).catch(() => {});
          await clear();
        }}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
