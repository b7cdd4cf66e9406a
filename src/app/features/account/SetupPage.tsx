import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { ApiFailure } from '../../sync/api-client';
import { TextField } from '../../ui/fields';
import {
  type AccountErrors,
  displayNameError,
  normalizeUsername,
  passwordError,
  usernameError,
  withoutEmpty,
} from '../admin/user-form-values';
import { AccountSwitchDialog } from './AccountSwitchDialog';
import { setupFirstAccount } from './auth-api';
import { useAccountLogin } from './use-account-login';

/** Works only while the server has no account at all: it creates the first commune officer. */
export function SetupPage() {
  const t = useT();
  const account = useAccountLogin();
  const [values, setValues] = useState({ displayName: '', username: '', password: '' });
  const [error, setError] = useState<string | undefined>();
  const [errors, setErrors] = useState<AccountErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setError(undefined);
    // The server's rules, beside each field (an ID number typed as a name is refused there too).
    const found = withoutEmpty({
      displayName: displayNameError(values.displayName),
      username: usernameError(values.username),
      password: passwordError(values.password),
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await account.start(
        await setupFirstAccount(
          normalizeUsername(values.username),
          values.password,
          values.displayName.trim(),
        ),
      );
    } catch (failure) {
      setError(t('setup.error', { code: failure instanceof ApiFailure ? failure.code : String(failure) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t('setup.title')}</h1>
      <p className="hint">{t('setup.explain')}</p>
      <form onSubmit={submit} noValidate>
        <TextField
          name="displayName"
          autoComplete="name"
          label={t('setup.displayName')}
          value={values.displayName}
          onChange={set('displayName')}
          error={errors.displayName}
        />
        <TextField
          name="username"
          autoComplete="username"
          label={t('login.username')}
          value={values.username}
          onChange={set('username')}
          error={errors.username}
        />
        <TextField
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('admin.password')}
          value={values.password}
          onChange={set('password')}
          error={errors.password}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {t('setup.submit')}
        </button>
      </form>
      <AccountSwitchDialog account={account} />
    </section>
  );
}
