import { format } from 'date-fns';
import { useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useToast } from '../../state/toast-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import {
  type AdminUser,
  adminFailureMessage,
  listDevices,
  resetPassword,
  revokeDevices,
  unlockUser,
  updateUser,
} from './admin-api';
import { AccountTextField } from './admin-fields';
import { passwordError } from './user-form-values';

type Pending = 'disable' | 'reset' | 'revoke';

interface Props {
  token: string;
  user: AdminUser;
  /** Disabling oneself would lock the last commune officer out; the server refuses it too. */
  isSelf: boolean;
  onChanged: (user: AdminUser) => void;
}

/** The account's destructive actions, each confirmed first: lock, new password, log out everywhere. */
export function UserActions({ token, user, isSelf, onChanged }: Props) {
  const t = useT();
  const showToast = useToast((s) => s.show);
  const [activeDevices, setActiveDevices] = useState<number | undefined>();
  const [password, setPassword] = useState('');
  const [passwordProblem, setPasswordProblem] = useState<ReturnType<typeof passwordError>>();
  const [pending, setPending] = useState<Pending | undefined>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  useEffect(() => {
    let current = true;
    listDevices(token, user.id).then(
      (devices) => {
        if (current) setActiveDevices(devices.filter((d) => d.status === 'active').length);
      },
      // The count is a courtesy: the list above already reports a lost connection.
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [token, user.id]);

  function askReset() {
    const problem = passwordError(password);
    setPasswordProblem(problem);
    if (!problem) setPending('reset');
  }

  async function confirm() {
    const action = pending;
    setPending(undefined);
    setBusy(true);
    setFailure(undefined);
    try {
      if (action === 'disable') {
        onChanged(await updateUser(token, user.id, { disabled: true }));
        setActiveDevices(0);
        showToast({ message: t('admin.saved') });
      } else if (action === 'reset') {
        await resetPassword(token, user.id, password);
        setPassword('');
        setActiveDevices(0);
        showToast({ message: t('admin.passwordReset') });
      } else if (action === 'revoke') {
        const revoked = await revokeDevices(token, user.id);
        setActiveDevices(0);
        showToast({ message: t('admin.revoked', { count: revoked }) });
      }
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  async function unlock() {
    setBusy(true);
    setFailure(undefined);
    try {
      await unlockUser(token, user.id);
      onChanged({ ...user, lockedUntil: null });
      showToast({ message: t('admin.unlocked') });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  async function enable() {
    setBusy(true);
    setFailure(undefined);
    try {
      onChanged(await updateUser(token, user.id, { disabled: false }));
      showToast({ message: t('admin.enabled') });
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const name = user.displayName;
  const lockedMs = user.lockedUntil ? Date.parse(user.lockedUntil) : Number.NaN;
  const lockedUntil = lockedMs > Date.now() ? format(new Date(lockedMs), 'HH:mm dd/MM') : undefined;
  const dialog = {
    disable: {
      title: t('admin.disableTitle', { name }),
      body: t('admin.disableBody'),
      label: t('admin.disable'),
    },
    reset: {
      title: t('admin.resetTitle', { name }),
      body: t('admin.resetBody'),
      label: t('admin.resetPassword'),
    },
    revoke: {
      title: t('admin.revokeTitle', { name }),
      body: t('admin.revokeBody'),
      label: t('admin.revokeDevices'),
    },
  }[pending ?? 'revoke'];

  return (
    <div className="admin-actions">
      {activeDevices !== undefined && (
        <p className="item-meta">{t('admin.devices', { count: activeDevices })}</p>
      )}
      {lockedUntil !== undefined && (
        <>
          <p className="item-meta" data-testid="account-locked">
            {t('admin.locked', { time: lockedUntil })}
          </p>
          <button type="button" className="button wide" disabled={busy} onClick={() => void unlock()}>
            {t('admin.unlock')}
          </button>
        </>
      )}
      {failure !== undefined && (
        <p className="error" role="alert">
          {adminFailureMessage(t, failure)}
        </p>
      )}
      <AccountTextField
        name="newPassword"
        kind="new-password"
        label={t('admin.newPassword')}
        value={password}
        onChange={setPassword}
        error={passwordProblem}
      />
      <button type="button" className="button wide" disabled={busy} onClick={askReset}>
        {t('admin.resetPassword')}
      </button>
      <button
        type="button"
        className="button wide danger"
        disabled={busy}
        onClick={() => setPending('revoke')}
      >
        {t('admin.revokeDevices')}
      </button>
      {!isSelf &&
        (user.disabled ? (
          <button type="button" className="button wide" disabled={busy} onClick={() => void enable()}>
            {t('admin.enable')}
          </button>
        ) : (
          <button
            type="button"
            className="button wide danger"
            disabled={busy}
            onClick={() => setPending('disable')}
          >
            {t('admin.disable')}
          </button>
        ))}
      <ConfirmDialog
        open={pending !== undefined}
        title={dialog.title}
        body={dialog.body}
        confirmLabel={dialog.label}
        danger
        onConfirm={() => void confirm()}
        onCancel={() => setPending(undefined)}
      />
    </div>
  );
}
