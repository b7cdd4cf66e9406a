import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n/i18n';
import { ToastHost } from '../../ui/ToastHost';
import { SyncBar } from '../sync-status/SyncBar';
import { UpdatePrompt } from './UpdatePrompt';

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <>
      <header className="app-header">
        <Link href="/" className="brand">
          {t('app.name')}
        </Link>
        <nav aria-label={t('app.name')}>
          <Link href="/" className="nav-link">
            {t('nav.villages')}
          </Link>
          <Link href="/settings" className="nav-link">
            {t('nav.settings')}
          </Link>
        </nav>
      </header>
      <SyncBar />
      <UpdatePrompt />
      <main className="page">{children}</main>
      <ToastHost />
    </>
  );
}
