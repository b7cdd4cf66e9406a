import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useSettings } from '../../state/settings-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { saveFailedMessage } from '../../ui/use-save-form';
import { useDemoSeeding } from './demo-store';

export function DemoDataButton() {
  const t = useT();
  const memberName = useSettings((s) => s.memberName);
  const busy = useDemoSeeding((s) => s.progress !== undefined);
  const run = useDemoSeeding((s) => s.run);
  const [confirming, setConfirming] = useState(false);

  return (
    <div>
      <button type="button" className="button" disabled={busy} onClick={() => setConfirming(true)}>
        {t('settings.demoCreate')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={t('settings.demoConfirmTitle')}
        body={t('settings.demoConfirmBody')}
        confirmLabel={t('settings.demoCreate')}
        onConfirm={() => {
          setConfirming(false);
          void run(memberName || 'Demo');
        }}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}

/** Progress while demo villages are written, then the outcome. */
export function DemoStatus() {
  const t = useT();
  const { progress, outcome } = useDemoSeeding();
  if (progress) {
    return (
      <div role="status" className="demo-status">
        <progress max={progress.total} value={progress.done} />
        <span>{t('settings.demoProgress', { done: progress.done, total: progress.total })}</span>
      </div>
    );
  }
  if (!outcome) return null;
  return (
    <p role="status" className={outcome.ok ? 'demo-status' : 'demo-status error'}>
      {outcome.ok ? t('settings.demoDone', { count: outcome.count }) : saveFailedMessage(t, outcome.error)}
    </p>
  );
}
