import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getDb } from '../../db/database';
import { useT } from '../../i18n/i18n';
import { type WipeNotice as Notice, WIPE_NOTICE_KEY } from '../../sync/local-wipe';

/**
 * After a revoke or a disabled account erased the register (sync/local-wipe.ts): says so, and how many
 * unsent changes were kept, until someone logs in again.
 */
export function WipeNotice() {
  const t = useT();
  const notice = useLiveQuery(
    async () => (await getDb().meta.get(WIPE_NOTICE_KEY))?.value as Notice | undefined,
    [],
  );
  if (!notice) return null;
  return (
    <div className="banner" role="status" data-testid="wipe-notice">
      <span>
        {t(`wipe.${notice.reason}`)}{' '}
        {notice.pending > 0 ? t('wipe.pendingKept', { count: notice.pending }) : ''}
      </span>
      <Link href="/login" className="button">
        {t('login.submit')}
      </Link>
    </div>
  );
}
