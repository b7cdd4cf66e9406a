import { useState } from 'react';
import type { MessageKey } from '../../i18n/i18n';
import { useT } from '../../i18n/i18n';
import { saveFailedMessage } from '../../ui/use-save-form';
import { useAppLock } from './lock-store';
import { newPinProblem, type PinProblem } from './pin';
import './app-lock.css';
import { PinField } from './PinField';

/** Choosing the PIN after logging in (issue 14, kind 9): twice, 4–6 digits, not an obvious one. */
export function PinSetup({ userId }: { userId: string }) {
  const t = useT();
  const choosePin = useAppLock((s) => s.choosePin);
  const [pin, setPin] = useState('');
  const [repeated, setRepeated] = useState('');
  const [problem, setProblem] = useState<PinProblem | undefined>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const found = newPinProblem(pin, repeated);
    setProblem(found);
    if (found) return;
    setBusy(true);
    setFailure(undefined);
    try {
      await choosePin(userId, pin);
    } catch (error) {
      // A full phone cannot even keep the PIN: said in its words, and the app stays locked.
      setFailure(saveFailedMessage(t, error));
    } finally {
      setBusy(false);
    }
  }

  const errorOf = (field: 'pin' | 'repeated'): MessageKey | undefined =>
    problem && (problem === 'pinMismatch') === (field === 'repeated') ? `lock.err.${problem}` : undefined;

  return (
    <main className="page lock-page" id="main">
      <h1>{t('lock.setupTitle')}</h1>
      <p className="hint">{t('lock.setupExplain')}</p>
      <form onSubmit={submit} noValidate className="pin-form">
        <PinField
          name="new-pin"
          label={t('lock.newPin')}
          value={pin}
          onChange={(v) => setPin(v.trim())}
          error={errorOf('pin')}
          autoFocus
        />
        <PinField
          name="repeat-pin"
          label={t('lock.repeatPin')}
          value={repeated}
          onChange={(v) => setRepeated(v.trim())}
          error={errorOf('repeated')}
        />
        {failure && (
          <p className="error" role="alert">
            {failure}
          </p>
        )}
        <button type="submit" className="button primary wide" disabled={busy}>
          {busy ? t('lock.checking') : t('lock.setPin')}
        </button>
      </form>
    </main>
  );
}
