import { lazy, Suspense, useEffect, useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useAppLock } from './lock-store';
import { MAX_PIN_FAILURES, MAX_PIN_LENGTH, type PinCheck } from './pin';
import './app-lock.css';
import { PinField } from './PinField';

const LoginPage = lazy(() => import('../account/LoginPage').then((m) => ({ default: m.LoginPage })));

/** Seconds left until `until` (epoch ms), updated every second while there are some. */
function useSecondsUntil(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= Date.now()) return;
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, [until]);
  return Math.max(0, Math.ceil((until - now) / 1_000));
}

/**
 * What a locked phone shows (issue 14, kind 9): the PIN field and a way back in with the password,
 * nothing else — no village, no name, no count. After MAX_PIN_FAILURES wrong PINs only the password
 * opens it; the data and the outbox stay on the phone.
 */
export function LockScreen() {
  const t = useT();
  const record = useAppLock((s) => s.record);
  const [forgot, setForgot] = useState(false);
  if (record?.loginRequired || forgot) {
    return (
      <main className="page lock-page" id="main">
        <p className="notice" role="status">
          {record?.loginRequired
            ? t('lock.loginRequired', { count: MAX_PIN_FAILURES })
            : t('lock.forgotHint')}
        </p>
        <Suspense fallback={<p>{t('app.loading')}</p>}>
          <LoginPage />
        </Suspense>
        {!record?.loginRequired && (
          <button type="button" className="button wide" onClick={() => setForgot(false)}>
            {t('lock.backToPin')}
          </button>
        )}
      </main>
    );
  }
  return <PinEntry onForgot={() => setForgot(true)} />;
}

function PinEntry({ onForgot }: { onForgot: () => void }) {
  const t = useT();
  const tryPin = useAppLock((s) => s.tryPin);
  const waitUntil = useAppLock((s) => s.record?.waitUntil ?? 0);
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<PinCheck | undefined>();
  const seconds = useSecondsUntil(waitUntil);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!pin || seconds > 0) return;
    setBusy(true);
    try {
      const checked = await tryPin(pin);
      setResult(checked);
      setPin('');
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page lock-page" id="main">
      <h1>{t('lock.title')}</h1>
      <p className="hint">{t('lock.explain')}</p>
      <form onSubmit={submit} noValidate className="pin-form">
        <PinField
          name="pin"
          label={t('lock.pin')}
          value={pin}
          onChange={(v) => setPin(v.replace(/\D/g, '').slice(0, MAX_PIN_LENGTH))}
          autoFocus
        />
        <div aria-live="polite" data-testid="lock-status">
          {result?.kind === 'wrong' && (
            <p className="error" role="alert">
              {t('lock.wrong')} {result.failures >= 3 ? t('lock.left', { count: result.left }) : ''}
            </p>
          )}
          {seconds > 0 && <p className="notice">{t('lock.wait', { seconds })}</p>}
        </div>
        <button
          type="submit"
          className="button primary wide"
          disabled={busy || seconds > 0 || pin.length === 0}
        >
          {busy ? t('lock.checking') : t('lock.unlock')}
        </button>
      </form>
      <button type="button" className="button wide lock-forgot" onClick={onForgot}>
        {t('lock.forgot')}
      </button>
    </main>
  );
}
