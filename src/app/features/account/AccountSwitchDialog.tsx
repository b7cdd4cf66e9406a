import { useT } from '../../i18n/i18n';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import type { useAccountLogin } from './use-account-login';

/** Asks before another account takes over a phone holding someone else's data (issue 13, kind 3). */
export function AccountSwitchDialog({ account }: { account: ReturnType<typeof useAccountLogin> }) {
  const t = useT();
  const pending = account.pending;
  const previous = pending?.change.previous;
  const name = previous ? `${previous.displayName} (${previous.username})` : '';
  const count = pending?.change.pending ?? 0;
  const transferable = pending?.change.transferable ?? 0;
  const body = [
    t('account.switchBody', { name }),
    count > 0 ? t('account.switchPending', { name, count }) : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <ConfirmDialog
      open={pending !== undefined}
      title={t('account.switchTitle')}
      body={body}
      confirmLabel={count > 0 ? t('account.switchKeep') : t('login.submit')}
      onConfirm={() => pending && void account.finish(pending.session)}
      onCancel={account.cancel}
      alternative={
        pending && transferable > 0
          ? {
              label: t('account.switchTakeOver', { count: transferable }),
              onChoose: () => void account.finish(pending.session, true),
            }
          : undefined
      }
    />
  );
}
