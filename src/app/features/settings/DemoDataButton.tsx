import { useState } from 'react';
import { useT } from '../../i18n/i18n';
import { useSettings } from '../../state/settings-store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';

export function DemoDataButton() {
  const t = useT();
  const memberName = useSettings((s) => s.memberName);
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>();
  const [result, setResult] = useState<string | undefined>();

  async function create() {
    setConfirming(false);
    setResult(undefined);
    setProgress({ done: 0, total: 13 });
    try {
      // Loaded on demand: the generator and its name lists are not needed on a normal day.
      const { seedDemoData } = await import('../../db/demo-seeder');
      const count = await seedDemoData(memberName || 'Demo', (done, total) => setProgress({ done, total }));
      setResult(t('settings.demoDone', { count }));
    } catch (error) {
      setResult(t('app.saveFailed', { detail: String(error) }));
    } finally {
      setProgress(undefined);
    }
  }

  return (
    <div>
      <button
        type="button"
        className="button"
        disabled={progress !== undefined}
        onClick={() => setConfirming(true)}
      >
        {t('settings.demoCreate')}
      </button>
      {progress && (
        <div role="status">
          <progress max={progress.total} value={progress.done} />
          <span>{t('settings.demoProgress', { done: progress.done, total: progress.total })}</span>
        </div>
      )}
      {result && <p role="status">{result}</p>}
      <ConfirmDialog
        open={confirming}
        title={t('settings.demoConfirmTitle')}
        body={t('settings.demoConfirmBody')}
        confirmLabel={t('settings.demoCreate')}
        onConfirm={create}
        onCancel={() => setConfirming(false)}
      />
    </div>
  );
}
