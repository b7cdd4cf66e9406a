import { type ReactNode, useLayoutEffect, useRef } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n/i18n';
// Imported for its side effect too: it sets the chosen text size before the first render.
import '../../state/settings-store';
import { useSession } from '../../sync/session';
import { ToastHost } from '../../ui/ToastHost';
import { WipeNotice } from '../app-lock/WipeNotice';
import { ClockWarning } from '../sync-status/ClockWarning';
import { SyncBar } from '../sync-status/SyncBar';
import { VillageGate } from '../villages/VillageGate';
import { StorageAlert } from './StorageAlert';
import { UpdatePrompt } from './UpdatePrompt';

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const role = useSession((s) => s.session?.user.role);
  const canManage = role === 'lead' || role === 'commune';
  const header = useStickyHeaderHeight();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('a11y.skipToContent')}
      </a>
      <header className="app-header" ref={header}>
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('app.name')}>
          <Link href="/" className="nav-link">
            {/* A reporting unit's account has no village: its home is its unit (issue 19). */}
            {role === 'unit' ? t('nav.unit') : t('nav.villages')}
          </Link>
          {canManage && (
            <Link href="/admin" className="nav-link">
              {t('nav.admin')}
            </Link>
          )}
          <Link href="/settings" className="nav-link">
            {t('nav.settings')}
          </Link>
        </nav>
      </header>
      <SyncBar />
      <ClockWarning />
      <StorageAlert />
      <WipeNotice />
      <UpdatePrompt />
      <main className="page" id="main" tabIndex={-1}>
        <VillageGate>{children}</VillageGate>
      </main>
      <ToastHost />
    </>
  );
}

/**
 * The header sticks to the top while it is small. With large text or zoom it wraps onto more lines, and
 * a header taking more than a sixth of the screen would leave too little to read (WCAG 1.4.10), so it
 * then scrolls away with the page. Whatever sticks below it (lane headings, scroll padding) reads its
 * real height from --header-height.
 */
const MAX_STICKY_SHARE = 1 / 6;

function useStickyHeaderHeight() {
  const ref = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const root = document.documentElement;
    const update = () => {
      const height = element.offsetHeight;
      const sticky = height <= window.innerHeight * MAX_STICKY_SHARE;
      element.classList.toggle('is-static', !sticky);
      root.style.setProperty('--header-height', `${sticky ? height : 0}px`);
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    // Turning the phone changes the screen's height without changing the header's size.
    window.addEventListener('resize', update);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', update);
    };
  }, []);
  return ref;
}
