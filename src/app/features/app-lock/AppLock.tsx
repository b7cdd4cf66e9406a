import { type ReactNode, useEffect } from 'react';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { LockScreen } from './LockScreen';
import { isIdle, useAppLock } from './lock-store';
import { PinSetup } from './PinSetup';

/** Idle checks between interactions; the lock comes at most this long after the idle time. */
const IDLE_CHECK_MS = 15_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * The app lock's gate (issue 14, kind 9). While an account is logged in, `children` — every route,
 * the header, the sync bar — are rendered only once the PIN is set and entered: locked, they are not
 * in the page at all, not merely covered. Logged out, the phone shows only demo villages, and there
 * is nothing to lock.
 */
export function AppLock({ children }: { children: ReactNode }) {
  const t = useT();
  const sessionLoaded = useSession((s) => s.loaded);
  const userId = useSession((s) => s.session?.user.id);
  const loadedFor = useAppLock((s) => s.loadedFor);
  const record = useAppLock((s) => s.record);
  const unlocked = useAppLock((s) => s.unlocked);
  const load = useAppLock((s) => s.load);

  useEffect(() => {
    if (userId && loadedFor !== userId) void load(userId);
    if (!userId && loadedFor !== undefined) useAppLock.getState().forget();
  }, [userId, loadedFor, load]);

  if (!sessionLoaded) return <p className="lock-loading">{t('app.loading')}</p>;
  if (!userId) return children;
  if (loadedFor !== userId) return <p className="lock-loading">{t('app.loading')}</p>;
  if (!record || record.userId !== userId) return <PinSetup userId={userId} />;
  if (!unlocked) return <LockScreen />;
  return (
    <>
      <IdleLock />
      {children}
    </>
  );
}

/** Locks after LOCK_AFTER_IDLE_MS without a touch, or when the app comes back after being hidden that long. */
function IdleLock() {
  useEffect(() => {
    const { touch, lock } = useAppLock.getState();
    const onActivity = () => touch(Date.now());
    const check = () => {
      if (isIdle(useAppLock.getState().lastActiveMs, Date.now())) lock();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') check();
    };
    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, onActivity, { capture: true, passive: true });
    document.addEventListener('visibilitychange', onVisibility);
    const timer = setInterval(check, IDLE_CHECK_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
      clearInterval(timer);
    };
  }, []);
  return null;
}
