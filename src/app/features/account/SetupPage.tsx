import { useState } from 'react';
import { useLocation } from 'wouter';
import { useT } from '../../i18n/i18n';
import { ApiFailure } from '../../sync/api-client';
import { useSession } from '../../sync/session';
import { syncEngine } from '../../sync/sync-engine';
import { TextField } from '../../ui/fields';
import { setupFirstAccount } from './auth-api';

/** Works only while the server has no account at all: it creates the first commune officer. */
export function SetupPage() {
  const t = useT();
  const [, navigate] = useLocation();
  const save = useSession((s) => s.save);
  const [values, setValues] = useState({ displayName: '', username: '', password: '' });
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await save(await setupFirstAccount(values.username.trim(), values.password, values.displayName.trim()));
      navigate('/', { replace: true });
      void syncEngine.syncNow();
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
        />
        <TextField
          name="username"
          autoComplete="username"
          label={t('login.username')}
          value={values.username}
          onChange={set('username')}
        />
        <TextField
          name="password"
          type="password"
          autoComplete="new-password"
          label={t('admin.password')}
          value={values.password}
          onChange={set('password')}
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
    </section>
  );
}
