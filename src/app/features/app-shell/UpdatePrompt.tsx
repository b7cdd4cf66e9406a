import { useT } from '../../i18n/i18n';
import { usePwa } from '../../pwa/service-worker';

export function UpdatePrompt() {
  const t = useT();
  const { updateWaiting, applyUpdate, dismissUpdate } = usePwa();
  if (!updateWaiting) return null;
  return (
    <div className="banner" role="alert">
      <span>{t('update.available')}</span>
      <button type="button" className="button primary" onClick={applyUpdate}>
        {t('update.reload')}
      </button>
      <button type="button" className="button" onClick={dismissUpdate}>
        {t('update.later')}
      </button>
    </div>
  );
}
