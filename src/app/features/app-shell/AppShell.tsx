import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n/i18n';
import { useSession } from '../../sync/session';
import { ToastHost } from '../../ui/ToastHost';
import { SyncBar } from '../sync-status/SyncBar';
import { UpdatePrompt } from './UpdatePrompt';

export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  const role = useSession((s) => s.session?.user.role);
  const canManage = role === 'lead' || role === 'commune';
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
      <UpdatePrompt />
      <main className="page">{children}</main>
      <ToastHost />
    </>
  );
}
