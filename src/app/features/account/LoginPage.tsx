import { useEffect, useRef, useState } from 'react';
import { Link } from 'wouter';
import { useT } from '../../i18n/i18n';
import { ApiFailure } from '../../sync/api-client';
import { TextField } from '../../ui/fields';
import { AccountSwitchDialog } from './AccountSwitchDialog';
import { login, setupNeeded } from './auth-api';
import { useAccountLogin } from './use-account-login';

export function LoginPage() {
  const t = useT();
  const account = useAccountLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [needsSetup, setNeedsSetup] = useState(false);

  useEffect(() => {
    setupNeeded().then(setNeedsSetup, () => {});
  }, []);

  // A login that succeeds moves on (the PIN, the villages) and this page goes away while the login
  // still finishes: it must not then set state on a page that is gone.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await account.start(await login(username.trim(), password));
    } catch (failure) {
      if (mounted.current) setError(describeLoginError(failure, t));
    } finally {
      if (mounted.current) setBusy(false);
    }
  }

  return (
    <section>
      <h1>{t('login.title')}</h1>
      <p className="hint">{t('login.hint')}</p>
      {needsSetup && (
        <p className="notice">
          <Link href="/setup">{t('setup.title')}</Link>
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <TextField
          name="username"
          autoComplete="username"
          label={t('login.username')}
          value={username}
          onChange={setUsername}
        />
        <TextField
          name="password"
          type="password"
          autoComplete="current-password"
          label={t('login.password')}
          value={password}
          onChange={setPassword}
        />
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy || !username || !password}>
          {busy ? t('login.working') : t('login.submit')}
        </button>
      </form>
      <AccountSwitchDialog account={account} />
    </section>
  );
}

export function describeLoginError(failure: unknown, t: ReturnType<typeof useT>): string {
  if (!(failure instanceof ApiFailure)) return t('login.error.other', { code: String(failure) });
  switch (failure.code) {
    case 'network':
      return t('login.needsNetwork');
    case 'bad_credentials':
      return t('login.error.bad_credentials');
    case 'account_disabled':
      return t('login.error.account_disabled');
    case 'too_many_attempts':
      return t('login.error.too_many_attempts', { seconds: failure.retryAfterSeconds ?? 30 });
    default:
      return t('login.error.other', { code: failure.code });
  }
}
